//! One module per page. Pages own their data fetching; components only render.

pub mod not_found;
pub mod portal;
pub mod round;

use cairn_shared::round::Phase;

use crate::i18n::Locale;

/// The phase in words, with a class that styles it (the words carry the meaning, not the colour).
pub fn phase_label(locale: Locale, phase: Phase) -> (String, &'static str) {
    let class = match phase {
        Phase::Voting => "badge voting",
        Phase::Draft | Phase::Proposals | Phase::Review => "badge upcoming",
        Phase::Closed | Phase::Published => "badge closed",
    };
    (locale.t(&format!("phase-{}", phase.as_str())), class)
}
