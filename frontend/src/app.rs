//! The one route table and the page layout around it.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::heading::PendingFocus;
use crate::components::language::LanguageSwitch;
use crate::i18n::Locale;
use crate::pages::{
    not_found::NotFound, portal::Portal, receipt::ReceiptPage, round::RoundPage, vote::VotePage,
};

#[component]
pub fn App() -> impl IntoView {
    let locale = Locale::detect();
    provide_context(locale);
    provide_context(PendingFocus(RwSignal::new(false)));
    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>{move || locale.t("skip-to-content")}</a>
            <header class="site-header">
                <div class="inner">
                    <A href="/" attr:class="brand">
                        <span aria-hidden="true">"◆"</span>
                        {move || locale.t("site-name")}
                    </A>
                    <nav aria-label=move || locale.t("nav-main")>
                        <ul>
                            <li><A href="/">{move || locale.t("nav-rounds")}</A></li>
                            <li><A href="/receipt">{move || locale.t("receipt-check")}</A></li>
                        </ul>
                    </nav>
                    <LanguageSwitch/>
                </div>
            </header>
            <main id="main" tabindex="-1">
                <FocusOnNavigate/>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Portal/>
                    <Route path=path!("/rounds/:id") view=RoundPage/>
                    <Route path=path!("/rounds/:id/vote") view=VotePage/>
                    <Route path=path!("/receipt") view=ReceiptPage/>
                </Routes>
            </main>
            <footer class="site-footer">
                <div class="inner"><p>{move || locale.t("footer-text")}</p></div>
            </footer>
        </Router>
    }
}

/// Marks that the route changed, so the next page heading takes the focus (see `PageTitle`).
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    let pending = use_context::<PendingFocus>();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let _ = location.pathname.get();
        if first.get_value() {
            first.set_value(false);
        } else if let Some(PendingFocus(pending)) = pending {
            pending.set(true);
        }
    });
}

/// The skip link moves the focus itself: the router would otherwise treat `#main` as a route.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main")
        && let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main)
    {
        let _ = main.focus();
    }
}
