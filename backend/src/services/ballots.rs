//! Casting, changing and entering ballots. Validation happens here, against the round's cached
//! rules (the same `cairn_shared` function the browser runs); storage happens in
//! [`crate::live::writer`], which consumes codes exactly once.

use cairn_shared::api::{AGE_BANDS, Answers, BallotBody};
use cairn_shared::ballot::{BallotContext, BallotMarks};
use cairn_shared::code::{VotingCode, normalise_receipt, receipt_from_random};
use cairn_shared::round::Phase;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::auth::OfficerAuth;
use crate::db::entities::{ballot, round, voting_code};
use crate::error::{ApiError, ApiResult};
use crate::live::cache::CachedRound;
use crate::live::writer::{Kind, NewBallot, Refusal};
use crate::routes::AppState;
use crate::secrets;
use crate::services::audit;

/// The outcome of a failed attempt, so the caller can count guesses of unknown codes.
#[derive(Debug)]
pub enum CastError {
    /// The code or receipt is not one of this round's (or is malformed): a guess.
    Guess(ApiError),
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
            CastError::Guess(e) | CastError::Other(e) => e,
        }
    }
}

fn bad_code(detail: impl std::fmt::Display) -> CastError {
    CastError::Guess(ApiError::Forbidden(format!(
        "This voting code is not valid: {detail}. Check it against your letter."
    )))
}

fn check_answers(answers: Option<Answers>) -> ApiResult<Option<String>> {
    let Some(mut answers) = answers else {
        return Ok(None);
    };
    if let Some(band) = &answers.age_band
        && !AGE_BANDS.contains(&band.as_str())
    {
        return Err(ApiError::BadRequest(format!(
            "The age band must be one of {}.",
            AGE_BANDS.join(", ")
        )));
    }
    answers.gender = answers
        .gender
        .map(|g| g.trim().to_owned())
        .filter(|g| !g.is_empty());
    if answers
        .gender
        .as_ref()
        .is_some_and(|g| g.chars().count() > 40)
    {
        return Err(ApiError::BadRequest(
            "Describe your gender in at most 40 characters, or leave it blank.".into(),
        ));
    }
    if answers == Answers::default() {
        return Ok(None);
    }
    Ok(Some(json!(answers).to_string()))
}

/// Validates a ballot against its round and prepares it for the writer, with a new receipt.
fn prepare(round: &CachedRound, body: BallotBody) -> ApiResult<(NewBallot, String)> {
    let marks: BallotMarks = body.marks().ok_or_else(|| ApiError::Invalid {
        message: "Send exactly one of \"approvals\", \"points\" or \"ranking\".".into(),
        violations: vec![],
    })?;
    let district = round
        .detail
        .districts
        .iter()
        .find(|d| d.id == body.district)
        .ok_or_else(|| ApiError::Invalid {
            message: format!("This round has no area {:?}.", body.district),
            violations: vec![],
        })?;
    let context = BallotContext {
        rules: &round.detail.ballot,
        district_budget: district.budget,
        projects: round
            .candidates
            .get(&district.id)
            .map(Vec::as_slice)
            .unwrap_or_default(),
    };
    let valid = context
        .validate(marks)
        .map_err(|violations| ApiError::Invalid {
            message: "This ballot breaks the round's rules; nothing was saved.".into(),
            violations,
        })?;
    let district_pk = *round
        .district_pks
        .get(&district.id)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("district without a key")))?;
    let mut receipt_bytes = [0u8; 16];
    secrets::random_bytes(&mut receipt_bytes).map_err(|e| ApiError::Internal(e.into()))?;
    let receipt = receipt_from_random(receipt_bytes);
    let marks = valid.into_marks();
    Ok((
        NewBallot {
            id: uuid::Uuid::new_v4().to_string(),
            marks_json: serde_json::to_string(&marks).map_err(|e| ApiError::Internal(e.into()))?,
            marks,
            round_pk: round.pk,
            district_pk,
            district_slug: district.id.clone(),
            receipt_hash: secrets::hash_receipt(&normalise_receipt(&receipt)),
            answers: check_answers(body.answers)?,
            // The day only, in UTC: enough for a turnout chart, too coarse to time a code.
            cast_on: chrono::Utc::now().date_naive(),
        },
        receipt,
    ))
}

fn refusal_error(refusal: Refusal) -> CastError {
    match refusal {
        Refusal::Failed(err) => CastError::Other(err),
        Refusal::NotTakingBallots => CastError::Other(ApiError::Conflict(
            "This round no longer takes ballots.".into(),
        )),
        Refusal::NoSuchBallot => CastError::Guess(ApiError::NotFound(
            "No ballot in this area has this receipt. Check it was typed exactly as printed."
                .into(),
        )),
        Refusal::CodeNotUsable => CastError::Other(ApiError::Internal(anyhow::anyhow!(
            "code refusal must be explained by the caller"
        ))),
    }
}

/// A resident's ballot: validates, consumes the code and stores the ballot; returns the receipt.
pub async fn cast(
    state: &AppState,
    round_id: &str,
    code: &str,
    body: BallotBody,
) -> Result<String, CastError> {
    let round = state.rounds.get(&state.db, round_id).await?;
    if round.detail.phase != Phase::Voting {
        return Err(ApiError::Conflict("This round is not open for voting.".into()).into());
    }
    submit_with_code(state, &round, code, body, None).await
}

/// Replaces a ballot (rounds that allow it), proven by its code and receipt; returns the new
/// receipt. The old receipt leaves the board.
pub async fn change(
    state: &AppState,
    round_id: &str,
    code: &str,
    old_receipt: &str,
    body: BallotBody,
) -> Result<String, CastError> {
    let round = state.rounds.get(&state.db, round_id).await?;
    if round.detail.phase != Phase::Voting {
        return Err(ApiError::Conflict(
            "Voting in this round has closed; ballots can no longer be changed.".into(),
        )
        .into());
    }
    if !round.detail.revote_allowed {
        return Err(ApiError::Conflict(
            "This round does not allow changing a ballot once it is cast.".into(),
        )
        .into());
    }
    let old_receipt_hash = secrets::hash_receipt(&normalise_receipt(old_receipt));
    submit_with_code(state, &round, code, body, Some(old_receipt_hash)).await
}

/// The part casting and changing share: check the code's form, validate the ballot, hand both
/// to the writer, and explain a refused code. `replacing` is the old receipt's hash when the
/// ballot replaces one.
async fn submit_with_code(
    state: &AppState,
    round: &CachedRound,
    code: &str,
    body: BallotBody,
    replacing: Option<String>,
) -> Result<String, CastError> {
    let code = VotingCode::parse(code).map_err(bad_code)?;
    let (ballot, receipt) = prepare(round, body)?;
    let code_hash = state.code_key.hash_code(&code);
    let changing = replacing.is_some();
    let kind = match replacing {
        None => Kind::Online {
            code_hash: code_hash.clone(),
        },
        Some(old_receipt_hash) => Kind::Change {
            code_hash: code_hash.clone(),
            old_receipt_hash,
        },
    };
    match state.writer.submit(kind, ballot).await {
        Ok(()) => Ok(receipt),
        Err(Refusal::CodeNotUsable) => {
            Err(why_refused(&state.db, &code_hash, round.pk, changing).await)
        }
        Err(other) => Err(refusal_error(other)),
    }
}

/// An officer enters a paper ballot; it is validated like any other and marked as paper.
pub async fn enter_paper(
    state: &AppState,
    officer: &OfficerAuth,
    round_id: &str,
    body: BallotBody,
) -> ApiResult<String> {
    let round = state.rounds.get(&state.db, round_id).await?;
    if !matches!(round.detail.phase, Phase::Voting | Phase::Closed) {
        return Err(ApiError::Conflict(
            "Paper ballots can be entered while voting is open or after it closes, before results are published.".into(),
        ));
    }
    let district = body.district.clone();
    let (ballot, receipt) = prepare(&round, body)?;
    state
        .writer
        .submit(Kind::Paper, ballot)
        .await
        .map_err(|r| ApiError::from(refusal_error(r)))?;
    // The audit row records that a paper ballot was entered and where, never its content.
    audit::record(
        &state.db,
        &officer.actor(),
        "ballot.paper",
        Some(round.pk),
        json!({ "district": district }),
    )
    .await?;
    Ok(receipt)
}

/// Tells apart the reasons a code could not be used, after the fact.
async fn why_refused(
    db: &impl ConnectionTrait,
    code_hash: &str,
    round_pk: i32,
    changing: bool,
) -> CastError {
    let phase = match round::Entity::find_by_id(round_pk).one(db).await {
        Ok(row) => row.and_then(|r| r.phase.parse::<Phase>().ok()),
        Err(err) => return err.into(),
    };
    if phase != Some(Phase::Voting) {
        return CastError::Other(ApiError::Conflict(
            "This round is not open for voting.".into(),
        ));
    }
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
        Some(code) if code.round_id == round_pk && code.used && !changing => {
            CastError::Other(ApiError::Conflict(
                "This voting code has already been used; each code casts one ballot.".into(),
            ))
        }
        Some(code) if code.round_id == round_pk && !code.used && changing => {
            CastError::Other(ApiError::Conflict(
                "This voting code has not cast a ballot yet: use it to vote instead.".into(),
            ))
        }
        Some(code) if code.round_id == round_pk => CastError::Other(ApiError::Forbidden(
            "This voting code is for another area of this round.".into(),
        )),
        _ => CastError::Guess(ApiError::Forbidden(
            "This voting code is not one of this round's codes. Check it against your letter."
                .into(),
        )),
    }
}

/// Whether a receipt belongs to a counted ballot, and in which round.
pub async fn find_receipt(db: &impl ConnectionTrait, receipt: &str) -> ApiResult<Option<i32>> {
    let hash = secrets::hash_receipt(&normalise_receipt(receipt));
    Ok(ballot::Entity::find()
        .filter(ballot::Column::ReceiptHash.eq(hash))
        .one(db)
        .await?
        .map(|b| b.round_id))
}
