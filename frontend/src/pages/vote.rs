//! Building and casting a ballot: choose, review, then send with the voting code. Every check
//! here is `cairn_shared`'s, the same code the server runs, so what the voter is told while
//! choosing is exactly what will be accepted.

use cairn_shared::api::{CastBallot, ChangeBallot, RoundDetail};
use cairn_shared::ballot::BallotMarks;
use cairn_shared::code::VotingCode;
use cairn_shared::round::Phase;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::heading::{PageTitle, PendingFocus, focus_later};
use crate::components::marks::{MarksEditor, body, empty_marks, problems, violation_text};
use crate::i18n::use_locale;

#[component]
pub fn VotePage() -> impl IntoView {
    super::with_round_from_route(|round| view! { <BallotBuilder round changing=false/> }.into_any())
}

/// Replacing a ballot already cast, with the voting code and the receipt.
#[component]
pub fn ChangeVotePage() -> impl IntoView {
    super::with_round_from_route(|round| view! { <BallotBuilder round changing=true/> }.into_any())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Choose,
    Review,
}

#[component]
fn BallotBuilder(round: RoundDetail, changing: bool) -> impl IntoView {
    let locale = use_locale();
    let title = round.title.clone();
    let heading = if changing {
        "change-title"
    } else {
        "vote-title"
    };
    if round.phase != Phase::Voting || (changing && !round.revote_allowed) {
        let key = if round.phase != Phase::Voting {
            "vote-not-open"
        } else {
            "change-not-allowed"
        };
        return view! {
            <PageTitle text=locale.tr(heading, &[("round", title.into())])/>
            <p class="notice">{move || locale.t(key)}</p>
        }
        .into_any();
    }
    let round_id = round.id.clone();
    let revote_allowed = round.revote_allowed;
    let marks = RwSignal::new(empty_marks(&round.ballot));
    let round = StoredValue::new(round);
    let district = RwSignal::new(round.with_value(|r| {
        r.districts
            .first()
            .map(|d| d.id.clone())
            .unwrap_or_default()
    }));
    let step = RwSignal::new(Step::Choose);
    let code = RwSignal::new(String::new());
    let old_receipt = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<String>::new());
    let receipt = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let pending_focus = use_context::<PendingFocus>();

    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list = round
            .with_value(|r| problems(locale, r, &district.get_untracked(), &marks.get_untracked()));
        found.set(list.clone());
        if list.is_empty() {
            step.set(Step::Review);
            focus_later("review-heading");
        }
    };
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut list = Vec::new();
        if let Err(err) = VotingCode::parse(&code.get_untracked()) {
            list.push(locale.t(err.message_key()));
        }
        if changing && old_receipt.get_untracked().trim().is_empty() {
            list.push(locale.t("change-need-receipt"));
        }
        found.set(list.clone());
        if !list.is_empty() {
            return;
        }
        let ballot = body(district.get_untracked(), marks.get_untracked());
        let id = round.with_value(|r| r.id.clone());
        let currency = round.with_value(|r| r.currency.clone());
        sending.set(true);
        leptos::task::spawn_local(async move {
            let answer = if changing {
                let request = ChangeBallot {
                    code: code.get_untracked(),
                    receipt: old_receipt.get_untracked().trim().to_owned(),
                    ballot,
                };
                api::change_ballot(&id, &request).await
            } else {
                api::cast_ballot(
                    &id,
                    &CastBallot {
                        code: code.get_untracked(),
                        ballot,
                    },
                )
                .await
            };
            match answer {
                Ok(answer) => {
                    // The receipt replaces the form: its heading takes the focus, as on a new page.
                    if let Some(PendingFocus(pending)) = pending_focus {
                        pending.set(true);
                    }
                    receipt.set(Some(answer.receipt));
                }
                Err(ApiError::Status {
                    message,
                    violations,
                    ..
                }) => {
                    let mut list: Vec<String> = violations
                        .iter()
                        .map(|v| violation_text(locale, v, &currency))
                        .collect();
                    list.insert(0, message);
                    found.set(list);
                }
                Err(ApiError::Network) => found.set(vec![locale.t("error-network")]),
            }
            sending.set(false);
        });
    };
    let picked_list = move || {
        round.with_value(|r| {
            let title = |id: &str| {
                r.projects
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.title.clone())
                    .unwrap_or_default()
            };
            match marks.get() {
                BallotMarks::Approvals(ids) | BallotMarks::Ranking(ids) => {
                    ids.iter().map(|id| title(id)).collect::<Vec<_>>()
                }
                BallotMarks::Points(points) => points
                    .iter()
                    .map(|(id, n)| {
                        locale.tr(
                            "review-points",
                            &[("project", title(id).into()), ("points", (*n).into())],
                        )
                    })
                    .collect(),
            }
        })
    };
    let ordered =
        round.with_value(|r| matches!(r.ballot, cairn_shared::ballot::BallotRules::Ordinal { .. }));
    let problem_list = move || {
        (!found.get().is_empty()).then(|| view! {
            <div class="notice error" role="alert">
                <p>{locale.t("vote-problems")}</p>
                <ul>{found.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        })
    };
    view! {
        <Show
            when=move || receipt.get().is_none()
            fallback=move || view! {
                <PageTitle text=locale.text("vote-done-title")/>
                <h2>{locale.text("vote-receipt")}</h2>
                <p class="receipt"><strong>{move || receipt.get().unwrap_or_default()}</strong></p>
                <p>{locale.text("vote-receipt-explain")}</p>
                {revote_allowed.then(|| view! { <p>{locale.text("vote-can-change")}</p> })}
                <p><A href="/receipt">{locale.text("receipt-check")}</A></p>
            }
        >
            <PageTitle text=Signal::derive({
                let title = title.clone();
                move || locale.tr(heading, &[("round", title.clone().into())])
            })/>
            <ol class="steps" aria-label=locale.text("vote-steps")>
                <li aria-current=move || (step.get() == Step::Choose).then_some("step")>{locale.text("vote-step-choose")}</li>
                <li aria-current=move || (step.get() == Step::Review).then_some("step")>{locale.text("vote-step-review")}</li>
                <li>{locale.text("vote-step-receipt")}</li>
            </ol>
            <Show when=move || step.get() == Step::Choose>
                <form on:submit=review novalidate>
                    <Show when=move || round.with_value(|r| r.districts.len() > 1)>
                        <p>
                            <label for="district">{locale.text("vote-area")}</label>
                            " "
                            <select id="district" on:change=move |ev| {
                                district.set(event_target_value(&ev));
                                marks.set(round.with_value(|r| empty_marks(&r.ballot)));
                                found.set(Vec::new());
                            }>
                                {round.with_value(|r| r.districts.iter().map(|d| {
                                    let selected = d.id == district.get_untracked();
                                    view! { <option value=d.id.clone() selected=selected>{d.name.clone()}</option> }
                                }).collect_view())}
                            </select>
                        </p>
                    </Show>
                    <MarksEditor round district marks/>
                    {problem_list}
                    <p><button type="submit">{locale.text("vote-review")}</button></p>
                </form>
            </Show>
            <Show when=move || step.get() == Step::Review>
                <h2 id="review-heading" tabindex="-1">{locale.text("vote-step-review")}</h2>
                <p>{move || locale.t(if ordered { "review-lede-ranked" } else { "review-lede" })}</p>
                {move || if ordered {
                    view! { <ol class="review">{picked_list().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ol> }.into_any()
                } else {
                    view! { <ul class="review">{picked_list().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }.into_any()
                }}
                <p><button type="button" class="secondary" on:click=move |_| { step.set(Step::Choose); found.set(Vec::new()); }>{locale.text("vote-edit")}</button></p>
                <form on:submit=send novalidate>
                    <p>
                        <label for="code">{locale.text("vote-code")}</label>
                        <br/>
                        <span id="code-hint" class="meta">{locale.text("vote-code-hint")}</span>
                        <br/>
                        <input type="text" id="code" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="code-hint"
                            prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    </p>
                    {changing.then(|| view! {
                        <p>
                            <label for="old-receipt">{locale.text("change-receipt")}</label>
                            <br/>
                            <input type="text" id="old-receipt" autocomplete="off" spellcheck="false"
                                prop:value=move || old_receipt.get() on:input=move |ev| old_receipt.set(event_target_value(&ev))/>
                        </p>
                    })}
                    {problem_list}
                    <p>
                        <button type="submit" disabled=move || sending.get()>
                            {move || if sending.get() { locale.t("vote-sending") } else if changing { locale.t("change-submit") } else { locale.t("vote-submit") }}
                        </button>
                    </p>
                </form>
            </Show>
            {(revote_allowed && !changing).then(|| view! {
                <p><A href=format!("/rounds/{round_id}/change")>{locale.text("change-link")}</A></p>
            })}
        </Show>
        <p><A href=round.with_value(|r| format!("/rounds/{}", r.id))>{locale.text("round-back")}</A></p>
    }
    .into_any()
}
