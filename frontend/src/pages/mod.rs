//! One module per page. Pages own their data fetching; components only render.
//!

//! The residents' and observers' pages are in the public app; `officer` is the console's.

pub mod lazy;
#[cfg(not(feature = "console"))]
pub mod live;
pub mod not_found;
#[cfg(feature = "console")]
pub mod officer;
#[cfg(not(feature = "console"))]
pub mod portal;
#[cfg(not(feature = "console"))]
pub mod project;
#[cfg(not(feature = "console"))]
pub mod receipt;
#[cfg(not(feature = "console"))]
pub mod results;
#[cfg(not(feature = "console"))]
pub mod round;
#[cfg(not(feature = "console"))]
pub mod vote;

use cairn_shared::api::DeliveryStatus;
use cairn_shared::round::Phase;

use leptos::prelude::*;

use crate::i18n::use_locale;

/// The phase in words, styled by a class (the words carry the meaning, not the colour).
#[component]
pub fn PhaseBadge(phase: Phase) -> impl IntoView {
    let locale = use_locale();
    let class = format!("badge {}", phase.stage().badge());
    view! { <span class=class>{move || locale.t(&format!("phase-{}", phase.as_str()))}</span> }
}

/// A delivery status in words.
pub fn delivery_status_text(locale: crate::i18n::Locale, status: DeliveryStatus) -> String {
    locale.t(&format!("delivery-{}", status.as_str()))
}

/// Loads the round named in the route (`/rounds/:id…`) and renders it with `render`; a missing
/// round is the not-found page, any other failure a plain-words notice.
#[cfg(not(feature = "console"))]
pub fn with_round_from_route(
    render: fn(cairn_shared::api::RoundDetail) -> AnyView,
) -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let round = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move { crate::api::get_round(&id).await }
    });
    view! {
        <Suspense fallback=|| view! { <crate::components::status::Loading key="loading-round"/> }>
            {move || Suspend::new(async move {
                match round.await {
                    Ok(round) => render(round),
                    Err(error) if error.is_not_found() => view! { <not_found::NotFound/> }.into_any(),
                    Err(error) => view! { <crate::components::status::ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
