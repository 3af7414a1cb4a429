use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_locale;

/// Whether the page is still to come: true when the app starts and while the router fetches
/// a page (a lazily loaded page's module first), until the page shows its heading, its own
/// loading message or an error. The layout says "Loading the page…" meanwhile.
#[derive(Clone, Copy)]
pub struct PageWaiting(pub RwSignal<bool>);

/// Called by whatever a page shows first: the layout's own loading message can go.
pub fn page_shown() {
    if let Some(PageWaiting(waiting)) = use_context::<PageWaiting>()
        && waiting.get_untracked()
    {
        waiting.set(false);
    }
}

/// A loading message announced politely to screen readers: never a bare spinner.
#[component]
pub fn Loading(#[prop(into)] key: String) -> impl IntoView {
    page_shown();
    loading_message(key)
}

/// The layout's message while the page itself is still to come (see [`PageWaiting`]).
#[component]
pub fn PageLoading() -> impl IntoView {
    loading_message("loading-page".into())
}

fn loading_message(key: String) -> impl IntoView {
    let locale = use_locale();
    view! { <p class="loading" role="status">{move || locale.t(&key)}</p> }
}

/// An API failure in plain words.
#[component]
pub fn ErrorNotice(error: ApiError) -> impl IntoView {
    page_shown();
    let locale = use_locale();
    let text = move || match &error {
        ApiError::Network => locale.t("error-network"),
        ApiError::Status { message, .. } => {
            locale.tr("error-server", &[("message", message.clone().into())])
        }
    };
    view! { <p class="notice error" role="alert">{text}</p> }
}
