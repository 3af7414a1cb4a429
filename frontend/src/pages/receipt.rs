//! Checking a receipt against the public board of counted ballots.

use cairn_shared::api::ReceiptCheck;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::heading::PageTitle;
use crate::i18n::use_locale;

#[derive(Clone, PartialEq)]
enum Answer {
    Counted,
    Missing,
    Failed(String),
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let locale = use_locale();
    let receipt = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<Answer>);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = receipt.get_untracked();
        leptos::task::spawn_local(async move {
            let result: Result<ReceiptCheck, ApiError> = api::check_receipt(&typed).await;
            answer.set(Some(match result {
                Ok(check) if check.counted => Answer::Counted,
                Ok(_) => Answer::Missing,
                Err(error) if error.is_not_found() => Answer::Missing,
                Err(ApiError::Status { message, .. }) => Answer::Failed(message),
                Err(ApiError::Network) => Answer::Failed(locale.t("error-network")),
            }));
        });
    };
    view! {
        <PageTitle text=locale.text("receipt-title")/>
        <p class="lede">{locale.text("receipt-lede")}</p>
        <form on:submit=check>
            <p>
                <label for="receipt">{locale.text("receipt-label")}</label>
                <br/>
                <input
                    type="text"
                    id="receipt"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || receipt.get()
                    on:input=move |ev| receipt.set(event_target_value(&ev))
                />
            </p>
            <p><button type="submit">{locale.text("receipt-submit")}</button></p>
        </form>
        <div role="status" aria-live="polite">
            {move || answer.get().map(|a| match a {
                Answer::Counted => view! { <p class="notice">{locale.t("receipt-counted")}</p> }.into_any(),
                Answer::Missing => view! { <p class="notice error">{locale.t("receipt-missing")}</p> }.into_any(),
                Answer::Failed(message) => view! { <p class="notice error">{message}</p> }.into_any(),
            })}
        </div>
    }
}
