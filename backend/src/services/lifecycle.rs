//! Moving a round through its phases (SPEC §1: draft → proposals → review → voting → closed →
//! published), by an officer, the command line, or the timeline.
//!
//! Every move is one conditional `UPDATE … WHERE phase = <from>` plus its audit row in one
//! transaction, so two officers (or two replicas' timeline tasks) racing to move a round move
//! it once.

use std::time::Duration;

use cairn_shared::api::RoundDetail;
use cairn_shared::round::Phase;
use cairn_shared::rules::{Rule, TieBreak};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::json;

use crate::db::entities::{district, round, round_result};
use crate::error::{ApiError, ApiResult};
use crate::services::audit::{self, Actor};
use crate::services::{results, rounds};

/// Why a round cannot open for voting yet, in words an officer can act on.
pub fn ready_to_vote(round: &RoundDetail) -> Result<(), String> {
    if round.districts.is_empty() {
        return Err("Add at least one area before opening voting.".into());
    }
    if let Some(problem) = round.ballot.check().first() {
        return Err(format!(
            "The ballot rules contradict each other ({}); fix them before opening voting.",
            problem.key
        ));
    }
    for d in &round.districts {
        if !round
            .projects
            .iter()
            .any(|p| p.district == d.id && p.on_ballot())
        {
            return Err(format!(
                "The area {:?} has no feasible project to vote on.",
                d.name
            ));
        }
    }
    Ok(())
}

/// Moves a round to `to`. Publishing counts the round with its rule (see [`publish`]).
pub async fn move_to(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: &str,
    to: Phase,
) -> ApiResult<Phase> {
    let round = rounds::get_any(db, round_id).await?;
    if to == Phase::Published {
        publish(db, actor, round_id, None, None).await?;
        return Ok(Phase::Published);
    }
    let from = round.phase;
    if !from.can_move_to(to) {
        return Err(ApiError::Conflict(format!(
            "A round cannot move from {from} to {to}."
        )));
    }
    if to == Phase::Voting {
        ready_to_vote(&round).map_err(ApiError::Conflict)?;
    }
    let pk = rounds::parse_round_id(round_id)?;
    let txn = crate::db::begin_write(db).await?;
    let moved = round::Entity::update_many()
        .col_expr(round::Column::Phase, Expr::value(to.as_str()))
        .col_expr(round::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(round::Column::Id.eq(pk))
        .filter(round::Column::Phase.eq(from.as_str()))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(ApiError::Conflict(
            "Someone else changed this round's phase just now; reload and try again.".into(),
        ));
    }
    audit::append(
        &txn,
        actor,
        "round.phase",
        Some(pk),
        json!({ "from": from.as_str(), "to": to.as_str() }),
    )
    .await?;
    txn.commit().await?;
    if from == Phase::Voting {
        forget_write_order(db, pk).await;
    }
    Ok(to)
}

/// Voting is over: nothing may be left in storage of the order ballots were written in. The
/// round has moved already; a failure here is logged, and publishing tries again.
async fn forget_write_order(db: &DatabaseConnection, pk: i32) {
    if let Err(err) = crate::db::forget_write_order(db, pk).await {
        tracing::warn!(round = pk, error = %err, "rewriting the ballots' storage order");
    }
}

/// Counts a closed round with its rule (or the one given) and publishes the result and the
/// anonymised ballots. Refused unless the round is closed.
pub async fn publish(
    db: &DatabaseConnection,
    actor: &Actor,
    round_id: &str,
    rule: Option<&str>,
    tie_break: Option<&str>,
) -> ApiResult<()> {
    let round = rounds::get_any(db, round_id).await?;
    if round.phase != Phase::Closed {
        return Err(ApiError::Conflict(match round.phase {
            Phase::Published => "This round's results are already published.".into(),
            _ => "Close voting before publishing the results.".into(),
        }));
    }
    let rule: Rule = rule
        .unwrap_or(&round.rule)
        .parse()
        .map_err(|e| ApiError::BadRequest(format!("{e}")))?;
    let tie_break: TieBreak = tie_break
        .unwrap_or(&round.tie_break)
        .parse()
        .map_err(|e| ApiError::BadRequest(format!("{e}")))?;
    let pk = rounds::parse_round_id(round_id)?;
    let txn = crate::db::begin_write(db).await?;
    // Taking the round first locks it: a paper ballot entered now waits, then finds it
    // published and is refused, rather than slipping in after the count.
    let moved = round::Entity::update_many()
        .col_expr(round::Column::Phase, Expr::value(Phase::Published.as_str()))
        .col_expr(round::Column::Rule, Expr::value(rule.as_str()))
        .col_expr(round::Column::TieBreak, Expr::value(tie_break.as_str()))
        .col_expr(round::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(round::Column::Id.eq(pk))
        .filter(round::Column::Phase.eq(Phase::Closed.as_str()))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(ApiError::Conflict(
            "Someone else changed this round's phase just now; reload and try again.".into(),
        ));
    }
    let districts = district::Entity::find()
        .filter(district::Column::RoundId.eq(pk))
        .all(&txn)
        .await?;
    let now = Utc::now();
    let mut digests = serde_json::Map::new();
    for d in &districts {
        let ballots = results::district_ballots(&txn, d.id).await?;
        let export = results::export_file(&round, &d.slug, &ballots)?;
        let outcome = results::count_district(&round, &d.slug, &export, rule, tie_break)?;
        digests.insert(d.slug.clone(), json!(outcome.export_sha256));
        round_result::ActiveModel {
            round_id: Set(pk),
            district_id: Set(d.id),
            rule: Set(rule.as_str().to_owned()),
            tie_break: Set(tie_break.as_str().to_owned()),
            outcome: Set(serde_json::to_string(&outcome).map_err(|e| ApiError::Internal(e.into()))?),
            export_sha256: Set(outcome.export_sha256.clone()),
            export: Set(export),
            published_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::append(
        &txn,
        actor,
        "round.publish",
        Some(pk),
        json!({ "rule": rule.as_str(), "tie_break": tie_break.as_str(), "export_sha256": digests }),
    )
    .await?;
    txn.commit().await?;
    forget_write_order(db, pk).await;
    Ok(())
}

/// Opens and closes voting when the timeline says so. Runs until the server stops; every
/// replica may run it, the conditional update lets one of them make each move.
pub async fn follow_timeline(db: DatabaseConnection) {
    let mut ticker = tokio::time::interval(Duration::from_secs(15));
    let actor = Actor("timeline".into());
    loop {
        ticker.tick().await;
        if let Err(err) = timeline_step(&db, &actor).await {
            tracing::warn!(error = %err, "following the timeline");
        }
    }
}

async fn timeline_step(db: &DatabaseConnection, actor: &Actor) -> ApiResult<()> {
    let now = Utc::now();
    let due_to_open = round::Entity::find()
        .filter(round::Column::Phase.is_in([Phase::Proposals.as_str(), Phase::Review.as_str()]))
        .filter(round::Column::VotingOpensAt.lte(now))
        .filter(
            sea_orm::Condition::any()
                .add(round::Column::VotingClosesAt.is_null())
                .add(round::Column::VotingClosesAt.gt(now)),
        )
        .all(db)
        .await?;
    for row in due_to_open {
        if let Err(err) = move_to(db, actor, &row.id.to_string(), Phase::Voting).await {
            tracing::warn!(round = row.id, error = %err, "could not open voting on schedule");
        }
    }
    let due_to_close = round::Entity::find()
        .filter(round::Column::Phase.eq(Phase::Voting.as_str()))
        .filter(round::Column::VotingClosesAt.lte(now))
        .all(db)
        .await?;
    for row in due_to_close {
        if let Err(err) = move_to(db, actor, &row.id.to_string(), Phase::Closed).await {
            tracing::warn!(round = row.id, error = %err, "could not close voting on schedule");
        }
    }
    Ok(())
}
