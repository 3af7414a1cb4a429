//! Cairn's database schema, one migration per change, applied in order at start-up by
//! `cairn serve` and by every CLI command that opens a database.
//!
//! Migrations describe tables only. They never import the backend's entities, so an old
//! migration keeps meaning what it meant when it was written however the code moves on.

pub use sea_orm_migration::prelude::*;

mod ballot_table;
mod m20261127_000001_rounds;
mod m20261127_000002_voting;
mod m20261127_000003_officers_results;
mod m20261127_000004_ballot_storage_order;
mod m20261128_000005_ballot_round_key;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_rounds::Migration),
            Box::new(m20261127_000002_voting::Migration),
            Box::new(m20261127_000003_officers_results::Migration),
            Box::new(m20261127_000004_ballot_storage_order::Migration),
            Box::new(m20261128_000005_ballot_round_key::Migration),
        ]
    }
}
