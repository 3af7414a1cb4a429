//! The product's rules over the database: queries, transactions, and the conversions between
//! rows (`crate::db::entities`) and wire types (`cairn_shared::api`).

pub mod audit;
pub mod ballots;
pub mod codes;
pub mod delivery;
pub mod lifecycle;
pub mod manage;
pub mod officers;
pub mod results;
pub mod rounds;
pub mod stats;
pub mod tally;
