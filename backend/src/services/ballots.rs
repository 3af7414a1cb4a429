//! Casting a ballot: exactly once per voting code, under any concurrency, on either database.
//!
//! One transaction marks the code used with a conditional update (`… WHERE used = false`) and,
//! only if that changed a row, stores the ballot. Two submissions of one code race on that
//! update; the database lets exactly one of them change the row, and the other sees zero rows
//! and is told the code was used.

use cairn_shared::ballot::{BallotContext, BallotMarks};
use cairn_shared::code::{VotingCode, normalise_receipt, receipt_from_random};
use cairn_shared::round::Phase;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

use crate::db::entities::{ballot, district, voting_code};
use crate::error::{ApiError, ApiResult};
use crate::secrets::{self, CodeKey};
use crate::services::rounds;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Online,
    Paper,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Online => "online",
            Method::Paper => "paper",
        }
    }
}

/// The outcome of a failed attempt, so the caller can count guesses of unknown codes.
#[derive(Debug)]
pub enum CastError {
    /// The code is not one of this round's codes (or is malformed): a guess.
    UnknownCode(ApiError),
    Other(ApiError),
}

impl From<ApiError> for CastError {
    fn from(err: ApiError) -> Self {
        CastError::Other(err)
    }
}

impl From<sea_orm::DbErr> for CastError {
    fn from(err: sea_orm::DbErr) -> Self {
        CastError::Other(err.into())
    }
}

impl From<CastError> for ApiError {
    fn from(err: CastError) -> Self {
        match err {
            CastError::UnknownCode(e) | CastError::Other(e) => e,
        }
    }
}

/// Validates and stores a ballot, consuming the code; returns the receipt to show the voter.
pub async fn cast(
    db: &DatabaseConnection,
    key: &CodeKey,
    round_id: &str,
    code: &str,
    district_slug: &str,
    marks: BallotMarks,
    method: Method,
) -> Result<String, CastError> {
    let round = rounds::get_public(db, round_id).await?;
    if round.phase != Phase::Voting {
        return Err(ApiError::Conflict("This round is not open for voting.".into()).into());
    }
    let code = VotingCode::parse(code).map_err(|e| {
        CastError::UnknownCode(ApiError::Forbidden(format!(
            "This voting code is not valid: {e}. Check it against your letter."
        )))
    })?;
    let Some(district) = round.districts.iter().find(|d| d.id == district_slug) else {
        return Err(ApiError::Invalid {
            message: format!("This round has no area {district_slug:?}."),
            violations: vec![],
        }
        .into());
    };
    let candidates = round.candidates(&district.id);
    let context = BallotContext {
        rules: &round.ballot,
        district_budget: district.budget,
        projects: &candidates,
    };
    let valid = context
        .validate(marks)
        .map_err(|violations| ApiError::Invalid {
            message: "This ballot breaks the round's rules; nothing was saved.".into(),
            violations,
        })?;
    let round_pk = rounds::parse_round_id(round_id)?;
    let district_pk = district::Entity::find()
        .filter(district::Column::RoundId.eq(round_pk))
        .filter(district::Column::Slug.eq(district_slug))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("district vanished during a ballot")))?
        .id;
    let code_hash = key.hash_code(&code);
    let mut receipt_bytes = [0u8; 16];
    secrets::random_bytes(&mut receipt_bytes)
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?;
    let receipt = receipt_from_random(receipt_bytes);
    let marks_json =
        serde_json::to_string(valid.marks()).map_err(|e| ApiError::Internal(e.into()))?;

    let txn = db.begin().await?;
    let consumed = voting_code::Entity::update_many()
        .col_expr(voting_code::Column::Used, Expr::value(true))
        .filter(voting_code::Column::CodeHash.eq(&code_hash))
        .filter(voting_code::Column::RoundId.eq(round_pk))
        .filter(voting_code::Column::Used.eq(false))
        .filter(voting_code::Column::Revoked.eq(false))
        .filter(
            Condition::any()
                .add(voting_code::Column::DistrictId.is_null())
                .add(voting_code::Column::DistrictId.eq(district_pk)),
        )
        .exec(&txn)
        .await?;
    if consumed.rows_affected != 1 {
        txn.rollback().await?;
        return Err(why_refused(db, &code_hash, round_pk).await);
    }
    ballot::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        round_id: Set(round_pk),
        district_id: Set(district_pk),
        receipt_hash: Set(secrets::hash_receipt(&normalise_receipt(&receipt))),
        marks: Set(marks_json),
        method: Set(method.as_str().to_owned()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(receipt)
}

/// Tells apart the reasons a code could not be consumed, after the fact.
async fn why_refused(db: &DatabaseConnection, code_hash: &str, round_pk: i32) -> CastError {
    let row = match voting_code::Entity::find()
        .filter(voting_code::Column::CodeHash.eq(code_hash))
        .one(db)
        .await
    {
        Ok(row) => row,
        Err(err) => return err.into(),
    };
    match row {
        Some(code) if code.round_id == round_pk && code.revoked => CastError::Other(
            ApiError::Forbidden("This voting code has been cancelled by the council.".into()),
        ),
        Some(code) if code.round_id == round_pk && code.used => {
            CastError::Other(ApiError::Conflict(
                "This voting code has already been used; each code casts one ballot.".into(),
            ))
        }
        Some(code) if code.round_id == round_pk => CastError::Other(ApiError::Forbidden(
            "This voting code is for another area of this round.".into(),
        )),
        _ => CastError::UnknownCode(ApiError::Forbidden(
            "This voting code is not one of this round's codes. Check it against your letter."
                .into(),
        )),
    }
}

/// Whether a receipt belongs to a counted ballot, and in which round.
pub async fn find_receipt(db: &DatabaseConnection, receipt: &str) -> ApiResult<Option<i32>> {
    let hash = secrets::hash_receipt(&normalise_receipt(receipt));
    Ok(ballot::Entity::find()
        .filter(ballot::Column::ReceiptHash.eq(hash))
        .one(db)
        .await?
        .map(|b| b.round_id))
}
