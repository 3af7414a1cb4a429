use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "voting_code")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub batch_id: i32,
    pub round_id: i32,
    /// Set when the code may only vote in one district.
    pub district_id: Option<i32>,
    /// HMAC-SHA256 of the canonical code under the server's key, hex. Never the code itself.
    #[sea_orm(unique)]
    pub code_hash: String,
    pub used: bool,
    pub revoked: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
