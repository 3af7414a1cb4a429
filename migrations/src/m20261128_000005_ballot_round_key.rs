//! On SQLite, ballots are keyed by `(round_id, id)` and the separate round index is gone.
//!
//! Migration 4 made the ballot table a `WITHOUT ROWID` B-tree keyed by the random id, with an
//! index on `round_id` beside it. Each stored ballot then lands at a random place in three
//! B-trees (the table, the receipt index and the round index, whose entries `(round_id, id)`
//! are random too), and a batch of ballots dirties pages in all three: measured, one of the
//! three was about a quarter of the ballot writer's time (BENCHMARKS.md). Keyed by
//! `(round_id, id)` the table is its own round index: reading a round's ballots is a range of
//! the table, and a ballot touches two B-trees.
//!
//! Storage order within a round is still the order of random ids, so it says nothing about
//! which code cast which ballot. PostgreSQL is left as it is: its round index grows at one end
//! (entries with the same key are appended), so it costs little there.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::ballot_table::{self, BY_RANDOM_ID, BY_ROUND_AND_RANDOM_ID};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                ballot_table::rebuild_sqlite(manager, BY_ROUND_AND_RANDOM_ID).await
            }
            _ => Ok(()),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => ballot_table::rebuild_sqlite(manager, BY_RANDOM_ID).await,
            _ => Ok(()),
        }
    }
}
