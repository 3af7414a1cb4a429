//! Cairn's domain crate: everything that must give the same answer in the browser and on the
//! server. No IO, no async, no database, no web framework; it builds for `wasm32-unknown-unknown`.

pub mod api;
pub mod ballot;
pub mod code;
pub mod i18n;
pub mod money;
pub mod pabulib;
pub mod rational;
pub mod round;
pub mod rules;
