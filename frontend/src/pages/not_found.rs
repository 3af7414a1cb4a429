use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::heading::PageTitle;
use crate::i18n::use_locale;

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = use_locale();
    view! {
        <PageTitle text=Signal::derive(move || locale.t("not-found-title"))/>
        <p>{move || locale.t("not-found-text")}</p>
        <p><A href="/">{move || locale.t("not-found-home")}</A></p>
    }
}
