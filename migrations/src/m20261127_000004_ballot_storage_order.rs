//! Storage order says nothing about which code cast which ballot.
//!
//! On SQLite an ordinary table keeps its rows in `rowid` order, which is insertion order: read
//! without `ORDER BY`, the ballot table would list ballots in the order they were cast, to be
//! lined up with anything else that records an order. This migration rebuilds `ballot` as a
//! `WITHOUT ROWID` table, a B-tree keyed by the random id alone, so storage order is the order
//! of random keys. Columns, the foreign keys, the unique receipt and the round index are as
//! before; existing rows are copied over. `voting_code` keeps its rowid: codes are updated in
//! place, so its order stays the order codes were issued in.
//!
//! PostgreSQL stores rows in a heap in the order they were written, and stamps each row version
//! with the id of the transaction that wrote it (`xmin`), which a ballot shares with the update
//! that used its code. Neither can be changed by a table definition; the server rewrites both
//! whenever a round leaves voting (see the backend's `db::forget_write_order`). This migration
//! does the same once for the ballots already stored.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::ballot_table::{self, BY_RANDOM_ID, WITH_ROWID};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// Transactions are made below: on PostgreSQL `CLUSTER` must not share one with the updates
    /// before it, or it would keep the row versions they replaced.
    fn use_transaction(&self) -> Option<bool> {
        Some(false)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => ballot_table::rebuild_sqlite(manager, BY_RANDOM_ID).await,
            DbBackend::Postgres => {
                // One transaction id for every stored ballot and used code, then each table
                // rewritten in its primary key's order (random for ballots, issue order for
                // codes), which also leaves the replaced row versions behind. Each step may be
                // repeated, so an interrupted run is simply run again.
                let db = manager.get_connection();
                for sql in [
                    r#"UPDATE "ballot" SET "round_id" = "round_id""#,
                    r#"UPDATE "voting_code" SET "used" = "used" WHERE "used""#,
                    r#"CLUSTER "ballot" USING "ballot_pkey""#,
                    r#"CLUSTER "voting_code" USING "voting_code_pkey""#,
                ] {
                    db.execute_unprepared(sql).await?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => ballot_table::rebuild_sqlite(manager, WITH_ROWID).await,
            _ => Ok(()),
        }
    }
}
