use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub district_id: i32,
    pub category_id: Option<i32>,
    /// The id voters, ballots and Pabulib files use, unique within the round.
    pub public_id: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub cost_minor: i64,
    pub image_url: Option<String>,
    pub location: Option<String>,
    /// `pending`, `feasible` or `not-feasible`.
    pub feasibility: String,
    pub feasibility_reason: Option<String>,
    pub withdrawn: bool,
    pub position: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::round::Entity",
        from = "Column::RoundId",
        to = "super::round::Column::Id"
    )]
    Round,
    #[sea_orm(
        belongs_to = "super::district::Entity",
        from = "Column::DistrictId",
        to = "super::district::Column::Id"
    )]
    District,
}

impl Related<super::round::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Round.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
