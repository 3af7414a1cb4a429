//! The home page: every open, upcoming and finished round on this instance.

use cairn_shared::api::RoundSummary;
use cairn_shared::round::{Phase, Stage};
use leptos::prelude::*;
use leptos_router::components::A;

use super::PhaseBadge;
use crate::api;
use crate::components::heading::PageTitle;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_locale;

#[component]
pub fn Portal() -> impl IntoView {
    let locale = use_locale();
    // On the first load the server has sent the rounds with the page: shown at once, they
    // replace its first screen without a flash of "Loading".
    let rounds = match api::first_screen_rounds() {
        Some(rounds) => view! { <RoundGroups rounds/> }.into_any(),
        None => {
            let rounds = LocalResource::new(api::list_rounds);
            view! {
                <Suspense fallback=|| view! { <Loading key="loading-rounds"/> }>
                    {move || Suspend::new(async move {
                        match rounds.await {
                            Ok(rounds) => view! { <RoundGroups rounds/> }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Suspense>
            }
            .into_any()
        }
    };
    view! {
        <PageTitle text=locale.text("portal-title")/>
        <p class="lede">{locale.text("portal-lede")}</p>
        {rounds}
    }
}

/// The rounds by stage. `backend/src/routes/first_screen.rs` writes the same markup.
#[component]
fn RoundGroups(rounds: Vec<RoundSummary>) -> impl IntoView {
    Stage::PORTAL
        .into_iter()
        .map(|stage| {
            let rounds: Vec<RoundSummary> = rounds
                .iter()
                .filter(|r| r.phase.stage() == stage)
                .cloned()
                .collect();
            view! { <RoundGroup stage rounds/> }
        })
        .collect_view()
}

#[component]
fn RoundGroup(stage: Stage, rounds: Vec<RoundSummary>) -> impl IntoView {
    let locale = use_locale();
    let section = stage.section();
    let heading = format!("{section}-heading");
    let labelled_by = heading.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading>{move || locale.t(&format!("portal-{section}"))}</h2>
            {if rounds.is_empty() {
                view! { <p>{move || locale.t(&format!("portal-none-{section}"))}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {rounds.into_iter().map(|round| view! { <li><RoundCard round/></li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn RoundCard(round: RoundSummary) -> impl IntoView {
    let locale = use_locale();
    let href = format!("/rounds/{}", round.id);
    let phase = round.phase;
    let budget = round.budget;
    let currency = round.currency.clone();
    let opens = round.timeline.voting_opens;
    let closes = round.timeline.voting_closes;
    let projects = round.projects;
    view! {
        <article class="card">
            <h3><A href=href>{round.title}</A></h3>
            <p class="meta">{round.organisation.name}</p>
            <p><PhaseBadge phase/></p>
            <p>{round.summary}</p>
            <dl class="facts">
                <dt>{locale.text("round-budget")}</dt>
                <dd>{move || locale.money(budget, &currency)}</dd>
                {opens
                    .filter(|_| phase < Phase::Voting)
                    .map(|d| view! { <dt>{locale.text("round-voting-opens")}</dt><dd>{move || locale.date(d)}</dd> })}
                {closes
                    .filter(|_| phase <= Phase::Voting)
                    .map(|d| view! { <dt>{locale.text("round-voting-closes")}</dt><dd>{move || locale.date(d)}</dd> })}
                <dt>{locale.text("round-projects")}</dt>
                <dd>{move || locale.tr("round-count", &[("count", projects.into())])}</dd>
            </dl>
        </article>
    }
}
