//! The two apps and their route tables, in one page layout. The residents' and observers' app
//! is what the public loads first, so it carries nothing of the officers' console; the console
//! is a second build of this crate (`--features console`) served under `/officer`. Links
//! between the two are ordinary page loads (`rel="external"`).

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::heading::PendingFocus;
use crate::components::language::LanguageSwitch;
use crate::components::status::{PageLoading, PageWaiting};
use crate::i18n::Locale;
use crate::pages::not_found::NotFound;

#[component]
pub fn App() -> impl IntoView {
    let locale = Locale::detect();
    provide_context(locale);
    provide_context(PendingFocus(RwSignal::new(false)));
    let waiting = RwSignal::new(true);
    provide_context(PageWaiting(waiting));
    #[cfg(feature = "console")]
    provide_context(crate::pages::officer::Session(RwSignal::new(None)));
    view! {
        <Router set_is_routing=waiting.write_only()>
            <a class="skip-link" href="#main" on:click=skip_to_main>{locale.text("skip-to-content")}</a>
            <header class="site-header">
                <div class="inner">
                    <Brand/>
                    <nav aria-label=locale.text("nav-main")>
                        <ul><NavLinks/></ul>
                    </nav>
                    <LanguageSwitch/>
                </div>
            </header>
            <main id="main" tabindex="-1">
                <FocusOnNavigate/>
                {move || waiting.get().then(|| view! { <PageLoading/> })}
                <AppRoutes/>
            </main>
            <footer class="site-footer">
                <div class="inner"><p>{locale.text("footer-text")}</p></div>
            </footer>
        </Router>
    }
}

#[cfg(not(feature = "console"))]
#[component]
fn Brand() -> impl IntoView {
    let locale = crate::i18n::use_locale();
    view! {
        <A href="/" attr:class="brand">
            <span aria-hidden="true">"◆"</span>
            {locale.text("site-name")}
        </A>
    }
}

#[cfg(feature = "console")]
#[component]
fn Brand() -> impl IntoView {
    let locale = crate::i18n::use_locale();
    view! {
        <a href="/" rel="external" class="brand">
            <span aria-hidden="true">"◆"</span>
            {locale.text("site-name")}
        </a>
    }
}

#[cfg(not(feature = "console"))]
#[component]
fn NavLinks() -> impl IntoView {
    let locale = crate::i18n::use_locale();
    view! {
        <li><A href="/">{locale.text("nav-rounds")}</A></li>
        <li><A href="/receipt">{locale.text("receipt-check")}</A></li>
        <li><a href="/officer" rel="external">{locale.text("nav-officers")}</a></li>
    }
}

#[cfg(feature = "console")]
#[component]
fn NavLinks() -> impl IntoView {
    let locale = crate::i18n::use_locale();
    view! {
        <li><a href="/" rel="external">{locale.text("nav-rounds")}</a></li>
        <li><A href="/officer">{locale.text("nav-officers")}</A></li>
    }
}

#[cfg(not(feature = "console"))]
#[component]
fn AppRoutes() -> impl IntoView {
    use crate::pages::lazy::{
        ChangeVoteRoute, LiveRoute, ProjectRoute, ReceiptRoute, ResultsRoute, VoteRoute,
    };
    use crate::pages::{portal::Portal, round::RoundPage};
    use leptos_router::Lazy;
    view! {
        <Routes fallback=NotFound>
        <Route path=path!("/") view=Portal/>
        <Route path=path!("/rounds/:id") view=RoundPage/>
        <Route path=path!("/rounds/:id/vote") view={Lazy::<VoteRoute>::new()}/>
        <Route path=path!("/rounds/:id/change") view={Lazy::<ChangeVoteRoute>::new()}/>
        <Route path=path!("/rounds/:id/live") view={Lazy::<LiveRoute>::new()}/>
        <Route path=path!("/rounds/:id/results") view={Lazy::<ResultsRoute>::new()}/>
        <Route path=path!("/rounds/:id/projects/:project") view={Lazy::<ProjectRoute>::new()}/>
        <Route path=path!("/receipt") view={Lazy::<ReceiptRoute>::new()}/>
        </Routes>
    }
}

#[cfg(feature = "console")]
#[component]
fn AppRoutes() -> impl IntoView {
    use crate::pages::lazy::{
        AuditRoute, EditRoundRoute, ManageRoundRoute, NewRoundRoute, OfficersRoute,
    };
    use crate::pages::officer::{dashboard::DashboardPage, sign_in::SignInPage};
    use leptos_router::Lazy;
    view! {
        <Routes fallback=NotFound>
        <Route path=path!("/officer") view=DashboardPage/>
        <Route path=path!("/officer/sign-in") view=SignInPage/>
        <Route path=path!("/officer/rounds/new") view={Lazy::<NewRoundRoute>::new()}/>
        <Route path=path!("/officer/rounds/:id") view={Lazy::<ManageRoundRoute>::new()}/>
        <Route path=path!("/officer/rounds/:id/settings") view={Lazy::<EditRoundRoute>::new()}/>
        <Route path=path!("/officer/audit") view={Lazy::<AuditRoute>::new()}/>
        <Route path=path!("/officer/officers") view={Lazy::<OfficersRoute>::new()}/>
        </Routes>
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
