//! Issuing voting codes. The plain codes exist only in the answer to whoever issued them.

use cairn_shared::code::VotingCode;
use cairn_shared::round::Phase;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::db::entities::{code_batch, district, round, voting_code};
use crate::error::{ApiError, ApiResult};
use crate::secrets::{self, CodeKey};
use crate::services::rounds::parse_round_id;

/// The most codes one batch may hold: a printed batch is for one distribution, not the town.
pub const MAX_BATCH: u32 = 100_000;

/// Issues `count` new codes for a round (optionally bound to one district) and returns them.
pub async fn issue(
    db: &DatabaseConnection,
    key: &CodeKey,
    round_id: &str,
    district: Option<&str>,
    count: u32,
    label: &str,
) -> ApiResult<Vec<VotingCode>> {
    if count == 0 || count > MAX_BATCH {
        return Err(ApiError::BadRequest(format!(
            "A batch holds between 1 and {MAX_BATCH} codes."
        )));
    }
    let id = parse_round_id(round_id)?;
    let round = round::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found(format_args!("round {round_id:?}")))?;
    let phase: Phase = round
        .phase
        .parse()
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?;
    if phase >= Phase::Closed {
        return Err(ApiError::Conflict(
            "Voting in this round has closed; no more codes can be issued.".into(),
        ));
    }
    let district_id = match district {
        None => None,
        Some(slug) => Some(
            district::Entity::find()
                .filter(district::Column::RoundId.eq(id))
                .filter(district::Column::Slug.eq(slug))
                .one(db)
                .await?
                .ok_or_else(|| ApiError::not_found(format_args!("area {slug:?} in this round")))?
                .id,
        ),
    };
    let mut codes = Vec::with_capacity(count as usize);
    let mut failure = None;
    while codes.len() < count as usize {
        codes.push(VotingCode::generate(|buffer| {
            if let Err(err) = secrets::random_bytes(buffer) {
                failure = Some(err);
            }
        }));
        if let Some(err) = failure.take() {
            return Err(ApiError::Internal(anyhow::Error::new(err)));
        }
    }
    let txn = crate::db::begin_write(db).await?;
    let batch = code_batch::ActiveModel {
        round_id: Set(id),
        district_id: Set(district_id),
        label: Set(label.to_owned()),
        size: Set(i32::try_from(count).unwrap_or(i32::MAX)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Chunks keep each statement under the databases' bound-parameter limits.
    for chunk in codes.chunks(1000) {
        voting_code::Entity::insert_many(chunk.iter().map(|code| voting_code::ActiveModel {
            batch_id: Set(batch.id),
            round_id: Set(id),
            district_id: Set(district_id),
            code_hash: Set(key.hash_code(code)),
            used: Set(false),
            revoked: Set(false),
            ..Default::default()
        }))
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(codes)
}

/// A round's batches with how many of their codes are used or revoked (never which ones).
pub async fn batches(
    db: &impl sea_orm::ConnectionTrait,
    round_pk: i32,
) -> ApiResult<Vec<cairn_shared::api::CodeBatch>> {
    use sea_orm::{PaginatorTrait, QueryOrder};
    let rows = code_batch::Entity::find()
        .filter(code_batch::Column::RoundId.eq(round_pk))
        .order_by_asc(code_batch::Column::Id)
        .all(db)
        .await?;
    let slugs: std::collections::HashMap<i32, String> = district::Entity::find()
        .filter(district::Column::RoundId.eq(round_pk))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.slug))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let count = |column: voting_code::Column| {
            voting_code::Entity::find()
                .filter(voting_code::Column::BatchId.eq(row.id))
                .filter(column.eq(true))
                .count(db)
        };
        let used = count(voting_code::Column::Used).await?;
        let revoked = count(voting_code::Column::Revoked).await?;
        out.push(cairn_shared::api::CodeBatch {
            id: row.id.to_string(),
            label: row.label,
            district: row.district_id.and_then(|d| slugs.get(&d).cloned()),
            size: u32::try_from(row.size).unwrap_or(0),
            used: u32::try_from(used).unwrap_or(u32::MAX),
            revoked: u32::try_from(revoked).unwrap_or(u32::MAX),
            created_at: row.created_at,
        });
    }
    Ok(out)
}

/// Cancels one unused code (lost letter, wrong address). A used code cannot be revoked: its
/// ballot is counted and cannot be found from the code.
pub async fn revoke(
    db: &DatabaseConnection,
    key: &CodeKey,
    actor: &crate::services::audit::Actor,
    round_pk: i32,
    code: &str,
) -> ApiResult<()> {
    let code = VotingCode::parse(code)
        .map_err(|e| ApiError::BadRequest(format!("This is not a voting code: {e}.")))?;
    let hash = key.hash_code(&code);
    let txn = crate::db::begin_write(db).await?;
    let row = voting_code::Entity::find()
        .filter(voting_code::Column::CodeHash.eq(&hash))
        .filter(voting_code::Column::RoundId.eq(round_pk))
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::NotFound("This round has no such voting code.".into()))?;
    if row.used {
        return Err(ApiError::Conflict(
            "This code has already cast a ballot; it can no longer be revoked.".into(),
        ));
    }
    if row.revoked {
        return Err(ApiError::Conflict("This code is already revoked.".into()));
    }
    let changed = voting_code::Entity::update_many()
        .col_expr(
            voting_code::Column::Revoked,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(voting_code::Column::Id.eq(row.id))
        .filter(voting_code::Column::Used.eq(false))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(ApiError::Conflict(
            "This code was used a moment ago; it can no longer be revoked.".into(),
        ));
    }
    // The audit names the batch, never the code.
    crate::services::audit::append(
        &txn,
        actor,
        "code.revoke",
        Some(round_pk),
        serde_json::json!({ "batch": row.batch_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
