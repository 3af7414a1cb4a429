//! Voting codes and ballots.
//!
//! A code is stored only as a keyed hash. A ballot has no column that refers to a code, no
//! timestamp, and a random primary key, so neither its columns nor its key order can be matched
//! to the moment a code was used.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

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
enum CodeBatch {
    Table,
    Id,
    RoundId,
    DistrictId,
    Label,
    Size,
    CreatedAt,
}

#[derive(DeriveIden)]
enum VotingCode {
    Table,
    Id,
    BatchId,
    RoundId,
    DistrictId,
    CodeHash,
    Used,
    Revoked,
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
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CodeBatch::Table)
                    .col(pk_auto(CodeBatch::Id))
                    .col(integer(CodeBatch::RoundId))
                    .col(integer_null(CodeBatch::DistrictId))
                    .col(string(CodeBatch::Label))
                    .col(integer(CodeBatch::Size))
                    .col(
                        ColumnDef::new(CodeBatch::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_batch_round")
                            .from(CodeBatch::Table, CodeBatch::RoundId)
                            .to(Round::Table, Round::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_batch_district")
                            .from(CodeBatch::Table, CodeBatch::DistrictId)
                            .to(District::Table, District::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(VotingCode::Table)
                    .col(pk_auto(VotingCode::Id))
                    .col(integer(VotingCode::BatchId))
                    .col(integer(VotingCode::RoundId))
                    .col(integer_null(VotingCode::DistrictId))
                    .col(string_uniq(VotingCode::CodeHash))
                    .col(boolean(VotingCode::Used))
                    .col(boolean(VotingCode::Revoked))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_code_batch")
                            .from(VotingCode::Table, VotingCode::BatchId)
                            .to(CodeBatch::Table, CodeBatch::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_code_round")
                            .from(VotingCode::Table, VotingCode::RoundId)
                            .to(Round::Table, Round::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Ballot::Table)
                    // A random id: key order says nothing about when a ballot arrived.
                    .col(string(Ballot::Id).primary_key())
                    .col(integer(Ballot::RoundId))
                    .col(integer(Ballot::DistrictId))
                    .col(string_uniq(Ballot::ReceiptHash))
                    .col(text(Ballot::Marks))
                    .col(string(Ballot::Method))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ballot_round")
                            .from(Ballot::Table, Ballot::RoundId)
                            .to(Round::Table, Round::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ballot_district")
                            .from(Ballot::Table, Ballot::DistrictId)
                            .to(District::Table, District::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
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
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Ballot::Table.into_iden(),
            VotingCode::Table.into_iden(),
            CodeBatch::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
