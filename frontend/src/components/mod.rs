//! Presentational pieces shared by pages. They fetch nothing.

#[cfg(not(feature = "console"))]
pub mod chart;
#[cfg(feature = "console")]
pub mod form;
pub mod heading;
pub mod language;
pub mod marks;
pub mod status;
