//! Organisations, rounds, districts, categories and projects: what the portal and the round
//! pages show. Money is stored as integer minor units; ballot rules as the JSON of
//! `cairn_shared::ballot::BallotRules`, which the backend parses before it writes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Slug,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Round {
    Table,
    Id,
    OrganisationId,
    Title,
    Summary,
    Description,
    Phase,
    Currency,
    BudgetMinor,
    BallotRules,
    Rule,
    TieBreak,
    LiveResultsPublic,
    RevoteAllowed,
    MinAge,
    DistrictBoundCodes,
    ProposalsOpenAt,
    VotingOpensAt,
    VotingClosesAt,
    ResultsDueAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum District {
    Table,
    Id,
    RoundId,
    Slug,
    Name,
    BudgetMinor,
    Position,
}

#[derive(DeriveIden)]
enum Category {
    Table,
    Id,
    RoundId,
    Slug,
    Name,
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Id,
    RoundId,
    DistrictId,
    CategoryId,
    PublicId,
    Title,
    Summary,
    Description,
    CostMinor,
    ImageUrl,
    Location,
    Feasibility,
    FeasibilityReason,
    Withdrawn,
    Position,
    CreatedAt,
    UpdatedAt,
}

fn timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn timestamp_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn fk(
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
                    .table(Organisation::Table)
                    .col(pk_auto(Organisation::Id))
                    .col(string_uniq(Organisation::Slug))
                    .col(string(Organisation::Name))
                    .col(timestamp(Organisation::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Round::Table)
                    .col(pk_auto(Round::Id))
                    .col(integer(Round::OrganisationId))
                    .col(string(Round::Title))
                    .col(text(Round::Summary))
                    .col(text(Round::Description))
                    .col(string(Round::Phase))
                    .col(string_len(Round::Currency, 3))
                    .col(big_integer(Round::BudgetMinor))
                    .col(text(Round::BallotRules))
                    .col(string(Round::Rule))
                    .col(string(Round::TieBreak))
                    .col(boolean(Round::LiveResultsPublic))
                    .col(boolean(Round::RevoteAllowed))
                    .col(integer_null(Round::MinAge))
                    .col(boolean(Round::DistrictBoundCodes))
                    .col(timestamp_null(Round::ProposalsOpenAt))
                    .col(timestamp_null(Round::VotingOpensAt))
                    .col(timestamp_null(Round::VotingClosesAt))
                    .col(timestamp_null(Round::ResultsDueAt))
                    .col(timestamp(Round::CreatedAt))
                    .col(timestamp(Round::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_round_organisation",
                        (Round::Table, Round::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(District::Table)
                    .col(pk_auto(District::Id))
                    .col(integer(District::RoundId))
                    .col(string(District::Slug))
                    .col(string(District::Name))
                    .col(big_integer(District::BudgetMinor))
                    .col(integer(District::Position))
                    .foreign_key(&mut fk(
                        "fk_district_round",
                        (District::Table, District::RoundId),
                        (Round::Table, Round::Id),
                    ))
                    .index(
                        Index::create()
                            .name("ux_district_round_slug")
                            .col(District::RoundId)
                            .col(District::Slug)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Category::Table)
                    .col(pk_auto(Category::Id))
                    .col(integer(Category::RoundId))
                    .col(string(Category::Slug))
                    .col(string(Category::Name))
                    .foreign_key(&mut fk(
                        "fk_category_round",
                        (Category::Table, Category::RoundId),
                        (Round::Table, Round::Id),
                    ))
                    .index(
                        Index::create()
                            .name("ux_category_round_slug")
                            .col(Category::RoundId)
                            .col(Category::Slug)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Project::Table)
                    .col(pk_auto(Project::Id))
                    .col(integer(Project::RoundId))
                    .col(integer(Project::DistrictId))
                    .col(integer_null(Project::CategoryId))
                    .col(string(Project::PublicId))
                    .col(string(Project::Title))
                    .col(text(Project::Summary))
                    .col(text(Project::Description))
                    .col(big_integer(Project::CostMinor))
                    .col(string_null(Project::ImageUrl))
                    .col(string_null(Project::Location))
                    .col(string(Project::Feasibility))
                    .col(text_null(Project::FeasibilityReason))
                    .col(boolean(Project::Withdrawn))
                    .col(integer(Project::Position))
                    .col(timestamp(Project::CreatedAt))
                    .col(timestamp(Project::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_project_round",
                        (Project::Table, Project::RoundId),
                        (Round::Table, Round::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_project_district",
                        (Project::Table, Project::DistrictId),
                        (District::Table, District::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_project_category")
                            .from(Project::Table, Project::CategoryId)
                            .to(Category::Table, Category::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .index(
                        Index::create()
                            .name("ux_project_round_public_id")
                            .col(Project::RoundId)
                            .col(Project::PublicId)
                            .unique(),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Project::Table.into_iden(),
            Category::Table.into_iden(),
            District::Table.into_iden(),
            Round::Table.into_iden(),
            Organisation::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
