//! Officers and their sessions, the audit log, published results, delivery updates, and the
//! optional answers and coarse day a ballot carries.
//!
//! Sessions are stored by the SHA-256 of their token, so a copy of the database holds no
//! usable session. The audit log has no foreign keys: it must outlive whatever it describes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

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
enum Project {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Officer {
    Table,
    Id,
    OrganisationId,
    Email,
    Name,
    PasswordHash,
    Role,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    OfficerId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    Actor,
    Action,
    RoundId,
    Detail,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum RoundResult {
    Table,
    Id,
    RoundId,
    DistrictId,
    Rule,
    TieBreak,
    Outcome,
    Export,
    ExportSha256,
    PublishedAt,
}

#[derive(DeriveIden)]
enum DeliveryUpdate {
    Table,
    Id,
    ProjectId,
    Status,
    Note,
    On,
    Author,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Ballot {
    Table,
    Answers,
    CastOn,
}

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn cascade(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Officer::Table)
                    .col(pk_auto(Officer::Id))
                    .col(integer(Officer::OrganisationId))
                    .col(string_uniq(Officer::Email))
                    .col(string(Officer::Name))
                    .col(string(Officer::PasswordHash))
                    .col(string(Officer::Role))
                    .col(boolean(Officer::Active))
                    .col(timestamp(Officer::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_officer_organisation",
                        (Officer::Table, Officer::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(string(Session::Id).primary_key())
                    .col(integer(Session::OfficerId))
                    .col(timestamp(Session::CreatedAt))
                    .col(timestamp(Session::LastSeenAt))
                    .col(timestamp(Session::ExpiresAt))
                    .foreign_key(&mut cascade(
                        "fk_session_officer",
                        (Session::Table, Session::OfficerId),
                        (Officer::Table, Officer::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_integer(AuditLog::Id).primary_key())
                    .col(timestamp(AuditLog::At))
                    .col(string(AuditLog::Actor))
                    .col(string(AuditLog::Action))
                    .col(integer_null(AuditLog::RoundId))
                    .col(text(AuditLog::Detail))
                    .col(string(AuditLog::PrevHash))
                    .col(string(AuditLog::Hash))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundResult::Table)
                    .col(pk_auto(RoundResult::Id))
                    .col(integer(RoundResult::RoundId))
                    .col(integer(RoundResult::DistrictId))
                    .col(string(RoundResult::Rule))
                    .col(string(RoundResult::TieBreak))
                    .col(text(RoundResult::Outcome))
                    .col(text(RoundResult::Export))
                    .col(string(RoundResult::ExportSha256))
                    .col(timestamp(RoundResult::PublishedAt))
                    .foreign_key(&mut cascade(
                        "fk_result_round",
                        (RoundResult::Table, RoundResult::RoundId),
                        (Round::Table, Round::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_result_district",
                        (RoundResult::Table, RoundResult::DistrictId),
                        (District::Table, District::Id),
                    ))
                    .index(
                        Index::create()
                            .name("ux_result_round_district")
                            .col(RoundResult::RoundId)
                            .col(RoundResult::DistrictId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeliveryUpdate::Table)
                    .col(pk_auto(DeliveryUpdate::Id))
                    .col(integer(DeliveryUpdate::ProjectId))
                    .col(string(DeliveryUpdate::Status))
                    .col(text(DeliveryUpdate::Note))
                    .col(date(DeliveryUpdate::On))
                    .col(string(DeliveryUpdate::Author))
                    .col(timestamp(DeliveryUpdate::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_update_project",
                        (DeliveryUpdate::Table, DeliveryUpdate::ProjectId),
                        (Project::Table, Project::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER.
        manager
            .alter_table(
                Table::alter()
                    .table(Ballot::Table)
                    .add_column(text_null(Ballot::Answers))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Ballot::Table)
                    .add_column(date_null(Ballot::CastOn))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Ballot::CastOn, Ballot::Answers] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Ballot::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            DeliveryUpdate::Table.into_iden(),
            RoundResult::Table.into_iden(),
            AuditLog::Table.into_iden(),
            Session::Table.into_iden(),
            Officer::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
