//! The ballot writer: one task that stores ballots, as many per transaction as are waiting.
//!
//! A durable commit (`synchronous=FULL`, or PostgreSQL's WAL flush) costs the same for one
//! ballot as for a hundred, so under load the writer takes every job waiting in its queue (up
//! to [`MAX_BATCH`]), applies them in one transaction, commits once, and only then answers each
//! submitter: an acknowledged ballot is always on disk. With no load a batch is one ballot and
//! nothing waits for a timer.
//!
//! Exactly once: a code is consumed by `UPDATE … SET used = true WHERE … used = false`, and the
//! ballot is inserted only if that changed one row. Two jobs with one code in one batch, in two
//! batches, or on two replicas over one PostgreSQL, race on that row; one wins.
//!
//! Jobs in a batch are shuffled before they are written, so the storage order of ballots says
//! even less about the order codes were used in.

use std::sync::Arc;

use cairn_shared::ballot::BallotMarks;
use cairn_shared::round::Phase;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DbErr, EntityTrait, QueryFilter, QuerySelect, Set, Statement, TransactionTrait,
};
use tokio::sync::{mpsc, oneshot};

use super::hub::Hub;
use crate::db::entities::{ballot, round, voting_code};
use crate::error::ApiError;
use crate::secrets;

pub const MAX_BATCH: usize = 512;
const QUEUE: usize = 16_384;
/// The PostgreSQL channel replicas use to tell each other a round's ballots changed.
pub const NOTIFY_CHANNEL: &str = "cairn_ballots";

#[derive(Debug)]
pub enum Kind {
    /// A resident's ballot, consuming a code.
    Online { code_hash: String },
    /// An officer's entry of a paper ballot: no code.
    Paper,
    /// A resident replaces their ballot, proving it with the code and the old receipt.
    Change {
        code_hash: String,
        old_receipt_hash: String,
    },
}

#[derive(Debug)]
pub struct NewBallot {
    pub round_pk: i32,
    pub district_pk: i32,
    pub district_slug: String,
    pub receipt_hash: String,
    pub marks: BallotMarks,
    pub answers: Option<String>,
    pub cast_on: NaiveDate,
}

/// Why a job stored nothing; the caller puts it in words.
#[derive(Debug)]
pub enum Refusal {
    /// The code is unknown, used, revoked, of another district, or the round is not voting.
    CodeNotUsable,
    /// (Change) no ballot of this round and district has that receipt.
    NoSuchBallot,
    /// (Paper) the round no longer takes ballots.
    NotTakingBallots,
    Failed(ApiError),
}

struct Job {
    kind: Kind,
    ballot: NewBallot,
    reply: oneshot::Sender<Result<(), Refusal>>,
}

enum Outcome {
    Stored { replaced: Option<BallotMarks> },
    Refused(Refusal),
}

#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer task.
    pub fn start(db: DatabaseConnection, hub: Arc<Hub>, replica: String) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, hub, replica, jobs));
        Writer { queue }
    }

    /// Stores a ballot; returns once it is committed, or why it was not.
    pub async fn submit(&self, kind: Kind, ballot: NewBallot) -> Result<(), Refusal> {
        let (reply, answer) = oneshot::channel();
        let unavailable = || {
            Refusal::Failed(ApiError::Unavailable(DbErr::Custom(
                "the ballot writer has stopped".into(),
            )))
        };
        self.queue
            .send(Job {
                kind,
                ballot,
                reply,
            })
            .await
            .map_err(|_| unavailable())?;
        answer.await.unwrap_or_else(|_| Err(unavailable()))
    }
}

async fn run(
    db: DatabaseConnection,
    hub: Arc<Hub>,
    replica: String,
    mut jobs: mpsc::Receiver<Job>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = jobs.recv().await {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        shuffle(&mut batch);
        let _shared = hub.gate.read().await;
        let outcomes = match write(&db, &replica, &batch).await {
            Ok(outcomes) => outcomes,
            // One bad job must not sink the others: retry them one by one.
            Err(err) if batch.len() > 1 && !is_unavailable(&err) => {
                tracing::warn!(error = %err, size = batch.len(), "ballot batch failed; retrying singly");
                let mut outcomes = Vec::with_capacity(batch.len());
                for job in &batch {
                    outcomes.push(
                        match write(&db, &replica, std::slice::from_ref(job)).await {
                            Ok(mut one) => one.pop().unwrap_or(Outcome::Refused(Refusal::Failed(
                                ApiError::Internal(anyhow::anyhow!("no outcome")),
                            ))),
                            Err(err) => Outcome::Refused(Refusal::Failed(err.into())),
                        },
                    );
                }
                outcomes
            }
            Err(err) => {
                let message = err.to_string();
                batch
                    .iter()
                    .map(|_| {
                        Outcome::Refused(Refusal::Failed(if is_unavailable(&err) {
                            ApiError::Unavailable(DbErr::Custom(message.clone()))
                        } else {
                            ApiError::Internal(anyhow::anyhow!("{message}"))
                        }))
                    })
                    .collect()
            }
        };
        for (job, outcome) in batch.drain(..).zip(outcomes) {
            let answer = match outcome {
                Outcome::Stored { replaced } => {
                    let b = &job.ballot;
                    if let Some(old) = replaced {
                        hub.apply(b.round_pk, &b.district_slug, &old, -1);
                    }
                    hub.apply(b.round_pk, &b.district_slug, &b.marks, 1);
                    Ok(())
                }
                Outcome::Refused(refusal) => Err(refusal),
            };
            // The submitter may have gone (client disconnected); the ballot stands regardless.
            let _ = job.reply.send(answer);
        }
    }
}

fn is_unavailable(err: &DbErr) -> bool {
    matches!(err, DbErr::Conn(_) | DbErr::ConnectionAcquire(_))
}

fn shuffle(batch: &mut [Job]) {
    if batch.len() < 2 {
        return;
    }
    let mut random = vec![0u8; batch.len() * 4];
    if secrets::random_bytes(&mut random).is_err() {
        return;
    }
    for i in (1..batch.len()).rev() {
        let r = u32::from_le_bytes([
            random[4 * i],
            random[4 * i + 1],
            random[4 * i + 2],
            random[4 * i + 3],
        ]);
        batch.swap(i, r as usize % (i + 1));
    }
}

async fn write(
    db: &DatabaseConnection,
    replica: &str,
    batch: &[Job],
) -> Result<Vec<Outcome>, DbErr> {
    let txn = db.begin().await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut changed_rounds = Vec::new();
    for job in batch {
        let outcome = apply(&txn, job).await?;
        if matches!(outcome, Outcome::Stored { .. })
            && !changed_rounds.contains(&job.ballot.round_pk)
        {
            changed_rounds.push(job.ballot.round_pk);
        }
        outcomes.push(outcome);
    }
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        // Delivered to the other replicas only if this transaction commits.
        for round in changed_rounds {
            txn.execute_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [NOTIFY_CHANNEL.into(), format!("{replica}:{round}").into()],
            ))
            .await?;
        }
    }
    txn.commit().await?;
    Ok(outcomes)
}

/// Rounds taking online ballots, as a subquery: checked inside the transaction, so a ballot
/// racing the close of voting is refused rather than counted after it.
fn voting_rounds() -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(round::Column::Id)
        .from(round::Entity)
        .and_where(round::Column::Phase.eq(Phase::Voting.as_str()))
        .to_owned()
}

fn usable_code(code_hash: &str, b: &NewBallot) -> Condition {
    Condition::all()
        .add(voting_code::Column::CodeHash.eq(code_hash))
        .add(voting_code::Column::RoundId.eq(b.round_pk))
        .add(voting_code::Column::Revoked.eq(false))
        .add(
            Condition::any()
                .add(voting_code::Column::DistrictId.is_null())
                .add(voting_code::Column::DistrictId.eq(b.district_pk)),
        )
        .add(voting_code::Column::RoundId.in_subquery(voting_rounds()))
}

async fn apply(txn: &impl ConnectionTrait, job: &Job) -> Result<Outcome, DbErr> {
    let b = &job.ballot;
    let replaced = match &job.kind {
        Kind::Online { code_hash } => {
            let consumed = voting_code::Entity::update_many()
                .col_expr(voting_code::Column::Used, Expr::value(true))
                .filter(usable_code(code_hash, b))
                .filter(voting_code::Column::Used.eq(false))
                .exec(txn)
                .await?;
            if consumed.rows_affected != 1 {
                return Ok(Outcome::Refused(Refusal::CodeNotUsable));
            }
            None
        }
        Kind::Paper => {
            let mut query = round::Entity::find_by_id(b.round_pk);
            // Waits for a publication in progress, then sees it (see `lifecycle::publish`).
            if txn.get_database_backend() == DatabaseBackend::Postgres {
                query = query.lock_shared();
            }
            let open = query
                .one(txn)
                .await?
                .is_some_and(|r| matches!(r.phase.parse(), Ok(Phase::Voting | Phase::Closed)));
            if !open {
                return Ok(Outcome::Refused(Refusal::NotTakingBallots));
            }
            None
        }
        Kind::Change {
            code_hash,
            old_receipt_hash,
        } => {
            let holder = voting_code::Entity::find()
                .filter(usable_code(code_hash, b))
                .filter(voting_code::Column::Used.eq(true))
                .one(txn)
                .await?;
            if holder.is_none() {
                return Ok(Outcome::Refused(Refusal::CodeNotUsable));
            }
            let Some(old) = ballot::Entity::find()
                .filter(ballot::Column::ReceiptHash.eq(old_receipt_hash))
                .filter(ballot::Column::RoundId.eq(b.round_pk))
                .filter(ballot::Column::DistrictId.eq(b.district_pk))
                .filter(ballot::Column::Method.eq("online"))
                .one(txn)
                .await?
            else {
                return Ok(Outcome::Refused(Refusal::NoSuchBallot));
            };
            ballot::Entity::delete_by_id(old.id).exec(txn).await?;
            serde_json::from_str::<BallotMarks>(&old.marks).ok()
        }
    };
    let marks = serde_json::to_string(&b.marks).map_err(|e| DbErr::Custom(e.to_string()))?;
    ballot::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        round_id: Set(b.round_pk),
        district_id: Set(b.district_pk),
        receipt_hash: Set(b.receipt_hash.clone()),
        marks: Set(marks),
        method: Set(if matches!(job.kind, Kind::Paper) {
            "paper"
        } else {
            "online"
        }
        .to_owned()),
        answers: Set(b.answers.clone()),
        cast_on: Set(Some(b.cast_on)),
    }
    .insert(txn)
    .await?;
    Ok(Outcome::Stored { replaced })
}
