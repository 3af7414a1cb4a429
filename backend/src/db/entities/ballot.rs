use sea_orm::entity::prelude::*;

/// A counted ballot. Deliberately absent: any reference to the voting code that cast it, and
/// any precise timestamp.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot")]
pub struct Model {
    /// Random (UUID v4), so key order is not arrival order. On SQLite the table's key is
    /// `(round_id, id)` (migration 5): look a ballot up by both, never by `id` alone.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub round_id: i32,
    pub district_id: i32,
    /// SHA-256 of the normalised receipt, hex: what the public board lists.
    #[sea_orm(unique)]
    pub receipt_hash: String,
    /// JSON of `cairn_shared::ballot::BallotMarks`.
    pub marks: String,
    /// `online` or `paper`.
    pub method: String,
    /// JSON of `cairn_shared::api::Answers`, when the voter chose to answer.
    pub answers: Option<String>,
    /// The day only: enough for turnout over time, too coarse to match to a code's use.
    pub cast_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
