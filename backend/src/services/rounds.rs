//! Reading rounds for the portal and the round pages.

use std::collections::HashMap;

use anyhow::Context;
use cairn_shared::api::{self, Feasibility, RoundDetail, RoundSummary, Timeline};
use cairn_shared::ballot::BallotRules;
use cairn_shared::money::Money;
use cairn_shared::round::Phase;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{category, district, organisation, project, round};
use crate::error::{ApiError, ApiResult};

/// Round ids are database keys shown as strings; anything else is simply not a round.
pub fn parse_round_id(id: &str) -> ApiResult<i32> {
    id.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ApiError::not_found(format_args!("round {id:?}")))
}

fn phase_of(row: &round::Model) -> ApiResult<Phase> {
    row.phase
        .parse()
        .with_context(|| format!("round {} has a bad phase", row.id))
        .map_err(ApiError::Internal)
}

fn timeline_of(row: &round::Model) -> Timeline {
    Timeline {
        proposals_open: row.proposals_open_at,
        voting_opens: row.voting_opens_at,
        voting_closes: row.voting_closes_at,
        results_due: row.results_due_at,
    }
}

fn organisation_of(row: &organisation::Model) -> api::Organisation {
    api::Organisation {
        id: row.slug.clone(),
        name: row.name.clone(),
    }
}

/// Every round the public may see (not drafts), newest voting first.
pub async fn list_public(db: &impl ConnectionTrait) -> ApiResult<Vec<RoundSummary>> {
    list(db, round::Column::Phase.ne(Phase::Draft.as_str())).await
}

/// Every round of one organisation, drafts included: the officers' dashboard.
pub async fn list_for_organisation(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> ApiResult<Vec<RoundSummary>> {
    list(db, round::Column::OrganisationId.eq(organisation_id)).await
}

async fn list(
    db: &impl ConnectionTrait,
    condition: sea_orm::sea_query::SimpleExpr,
) -> ApiResult<Vec<RoundSummary>> {
    let rounds = round::Entity::find()
        .filter(condition)
        .order_by_desc(round::Column::VotingOpensAt)
        .order_by_asc(round::Column::Id)
        .all(db)
        .await?;
    let organisations: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let ids: Vec<i32> = rounds.iter().map(|r| r.id).collect();
    let mut district_counts: HashMap<i32, u32> = HashMap::new();
    for d in district::Entity::find()
        .filter(district::Column::RoundId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        *district_counts.entry(d.round_id).or_default() += 1;
    }
    let mut project_counts: HashMap<i32, u32> = HashMap::new();
    for p in project::Entity::find()
        .filter(project::Column::RoundId.is_in(ids))
        .all(db)
        .await?
    {
        *project_counts.entry(p.round_id).or_default() += 1;
    }
    rounds
        .iter()
        .map(|row| {
            let organisation = organisations
                .get(&row.organisation_id)
                .with_context(|| format!("round {} has no organisation", row.id))
                .map_err(ApiError::Internal)?;
            Ok(RoundSummary {
                id: row.id.to_string(),
                organisation: organisation_of(organisation),
                title: row.title.clone(),
                summary: row.summary.clone(),
                phase: phase_of(row)?,
                currency: row.currency.clone(),
                budget: Money::from_minor(row.budget_minor),
                timeline: timeline_of(row),
                districts: district_counts.get(&row.id).copied().unwrap_or(0),
                projects: project_counts.get(&row.id).copied().unwrap_or(0),
            })
        })
        .collect()
}

/// One public round with its districts, categories and projects.
pub async fn get_public(db: &impl ConnectionTrait, id: &str) -> ApiResult<RoundDetail> {
    let round_id = parse_round_id(id)?;
    let row = round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .filter(|r| r.phase != Phase::Draft.as_str())
        .ok_or_else(|| ApiError::not_found(format_args!("round {id:?}")))?;
    detail(db, row).await
}

/// One round in any phase, drafts included: for officers and the command line.
pub async fn get_any(db: &impl ConnectionTrait, id: &str) -> ApiResult<RoundDetail> {
    let round_id = parse_round_id(id)?;
    let row = round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found(format_args!("round {id:?}")))?;
    detail(db, row).await
}

async fn detail(db: &impl ConnectionTrait, row: round::Model) -> ApiResult<RoundDetail> {
    let organisation = organisation::Entity::find_by_id(row.organisation_id)
        .one(db)
        .await?
        .with_context(|| format!("round {} has no organisation", row.id))?;
    let districts = district::Entity::find()
        .filter(district::Column::RoundId.eq(row.id))
        .order_by_asc(district::Column::Position)
        .all(db)
        .await?;
    let categories = category::Entity::find()
        .filter(category::Column::RoundId.eq(row.id))
        .order_by_asc(category::Column::Name)
        .all(db)
        .await?;
    let projects = project::Entity::find()
        .filter(project::Column::RoundId.eq(row.id))
        .order_by_asc(project::Column::Position)
        .order_by_asc(project::Column::Id)
        .all(db)
        .await?;
    let district_slugs: HashMap<i32, &str> =
        districts.iter().map(|d| (d.id, d.slug.as_str())).collect();
    let category_slugs: HashMap<i32, &str> =
        categories.iter().map(|c| (c.id, c.slug.as_str())).collect();
    let ballot: BallotRules = serde_json::from_str(&row.ballot_rules)
        .with_context(|| format!("round {} has unreadable ballot rules", row.id))?;
    let projects = projects
        .into_iter()
        .map(|p| {
            let district = district_slugs
                .get(&p.district_id)
                .with_context(|| format!("project {} is in a district of another round", p.id))?;
            Ok(api::Project {
                id: p.public_id,
                district: (*district).to_owned(),
                category: p
                    .category_id
                    .and_then(|c| category_slugs.get(&c))
                    .map(|s| (*s).to_owned()),
                title: p.title,
                summary: p.summary,
                description: p.description,
                cost: Money::from_minor(p.cost_minor),
                image_url: p.image_url,
                location: p.location,
                feasibility: parse_feasibility(&p.feasibility)?,
                feasibility_reason: p.feasibility_reason,
                withdrawn: p.withdrawn,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(RoundDetail {
        id: row.id.to_string(),
        organisation: organisation_of(&organisation),
        phase: phase_of(&row)?,
        timeline: timeline_of(&row),
        title: row.title,
        summary: row.summary,
        description: row.description,
        currency: row.currency,
        budget: Money::from_minor(row.budget_minor),
        ballot,
        rule: row.rule,
        tie_break: row.tie_break,
        live_results_public: row.live_results_public,
        revote_allowed: row.revote_allowed,
        districts: districts
            .into_iter()
            .map(|d| api::District {
                id: d.slug,
                name: d.name,
                budget: Money::from_minor(d.budget_minor),
            })
            .collect(),
        categories: categories
            .into_iter()
            .map(|c| api::Category {
                id: c.slug,
                name: c.name,
            })
            .collect(),
        projects,
    })
}

pub fn feasibility_str(f: Feasibility) -> &'static str {
    match f {
        Feasibility::Pending => "pending",
        Feasibility::Feasible => "feasible",
        Feasibility::NotFeasible => "not-feasible",
    }
}

fn parse_feasibility(text: &str) -> anyhow::Result<Feasibility> {
    [
        Feasibility::Pending,
        Feasibility::Feasible,
        Feasibility::NotFeasible,
    ]
    .into_iter()
    .find(|f| feasibility_str(*f) == text)
    .with_context(|| format!("unknown feasibility {text:?}"))
}
