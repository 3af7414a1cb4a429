//! Cairn's server and command line.
//!
//! A tour, in the order a request meets the code:
//! - [`cli`] parses `cairn …` and runs a command; `cairn serve` goes to [`startup`].
//! - [`startup`] connects the database ([`db`]), applies migrations, builds the [`routes`] and
//!   serves them with the middleware stack (tracing, compression, limits, security headers).
//! - [`routes`] hold thin handlers: extract, call a [`services`] function, convert to the wire
//!   types of `cairn_shared::api`.
//! - [`services`] own transactions and the rules of the product; domain logic itself (ballot
//!   validation, tally rules, Pabulib) lives in `cairn_shared`.
//! - [`error`] is the one `ApiError` every handler returns, rendered as one JSON shape.

pub mod auth;
pub mod cli;
pub mod client;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod limiter;
pub mod live;
pub mod routes;
pub mod secrets;
pub mod security;
pub mod serve;
pub mod services;
pub mod startup;
pub mod telemetry;
