//! Counting a closed round with the `cairn_shared` rules and publishing the result.
//!
//! Each district is counted from the anonymised Pabulib file that is published beside the
//! result: the server writes the file, parses it back, and counts what it parsed. So the
//! published `ballots.pb` re-tallies to the published outcome with `cairn tally` by
//! construction, and its SHA-256 pins it.

use std::collections::HashMap;

use anyhow::Context;
use cairn_shared::api::{DistrictResult, ProjectResult, RoundDetail, RoundResults};
use cairn_shared::ballot::{BallotKind, BallotMarks, BallotRules, CostLimit};
use cairn_shared::money::Money;
use cairn_shared::pabulib::{self, BallotInput, Election, VoteType};
use cairn_shared::rational::Rational;
use cairn_shared::rules::{self, Rule, TieBreak};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use sha2::{Digest, Sha256};

use crate::db::entities::{ballot, district, round_result};
use crate::error::{ApiError, ApiResult};
use crate::secrets;
use crate::services::audit::hex;

/// One district's stored ballots: `(marks, method)`.
pub async fn district_ballots(
    db: &impl ConnectionTrait,
    district_pk: i32,
) -> ApiResult<Vec<(BallotMarks, String)>> {
    let rows: Vec<(String, String)> = ballot::Entity::find()
        .select_only()
        .column(ballot::Column::Marks)
        .column(ballot::Column::Method)
        .filter(ballot::Column::DistrictId.eq(district_pk))
        .into_tuple()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(marks, method)| {
            let marks: BallotMarks = serde_json::from_str(&marks)
                .context("a stored ballot is unreadable")
                .map_err(ApiError::Internal)?;
            Ok((marks, method))
        })
        .collect()
}

fn vote_type(rules: &BallotRules) -> VoteType {
    match rules.kind() {
        BallotKind::Approval => VoteType::Approval,
        BallotKind::Cumulative => VoteType::Cumulative,
        BallotKind::Ordinal => VoteType::Ordinal,
    }
}

/// A uniformly random permutation of `0..n` (Fisher–Yates over the OS generator).
fn permutation(n: usize) -> ApiResult<Vec<usize>> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut random = vec![0u8; n * 8];
    secrets::random_bytes(&mut random).map_err(|e| ApiError::Internal(e.into()))?;
    for i in (1..n).rev() {
        let chunk: [u8; 8] = random[8 * i..8 * i + 8].try_into().unwrap_or_default();
        order.swap(i, (u64::from_le_bytes(chunk) % (i as u64 + 1)) as usize);
    }
    Ok(order)
}

/// The anonymised Pabulib file of one district: its projects on the ballot and every ballot in
/// a random order with fresh voter ids. No receipt, no answer to the optional questions, no day.
pub fn export_file(
    round: &RoundDetail,
    district: &str,
    ballots: &[(BallotMarks, String)],
) -> ApiResult<String> {
    let area = round
        .districts
        .iter()
        .find(|d| d.id == district)
        .ok_or_else(|| ApiError::not_found(format_args!("area {district:?} in this round")))?;
    let mut builder = Election::builder(Rational::from(area.budget), vote_type(&round.ballot));
    let timeline = &round.timeline;
    let dates = [
        ("date_begin", timeline.voting_opens),
        ("date_end", timeline.voting_closes),
    ];
    builder
        .meta("description", &format!("{} — {}", round.title, area.name))
        .meta("unit", &round.organisation.name)
        .meta("instance", &round.id)
        .meta("subunit", &area.name)
        .meta("currency", &round.currency)
        .meta("rule", &round.rule);
    for (key, date) in dates {
        if let Some(date) = date {
            builder.meta(key, &date.format("%d.%m.%Y").to_string());
        }
    }
    match &round.ballot {
        BallotRules::Approval {
            min_length,
            max_length,
            cost_limit,
            ..
        } => {
            builder.meta("min_length", &min_length.to_string());
            if let Some(max) = max_length {
                builder.meta("max_length", &max.to_string());
            }
            let limit = match cost_limit {
                Some(CostLimit::DistrictBudget) => Some(area.budget),
                Some(CostLimit::Amount(amount)) => Some(*amount),
                None => None,
            };
            if let Some(limit) = limit {
                builder.meta("max_sum_cost", &Rational::from(limit).to_string());
            }
        }
        BallotRules::Cumulative {
            max_sum_points,
            max_points,
            min_points,
        } => {
            builder
                .meta("max_sum_points", &max_sum_points.to_string())
                .meta("max_points", &max_points.to_string())
                .meta("min_points", &min_points.to_string());
        }
        BallotRules::Ordinal {
            min_length,
            max_length,
        } => {
            builder
                .meta("min_length", &min_length.to_string())
                .meta("max_length", &max_length.to_string());
        }
    }
    for project in round
        .projects
        .iter()
        .filter(|p| p.district == district && p.on_ballot())
    {
        let category = project.category.clone().unwrap_or_default();
        builder
            .project(
                &project.id,
                project.cost,
                [
                    ("name", project.title.as_str()),
                    ("category", category.as_str()),
                ],
            )
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("exporting project: {e}")))?;
    }
    for (n, index) in permutation(ballots.len())?.into_iter().enumerate() {
        let (marks, method) = &ballots[index];
        let input = BallotInput::from(marks.clone());
        builder
            .voter(
                &(n + 1).to_string(),
                input,
                [("voting_method", method.as_str())],
            )
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("exporting a ballot: {e}")))?;
    }
    Ok(pabulib::write(&builder.build()))
}

pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// Counts one district from its export; the result and the export's digest.
pub fn count_district(
    round: &RoundDetail,
    district: &str,
    export: &str,
    rule: Rule,
    tie_break: TieBreak,
) -> ApiResult<DistrictResult> {
    let area = round
        .districts
        .iter()
        .find(|d| d.id == district)
        .ok_or_else(|| ApiError::not_found(format_args!("area {district:?}")))?;
    let election = pabulib::parse(export)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("our own export does not parse: {e}")))?;
    let outcome = rules::tally(&election, rule, tie_break).map_err(|e| {
        ApiError::Conflict(format!(
            "The rule {rule} cannot count this round: {e}. Choose another rule."
        ))
    })?;
    let by_id: HashMap<&str, &rules::ProjectOutcome> = outcome
        .projects
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let mut projects = Vec::new();
    let mut spent = Money::ZERO;
    for project in round.projects.iter().filter(|p| p.district == district) {
        let result = match by_id.get(project.id.as_str()) {
            Some(counted) => {
                if counted.funded {
                    spent = spent.checked_add(project.cost).unwrap_or(spent);
                }
                ProjectResult {
                    id: project.id.clone(),
                    funded: counted.funded,
                    cost: project.cost,
                    votes: counted.support.to_string(),
                    explanation: counted.explanation.describe(),
                    reason: counted.explanation.clone(),
                }
            }
            // Not on the ballot (withdrawn or not feasible): not counted at all.
            None => ProjectResult {
                id: project.id.clone(),
                funded: false,
                cost: project.cost,
                votes: "0".into(),
                explanation: if project.withdrawn {
                    "not funded: withdrawn before voting".into()
                } else {
                    format!(
                        "not funded: not feasible{}",
                        project
                            .feasibility_reason
                            .as_deref()
                            .map(|r| format!(" ({r})"))
                            .unwrap_or_default()
                    )
                },
                reason: rules::Explanation::NoSupport,
            },
        };
        projects.push(result);
    }
    Ok(DistrictResult {
        id: area.id.clone(),
        budget: area.budget,
        ballots: election.voters().len() as u64,
        selected: outcome.selected.clone(),
        spent,
        export_sha256: sha256_hex(export),
        projects,
    })
}

/// The published result of a round, or 404 before publication.
pub async fn published(
    db: &impl ConnectionTrait,
    round: &RoundDetail,
    round_pk: i32,
) -> ApiResult<RoundResults> {
    let rows = round_result::Entity::find()
        .filter(round_result::Column::RoundId.eq(round_pk))
        .order_by_asc(round_result::Column::DistrictId)
        .all(db)
        .await?;
    let first = rows.first().ok_or_else(|| {
        ApiError::NotFound("The results of this round have not been published yet.".into())
    })?;
    let mut districts: Vec<DistrictResult> = rows
        .iter()
        .map(|row| {
            serde_json::from_str(&row.outcome)
                .context("a stored result is unreadable")
                .map_err(ApiError::Internal)
        })
        .collect::<ApiResult<_>>()?;
    let order: HashMap<&str, usize> = round
        .districts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    districts.sort_by_key(|d| order.get(d.id.as_str()).copied().unwrap_or(usize::MAX));
    let mut selected: Vec<String> = districts.iter().flat_map(|d| d.selected.clone()).collect();
    selected.sort();
    Ok(RoundResults {
        rule: first.rule.clone(),
        tie_break: first.tie_break.clone(),
        published_at: first.published_at,
        selected,
        ballots: districts.iter().map(|d| d.ballots).sum(),
        districts,
    })
}

/// The stored export of one district (`None` = the only district).
pub async fn published_export(
    db: &impl ConnectionTrait,
    round: &RoundDetail,
    round_pk: i32,
    district: Option<&str>,
) -> ApiResult<(String, String)> {
    let slug = match district {
        Some(slug) => slug.to_owned(),
        None => match round.districts.as_slice() {
            [only] => only.id.clone(),
            many => {
                return Err(ApiError::BadRequest(format!(
                    "This round has several areas; add ?district= with one of: {}.",
                    many.iter()
                        .map(|d| d.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        },
    };
    let district_pk = district::Entity::find()
        .filter(district::Column::RoundId.eq(round_pk))
        .filter(district::Column::Slug.eq(&slug))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found(format_args!("area {slug:?} in this round")))?
        .id;
    let row = round_result::Entity::find()
        .filter(round_result::Column::DistrictId.eq(district_pk))
        .one(db)
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(
                "The ballots are published with the results, which are not out yet.".into(),
            )
        })?;
    Ok((row.export, row.export_sha256))
}
