//! One round in the console: its phase and what can happen next, projects, voting codes,
//! paper ballots, publication and delivery updates.

use cairn_shared::api::{
    DeliveryStatus, IssuedCodes, NewDeliveryUpdate, Officer, OfficerRound, PhaseChange, Publish,
};
use cairn_shared::round::Phase;
use leptos::prelude::*;
use leptos_router::components::A;

use super::ConsoleNav;
use super::codes::Codes;
use super::paper::PaperBallots;
use super::projects::Projects;
use crate::api;
use crate::components::form::{Outcome, OutcomeNotice, SelectField, TextArea, TextField, submit};
use crate::components::heading::{PageTitle, focus_later};
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_locale;
use crate::pages::PhaseBadge;

/// After every change the round is fetched again, so every section shows the server's truth
/// rather than a guess. What the officer just did is said in one place above the sections,
/// which takes the focus (the control they used is re-drawn), and codes just issued are kept
/// here too: the server shows them only once.
#[derive(Clone, Copy)]
pub struct Reload {
    version: RwSignal<u32>,
    message: RwSignal<Option<String>>,
    pub issued: RwSignal<Option<IssuedCodes>>,
}

impl Reload {
    /// Says `text`, fetches the round again, and returns nothing for the section to repeat.
    pub fn done(self, text: String) -> String {
        self.message.set(Some(text));
        self.version.update(|n| *n += 1);
        focus_later("console-message");
        String::new()
    }
}

#[component]
pub fn ManageRoundPage() -> impl IntoView {
    super::with_officer(false, |officer| view! { <Manage officer/> }.into_any())
}

#[component]
fn Manage(officer: Officer) -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let reload = Reload {
        version: RwSignal::new(0),
        message: RwSignal::new(None),
        issued: RwSignal::new(None),
    };
    let round = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let _ = reload.version.get();
        async move { api::officer_round(&id).await }
    });
    let officer = StoredValue::new(officer);
    view! {
        <p id="console-message" class="console-message" role="status" tabindex="-1">{move || reload.message.get()}</p>
        <Transition fallback=|| view! { <Loading key="loading-round"/> }>
            {move || Suspend::new(async move {
                match round.await {
                    Ok(round) => view! { <RoundConsole officer=officer.get_value() round reload/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RoundConsole(officer: Officer, round: OfficerRound, reload: Reload) -> impl IntoView {
    let locale = use_locale();
    let detail = &round.round;
    let id = detail.id.clone();
    let phase = detail.phase;
    let title = detail.title.clone();
    let ballots = round.ballots;
    let editable = phase < Phase::Voting;
    view! {
        <PageTitle text=title/>
        <ConsoleNav officer/>
        <p><PhaseBadge phase/>" "{move || locale.tr("officer-ballots-in", &[("ballots", ballots.into())])}</p>
        <ul class="round-links">
            <li><a href=format!("/rounds/{id}") rel="external">{locale.text("officer-public-page")}</a></li>
            {editable.then(|| view! { <li><A href=format!("/officer/rounds/{id}/settings")>{locale.text("officer-edit-settings")}</A></li> })}
            <li><A href=format!("/officer/audit?round={id}")>{locale.text("officer-round-audit")}</A></li>
        </ul>
        {(!editable).then(|| view! { <p class="notice">{locale.text("officer-locked")}</p> })}
        <PhaseControls round=round.clone() reload/>
        {(phase == Phase::Closed).then(|| view! { <PublishForm round=round.clone() reload/> })}
        <Projects round=round.clone() reload/>
        {(phase < Phase::Closed).then(|| view! { <Codes round=round.clone() reload/> })}
        {matches!(phase, Phase::Voting | Phase::Closed).then(|| view! { <PaperBallots round=round.clone() reload/> })}
        {(phase == Phase::Published).then(|| view! { <DeliveryForm round=round.clone()/> })}
    }
}

#[component]
fn PhaseControls(round: OfficerRound, reload: Reload) -> impl IntoView {
    let locale = use_locale();
    let outcome = RwSignal::new(Outcome::Idle);
    let id = StoredValue::new(round.round.id.clone());
    let next = round
        .next_phases
        .iter()
        .copied()
        // Publishing has its own form: it counts first.
        .filter(|p| *p != Phase::Published)
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="phase-heading">
            <h2 id="phase-heading">{locale.text("officer-phase-title")}</h2>
            {if next.is_empty() {
                view! { <p>{locale.text("officer-phase-final")}</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{locale.text("officer-phase-hint")}</p>
                    <p class="actions">
                        {next.into_iter().map(|to| view! {
                            // Once a move is made these buttons are stale until the round is
                            // fetched again and they are redrawn: a second click meanwhile could
                            // land on the wrong move.
                            <button type="button" disabled=move || matches!(outcome.get(), Outcome::Busy | Outcome::Done(_)) on:click=move |_| {
                                submit(outcome, async move { api::move_phase(&id.get_value(), &PhaseChange { to }).await }, move |now| {
                                    reload.done(locale.tr("officer-phase-done", &[("phase", locale.t(&format!("phase-{}", now.phase.as_str())).into())]))
                                });
                            }>{move || locale.tr("officer-move-to", &[("phase", locale.t(&format!("phase-{}", to.as_str())).into())])}</button>
                        }).collect_view()}
                    </p>
                }.into_any()
            }}
            <OutcomeNotice outcome/>
        </section>
    }
}

#[component]
fn PublishForm(round: OfficerRound, reload: Reload) -> impl IntoView {
    let locale = use_locale();
    let outcome = RwSignal::new(Outcome::Idle);
    let rule = RwSignal::new(round.round.rule.clone());
    let tie_break = RwSignal::new(round.round.tie_break.clone());
    let id = StoredValue::new(round.round.id.clone());
    let (rule_options, tie_options) = super::counting_options(locale);
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = Publish {
            rule: Some(rule.get_untracked()),
            tie_break: Some(tie_break.get_untracked()),
        };
        submit(
            outcome,
            async move { api::publish(&id.get_value(), &request).await },
            move |()| reload.done(locale.t("officer-published")),
        );
    };
    view! {
        <section aria-labelledby="publish-heading">
            <h2 id="publish-heading">{locale.text("officer-publish-title")}</h2>
            <p class="hint">{locale.text("officer-publish-hint")}</p>
            <form on:submit=publish>
                <SelectField id="publish-rule" label="wizard-rule" value=rule options=rule_options/>
                <SelectField id="publish-tie" label="wizard-tie-break" value=tie_break options=tie_options/>
                <p><button type="submit">{locale.text("officer-publish")}</button></p>
            </form>
            <OutcomeNotice outcome/>
        </section>
    }
}

#[component]
fn DeliveryForm(round: OfficerRound) -> impl IntoView {
    let locale = use_locale();
    let outcome = RwSignal::new(Outcome::Idle);
    let detail = round.round;
    let id = StoredValue::new(detail.id.clone());
    let options: Vec<(String, String)> = detail
        .projects
        .iter()
        .map(|p| (p.id.clone(), p.title.clone()))
        .collect();
    let project = RwSignal::new(
        options
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(DeliveryStatus::Planned.as_str().to_owned());
    let note = RwSignal::new(String::new());
    let on = RwSignal::new(String::new());
    let status_options = Signal::derive(move || {
        DeliveryStatus::ALL
            .into_iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    crate::pages::delivery_status_text(locale, s),
                )
            })
            .collect::<Vec<_>>()
    });
    let post = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let update = NewDeliveryUpdate {
            project: project.get_untracked(),
            status: DeliveryStatus::parse(&status.get_untracked())
                .unwrap_or(DeliveryStatus::Planned),
            note: note.get_untracked().trim().to_owned(),
            on: chrono::NaiveDate::parse_from_str(on.get_untracked().trim(), "%Y-%m-%d").ok(),
        };
        submit(
            outcome,
            async move { api::post_update(&id.get_value(), &update).await },
            move |()| {
                note.set(String::new());
                locale.t("officer-update-posted")
            },
        );
    };
    view! {
        <section aria-labelledby="delivery-form-heading">
            <h2 id="delivery-form-heading">{locale.text("officer-delivery-title")}</h2>
            <p><a href=format!("/rounds/{}/results", detail.id) rel="external">{locale.text("round-results-link")}</a></p>
            <form on:submit=post>
                <SelectField id="update-project" label="results-project" value=project options=Signal::derive(move || options.clone())/>
                <SelectField id="update-status" label="officer-delivery-status" value=status options=status_options/>
                <TextArea id="update-note" label="officer-delivery-note" value=note rows=3/>
                <TextField id="update-on" label="officer-delivery-on" value=on kind="date" hint="officer-delivery-on-hint"/>
                <p><button type="submit">{locale.text("officer-post-update")}</button></p>
            </form>
            <OutcomeNotice outcome/>
        </section>
    }
}
