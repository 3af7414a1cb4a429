use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub title: String,
    pub summary: String,
    pub description: String,
    /// `cairn_shared::round::Phase` as text.
    pub phase: String,
    pub currency: String,
    pub budget_minor: i64,
    /// JSON of `cairn_shared::ballot::BallotRules`.
    pub ballot_rules: String,
    pub rule: String,
    pub tie_break: String,
    pub live_results_public: bool,
    pub revote_allowed: bool,
    pub min_age: Option<i32>,
    pub district_bound_codes: bool,
    pub proposals_open_at: Option<DateTimeUtc>,
    pub voting_opens_at: Option<DateTimeUtc>,
    pub voting_closes_at: Option<DateTimeUtc>,
    pub results_due_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
    #[sea_orm(has_many = "super::district::Entity")]
    District,
    #[sea_orm(has_many = "super::category::Entity")]
    Category,
    #[sea_orm(has_many = "super::project::Entity")]
    Project,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::district::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::District.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
