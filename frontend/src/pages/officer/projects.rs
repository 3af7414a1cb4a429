//! A round's projects in the console: the list, one form to add or edit a project, and import
//! from CSV or Pabulib with a preview that names every faulty line before anything is saved.

use cairn_shared::api::{
    Feasibility, ImportReport, ImportRequest, OfficerRound, Project, ProjectInput,
};
use cairn_shared::money::Money;
use cairn_shared::round::Phase;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::manage::Reload;
use crate::api;
use crate::components::form::{
    CheckField, Outcome, OutcomeNotice, SelectField, TextArea, TextField, submit,
};
use crate::i18n::use_locale;

/// The fields of the project form, as typed.
#[derive(Clone, Copy)]
struct Draft {
    id: RwSignal<Option<String>>,
    district: RwSignal<String>,
    category: RwSignal<String>,
    title: RwSignal<String>,
    summary: RwSignal<String>,
    description: RwSignal<String>,
    cost: RwSignal<String>,
    location: RwSignal<String>,
    image: RwSignal<String>,
    feasibility: RwSignal<String>,
    reason: RwSignal<String>,
    withdrawn: RwSignal<bool>,
}

fn feasibility_str(f: Feasibility) -> &'static str {
    match f {
        Feasibility::Feasible => "feasible",
        Feasibility::NotFeasible => "not-feasible",
        Feasibility::Pending => "pending",
    }
}

impl Draft {
    fn new(district: String) -> Self {
        Draft {
            id: RwSignal::new(None),
            district: RwSignal::new(district),
            category: RwSignal::new(String::new()),
            title: RwSignal::new(String::new()),
            summary: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            cost: RwSignal::new(String::new()),
            location: RwSignal::new(String::new()),
            image: RwSignal::new(String::new()),
            feasibility: RwSignal::new("feasible".into()),
            reason: RwSignal::new(String::new()),
            withdrawn: RwSignal::new(false),
        }
    }

    fn load(&self, p: &Project) {
        self.id.set(Some(p.id.clone()));
        self.district.set(p.district.clone());
        self.category.set(p.category.clone().unwrap_or_default());
        self.title.set(p.title.clone());
        self.summary.set(p.summary.clone());
        self.description.set(p.description.clone());
        self.cost.set(p.cost.to_string());
        self.location.set(p.location.clone().unwrap_or_default());
        self.image.set(p.image_url.clone().unwrap_or_default());
        self.feasibility.set(feasibility_str(p.feasibility).into());
        self.reason
            .set(p.feasibility_reason.clone().unwrap_or_default());
        self.withdrawn.set(p.withdrawn);
    }

    fn clear(&self) {
        self.id.set(None);
        for field in [
            self.title,
            self.summary,
            self.description,
            self.cost,
            self.location,
            self.image,
            self.reason,
            self.category,
        ] {
            field.set(String::new());
        }
        self.feasibility.set("feasible".into());
        self.withdrawn.set(false);
    }

    fn input(&self) -> Result<ProjectInput, &'static str> {
        let optional = |s: RwSignal<String>| {
            let text = s.get_untracked().trim().to_owned();
            (!text.is_empty()).then_some(text)
        };
        let cost = Money::parse(&self.cost.get_untracked()).map_err(|_| "project-bad-cost")?;
        Ok(ProjectInput {
            id: self.id.get_untracked(),
            district: self.district.get_untracked(),
            category: optional(self.category),
            title: self.title.get_untracked().trim().to_owned(),
            summary: self.summary.get_untracked().trim().to_owned(),
            description: self.description.get_untracked().trim().to_owned(),
            cost,
            image_url: optional(self.image),
            location: optional(self.location),
            feasibility: match self.feasibility.get_untracked().as_str() {
                "not-feasible" => Feasibility::NotFeasible,
                "pending" => Feasibility::Pending,
                _ => Feasibility::Feasible,
            },
            feasibility_reason: optional(self.reason),
            withdrawn: self.withdrawn.get_untracked(),
        })
    }
}

#[component]
pub fn Projects(round: OfficerRound, reload: Reload) -> impl IntoView {
    let locale = use_locale();
    let detail = round.round;
    let editable = detail.phase < Phase::Voting;
    let currency = StoredValue::new(detail.currency.clone());
    let districts = StoredValue::new(detail.districts.clone());
    let area_options = Signal::derive(move || {
        districts.with_value(|d| {
            d.iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let categories = detail.categories.clone();
    let category_options = Signal::derive(move || {
        let mut options = vec![(String::new(), locale.t("project-no-category"))];
        options.extend(categories.iter().map(|c| (c.id.clone(), c.name.clone())));
        options
    });
    let draft = Draft::new(
        detail
            .districts
            .first()
            .map(|d| d.id.clone())
            .unwrap_or_default(),
    );
    let outcome = RwSignal::new(Outcome::Idle);
    let round_id = StoredValue::new(detail.id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.input() {
            Err(key) => outcome.set(Outcome::Failed(crate::api::ApiError::Status {
                status: 400,
                code: "bad-request".into(),
                message: locale.t(key),
                violations: Vec::new(),
            })),
            Ok(input) => submit(
                outcome,
                async move { api::save_project(&round_id.get_value(), &input).await },
                move |()| {
                    draft.clear();
                    reload.done(locale.t("project-saved"))
                },
            ),
        }
    };
    let feasibility_options = Signal::derive(move || {
        ["feasible", "not-feasible", "pending"]
            .into_iter()
            .map(|f| (f.to_owned(), locale.t(&format!("feasibility-{f}"))))
            .collect::<Vec<_>>()
    });
    let projects = detail.projects.clone();
    view! {
        <section aria-labelledby="projects-heading">
            <h2 id="projects-heading">{locale.text("round-projects")}</h2>
            {if projects.is_empty() {
                view! { <p>{locale.text("no-projects-yet")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table>
                            <caption>{locale.text("round-projects")}</caption>
                            <thead><tr>
                                <th scope="col">{locale.text("results-project")}</th>
                                <th scope="col">{locale.text("project-area")}</th>
                                <th scope="col">{locale.text("project-cost")}</th>
                                <th scope="col">{locale.text("project-status")}</th>
                                {editable.then(|| view! { <th scope="col">{locale.text("officer-actions")}</th> })}
                            </tr></thead>
                            <tbody>
                                {projects.into_iter().map(|p| {
                                    let area = districts.with_value(|d| d.iter().find(|d| d.id == p.district).map(|d| d.name.clone()).unwrap_or_default());
                                    let cost = p.cost;
                                    let status = if p.withdrawn { "project-withdrawn-short".to_owned() } else { format!("feasibility-{}", feasibility_str(p.feasibility)) };
                                    let title = p.title.clone();
                                    let edit_label = locale.tr("project-edit", &[("project", title.clone().into())]);
                                    view! {
                                        <tr>
                                            <th scope="row">{title}</th>
                                            <td>{area}</td>
                                            <td class="num">{move || locale.money(cost, &currency.get_value())}</td>
                                            <td>{move || locale.t(&status)}</td>
                                            {editable.then(|| view! {
                                                <td><button type="button" class="secondary" aria-label=edit_label on:click=move |_| {
                                                    draft.load(&p);
                                                    crate::components::heading::focus_later("project-title");
                                                }>{locale.text("edit")}</button></td>
                                            })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {editable.then(|| view! {
                <h3 id="project-form-heading">{move || if draft.id.get().is_some() { locale.t("project-edit-title") } else { locale.t("project-add-title") }}</h3>
                <form on:submit=save aria-labelledby="project-form-heading">
                    <TextField id="project-title" label="project-title" value=draft.title required=true/>
                    <SelectField id="project-area" label="project-area" value=draft.district options=area_options/>
                    <SelectField id="project-category" label="project-category" value=draft.category options=category_options/>
                    <TextField id="project-cost" label="project-cost" value=draft.cost required=true hint="money-hint"/>
                    <TextField id="project-summary" label="project-summary" value=draft.summary/>
                    <TextArea id="project-description" label="project-description" value=draft.description rows=5/>
                    <TextField id="project-location" label="project-location" value=draft.location/>
                    <TextField id="project-image" label="project-image-url" value=draft.image kind="url"/>
                    <SelectField id="project-feasibility" label="project-feasibility" value=draft.feasibility options=feasibility_options/>
                    <TextField id="project-reason" label="project-reason" value=draft.reason hint="project-reason-hint"/>
                    <CheckField id="project-withdrawn" label="project-withdrawn-check" value=draft.withdrawn/>
                    <p class="actions">
                        <button type="submit">{locale.text("project-save")}</button>
                        <button type="button" class="secondary" on:click=move |_| draft.clear()>{locale.text("cancel")}</button>
                    </p>
                </form>
                <OutcomeNotice outcome/>
                <Import round_id=round_id.get_value() area_options reload/>
            })}
        </section>
    }
}

/// Reads the chosen file as text, in the browser; nothing is sent until the officer asks.
async fn read_file(input: web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?;
    text.as_string()
}

#[component]
fn Import(
    round_id: String,
    area_options: Signal<Vec<(String, String)>>,
    reload: Reload,
) -> impl IntoView {
    let locale = use_locale();
    let format = RwSignal::new("csv".to_owned());
    let content = RwSignal::new(String::new());
    let district = RwSignal::new(
        area_options
            .get_untracked()
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let report = RwSignal::new(None::<ImportReport>);
    let outcome = RwSignal::new(Outcome::Idle);
    let round_id = StoredValue::new(round_id);
    let format_options = Signal::derive(move || {
        vec![
            ("csv".to_owned(), locale.t("import-csv")),
            ("pabulib".to_owned(), locale.t("import-pabulib")),
        ]
    });
    let run = move |dry_run: bool| {
        let request = ImportRequest {
            format: format.get_untracked(),
            content: content.get_untracked(),
            district: Some(district.get_untracked()),
            dry_run,
        };
        submit(
            outcome,
            async move { api::import(&round_id.get_value(), &request).await },
            move |r: ImportReport| {
                let text = if r.saved {
                    reload.done(locale.tr("import-saved", &[("count", r.projects.len().into())]))
                } else {
                    locale.tr(
                        "import-checked",
                        &[
                            ("count", r.projects.len().into()),
                            ("errors", r.errors.len().into()),
                        ],
                    )
                };
                report.set(Some(r));
                text
            },
        );
    };
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            leptos::task::spawn_local(async move {
                if let Some(text) = read_file(input).await {
                    content.set(text);
                }
            });
        }
    };
    view! {
        <h3>{locale.text("import-title")}</h3>
        <p class="hint">{locale.text("import-hint")}</p>
        <form on:submit=move |ev| { ev.prevent_default(); run(true) }>
            <SelectField id="import-format" label="import-format" value=format options=format_options/>
            <SelectField id="import-area" label="import-area" value=district options=area_options/>
            <div class="field">
                <label for="import-file">{locale.text("import-file")}</label>
                <input id="import-file" type="file" accept=".csv,.pb,text/csv,text/plain" on:change=on_file/>
            </div>
            <TextArea id="import-content" label="import-content" value=content rows=6/>
            <p class="actions">
                <button type="submit">{locale.text("import-preview")}</button>
                <button type="button" disabled=move || !report.get().is_some_and(|r| r.errors.is_empty() && !r.saved) on:click=move |_| run(false)>{locale.text("import-save")}</button>
            </p>
        </form>
        <OutcomeNotice outcome/>
        {move || report.get().map(|r| view! {
            {(!r.errors.is_empty()).then(|| view! {
                <h4>{locale.t("import-errors")}</h4>
                <ul class="notice error">{r.errors.iter().map(|e| view! { <li>{locale.tr("import-line", &[("line", e.line.into()), ("message", e.message.clone().into())])}</li> }).collect_view()}</ul>
            })}
            <ul>{r.projects.iter().map(|p| view! { <li>{format!("{} — {}", p.title, p.cost)}</li> }).collect_view()}</ul>
        })}
    }
}
