//! Marking a ballot of any of the three kinds, with live feedback from `cairn_shared`'s own
//! checks: residents use it online, officers to type in a paper ballot. Every control is a
//! native one with a label, and every refusal is said in words next to the control.

use std::collections::BTreeMap;

use cairn_shared::api::{BallotBody, Project, RoundDetail};
use cairn_shared::ballot::{BallotContext, BallotMarks, BallotRules, Violation};
use cairn_shared::money::Money;
use leptos::prelude::*;

use crate::i18n::{Locale, use_locale};

/// A broken rule in the reader's language, with amounts of money formatted as money.
pub fn violation_text(locale: Locale, violation: &Violation, currency: &str) -> String {
    let values: Vec<(&str, cairn_shared::i18n::FluentValue<'static>)> = violation
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

/// Runs `f` with the validator's view of `district` in `round`.
pub fn with_context<T>(
    round: &RoundDetail,
    district: &str,
    f: impl FnOnce(&BallotContext) -> T,
) -> T {
    let budget = round
        .districts
        .iter()
        .find(|d| d.id == district)
        .map(|d| d.budget)
        .unwrap_or_default();
    let candidates = round.candidates(district);
    f(&BallotContext {
        rules: &round.ballot,
        district_budget: budget,
        projects: &candidates,
    })
}

/// No marks yet, of the kind the round asks for.
pub fn empty_marks(rules: &BallotRules) -> BallotMarks {
    match rules {
        BallotRules::Approval { .. } => BallotMarks::Approvals(Vec::new()),
        BallotRules::Cumulative { .. } => BallotMarks::Points(BTreeMap::new()),
        BallotRules::Ordinal { .. } => BallotMarks::Ranking(Vec::new()),
    }
}

/// The wire form of a ballot for `district`.
pub fn body(district: String, marks: BallotMarks) -> BallotBody {
    let (approvals, points, ranking) = match marks {
        BallotMarks::Approvals(a) => (Some(a), None, None),
        BallotMarks::Points(p) => (None, Some(p), None),
        BallotMarks::Ranking(r) => (None, None, Some(r)),
    };
    BallotBody {
        district,
        approvals,
        points,
        ranking,
        answers: None,
    }
}

/// Every rule `marks` breaks, in words; empty when the ballot can be sent.
pub fn problems(
    locale: Locale,
    round: &RoundDetail,
    district: &str,
    marks: &BallotMarks,
) -> Vec<String> {
    with_context(round, district, |ctx| match ctx.validate(marks.clone()) {
        Ok(_) => Vec::new(),
        Err(violations) => violations
            .iter()
            .map(|v| violation_text(locale, v, &round.currency))
            .collect(),
    })
}

/// The running totals, in words: announced politely as they change.
pub fn summary(locale: Locale, round: &RoundDetail, district: &str, marks: &BallotMarks) -> String {
    let currency = &round.currency;
    with_context(round, district, |ctx| {
        let s = ctx.summarise(marks);
        match (&round.ballot, s.cost_limit) {
            (BallotRules::Cumulative { max_sum_points, .. }, _) => locale.tr(
                "vote-summary-points",
                &[
                    ("used", s.points_used.into()),
                    ("total", (*max_sum_points).into()),
                    ("left", max_sum_points.saturating_sub(s.points_used).into()),
                ],
            ),
            (_, Some(limit)) => locale.tr(
                "vote-summary",
                &[
                    ("count", s.selected.into()),
                    ("cost", locale.money(s.cost, currency).into()),
                    ("limit", locale.money(limit, currency).into()),
                    ("left", locale.money(limit - s.cost, currency).into()),
                ],
            ),
            (_, None) => locale.tr("vote-summary-nolimit", &[("count", s.selected.into())]),
        }
    })
}

/// The projects one can mark in `district`.
fn on_ballot(round: &RoundDetail, district: &str) -> Vec<Project> {
    round
        .projects
        .iter()
        .filter(|p| p.district == district && p.on_ballot())
        .cloned()
        .collect()
}

#[component]
pub fn MarksEditor(
    round: StoredValue<RoundDetail>,
    #[prop(into)] district: Signal<String>,
    marks: RwSignal<BallotMarks>,
) -> impl IntoView {
    let locale = use_locale();
    let kind = round.with_value(|r| r.ballot.clone());
    let editor = match kind {
        BallotRules::Approval { .. } => view! { <Approvals round district marks/> }.into_any(),
        BallotRules::Cumulative { max_points, .. } => {
            view! { <Points round district marks max_points/> }.into_any()
        }
        BallotRules::Ordinal { .. } => view! { <Ranking round district marks/> }.into_any(),
    };
    view! {
        <fieldset>
            <legend>{locale.text("vote-choose")}</legend>
            {editor}
        </fieldset>
        <p class="summary" role="status" aria-live="polite">
            {move || round.with_value(|r| summary(locale, r, &district.get(), &marks.get()))}
        </p>
    }
}

#[component]
fn Approvals(
    round: StoredValue<RoundDetail>,
    district: Signal<String>,
    marks: RwSignal<BallotMarks>,
) -> impl IntoView {
    let locale = use_locale();
    let reason = RwSignal::new(None::<(String, String)>);
    let currency = move || round.with_value(|r| r.currency.clone());
    let picked = move || match marks.get() {
        BallotMarks::Approvals(ids) => ids,
        _ => Vec::new(),
    };
    // Returns whether the box may stay as the voter set it.
    let toggle = move |id: String, checked: bool| -> bool {
        reason.set(None);
        let mut ids = picked();
        if !checked {
            ids.retain(|x| *x != id);
            marks.set(BallotMarks::Approvals(ids));
            return true;
        }
        let current = BallotMarks::Approvals(ids.clone());
        let why = round.with_value(|r| {
            with_context(r, &district.get_untracked(), |ctx| {
                ctx.why_not_add(&current, &id)
                    .map(|v| violation_text(locale, &v, &r.currency))
            })
        });
        match why {
            None => {
                ids.push(id);
                marks.set(BallotMarks::Approvals(ids));
                true
            }
            Some(text) => {
                reason.set(Some((id, text)));
                false
            }
        }
    };
    view! {
        <ul class="choices">
            <For each=move || round.with_value(|r| on_ballot(r, &district.get())) key=|p| p.id.clone() let(project)>
                {
                    let input_id = format!("project-{}", project.id);
                    let reason_id = format!("reason-{}", project.id);
                    let (id_check, id_reason, id_change) = (project.id.clone(), project.id.clone(), project.id.clone());
                    let cost = project.cost;
                    view! {
                        <li>
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                aria-describedby=reason_id.clone()
                                prop:checked=move || picked().contains(&id_check)
                                on:change=move |ev| {
                                    if !toggle(id_change.clone(), event_target_checked(&ev)) {
                                        // Refused: the signal did not change, so clear the box by hand.
                                        event_target::<web_sys::HtmlInputElement>(&ev).set_checked(false);
                                    }
                                }
                            />
                            <label for=input_id>{project.title.clone()} " — " {move || locale.money(cost, &currency())}</label>
                            <span id=reason_id class="reason">
                                {move || reason.get().filter(|(r, _)| *r == id_reason).map(|(_, text)| text)}
                            </span>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

#[component]
fn Points(
    round: StoredValue<RoundDetail>,
    district: Signal<String>,
    marks: RwSignal<BallotMarks>,
    max_points: u32,
) -> impl IntoView {
    let locale = use_locale();
    let currency = move || round.with_value(|r| r.currency.clone());
    let points_of = move |id: &str| match marks.get() {
        BallotMarks::Points(p) => p.get(id).copied().unwrap_or(0),
        _ => 0,
    };
    view! {
        <ul class="choices points">
            <For each=move || round.with_value(|r| on_ballot(r, &district.get())) key=|p| p.id.clone() let(project)>
                {
                    let input_id = format!("points-{}", project.id);
                    let id = project.id.clone();
                    let id_value = project.id.clone();
                    let cost = project.cost;
                    view! {
                        <li>
                            <label for=input_id.clone()>{project.title.clone()} " — " {move || locale.money(cost, &currency())}</label>
                            <input
                                type="number"
                                id=input_id
                                min="0"
                                max=max_points
                                inputmode="numeric"
                                prop:value=move || points_of(&id_value).to_string()
                                on:input=move |ev| {
                                    let n = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                                    let mut all = match marks.get_untracked() {
                                        BallotMarks::Points(p) => p,
                                        _ => BTreeMap::new(),
                                    };
                                    if n == 0 { all.remove(&id); } else { all.insert(id.clone(), n); }
                                    marks.set(BallotMarks::Points(all));
                                }
                            />
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

#[component]
fn Ranking(
    round: StoredValue<RoundDetail>,
    district: Signal<String>,
    marks: RwSignal<BallotMarks>,
) -> impl IntoView {
    let locale = use_locale();
    let reason = RwSignal::new(None::<String>);
    let ranked = move || match marks.get() {
        BallotMarks::Ranking(r) => r,
        _ => Vec::new(),
    };
    let title_of = move |id: &str| {
        round.with_value(|r| {
            r.projects
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.title.clone())
                .unwrap_or_default()
        })
    };
    let change = move |f: &dyn Fn(&mut Vec<String>)| {
        let mut list = ranked();
        f(&mut list);
        marks.set(BallotMarks::Ranking(list));
    };
    let add = move |id: String| {
        reason.set(None);
        let current = BallotMarks::Ranking(ranked());
        let why = round.with_value(|r| {
            with_context(r, &district.get_untracked(), |ctx| {
                ctx.why_not_add(&current, &id)
                    .map(|v| violation_text(locale, &v, &r.currency))
            })
        });
        match why {
            Some(text) => reason.set(Some(text)),
            None => change(&|l| l.push(id.clone())),
        }
    };
    view! {
        <h3 id="ranking-heading">{locale.text("rank-yours")}</h3>
        <ol class="ranking" aria-labelledby="ranking-heading">
            {move || {
                let list = ranked();
                let last = list.len().saturating_sub(1);
                list.into_iter().enumerate().map(|(i, id)| {
                    let title = title_of(&id);
                    let (up, down, remove) = (
                        locale.tr("rank-up", &[("project", title.clone().into())]),
                        locale.tr("rank-down", &[("project", title.clone().into())]),
                        locale.tr("rank-remove", &[("project", title.clone().into())]),
                    );
                    let a = id.clone();
                    view! {
                        <li>
                            <span>{title}</span>
                            <button type="button" class="secondary" aria-label=up disabled=i == 0 on:click=move |_| change(&|l| l.swap(i, i - 1))>"↑"</button>
                            <button type="button" class="secondary" aria-label=down disabled=i == last on:click=move |_| change(&|l| l.swap(i, i + 1))>"↓"</button>
                            <button type="button" class="secondary" aria-label=remove on:click=move |_| { let gone = a.clone(); change(&move |l| l.retain(|x| *x != gone)) }>"✕"</button>
                        </li>
                    }
                }).collect_view()
            }}
        </ol>
        <h3 id="unranked-heading">{locale.text("rank-others")}</h3>
        <ul class="choices" aria-labelledby="unranked-heading">
            {move || {
                let list = ranked();
                round.with_value(|r| on_ballot(r, &district.get()))
                    .into_iter()
                    .filter(|p| !list.contains(&p.id))
                    .map(|p| {
                        let label = locale.tr("rank-add", &[("project", p.title.clone().into())]);
                        let id = p.id.clone();
                        view! {
                            <li>
                                <span>{p.title.clone()}</span>
                                <button type="button" class="secondary" aria-label=label on:click=move |_| add(id.clone())>{locale.t("rank-add-short")}</button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        <p class="reason" role="alert">{move || reason.get()}</p>
    }
}
