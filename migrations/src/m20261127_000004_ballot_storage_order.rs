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
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum District {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Ballot {
    Table,
    Id,
    RoundId,
    DistrictId,
    ReceiptHash,
    Marks,
    Method,
    Answers,
    CastOn,
}

#[derive(DeriveIden)]
enum BallotRebuilt {
    Table,
}

const COLUMNS: &str =
    r#""id", "round_id", "district_id", "receipt_hash", "marks", "method", "answers", "cast_on""#;

/// The ballot table as migrations 2 and 3 left it, under another name, with or without rowid.
fn ballot_table(name: impl IntoIden, without_rowid: bool) -> TableCreateStatement {
    let mut table = Table::create();
    table
        .table(name)
        .col(string(Ballot::Id).primary_key())
        .col(integer(Ballot::RoundId))
        .col(integer(Ballot::DistrictId))
        .col(string_uniq(Ballot::ReceiptHash))
        .col(text(Ballot::Marks))
        .col(string(Ballot::Method))
        .col(text_null(Ballot::Answers))
        .col(date_null(Ballot::CastOn))
        .foreign_key(
            ForeignKey::create()
                .name("fk_ballot_round")
                .from_col(Ballot::RoundId)
                .to(Round::Table, Round::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_ballot_district")
                .from_col(Ballot::DistrictId)
                .to(District::Table, District::Id)
                .on_delete(ForeignKeyAction::Cascade),
        );
    if without_rowid {
        table.extra("WITHOUT ROWID");
    }
    table.to_owned()
}

/// Replaces the SQLite ballot table by a copy made with or without rowid.
async fn rebuild_sqlite(manager: &SchemaManager<'_>, without_rowid: bool) -> Result<(), DbErr> {
    let db = manager.get_connection();
    manager
        .create_table(ballot_table(BallotRebuilt::Table, without_rowid))
        .await?;
    // Copied in key order, so even the pages of the new table are laid out by the random id.
    db.execute_unprepared(&format!(
        r#"INSERT INTO "ballot_rebuilt" ({COLUMNS}) SELECT {COLUMNS} FROM "ballot" ORDER BY "id""#
    ))
    .await?;
    manager
        .drop_table(Table::drop().table(Ballot::Table).to_owned())
        .await?;
    manager
        .rename_table(
            Table::rename()
                .table(BallotRebuilt::Table, Ballot::Table)
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("ix_ballot_round")
                .table(Ballot::Table)
                .col(Ballot::RoundId)
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// Transactions are made below: on PostgreSQL `CLUSTER` must not share one with the updates
    /// before it, or it would keep the row versions they replaced.
    fn use_transaction(&self) -> Option<bool> {
        Some(false)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                let txn = manager.begin().await?;
                rebuild_sqlite(&txn, true).await?;
                txn.commit().await
            }
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
            DbBackend::Sqlite => {
                let txn = manager.begin().await?;
                rebuild_sqlite(&txn, false).await?;
                txn.commit().await
            }
            _ => Ok(()),
        }
    }
}
