use sea_orm::entity::prelude::*;

/// The published result of one district of a round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_result")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub district_id: i32,
    pub rule: String,
    pub tie_break: String,
    /// JSON of `cairn_shared::api::DistrictResult`.
    pub outcome: String,
    /// The anonymised Pabulib file the outcome was computed from, byte for byte.
    pub export: String,
    pub export_sha256: String,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
