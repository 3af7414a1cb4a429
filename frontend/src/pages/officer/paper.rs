//! Typing in paper ballots cast in person: the same marks editor and the same rules as online
//! voting, marked as paper by the server. The form clears after each ballot, ready for the next.

use cairn_shared::api::OfficerRound;
use leptos::prelude::*;

use super::manage::Reload;
use crate::api;
use crate::components::form::{Outcome, OutcomeNotice, submit};
use crate::components::marks::{MarksEditor, body, empty_marks, problems};
use crate::i18n::use_locale;

#[component]
pub fn PaperBallots(round: OfficerRound, reload: Reload) -> impl IntoView {
    let locale = use_locale();
    let detail = round.round;
    let marks = RwSignal::new(empty_marks(&detail.ballot));
    let district = RwSignal::new(
        detail
            .districts
            .first()
            .map(|d| d.id.clone())
            .unwrap_or_default(),
    );
    let outcome = RwSignal::new(Outcome::Idle);
    let many_areas = detail.districts.len() > 1;
    let round = StoredValue::new(detail);
    let enter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wrong = round
            .with_value(|r| problems(locale, r, &district.get_untracked(), &marks.get_untracked()));
        if !wrong.is_empty() {
            outcome.set(Outcome::Failed(api::ApiError::Status {
                status: 422,
                code: "invalid".into(),
                message: wrong.join(" "),
                violations: Vec::new(),
            }));
            return;
        }
        let ballot = body(district.get_untracked(), marks.get_untracked());
        let id = round.with_value(|r| r.id.clone());
        submit(
            outcome,
            async move { api::enter_paper_ballot(&id, &ballot).await },
            move |_| {
                marks.set(round.with_value(|r| empty_marks(&r.ballot)));
                reload.done(locale.t("paper-entered"))
            },
        );
    };
    view! {
        <section aria-labelledby="paper-heading">
            <h2 id="paper-heading">{locale.text("paper-title")}</h2>
            <p class="hint">{locale.text("paper-hint")}</p>
            <form on:submit=enter novalidate>
                {many_areas.then(|| view! {
                    <p>
                        <label for="paper-area">{locale.text("vote-area")}</label>
                        " "
                        <select id="paper-area" on:change=move |ev| {
                            district.set(event_target_value(&ev));
                            marks.set(round.with_value(|r| empty_marks(&r.ballot)));
                        }>
                            {round.with_value(|r| r.districts.iter().map(|d| view! { <option value=d.id.clone()>{d.name.clone()}</option> }).collect_view())}
                        </select>
                    </p>
                })}
                <MarksEditor round district marks/>
                <p><button type="submit">{locale.text("paper-enter")}</button></p>
            </form>
            <OutcomeNotice outcome/>
        </section>
    }
}
