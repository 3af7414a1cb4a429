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

/// The ballot table without rowid, keyed by the id alone (as migration 4 left it) or by the
/// round and the id.
fn ballot_table(name: impl IntoIden, keyed_by_round: bool) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(name);
    if keyed_by_round {
        table.col(string(Ballot::Id)).primary_key(
            Index::create()
                .name("pk_ballot")
                .col(Ballot::RoundId)
                .col(Ballot::Id),
        );
    } else {
        table.col(string(Ballot::Id).primary_key());
    }
    table
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
        )
        .extra("WITHOUT ROWID")
        .to_owned()
}

/// Replaces the SQLite ballot table by a copy with the given key, copied in that key's order.
async fn rebuild_sqlite(manager: &SchemaManager<'_>, keyed_by_round: bool) -> Result<(), DbErr> {
    let db = manager.get_connection();
    manager
        .create_table(ballot_table(BallotRebuilt::Table, keyed_by_round))
        .await?;
    let order = if keyed_by_round {
        r#""round_id", "id""#
    } else {
        r#""id""#
    };
    db.execute_unprepared(&format!(
        r#"INSERT INTO "ballot_rebuilt" ({COLUMNS}) SELECT {COLUMNS} FROM "ballot" ORDER BY {order}"#
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
    if !keyed_by_round {
        manager
            .create_index(
                Index::create()
                    .name("ix_ballot_round")
                    .table(Ballot::Table)
                    .col(Ballot::RoundId)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                let txn = manager.begin().await?;
                rebuild_sqlite(&txn, true).await?;
                txn.commit().await
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
