use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_locale;

/// A loading message announced politely to screen readers: never a bare spinner.
#[component]
pub fn Loading(#[prop(into)] key: String) -> impl IntoView {
    let locale = use_locale();
    view! { <p class="loading" role="status">{move || locale.t(&key)}</p> }
}

/// An API failure in plain words.
#[component]
pub fn ErrorNotice(error: ApiError) -> impl IntoView {
    let locale = use_locale();
    let text = move || match &error {
        ApiError::Network => locale.t("error-network"),
        ApiError::Status { message, .. } => {
            locale.tr("error-server", &[("message", message.clone().into())])
        }
    };
    view! { <p class="notice error" role="alert">{text}</p> }
}
