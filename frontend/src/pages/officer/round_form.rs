//! Creating a round, or changing its settings, as a short wizard: basics, areas, ballot,
//! timeline and counting, then a review. The server checks everything again and refuses
//! what it cannot accept with its reasons; the form keeps what was typed.

use cairn_shared::api::{Category, District, Officer, OfficerRound, RoundSettings, Timeline};
use cairn_shared::ballot::{BallotRules, CostLimit};
use cairn_shared::money::Money;
use cairn_shared::rules::{Rule, TieBreak};
use chrono::{DateTime, NaiveDateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use super::ConsoleNav;
use crate::api;
use crate::components::form::{
    CheckField, Outcome, OutcomeNotice, SelectField, TextArea, TextField,
};
use crate::components::heading::{PageTitle, focus_later};
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_locale;

#[component]
pub fn NewRoundPage() -> impl IntoView {
    super::with_officer(false, |officer| {
        view! { <RoundForm officer initial=blank() round_id=None/> }.into_any()
    })
}

#[component]
pub fn EditRoundPage() -> impl IntoView {
    super::with_officer(false, |officer| {
        let params = leptos_router::hooks::use_params_map();
        let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
        let round = LocalResource::new({
            let id = id.clone();
            move || {
                let id = id.clone();
                async move { api::officer_round(&id).await }
            }
        });
        let officer = StoredValue::new(officer);
        view! {
            <Suspense fallback=|| view! { <Loading key="loading-round"/> }>
                {move || {
                    let id = id.clone();
                    Suspend::new(async move {
                        match round.await {
                            Ok(round) => view! { <RoundForm officer=officer.get_value() initial=settings_of(&round) round_id=Some(id)/> }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        }
        .into_any()
    })
}

fn blank() -> RoundSettings {
    RoundSettings {
        title: String::new(),
        summary: String::new(),
        description: String::new(),
        currency: "GBP".into(),
        ballot: BallotRules::Approval {
            min_length: 1,
            max_length: Some(5),
            cost_limit: Some(CostLimit::DistrictBudget),
            min_spend_percent: None,
        },
        rule: Rule::Greedy.as_str().into(),
        tie_break: TieBreak::Lexico.as_str().into(),
        live_results_public: true,
        revote_allowed: false,
        min_age: None,
        district_bound_codes: false,
        timeline: Timeline::default(),
        districts: Vec::new(),
        categories: Vec::new(),
    }
}

/// The editable settings of an existing round.
pub fn settings_of(round: &OfficerRound) -> RoundSettings {
    let r = &round.round;
    RoundSettings {
        title: r.title.clone(),
        summary: r.summary.clone(),
        description: r.description.clone(),
        currency: r.currency.clone(),
        ballot: r.ballot.clone(),
        rule: r.rule.clone(),
        tie_break: r.tie_break.clone(),
        live_results_public: r.live_results_public,
        revote_allowed: r.revote_allowed,
        min_age: round.min_age,
        district_bound_codes: round.district_bound_codes,
        timeline: r.timeline.clone(),
        districts: r.districts.clone(),
        categories: r.categories.clone(),
    }
}

const STEPS: [&str; 5] = [
    "wizard-basics",
    "wizard-areas",
    "wizard-ballot",
    "wizard-timeline",
    "wizard-review",
];

fn when_text(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

fn parse_when(text: &str) -> Result<Option<DateTime<Utc>>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .map(|t| Some(t.and_utc()))
        .map_err(|_| ())
}

fn number(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

/// One area as typed: its id stays fixed once the round exists.
#[derive(Clone)]
struct AreaRow {
    id: String,
    name: RwSignal<String>,
    budget: RwSignal<String>,
}

#[component]
fn RoundForm(officer: Officer, initial: RoundSettings, round_id: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let navigate = leptos_router::hooks::use_navigate();
    let step = RwSignal::new(0usize);
    let title = RwSignal::new(initial.title.clone());
    let summary = RwSignal::new(initial.summary.clone());
    let description = RwSignal::new(initial.description.clone());
    let currency = RwSignal::new(initial.currency.clone());
    let areas = RwSignal::new(
        initial
            .districts
            .iter()
            .map(|d| AreaRow {
                id: d.id.clone(),
                name: RwSignal::new(d.name.clone()),
                budget: RwSignal::new(d.budget.to_string()),
            })
            .collect::<Vec<_>>(),
    );
    let categories = RwSignal::new(
        initial
            .categories
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let known_categories = StoredValue::new(initial.categories.clone());
    let (kind, min_len, max_len, limit, max_sum, max_points, min_points) = match &initial.ballot {
        BallotRules::Approval {
            min_length,
            max_length,
            cost_limit,
            ..
        } => (
            "approval",
            min_length.to_string(),
            max_length.map(|m| m.to_string()).unwrap_or_default(),
            cost_limit.is_some(),
            "10".to_owned(),
            "5".to_owned(),
            "1".to_owned(),
        ),
        BallotRules::Cumulative {
            max_sum_points,
            max_points,
            min_points,
        } => (
            "cumulative",
            "1".to_owned(),
            String::new(),
            false,
            max_sum_points.to_string(),
            max_points.to_string(),
            min_points.to_string(),
        ),
        BallotRules::Ordinal {
            min_length,
            max_length,
        } => (
            "ordinal",
            min_length.to_string(),
            max_length.to_string(),
            false,
            "10".to_owned(),
            "5".to_owned(),
            "1".to_owned(),
        ),
    };
    let kind = RwSignal::new(kind.to_owned());
    let min_len = RwSignal::new(min_len);
    let max_len = RwSignal::new(max_len);
    let knapsack = RwSignal::new(limit);
    let max_sum = RwSignal::new(max_sum);
    let max_points = RwSignal::new(max_points);
    let min_points = RwSignal::new(min_points);
    let rule = RwSignal::new(initial.rule.clone());
    let tie_break = RwSignal::new(initial.tie_break.clone());
    let live = RwSignal::new(initial.live_results_public);
    let revote = RwSignal::new(initial.revote_allowed);
    let bound = RwSignal::new(initial.district_bound_codes);
    let min_age = RwSignal::new(initial.min_age.map(|a| a.to_string()).unwrap_or_default());
    let proposals_open = RwSignal::new(when_text(initial.timeline.proposals_open));
    let voting_opens = RwSignal::new(when_text(initial.timeline.voting_opens));
    let voting_closes = RwSignal::new(when_text(initial.timeline.voting_closes));
    let results_due = RwSignal::new(when_text(initial.timeline.results_due));
    let outcome = RwSignal::new(Outcome::Idle);
    let problems = RwSignal::new(Vec::<String>::new());
    let round_id = StoredValue::new(round_id);

    // Everything typed, as the server wants it, or the problems in words.
    let collect = move || -> Result<RoundSettings, Vec<String>> {
        let mut wrong = Vec::new();
        if title.get_untracked().trim().is_empty() {
            wrong.push(locale.t("wizard-need-title"));
        }
        let mut districts = Vec::new();
        for (i, row) in areas.get_untracked().into_iter().enumerate() {
            let name = row.name.get_untracked().trim().to_owned();
            let budget = Money::parse(&row.budget.get_untracked());
            match budget {
                Ok(budget) if !name.is_empty() => districts.push(District {
                    id: if row.id.is_empty() {
                        slug(&name, i)
                    } else {
                        row.id.clone()
                    },
                    name,
                    budget,
                }),
                _ => wrong.push(locale.tr("wizard-bad-area", &[("n", (i + 1).into())])),
            }
        }
        if districts.is_empty() {
            wrong.push(locale.t("wizard-need-area"));
        }
        let ballot = match kind.get_untracked().as_str() {
            "cumulative" => match (
                number(&max_sum.get_untracked()),
                number(&max_points.get_untracked()),
                number(&min_points.get_untracked()),
            ) {
                (Some(max_sum_points), Some(max_points), Some(min_points)) => {
                    Some(BallotRules::Cumulative {
                        max_sum_points,
                        max_points,
                        min_points,
                    })
                }
                _ => None,
            },
            "ordinal" => match (
                number(&min_len.get_untracked()),
                number(&max_len.get_untracked()),
            ) {
                (Some(min_length), Some(max_length)) => Some(BallotRules::Ordinal {
                    min_length,
                    max_length,
                }),
                _ => None,
            },
            _ => number(&min_len.get_untracked()).map(|min_length| BallotRules::Approval {
                min_length,
                max_length: number(&max_len.get_untracked()),
                cost_limit: knapsack
                    .get_untracked()
                    .then_some(CostLimit::DistrictBudget),
                min_spend_percent: None,
            }),
        };
        if ballot.is_none() {
            wrong.push(locale.t("wizard-bad-limits"));
        }
        let mut timeline = Timeline::default();
        for (text, slot) in [
            (proposals_open, &mut timeline.proposals_open),
            (voting_opens, &mut timeline.voting_opens),
            (voting_closes, &mut timeline.voting_closes),
            (results_due, &mut timeline.results_due),
        ] {
            match parse_when(&text.get_untracked()) {
                Ok(at) => *slot = at,
                Err(()) => wrong.push(locale.t("wizard-bad-date")),
            }
        }
        let min_age = match min_age.get_untracked().trim() {
            "" => None,
            text => match text.parse::<u8>() {
                Ok(age) => Some(age),
                Err(_) => {
                    wrong.push(locale.t("wizard-bad-age"));
                    None
                }
            },
        };
        let categories = categories
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
            .map(|(i, name)| {
                known_categories
                    .with_value(|known| known.iter().find(|c| c.name == name).cloned())
                    .unwrap_or_else(|| Category {
                        id: slug(name, i),
                        name: name.to_owned(),
                    })
            })
            .collect();
        match ballot {
            Some(ballot) if wrong.is_empty() => Ok(RoundSettings {
                title: title.get_untracked().trim().to_owned(),
                summary: summary.get_untracked().trim().to_owned(),
                description: description.get_untracked().trim().to_owned(),
                currency: currency.get_untracked(),
                ballot,
                rule: rule.get_untracked(),
                tie_break: tie_break.get_untracked(),
                live_results_public: live.get_untracked(),
                revote_allowed: revote.get_untracked(),
                min_age,
                district_bound_codes: bound.get_untracked(),
                timeline,
                districts,
                categories,
            }),
            _ => Err(wrong),
        }
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if step.get_untracked() + 1 < STEPS.len() {
            step.update(|s| *s += 1);
            focus_later("step-legend");
            return;
        }
        match collect() {
            Err(wrong) => problems.set(wrong),
            Ok(settings) => {
                problems.set(Vec::new());
                outcome.set(Outcome::Busy);
                let navigate = navigate.clone();
                leptos::task::spawn_local(async move {
                    let saved = match round_id.get_value() {
                        Some(id) => api::update_round(&id, &settings).await.map(|()| id),
                        None => api::create_round(&settings).await.map(|c| c.id),
                    };
                    match saved {
                        Ok(id) => {
                            outcome.set(Outcome::Idle);
                            navigate(&format!("/officer/rounds/{id}"), Default::default());
                        }
                        Err(error) => outcome.set(Outcome::Failed(error)),
                    }
                });
            }
        }
    };
    let back = move |_| {
        step.update(|s| *s = s.saturating_sub(1));
        focus_later("step-legend");
    };
    let heading = move || {
        if round_id.with_value(Option::is_some) {
            locale.t("wizard-edit-title")
        } else {
            locale.t("wizard-new-title")
        }
    };
    let (rule_options, tie_options) = super::counting_options(locale);
    let kind_options = Signal::derive(move || {
        ["approval", "cumulative", "ordinal"]
            .into_iter()
            .map(|k| (k.to_owned(), locale.t(&format!("kind-{k}"))))
            .collect::<Vec<_>>()
    });
    let currency_options = Signal::derive(|| {
        ["GBP", "EUR", "USD", "PLN"]
            .into_iter()
            .map(|c| (c.to_owned(), c.to_owned()))
            .collect::<Vec<_>>()
    });
    let add_area = move |_| {
        areas.update(|a| {
            a.push(AreaRow {
                id: String::new(),
                name: RwSignal::new(String::new()),
                budget: RwSignal::new(String::new()),
            })
        })
    };
    let review = move || {
        match collect() {
        Ok(s) => view! {
            <dl class="facts">
                <dt>{locale.t("wizard-title")}</dt><dd>{s.title}</dd>
                <dt>{locale.t("round-districts")}</dt>
                <dd>{s.districts.iter().map(|d| format!("{} ({})", d.name, locale.money(d.budget, &s.currency))).collect::<Vec<_>>().join(", ")}</dd>
                <dt>{locale.t("wizard-ballot-kind")}</dt><dd>{locale.t(match s.ballot { BallotRules::Approval { .. } => "kind-approval", BallotRules::Cumulative { .. } => "kind-cumulative", BallotRules::Ordinal { .. } => "kind-ordinal" })}</dd>
                <dt>{locale.t("wizard-rule")}</dt><dd>{locale.t(&format!("rule-{}", s.rule))}</dd>
            </dl>
        }.into_any(),
        Err(wrong) => view! {
            <div class="notice error" role="alert">
                <p>{locale.t("wizard-fix")}</p>
                <ul>{wrong.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </div>
        }.into_any(),
    }
    };
    view! {
        <PageTitle text=Signal::derive(heading)/>
        <ConsoleNav officer/>
        <ol class="steps" aria-label=locale.text("wizard-steps")>
            {STEPS.into_iter().enumerate().map(|(i, key)| view! {
                <li aria-current=move || (step.get() == i).then_some("step")>{move || locale.t(key)}</li>
            }).collect_view()}
        </ol>
        <form on:submit=save>
            <fieldset>
                <legend id="step-legend" tabindex="-1">{move || locale.tr("wizard-step", &[("n", (step.get() + 1).into()), ("of", STEPS.len().into()), ("name", locale.t(STEPS[step.get()]).into())])}</legend>
                <div hidden=move || step.get() != 0>
                    <TextField id="round-title" label="wizard-title" value=title required=true/>
                    <TextField id="round-summary" label="wizard-summary" value=summary/>
                    <TextArea id="round-description" label="wizard-description" value=description rows=6/>
                    <SelectField id="round-currency" label="wizard-currency" value=currency options=currency_options/>
                </div>
                <div hidden=move || step.get() != 1>
                    <p class="hint">{locale.text("wizard-areas-hint")}</p>
                    <ol class="rows">
                        {move || areas.get().into_iter().enumerate().map(|(i, row)| {
                            let name_id = format!("area-name-{i}");
                            let budget_id = format!("area-budget-{i}");
                            view! {
                                <li>
                                    <div class="field">
                                        <label for=name_id.clone()>{move || locale.tr("wizard-area-name", &[("n", (i + 1).into())])}</label>
                                        <input id=name_id type="text" prop:value=move || row.name.get() on:input=move |ev| row.name.set(event_target_value(&ev))/>
                                    </div>
                                    <div class="field">
                                        <label for=budget_id.clone()>{move || locale.tr("wizard-area-budget", &[("n", (i + 1).into())])}</label>
                                        <input id=budget_id type="text" inputmode="decimal" prop:value=move || row.budget.get() on:input=move |ev| row.budget.set(event_target_value(&ev))/>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    <p><button type="button" class="secondary" on:click=add_area>{locale.text("wizard-add-area")}</button></p>
                    <TextArea id="round-categories" label="wizard-categories" value=categories rows=4 hint="wizard-categories-hint"/>
                </div>
                <div hidden=move || step.get() != 2>
                    <SelectField id="ballot-kind" label="wizard-ballot-kind" value=kind options=kind_options/>
                    <div hidden=move || kind.get() == "cumulative">
                        <TextField id="ballot-min" label="wizard-min-projects" value=min_len kind="number"/>
                        <TextField id="ballot-max" label="wizard-max-projects" value=max_len kind="number" hint="wizard-max-hint"/>
                    </div>
                    <div hidden=move || kind.get() != "approval">
                        <CheckField id="ballot-knapsack" label="wizard-knapsack" value=knapsack/>
                    </div>
                    <div hidden=move || kind.get() != "cumulative">
                        <TextField id="ballot-sum" label="wizard-max-sum" value=max_sum kind="number"/>
                        <TextField id="ballot-points" label="wizard-max-points" value=max_points kind="number"/>
                        <TextField id="ballot-min-points" label="wizard-min-points" value=min_points kind="number"/>
                    </div>
                    <CheckField id="round-revote" label="wizard-revote" value=revote/>
                    <CheckField id="round-bound" label="wizard-bound" value=bound/>
                    <TextField id="round-age" label="wizard-min-age" value=min_age kind="number" hint="wizard-min-age-hint"/>
                </div>
                <div hidden=move || step.get() != 3>
                    <p class="hint">{locale.text("wizard-times-hint")}</p>
                    <TextField id="t-proposals" label="wizard-proposals-open" value=proposals_open kind="datetime-local"/>
                    <TextField id="t-opens" label="round-voting-opens" value=voting_opens kind="datetime-local"/>
                    <TextField id="t-closes" label="round-voting-closes" value=voting_closes kind="datetime-local"/>
                    <TextField id="t-results" label="wizard-results-due" value=results_due kind="datetime-local"/>
                    <SelectField id="round-rule" label="wizard-rule" value=rule options=rule_options/>
                    <p class="hint">{move || locale.t(&format!("rule-{}-about", rule.get()))}</p>
                    <SelectField id="round-tie" label="wizard-tie-break" value=tie_break options=tie_options/>
                    <CheckField id="round-live" label="wizard-live" value=live/>
                </div>
                <div hidden=move || step.get() != 4>
                    {move || (step.get() == 4).then(review)}
                </div>
            </fieldset>
            <p class="actions">
                <button type="button" class="secondary" on:click=back disabled=move || step.get() == 0>{locale.text("wizard-back")}</button>
                <button type="submit">{move || if step.get() + 1 < STEPS.len() { locale.t("wizard-next") } else { locale.t("wizard-save") }}</button>
            </p>
        </form>
        <div role="alert">
            {move || (!problems.get().is_empty()).then(|| view! {
                <ul class="notice error">{problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            })}
        </div>
        <OutcomeNotice outcome/>
        <p><A href="/officer">{locale.text("officer-dashboard")}</A></p>
    }
}

/// A stable id from a name: lower-case letters and digits joined by hyphens.
fn slug(name: &str, index: usize) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        format!("area-{}", index + 1)
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("North & East", 0), "north-east");
        assert_eq!(slug("Àird", 0), "ird");
        assert_eq!(slug("???", 2), "area-3");
    }

    #[test]
    fn times_round_trip() {
        let at = parse_when("2026-12-01T09:30")
            .expect("valid")
            .expect("some");
        assert_eq!(when_text(Some(at)), "2026-12-01T09:30");
        assert!(parse_when("tomorrow").is_err());
        assert_eq!(parse_when(" "), Ok(None));
    }
}
