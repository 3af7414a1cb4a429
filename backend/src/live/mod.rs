//! What the server keeps in memory while a round is voting:
//! - [`cache`]: each round's rules and projects, to validate ballots without reading them again;
//! - [`hub`]: each round's live counts, kept up to date ballot by ballot and pushed to observers;
//! - [`writer`]: the one task that writes ballots, many per transaction (group commit).
//!
//! None of it is the truth: the database is. The counts are rebuilt from it on first use, and
//! with PostgreSQL each replica tells the others through `NOTIFY` that their counts are stale.

pub mod cache;
pub mod hub;
pub mod notify;
pub mod writer;
