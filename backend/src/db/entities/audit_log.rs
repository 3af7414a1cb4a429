use sea_orm::entity::prelude::*;

/// One officer action. `hash` = SHA-256 over `prev_hash` and this row's fields, so editing,
/// deleting, inserting or reordering rows breaks the chain (`cairn audit verify`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    /// Sequence number, 1, 2, 3, … with no gaps.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor: String,
    pub action: String,
    pub round_id: Option<i32>,
    /// JSON object with the action's particulars.
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
