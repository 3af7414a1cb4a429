//! Presentational pieces shared by pages. They fetch nothing.

pub mod heading;
pub mod language;
pub mod status;
