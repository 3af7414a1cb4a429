//! The SQLite ballot table as migrations 4 and 5 rebuild it. Its columns, foreign keys and
//! unique receipt are those of migration 2; what the rebuilds change is how it is stored and
//! keyed, so both share this description rather than each carrying a copy.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

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

/// How the table is stored.
#[derive(Clone, Copy)]
pub struct Layout {
    /// A B-tree in key order rather than in `rowid` (insertion) order.
    pub without_rowid: bool,
    /// Keyed by `(round_id, id)`, which serves as the round index; else by `id`, with an index
    /// on `round_id` beside it.
    pub keyed_by_round: bool,
}

/// As migrations 2 and 3 made it.
pub const WITH_ROWID: Layout = Layout {
    without_rowid: false,
    keyed_by_round: false,
};
/// As migration 4 made it.
pub const BY_RANDOM_ID: Layout = Layout {
    without_rowid: true,
    keyed_by_round: false,
};
/// As migration 5 made it.
pub const BY_ROUND_AND_RANDOM_ID: Layout = Layout {
    without_rowid: true,
    keyed_by_round: true,
};

fn create(name: impl IntoIden, layout: Layout) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(name);
    if layout.keyed_by_round {
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
        );
    if layout.without_rowid {
        table.extra("WITHOUT ROWID");
    }
    table.to_owned()
}

/// Replaces the SQLite ballot table by a copy with this layout, in one transaction. Rows are
/// copied in the new key's order, so even the pages of the new table are laid out by it.
pub async fn rebuild_sqlite(manager: &SchemaManager<'_>, layout: Layout) -> Result<(), DbErr> {
    let txn = manager.begin().await?;
    rebuild(&txn, layout).await?;
    txn.commit().await
}

async fn rebuild(manager: &SchemaManager<'_>, layout: Layout) -> Result<(), DbErr> {
    manager
        .create_table(create(BallotRebuilt::Table, layout))
        .await?;
    let order = if layout.keyed_by_round {
        r#""round_id", "id""#
    } else {
        r#""id""#
    };
    manager
        .get_connection()
        .execute_unprepared(&format!(
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
    if !layout.keyed_by_round {
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
