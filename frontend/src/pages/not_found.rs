use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::heading::PageTitle;
use crate::i18n::use_locale;

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = use_locale();
    view! {
        <PageTitle text=locale.text("not-found-title")/>
        <p>{locale.text("not-found-text")}</p>
        <p><A href="/">{locale.text("not-found-home")}</A></p>
    }
}
