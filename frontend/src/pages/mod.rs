//! One module per page. Pages own their data fetching; components only render.

pub mod not_found;
pub mod portal;
pub mod receipt;
pub mod round;
pub mod vote;

use cairn_shared::round::Phase;

use leptos::prelude::*;

use crate::i18n::use_locale;

/// The phase in words, styled by a class (the words carry the meaning, not the colour).
#[component]
pub fn PhaseBadge(phase: Phase) -> impl IntoView {
    let locale = use_locale();
    let class = match phase {
        Phase::Voting => "badge voting",
        Phase::Draft | Phase::Proposals | Phase::Review => "badge upcoming",
        Phase::Closed | Phase::Published => "badge closed",
    };
    view! { <span class=class>{move || locale.t(&format!("phase-{}", phase.as_str()))}</span> }
}
