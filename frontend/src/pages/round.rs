//! A round: what it is, how to vote, and its projects by area.

use cairn_shared::api::{Feasibility, Project, RoundDetail};
use cairn_shared::ballot::BallotRules;
use leptos::prelude::*;
use leptos_router::components::A;

use super::PhaseBadge;
use crate::components::heading::PageTitle;
use crate::i18n::{Locale, use_locale};

#[component]
pub fn RoundPage() -> impl IntoView {
    super::with_round_from_route(|round| view! { <RoundView round/> }.into_any())
}

#[component]
fn RoundView(round: RoundDetail) -> impl IntoView {
    let locale = use_locale();
    let phase = round.phase;
    let currency = StoredValue::new(round.currency.clone());
    let budget = round.budget;
    let rules = round.ballot.clone();
    let districts = round.districts.clone();
    let categories = StoredValue::new(round.categories.clone());
    let projects = StoredValue::new(round.projects.clone());
    view! {
        <p><A href="/">{move || locale.t("round-back")}</A></p>
        <PageTitle text=round.title/>
        <p class="meta">{round.organisation.name}</p>
        <p><PhaseBadge phase/></p>
        <p class="lede">{round.description}</p>
        <dl class="facts">
            <dt>{move || locale.t("round-budget")}</dt>
            <dd>{move || locale.money(budget, &currency.get_value())}</dd>
            {round.timeline.voting_closes.map(|d| view! { <dt>{move || locale.t("round-voting-closes")}</dt><dd>{move || locale.date(d)}</dd> })}
        </dl>
        <section aria-labelledby="how-heading">
            <h2 id="how-heading">{move || locale.t("round-how-to-vote")}</h2>
            <p>{move || describe_rules(locale, &rules)}</p>
            {(phase == cairn_shared::round::Phase::Voting).then(|| {
                let href = format!("/rounds/{}/vote", round.id);
                view! { <p><A href=href attr:class="button">{move || locale.t("vote-start")}</A></p> }
            })}
        </section>
        <section aria-labelledby="projects-heading">
            <h2 id="projects-heading">{move || locale.t("round-projects")}</h2>
            {if round.projects.is_empty() {
                Some(view! { <p>{move || locale.t("no-projects-yet")}</p> })
            } else {
                None
            }}
            {districts
                .into_iter()
                .map(|district| {
                    let heading_id = format!("district-{}", district.id);
                    let labelled_by = heading_id.clone();
                    let in_district: Vec<Project> =
                        projects.get_value().into_iter().filter(|p| p.district == district.id).collect();
                    let district_budget = district.budget;
                    (!in_district.is_empty()).then(|| view! {
                        <section aria-labelledby=labelled_by>
                            <h3 id=heading_id>{district.name}</h3>
                            <p>{move || locale.tr("round-district-budget", &[("budget", locale.money(district_budget, &currency.get_value()).into())])}</p>
                            <ul class="project-list">
                                {in_district
                                    .into_iter()
                                    .map(|project| {
                                        let category = project
                                            .category
                                            .as_ref()
                                            .and_then(|c| categories.get_value().into_iter().find(|k| &k.id == c))
                                            .map(|c| c.name);
                                        view! { <li><ProjectCard project category currency=currency.get_value()/></li> }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    })
                })
                .collect_view()}
        </section>
    }
}

fn describe_rules(locale: Locale, rules: &BallotRules) -> String {
    match rules {
        BallotRules::Approval {
            min_length,
            max_length,
            cost_limit,
            ..
        } => {
            let mut text = match max_length {
                Some(max) => locale.tr(
                    "ballot-approval",
                    &[("min", (*min_length).into()), ("max", (*max).into())],
                ),
                None => locale.tr(
                    "ballot-approval-unlimited",
                    &[("min", (*min_length).into())],
                ),
            };
            if cost_limit.is_some() {
                text.push(' ');
                text.push_str(&locale.t("ballot-approval-budget"));
            }
            text
        }
        BallotRules::Cumulative {
            max_sum_points,
            max_points,
            ..
        } => locale.tr(
            "ballot-cumulative",
            &[
                ("total", (*max_sum_points).into()),
                ("max", (*max_points).into()),
            ],
        ),
        BallotRules::Ordinal {
            min_length,
            max_length,
        } => locale.tr(
            "ballot-ordinal",
            &[("min", (*min_length).into()), ("max", (*max_length).into())],
        ),
    }
}

#[component]
fn ProjectCard(project: Project, category: Option<String>, currency: String) -> impl IntoView {
    let locale = use_locale();
    let cost = project.cost;
    let on_ballot = project.on_ballot();
    let status = match (project.withdrawn, project.feasibility) {
        (true, _) => Some(locale.t("project-withdrawn")),
        (false, Feasibility::NotFeasible) => Some(
            locale.tr(
                "project-not-feasible",
                &[(
                    "reason",
                    project
                        .feasibility_reason
                        .clone()
                        .unwrap_or_default()
                        .into(),
                )],
            ),
        ),
        (false, Feasibility::Pending) => Some(locale.t("project-pending")),
        (false, Feasibility::Feasible) => None,
    };
    view! {
        <article class=if on_ballot { "project" } else { "project unavailable" }>
            <h4>{project.title}</h4>
            <p>{project.summary}</p>
            <dl class="facts">
                <dt>{move || locale.t("project-cost")}</dt>
                <dd class="cost">{move || locale.money(cost, &currency)}</dd>
                {project.location.map(|l| view! { <dt>{move || locale.t("project-location")}</dt><dd>{l}</dd> })}
                {category.map(|c| view! { <dt>{move || locale.t("project-category")}</dt><dd>{c}</dd> })}
            </dl>
            {status.map(|s| view! { <p class="status-note">{s}</p> })}
        </article>
    }
}
