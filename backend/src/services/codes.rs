//! Issuing voting codes. The plain codes exist only in the answer to whoever issued them.

use cairn_shared::code::VotingCode;
use cairn_shared::round::Phase;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

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
    let txn = db.begin().await?;
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
