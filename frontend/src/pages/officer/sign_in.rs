//! Signing in with email and password. The server rate-limits failures per address and
//! answers every wrong email or password with the same words.

use cairn_shared::api::SignIn;
use leptos::prelude::*;

use super::use_session;
use crate::api;
use crate::components::form::{Outcome, OutcomeNotice, TextField};
use crate::components::heading::PageTitle;
use crate::i18n::use_locale;

#[component]
pub fn SignInPage() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let navigate = leptos_router::hooks::use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let outcome = RwSignal::new(Outcome::Idle);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if outcome.get_untracked() == Outcome::Busy {
            return;
        }
        outcome.set(Outcome::Busy);
        let details = SignIn {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::sign_in(&details).await {
                Ok(officer) => {
                    password.set(String::new());
                    session.0.set(Some(officer));
                    outcome.set(Outcome::Idle);
                    navigate("/officer", Default::default());
                }
                Err(error) => outcome.set(Outcome::Failed(error)),
            }
        });
    };
    view! {
        <PageTitle text=locale.text("officer-sign-in")/>
        <p class="lede">{locale.text("officer-sign-in-lede")}</p>
        <form class="narrow" on:submit=submit>
            <TextField id="email" label="officer-email" value=email kind="email" required=true autocomplete="username"/>
            <TextField id="password" label="officer-password" value=password kind="password" required=true autocomplete="current-password"/>
            <p><button type="submit">{locale.text("officer-sign-in")}</button></p>
        </form>
        <OutcomeNotice outcome/>
    }
}
