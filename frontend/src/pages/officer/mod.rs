//! The officers' console under `/officer`. Every page first asks the server who is signed in;
//! without a session it offers the sign-in page instead of showing an empty console. The
//! server checks the session and role on every request regardless: these checks only spare
//! the officer a page of errors.

pub mod audit;
pub mod codes;
pub mod dashboard;
pub mod manage;
pub mod officers;
pub mod paper;
pub mod projects;
pub mod round_form;
pub mod sign_in;

use cairn_shared::api::{Officer, Role};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_locale;

/// The signed-in officer, once known; shared by the console's pages and the header.
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<Option<Officer>>);

pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session(RwSignal::new(None)))
}

/// Renders `render` with the signed-in officer, or a way to sign in. `admin_only` pages tell
/// an officer plainly that they need an administrator.
pub fn with_officer(admin_only: bool, render: fn(Officer) -> AnyView) -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let who = LocalResource::new(move || async move {
        match session.0.get_untracked() {
            Some(officer) => Ok::<_, crate::api::ApiError>(officer),
            None => {
                let officer = api::current_officer().await?;
                session.0.set(Some(officer.clone()));
                Ok(officer)
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <Loading key="loading-session"/> }>
            {move || Suspend::new(async move {
                match who.await {
                    Ok(officer) if admin_only && officer.role != Role::Admin => view! {
                        <p class="notice">{locale.text("officer-admin-only")}</p>
                    }.into_any(),
                    Ok(officer) => render(officer),
                    Err(error) if error.status() == Some(401) => view! {
                        <crate::components::heading::PageTitle text=locale.text("officer-sign-in-needed")/>
                        <p><A href="/officer/sign-in">{locale.text("officer-sign-in")}</A></p>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The console's own navigation, shown on every console page.
#[component]
pub fn ConsoleNav(officer: Officer) -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let navigate = leptos_router::hooks::use_navigate();
    let sign_out = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            // Whatever the server says, this browser forgets the officer.
            let _ = api::sign_out().await;
            session.0.set(None);
            navigate("/officer/sign-in", Default::default());
        });
    };
    let admin = officer.role == Role::Admin;
    view! {
        <nav class="console-nav" aria-label=locale.text("officer-nav")>
            <p class="who">{move || locale.tr("officer-signed-in-as", &[("name", officer.name.clone().into()), ("organisation", officer.organisation.name.clone().into())])}</p>
            <ul>
                <li><A href="/officer">{locale.text("officer-dashboard")}</A></li>
                <li><A href="/officer/rounds/new">{locale.text("officer-new-round")}</A></li>
                <li><A href="/officer/audit">{locale.text("officer-audit")}</A></li>
                {admin.then(|| view! { <li><A href="/officer/officers">{locale.text("officer-officers")}</A></li> })}
                <li><button type="button" class="link" on:click=sign_out>{locale.text("officer-sign-out")}</button></li>
            </ul>
        </nav>
    }
}

/// A select's options: (value, words).
pub type Options = Signal<Vec<(String, String)>>;

/// The counting rules and tie-breaks as options for a select, in the officer's language.
pub fn counting_options(locale: crate::i18n::Locale) -> (Options, Options) {
    use cairn_shared::rules::{Rule, TieBreak};
    let named = move |prefix: &'static str, ids: Vec<&'static str>| {
        Signal::derive(move || {
            ids.iter()
                .map(|id| ((*id).to_owned(), locale.t(&format!("{prefix}-{id}"))))
                .collect::<Vec<_>>()
        })
    };
    (
        named("rule", Rule::ALL.iter().map(|r| r.as_str()).collect()),
        named(
            "tie",
            [TieBreak::Lexico, TieBreak::CostThenVotes]
                .iter()
                .map(|t| t.as_str())
                .collect(),
        ),
    )
}
