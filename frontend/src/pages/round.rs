//! A round: what it is, how to vote, and its projects by area.

use cairn_shared::api::{Category, District, Feasibility, Project, RoundDetail};
use cairn_shared::ballot::BallotRules;
use cairn_shared::round::Phase;
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
        <p><A href="/">{locale.text("round-back")}</A></p>
        <PageTitle text=round.title/>
        <p class="meta">{round.organisation.name}</p>
        <p><PhaseBadge phase/></p>
        <p class="lede">{round.description}</p>
        <dl class="facts">
            <dt>{locale.text("round-budget")}</dt>
            <dd>{move || locale.money(budget, &currency.get_value())}</dd>
            {round.timeline.voting_closes.map(|d| view! { <dt>{locale.text("round-voting-closes")}</dt><dd>{move || locale.date(d)}</dd> })}
        </dl>
        <section aria-labelledby="how-heading">
            <h2 id="how-heading">{locale.text("round-how-to-vote")}</h2>
            <p>{move || describe_rules(locale, &rules)}</p>
            {(phase == Phase::Voting).then(|| {
                let href = format!("/rounds/{}/vote", round.id);
                view! { <p><A href=href attr:class="button">{locale.text("vote-start")}</A></p> }
            })}
        </section>
        <RoundLinks round_id=round.id.clone() phase live_public=round.live_results_public/>
        <section aria-labelledby="projects-heading">
            <h2 id="projects-heading">{locale.text("round-projects")}</h2>
            {if round.projects.is_empty() {
                view! { <p>{locale.text("no-projects-yet")}</p> }.into_any()
            } else {
                view! { <ProjectBrowser round_id=round.id.clone() districts currency=currency.get_value() categories=categories.get_value() projects=projects.get_value()/> }.into_any()
            }}
        </section>
    }
}

/// Where to follow the count, by phase.
#[component]
fn RoundLinks(round_id: String, phase: Phase, live_public: bool) -> impl IntoView {
    let locale = use_locale();
    let live = (phase == Phase::Voting && live_public).then(|| {
        let href = format!("/rounds/{round_id}/live");
        view! { <li><A href=href>{locale.text("round-live-link")}</A></li> }
    });
    let results = (phase >= Phase::Closed).then(|| {
        let href = format!("/rounds/{round_id}/results");
        view! { <li><A href=href>{locale.text("round-results-link")}</A></li> }
    });
    let revote = (phase == Phase::Voting).then(|| {
        view! { <li><A href="/receipt">{locale.text("receipt-check")}</A></li> }
    });
    view! { <ul class="round-links">{live}{results}{revote}</ul> }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Sort {
    Title,
    CostLow,
    CostHigh,
}

impl Sort {
    const ALL: [(Sort, &'static str); 3] = [
        (Sort::Title, "sort-title"),
        (Sort::CostLow, "sort-cost-low"),
        (Sort::CostHigh, "sort-cost-high"),
    ];
}

/// The projects by area, with filters by area and category, a sort and a text search. The
/// number shown is announced, so a screen-reader user knows what a filter did.
#[component]
fn ProjectBrowser(
    round_id: String,
    districts: Vec<District>,
    currency: String,
    categories: Vec<Category>,
    projects: Vec<Project>,
) -> impl IntoView {
    let locale = use_locale();
    let area = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Title);
    let search = RwSignal::new(String::new());
    let projects = StoredValue::new(projects);
    let categories = StoredValue::new(categories);
    let currency = StoredValue::new(currency);
    let round_id = StoredValue::new(round_id);
    let district_options = districts.clone();
    let shown = move || {
        let needle = search.get().trim().to_lowercase();
        let area = area.get();
        let category = category.get();
        let mut list: Vec<Project> = projects.with_value(|all| {
            all.iter()
                .filter(|p| area.is_empty() || p.district == area)
                .filter(|p| category.is_empty() || p.category.as_deref() == Some(category.as_str()))
                .filter(|p| {
                    needle.is_empty()
                        || p.title.to_lowercase().contains(&needle)
                        || p.summary.to_lowercase().contains(&needle)
                        || p.description.to_lowercase().contains(&needle)
                        || p.location
                            .as_deref()
                            .is_some_and(|l| l.to_lowercase().contains(&needle))
                })
                .cloned()
                .collect()
        });
        match sort.get() {
            Sort::Title => list.sort_by_key(|p| p.title.to_lowercase()),
            Sort::CostLow => list.sort_by_key(|p| p.cost),
            Sort::CostHigh => list.sort_by_key(|p| std::cmp::Reverse(p.cost)),
        }
        list
    };
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="filter-area">{locale.text("filter-area")}</label>
                <select id="filter-area" on:change=move |ev| area.set(event_target_value(&ev))>
                    <option value="">{locale.text("filter-all-areas")}</option>
                    {district_options.into_iter().map(|d| view! { <option value=d.id>{d.name}</option> }).collect_view()}
                </select>
            </div>
            {(!categories.with_value(Vec::is_empty)).then(|| view! {
                <div class="field">
                    <label for="filter-category">{locale.text("filter-category")}</label>
                    <select id="filter-category" on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="">{locale.text("filter-all-categories")}</option>
                        {categories.get_value().into_iter().map(|c| view! { <option value=c.id>{c.name}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="filter-sort">{locale.text("filter-sort")}</label>
                <select id="filter-sort" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some((s, _)) = Sort::ALL.into_iter().find(|(_, k)| *k == v) { sort.set(s) }
                }>
                    {Sort::ALL.into_iter().map(|(_, key)| view! { <option value=key>{move || locale.t(key)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-search">{locale.text("filter-search")}</label>
                <input id="filter-search" type="search" on:input=move |ev| search.set(event_target_value(&ev))/>
            </div>
        </form>
        <p role="status" class="filter-count">{move || locale.tr("filter-showing", &[("count", shown().len().into())])}</p>
        {districts
            .into_iter()
            .map(|district| {
                let heading_id = format!("district-{}", district.id);
                let labelled_by = heading_id.clone();
                let slug = district.id.clone();
                let district_budget = district.budget;
                let in_district = move || shown().into_iter().filter(|p| p.district == slug).collect::<Vec<_>>();
                let has_any = {
                    let in_district = in_district.clone();
                    move || !in_district().is_empty()
                };
                view! {
                    <Show when=has_any>
                        <section aria-labelledby=labelled_by.clone()>
                            <h3 id=heading_id.clone()>{district.name.clone()}</h3>
                            <p>{move || locale.tr("round-district-budget", &[("budget", locale.money(district_budget, &currency.get_value()).into())])}</p>
                            <ul class="project-list">
                                {let in_district = in_district.clone();
                                move || in_district()
                                    .into_iter()
                                    .map(|project| {
                                        let category = project
                                            .category
                                            .as_ref()
                                            .and_then(|c| categories.with_value(|all| all.iter().find(|k| &k.id == c).map(|k| k.name.clone())));
                                        view! { <li><ProjectCard round_id=round_id.get_value() project category currency=currency.get_value()/></li> }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    </Show>
                }
            })
            .collect_view()}
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
fn ProjectCard(
    round_id: String,
    project: Project,
    category: Option<String>,
    currency: String,
) -> impl IntoView {
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
            <h4><A href=format!("/rounds/{round_id}/projects/{}", project.id)>{project.title}</A></h4>
            <p>{project.summary}</p>
            <dl class="facts">
                <dt>{locale.text("project-cost")}</dt>
                <dd class="cost">{move || locale.money(cost, &currency)}</dd>
                {project.location.map(|l| view! { <dt>{locale.text("project-location")}</dt><dd>{l}</dd> })}
                {category.map(|c| view! { <dt>{locale.text("project-category")}</dt><dd>{c}</dd> })}
            </dl>
            {status.map(|s| view! { <p class="status-note">{s}</p> })}
        </article>
    }
}
