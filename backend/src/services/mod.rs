//! The product's rules over the database: queries, transactions, and the conversions between
//! rows (`crate::db::entities`) and wire types (`cairn_shared::api`).

pub mod ballots;
pub mod codes;
pub mod rounds;
pub mod tally;
