//! The published result: what was funded and why, the charts, the open data and how to check
//! it, who took part, and how delivery is going.

use cairn_shared::api::{
    DeliveryStatus, DeliveryUpdate, DistrictResult, Participation, RoundDetail, RoundResults,
};
use cairn_shared::i18n::FluentValue;
use cairn_shared::money::Money;
use cairn_shared::rational::Rational;
use cairn_shared::rules::Explanation;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::chart::{Bar, BarChart, Point, ScatterChart};
use crate::components::heading::PageTitle;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{Locale, use_locale};

#[component]
pub fn ResultsPage() -> impl IntoView {
    super::with_round_from_route(|round| view! { <Results round/> }.into_any())
}

#[component]
fn Results(round: RoundDetail) -> impl IntoView {
    let locale = use_locale();
    let id = round.id.clone();
    let title = round.title.clone();
    let results = LocalResource::new({
        let id = id.clone();
        move || {
            let id = id.clone();
            async move { api::get_results(&id).await }
        }
    });
    let round = StoredValue::new(round);
    view! {
        <p><A href=format!("/rounds/{id}")>{move || locale.tr("back-to-round", &[("round", title.clone().into())])}</A></p>
        <PageTitle text=Signal::derive(move || locale.tr("results-title", &[("round", round.with_value(|r| r.title.clone()).into())]))/>
        <Suspense fallback=|| view! { <Loading key="loading-results"/> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(results) => view! { <Outcome round=round.get_value() results/> }.into_any(),
                    Err(error) if error.is_not_found() => view! {
                        <p class="notice">{locale.text("results-not-yet")}</p>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
        <section aria-labelledby="stats-heading">
            <h2 id="stats-heading">{locale.text("stats-title")}</h2>
            <Statistics round=round.get_value()/>
        </section>
        <section aria-labelledby="delivery-heading">
            <h2 id="delivery-heading">{locale.text("delivery-title")}</h2>
            <Delivery round=round.get_value()/>
        </section>
    }
}

/// Money or another amount of the round's currency, exact when it is a whole number of pence.
fn amount(locale: Locale, value: &Rational, currency: &str) -> String {
    match value.to_money() {
        Some(money) => locale.money(money, currency),
        None => format!(
            "≈{}",
            locale.money(
                Money::from_minor((value.to_f64() * 100.0).round() as i64),
                currency
            )
        ),
    }
}

/// Why a project was or was not funded, in the reader's language.
pub fn explain(locale: Locale, reason: &Explanation, currency: &str) -> String {
    let m = |v: &Rational| -> FluentValue<'static> { amount(locale, v, currency).into() };
    match reason {
        Explanation::GreedyFunded {
            rank,
            remaining_after,
        } => locale.tr(
            "why-greedy-funded",
            &[("rank", (*rank).into()), ("left", m(remaining_after))],
        ),
        Explanation::GreedyNotFunded {
            rank,
            remaining,
            cost,
        } => locale.tr(
            "why-greedy-not-funded",
            &[
                ("rank", (*rank).into()),
                ("left", m(remaining)),
                ("cost", m(cost)),
            ],
        ),
        Explanation::MesFunded {
            round,
            supporters,
            max_payment,
            ..
        } => locale.tr(
            "why-mes-funded",
            &[
                ("round", (*round).into()),
                ("supporters", (*supporters).into()),
                ("share", m(max_payment)),
            ],
        ),
        Explanation::MesFree => locale.t("why-mes-free"),
        Explanation::MesSupportersShort {
            supporters,
            supporters_left,
            cost,
        } => locale.tr(
            "why-mes-short",
            &[
                ("supporters", (*supporters).into()),
                ("left", m(supporters_left)),
                ("cost", m(cost)),
            ],
        ),
        Explanation::MesFreeIgnored => locale.t("why-mes-free-ignored"),
        Explanation::NoSupport => locale.t("why-no-support"),
        Explanation::CompletionFunded {
            rank,
            remaining_after,
        } => locale.tr(
            "why-completion-funded",
            &[("rank", (*rank).into()), ("left", m(remaining_after))],
        ),
        Explanation::CompletionNotFunded {
            supporters,
            supporters_left,
            remaining,
            cost,
        } => locale.tr(
            "why-completion-not-funded",
            &[
                ("supporters", (*supporters).into()),
                ("left", m(supporters_left)),
                ("remaining", m(remaining)),
                ("cost", m(cost)),
            ],
        ),
        Explanation::PhragmenFunded { round, max_load } => locale.tr(
            "why-phragmen-funded",
            &[("round", (*round).into()), ("load", m(max_load))],
        ),
        Explanation::PhragmenNotFunded { remaining, cost } => locale.tr(
            "why-phragmen-not-funded",
            &[("left", m(remaining)), ("cost", m(cost))],
        ),
        Explanation::OverBudget { cost, budget } => locale.tr(
            "why-over-budget",
            &[("cost", m(cost)), ("budget", m(budget))],
        ),
    }
}

#[component]
fn Outcome(round: RoundDetail, results: RoundResults) -> impl IntoView {
    let locale = use_locale();
    let rule = results.rule.clone();
    let rule_key = format!("rule-{rule}");
    let rule_about = format!("rule-{rule}-about");
    let published = results.published_at;
    let ballots = results.ballots;
    let round = StoredValue::new(round);
    view! {
        <section aria-labelledby="how-counted">
            <h2 id="how-counted">{locale.text("results-how")}</h2>
            <p>{move || locale.tr("results-summary", &[
                ("ballots", ballots.into()),
                ("rule", locale.t(&rule_key).into()),
                ("date", locale.date(published).into()),
            ])}</p>
            <p>{move || locale.t(&rule_about)}</p>
        </section>
        {results
            .districts
            .into_iter()
            .map(|district| view! { <DistrictOutcome round=round.get_value() district rule=rule.clone()/> })
            .collect_view()}
    }
}

#[component]
fn DistrictOutcome(round: RoundDetail, district: DistrictResult, rule: String) -> impl IntoView {
    let locale = use_locale();
    let currency = StoredValue::new(round.currency.clone());
    let name = round
        .districts
        .iter()
        .find(|d| d.id == district.id)
        .map(|d| d.name.clone())
        .unwrap_or_else(|| district.id.clone());
    let title_of = |id: &str| {
        round
            .projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.title.clone())
            .unwrap_or_else(|| id.to_owned())
    };
    let heading_id = format!("result-{}", district.id);
    let spent = district.spent;
    let budget = district.budget;
    let left = budget - spent;
    let share = if budget.minor() > 0 {
        (spent.minor() as f64 / budget.minor() as f64 * 100.0).round()
    } else {
        0.0
    };
    let points: Vec<Point> = district
        .projects
        .iter()
        .map(|p| Point {
            label: title_of(&p.id),
            cost: p.cost.minor() as f64 / 100.0,
            votes: p.votes.parse::<f64>().unwrap_or(0.0),
            funded: p.funded,
        })
        .collect();
    let rows: Vec<(String, bool, Money, String, Explanation)> = district
        .projects
        .into_iter()
        .map(|p| (title_of(&p.id), p.funded, p.cost, p.votes, p.reason))
        .collect();
    let download = api::export_url(&round.id, &district.id);
    let file_name = format!("cairn-round-{}-{}.pb", round.id, district.id);
    let command = format!(
        "cairn tally {file_name} --rule {rule} --tie-break {}",
        round.tie_break
    );
    let sha = district.export_sha256.clone();
    let labelled = heading_id.clone();
    let name_for = name.clone();
    view! {
        <section aria-labelledby=labelled class="district-result">
            <h2 id=heading_id>{name.clone()}</h2>
            <p>{move || locale.tr("results-spent", &[
                ("spent", locale.money(spent, &currency.get_value()).into()),
                ("budget", locale.money(budget, &currency.get_value()).into()),
                ("left", locale.money(left, &currency.get_value()).into()),
                ("share", share.into()),
                ("ballots", district.ballots.into()),
            ])}</p>
            <svg class="budget-use" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="spent" x="0" y="0" width=format!("{share:.1}") height="4"></rect>
            </svg>
            <div class="table-scroll" tabindex="0">
                <table class="results">
                    <caption>{move || locale.tr("results-table", &[("district", name_for.clone().into())])}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{locale.text("results-project")}</th>
                            <th scope="col">{locale.text("project-cost")}</th>
                            <th scope="col">{locale.text("results-votes")}</th>
                            <th scope="col">{locale.text("results-outcome")}</th>
                            <th scope="col">{locale.text("results-why")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(title, funded, cost, votes, reason)| view! {
                                <tr class=if funded { "funded" } else { "not-funded" }>
                                    <th scope="row">{title}</th>
                                    <td class="num">{move || locale.money(cost, &currency.get_value())}</td>
                                    <td class="num">{votes}</td>
                                    <td>{move || if funded { format!("✓ {}", locale.t("results-funded")) } else { locale.t("results-not-funded") }}</td>
                                    <td>{move || explain(locale, &reason, &currency.get_value())}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <ScatterChart
                caption=locale.tr("chart-votes-cost", &[("district", name.clone().into())])
                x_label=locale.t("chart-cost")
                y_label=locale.t("results-votes")
                summary=locale.t("chart-votes-cost-summary")
                points
            />
            <h3>{locale.text("open-data-title")}</h3>
            <p>{locale.text("open-data-lede")}</p>
            <p><a href=download download=file_name.clone()>{
                let file_name = file_name.clone();
                move || locale.tr("open-data-download", &[("file", file_name.clone().into())])
            }</a></p>
            <p>{locale.text("open-data-sha")}" "<code class="digest">{sha}</code></p>
            <p>{locale.text("open-data-recompute")}</p>
            <pre tabindex="0"><code>{command}</code></pre>
        </section>
    }
}

#[component]
fn Statistics(round: RoundDetail) -> impl IntoView {
    let locale = use_locale();
    let id = round.id.clone();
    let stats = LocalResource::new(move || {
        let id = id.clone();
        async move { api::get_stats(&id).await }
    });
    let round = StoredValue::new(round);
    view! {
        <Suspense fallback=|| view! { <Loading key="loading-stats"/> }>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(stats) => view! { <StatsView round=round.get_value() stats/> }.into_any(),
                    Err(error) if error.status() == Some(403) => view! {
                        <p class="notice">{locale.text("stats-hidden")}</p>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A count, or the words for a group too small to show.
fn cell_text(locale: Locale, ballots: Option<u64>, below: u64) -> String {
    match ballots {
        Some(n) => n.to_string(),
        None => locale.tr("stats-suppressed", &[("below", below.into())]),
    }
}

#[component]
pub fn StatsView(round: RoundDetail, stats: Participation) -> impl IntoView {
    let locale = use_locale();
    let below = stats.suppressed_below;
    let district_name = |id: &str| {
        round
            .districts
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| id.to_owned())
    };
    let bars = |cells: &[cairn_shared::api::Cell], name: &dyn Fn(&str) -> String| -> Vec<Bar> {
        cells
            .iter()
            .map(|c| Bar {
                label: name(&c.group),
                value: c.ballots.unwrap_or(0) as f64,
                shown: cell_text(locale, c.ballots, below),
            })
            .collect()
    };
    let translated = |prefix: &'static str| {
        move |group: &str| {
            let key = format!("{prefix}-{group}");
            let text = locale.t(&key);
            if text == key { group.to_owned() } else { text }
        }
    };
    let by_district = bars(&stats.by_district, &district_name);
    let by_day = bars(&stats.by_day, &|d: &str| d.to_owned());
    let by_method = bars(&stats.by_method, &translated("method"));
    let by_age = bars(&stats.by_age_band, &translated("age"));
    let by_gender = bars(&stats.by_gender, &translated("gender"));
    let ballots_heading = locale.t("stats-ballots");
    let charts = [
        ("stats-by-district", by_district),
        ("stats-by-day", by_day),
        ("stats-by-method", by_method),
        ("stats-by-age", by_age),
        ("stats-by-gender", by_gender),
    ];
    view! {
        <p>{move || locale.tr("stats-total", &[("ballots", stats.ballots.into()), ("below", below.into())])}</p>
        {charts
            .into_iter()
            .filter(|(_, bars)| !bars.is_empty())
            .map(|(key, bars)| view! { <BarChart caption=locale.t(key) value_heading=ballots_heading.clone() bars/> })
            .collect_view()}
    }
}

#[component]
fn Delivery(round: RoundDetail) -> impl IntoView {
    let locale = use_locale();
    let id = round.id.clone();
    let updates = LocalResource::new(move || {
        let id = id.clone();
        async move { api::get_updates(&id).await }
    });
    let round = StoredValue::new(round);
    view! {
        <Suspense fallback=|| view! { <Loading key="loading-updates"/> }>
            {move || Suspend::new(async move {
                match updates.await {
                    Ok(list) if list.is_empty() => view! { <p>{locale.text("delivery-none")}</p> }.into_any(),
                    Ok(list) => view! { <DeliveryList round=round.get_value() updates=list/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DeliveryList(round: RoundDetail, updates: Vec<DeliveryUpdate>) -> impl IntoView {
    let locale = use_locale();
    // One entry per project, its updates newest first.
    let mut projects: Vec<(String, Vec<DeliveryUpdate>)> = Vec::new();
    for update in updates {
        match projects.iter_mut().find(|(id, _)| *id == update.project) {
            Some((_, list)) => list.push(update),
            None => projects.push((update.project.clone(), vec![update])),
        }
    }
    for (_, list) in &mut projects {
        list.sort_by_key(|u| std::cmp::Reverse(u.on));
    }
    view! {
        <ul class="delivery">
            {projects
                .into_iter()
                .map(|(id, list)| {
                    let title = round.projects.iter().find(|p| p.id == id).map(|p| p.title.clone()).unwrap_or(id);
                    let latest = list.first().map(|u| u.status).unwrap_or(DeliveryStatus::Planned);
                    view! {
                        <li>
                            <h3>{title}</h3>
                            <p class=format!("badge delivery-{}", latest.as_str())>{move || super::delivery_status_text(locale, latest)}</p>
                            <ol class="timeline">
                                {list
                                    .into_iter()
                                    .map(|u| {
                                        let on = u.on;
                                        let status = u.status;
                                        view! {
                                            <li>
                                                <time datetime=on.to_string()>{move || locale.day(on)}</time>
                                                " — "{move || super::delivery_status_text(locale, status)}": "{u.note}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
