//! Building and casting a ballot. Every check here is `cairn_shared`'s, the same code the
//! server runs, so what the voter is told while choosing is exactly what will be accepted.

use cairn_shared::api::{BallotBody, CastBallot, RoundDetail};
use cairn_shared::ballot::{BallotContext, BallotMarks, BallotRules, Violation};
use cairn_shared::code::VotingCode;
use cairn_shared::money::Money;
use cairn_shared::round::Phase;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::heading::PageTitle;
use crate::i18n::{Locale, use_locale};

#[component]
pub fn VotePage() -> impl IntoView {
    super::with_round_from_route(|round| view! { <BallotBuilder round/> }.into_any())
}

/// A broken rule in the voter's language, with amounts of money formatted as money.
pub fn violation_text(locale: Locale, violation: &Violation, currency: &str) -> String {
    let values: Vec<(&str, fluent_bundle::FluentValue<'static>)> = violation
        .params
        .iter()
        .map(|(name, value)| {
            let shown = match name.as_str() {
                "cost" | "left" | "limit" | "needed" => Money::parse(value)
                    .map(|m| locale.money(m, currency))
                    .unwrap_or_else(|_| value.clone()),
                _ => value.clone(),
            };
            (name.as_str(), shown.into())
        })
        .collect();
    locale.tr(&violation.key, &values)
}

#[component]
fn BallotBuilder(round: RoundDetail) -> impl IntoView {
    let locale = use_locale();
    let title = round.title.clone();
    if round.phase != Phase::Voting {
        return view! {
            <PageTitle text=locale.tr("vote-title", &[("round", title.into())])/>
            <p class="notice">{move || locale.t("vote-not-open")}</p>
        }
        .into_any();
    }
    if !matches!(round.ballot, BallotRules::Approval { .. }) {
        return view! {
            <PageTitle text=locale.tr("vote-title", &[("round", title.into())])/>
            <p class="notice">{move || locale.t("vote-unsupported")}</p>
        }
        .into_any();
    }
    let round = StoredValue::new(round);
    let district = RwSignal::new(round.with_value(|r| {
        r.districts
            .first()
            .map(|d| d.id.clone())
            .unwrap_or_default()
    }));
    let picked = RwSignal::new(Vec::<String>::new());
    let reason = RwSignal::new(None::<(String, String)>);
    let code = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let receipt = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let currency = move || round.with_value(|r| r.currency.clone());

    // Runs a closure with the validator's view of the chosen district.
    let with_context = move |f: &mut dyn FnMut(&BallotContext) -> String| -> String {
        round.with_value(|r| {
            let slug = district.get();
            let budget = r
                .districts
                .iter()
                .find(|d| d.id == slug)
                .map(|d| d.budget)
                .unwrap_or_default();
            let candidates = r.candidates(&slug);
            f(&BallotContext {
                rules: &r.ballot,
                district_budget: budget,
                projects: &candidates,
            })
        })
    };
    let summary = move || {
        let marks = BallotMarks::Approvals(picked.get());
        with_context(&mut |ctx| {
            let s = ctx.summarise(&marks);
            match s.cost_limit {
                Some(limit) => locale.tr(
                    "vote-summary",
                    &[
                        ("count", s.selected.into()),
                        ("cost", locale.money(s.cost, &currency()).into()),
                        ("limit", locale.money(limit, &currency()).into()),
                        ("left", locale.money(limit - s.cost, &currency()).into()),
                    ],
                ),
                None => locale.tr("vote-summary-nolimit", &[("count", s.selected.into())]),
            }
        })
    };
    // Returns whether the box may stay as the voter set it.
    let toggle = move |id: String, checked: bool| -> bool {
        reason.set(None);
        if !checked {
            picked.update(|p| p.retain(|x| *x != id));
            return true;
        }
        let marks = BallotMarks::Approvals(picked.get_untracked());
        let why = with_context(&mut |ctx| {
            ctx.why_not_add(&marks, &id)
                .map(|v| violation_text(locale, &v, &currency()))
                .unwrap_or_default()
        });
        if why.is_empty() {
            picked.update(|p| p.push(id));
            true
        } else {
            reason.set(Some((id, why)));
            false
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problems.set(Vec::new());
        let marks = BallotMarks::Approvals(picked.get_untracked());
        let mut found: Vec<String> = Vec::new();
        with_context(&mut |ctx| {
            if let Err(violations) = ctx.validate(marks.clone()) {
                found.extend(
                    violations
                        .iter()
                        .map(|v| violation_text(locale, v, &currency())),
                );
            }
            String::new()
        });
        if let Err(err) = VotingCode::parse(&code.get_untracked()) {
            found.push(locale.t(err.message_key()));
        }
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        let request = CastBallot {
            code: code.get_untracked(),
            ballot: BallotBody {
                district: district.get_untracked(),
                approvals: Some(picked.get_untracked()),
                points: None,
                ranking: None,
                answers: None,
            },
        };
        let round_id = round.with_value(|r| r.id.clone());
        sending.set(true);
        leptos::task::spawn_local(async move {
            match api::cast_ballot(&round_id, &request).await {
                Ok(answer) => receipt.set(Some(answer.receipt)),
                Err(ApiError::Status {
                    message,
                    violations,
                    ..
                }) if !violations.is_empty() => {
                    let mut list: Vec<String> = violations
                        .iter()
                        .map(|v| violation_text(locale, v, &currency()))
                        .collect();
                    list.insert(0, message);
                    problems.set(list);
                }
                Err(ApiError::Status { message, .. }) => problems.set(vec![message]),
                Err(ApiError::Network) => problems.set(vec![locale.t("error-network")]),
            }
            sending.set(false);
        });
    };

    view! {
        <Show
            when=move || receipt.get().is_none()
            fallback=move || view! {
                <PageTitle text=Signal::derive(move || locale.t("vote-done-title"))/>
                <h2>{move || locale.t("vote-receipt")}</h2>
                <p class="receipt"><strong>{move || receipt.get().unwrap_or_default()}</strong></p>
                <p>{move || locale.t("vote-receipt-explain")}</p>
            }
        >
            <PageTitle text=Signal::derive({
                let title = title.clone();
                move || locale.tr("vote-title", &[("round", title.clone().into())])
            })/>
            <form on:submit=submit novalidate>
                <Show when=move || round.with_value(|r| r.districts.len() > 1)>
                    <p>
                        <label for="district">{move || locale.t("vote-area")}</label>
                        " "
                        <select
                            id="district"
                            on:change=move |ev| {
                                district.set(event_target_value(&ev));
                                picked.set(Vec::new());
                                reason.set(None);
                            }
                        >
                            {round.with_value(|r| {
                                r.districts
                                    .iter()
                                    .map(|d| view! { <option value=d.id.clone()>{d.name.clone()}</option> })
                                    .collect_view()
                            })}
                        </select>
                    </p>
                </Show>
                <fieldset>
                    <legend>{move || locale.t("vote-choose")}</legend>
                    <ul class="choices">
                        <For
                            each=move || {
                                let slug = district.get();
                                round.with_value(|r| {
                                    r.projects.iter().filter(|p| p.district == slug && p.on_ballot()).cloned().collect::<Vec<_>>()
                                })
                            }
                            key=|p| p.id.clone()
                            let(project)
                        >
                            {
                                let id = project.id.clone();
                                let input_id = format!("project-{}", project.id);
                                let reason_id = format!("reason-{}", project.id);
                                let (id_check, id_reason, id_change) = (id.clone(), id.clone(), id.clone());
                                let cost = project.cost;
                                view! {
                                    <li>
                                        <input
                                            type="checkbox"
                                            id=input_id.clone()
                                            aria-describedby=reason_id.clone()
                                            prop:checked=move || picked.get().contains(&id_check)
                                            on:change=move |ev| {
                                                if !toggle(id_change.clone(), event_target_checked(&ev)) {
                                                    // Refused: the signal did not change, so clear the box by hand.
                                                    event_target::<web_sys::HtmlInputElement>(&ev).set_checked(false);
                                                }
                                            }
                                        />
                                        <label for=input_id>
                                            {project.title.clone()} " — " {move || locale.money(cost, &currency())}
                                        </label>
                                        <span id=reason_id class="reason">
                                            {move || reason.get().filter(|(r, _)| *r == id_reason).map(|(_, text)| text)}
                                        </span>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </fieldset>
                <p class="summary" role="status" aria-live="polite">{summary}</p>
                <p>
                    <label for="code">{move || locale.t("vote-code")}</label>
                    <br/>
                    <span id="code-hint" class="meta">{move || locale.t("vote-code-hint")}</span>
                    <br/>
                    <input
                        type="text"
                        id="code"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby="code-hint"
                        prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev))
                    />
                </p>
                <Show when=move || !problems.get().is_empty()>
                    <div class="notice error" role="alert">
                        <p>{move || locale.t("vote-problems")}</p>
                        <ul>{move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                </Show>
                <p>
                    <button type="submit" disabled=move || sending.get()>
                        {move || if sending.get() { locale.t("vote-sending") } else { locale.t("vote-submit") }}
                    </button>
                </p>
            </form>
        </Show>
        <p><A href=round.with_value(|r| format!("/rounds/{}", r.id))>{move || locale.t("round-back")}</A></p>
    }
    .into_any()
}
