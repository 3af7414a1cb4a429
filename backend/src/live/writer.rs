//! The ballot writer: one task that stores ballots, as many per transaction as are waiting.
//!
//! A durable commit (`synchronous=FULL`, or PostgreSQL's WAL flush) costs the same for one
//! ballot as for a hundred, so under load the writer takes every job waiting in its queue (up
//! to [`MAX_BATCH`]), applies them in one transaction, commits once, and only then answers each
//! submitter: an acknowledged ballot is always on disk. With no load a batch is one ballot and
//! nothing waits for a timer.
//!
//! A batch is written set by set, not ballot by ballot: the online ballots' codes are consumed
//! with one `UPDATE voting_code SET used = true WHERE used = false AND … AND code_hash IN (…)
//! RETURNING code_hash` per round and district, and every accepted ballot is stored by one
//! multi-row `INSERT` (a few, if the batch is larger than one statement may bind). Paper
//! ballots, changed ballots and a second submission of a code already in the batch are rare,
//! and are applied one by one in the same transaction.
//!
//! Exactly once: a code is consumed only by that conditional update, and a ballot is stored
//! only for a code the update returned. Two jobs with one code in one batch never reach the
//! same statement (the second waits for the one-by-one pass, where it finds the code used, or
//! uses it if the first was refused, say for another district);
//! in two batches or on two replicas over one PostgreSQL they race on the code's row, and the
//! loser's update matches nothing (PostgreSQL re-checks `used = false` on the row version the
//! winner committed).
//!
//! When the database is out of reach, a batch fails whole (503), and the jobs that queued while
//! it waited are refused at once rather than each waiting as long again. A commit whose
//! connection broke may have been saved or not: its submitters are told exactly that
//! ([`ApiError::CommitInterrupted`]); sent again, such a ballot gets 201 or, if it counted, 409.
//!
//! Jobs in a batch are shuffled before they are written. The ballot table is keyed by a random
//! id (on SQLite a `WITHOUT ROWID` table keyed by round and id, so its storage order within a
//! round is the random id's order), so neither the order of rows nor the order of statements
//! says which code cast which ballot.
//!
//! The writer has a database connection of its own ([`crate::db::connect_ballot_writer`]).

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use cairn_shared::ballot::BallotMarks;
use cairn_shared::round::Phase;
use chrono::NaiveDate;
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QuerySelect, Statement,
};
use tokio::sync::{mpsc, oneshot};

use super::hub::Hub;
use crate::db::entities::{ballot, round, voting_code};
use crate::error::{ApiError, is_unavailable};
use crate::secrets;

pub const MAX_BATCH: usize = 512;
const QUEUE: usize = 16_384;
/// The most values one statement binds: SQLite's default limit (since 3.32; PostgreSQL allows
/// 65,535).
const MAX_BIND: usize = 32_766;
/// How much one statement sends PostgreSQL, at most (unless a single ballot is larger).
///
/// sqlx 0.9.0 no longer sets `TCP_NODELAY` (launchbadge/sqlx#4335, fixed upstream but not yet
/// released). A message larger than the socket's send buffer (16 KB by default on Linux) is
/// then written in two parts, and Nagle's algorithm holds the second until the server's
/// delayed acknowledgement, 40 ms later: measured, most batches of about 100 ballots waited
/// those 40 ms, and the writer managed 3,000–3,800 ballots/s with the machine idle. Statements
/// below 8 KB are sent whole.
const POSTGRES_STATEMENT_BYTES: usize = 8 * 1024;
/// Rows per statement, at most: a power of two, like every statement's row count, so that the
/// few shapes of statement stay prepared in sqlx's cache rather than being parsed anew for
/// each batch size.
const MAX_ROWS_SQLITE: usize = 512;
const MAX_ROWS_POSTGRES: usize = 64;
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
    /// The ballot's key: random (UUID v4), so key order is not arrival order.
    pub id: String,
    pub round_pk: i32,
    pub district_pk: i32,
    pub district_slug: String,
    pub receipt_hash: String,
    pub marks: BallotMarks,
    /// `marks` as stored (JSON), made by the submitter so the writer's loop does less.
    pub marks_json: String,
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

/// What the writer has done since the process started, for benchmarks and diagnostics.
#[derive(Debug, Default)]
pub struct Stats {
    /// Batches taken from the queue (one transaction each, or one per job if retried singly).
    pub batches: AtomicU64,
    /// Jobs taken from the queue.
    pub jobs: AtomicU64,
    /// Time spent writing, from `BEGIN` to the commit's return, in microseconds.
    pub write_micros: AtomicU64,
    /// Of which in `COMMIT` (the durable flush), in microseconds.
    pub commit_micros: AtomicU64,
}

pub static STATS: Stats = Stats {
    batches: AtomicU64::new(0),
    jobs: AtomicU64::new(0),
    write_micros: AtomicU64::new(0),
    commit_micros: AtomicU64::new(0),
};

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
        let started = Instant::now();
        let outcomes = write_or_retry(&db, &replica, &batch).await;
        STATS.batches.fetch_add(1, Ordering::Relaxed);
        STATS.jobs.fetch_add(batch.len() as u64, Ordering::Relaxed);
        STATS
            .write_micros
            .fetch_add(micros(started), Ordering::Relaxed);
        let unreachable = outcomes.iter().any(|o| {
            matches!(
                o,
                Outcome::Refused(Refusal::Failed(
                    ApiError::Unavailable(_) | ApiError::CommitInterrupted(_)
                ))
            )
        });
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
        if unreachable {
            // The jobs that queued while this batch waited for the database (up to the pool's
            // acquire timeout) would each wait as long again behind the next attempt, which
            // would almost surely fail the same way: a submitter could wait twice the timeout
            // for its 503. None of them has touched the database, so they are refused now and
            // may simply be sent again.
            while let Ok(job) = jobs.try_recv() {
                let _ = job.reply.send(Err(unavailable()));
            }
        }
    }
}

fn unavailable() -> Refusal {
    Refusal::Failed(ApiError::Unavailable(DbErr::Custom(
        "the database was unreachable for the previous batch".into(),
    )))
}

/// Writes a batch; if it fails for any reason but the database being unreachable, writes its
/// jobs one by one, so that one bad job does not sink the others.
async fn write_or_retry(db: &DatabaseConnection, replica: &str, batch: &[Job]) -> Vec<Outcome> {
    let failed = |err: &DbErr| {
        let message = err.to_string();
        Outcome::Refused(Refusal::Failed(if is_unavailable(err) {
            ApiError::Unavailable(DbErr::Custom(message))
        } else {
            ApiError::Internal(anyhow::anyhow!("{message}"))
        }))
    };
    match write(db, replica, batch).await {
        Ok(outcomes) => outcomes,
        Err(err) if batch.len() > 1 && !is_unavailable(&err) => {
            tracing::warn!(error = %err, size = batch.len(), "ballot batch failed; retrying singly");
            let mut outcomes = Vec::with_capacity(batch.len());
            for job in batch {
                outcomes.push(match write(db, replica, std::slice::from_ref(job)).await {
                    Ok(mut one) => one.pop().unwrap_or_else(|| {
                        failed(&DbErr::Custom("the writer gave no outcome".into()))
                    }),
                    Err(err) => failed(&err),
                });
            }
            outcomes
        }
        Err(err) => batch.iter().map(|_| failed(&err)).collect(),
    }
}

fn micros(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_micros()).unwrap_or(u64::MAX)
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

/// Applies a batch in one transaction; an error rolls all of it back.
async fn write(
    db: &DatabaseConnection,
    replica: &str,
    batch: &[Job],
) -> Result<Vec<Outcome>, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let mut outcomes: Vec<Option<Outcome>> = batch.iter().map(|_| None).collect();
    // The first online job of each code is consumed set-based; everything else one by one.
    let mut codes_seen = HashSet::with_capacity(batch.len());
    let mut firsts = Vec::with_capacity(batch.len());
    let mut singles = Vec::new();
    for (i, job) in batch.iter().enumerate() {
        match claim(job) {
            Some(c) if codes_seen.insert(c.code_hash) => firsts.push(i),
            _ => singles.push(i),
        }
    }
    let consumed = consume_codes(&txn, firsts.iter().filter_map(|&i| claim(&batch[i]))).await?;
    for i in firsts {
        let won = claim(&batch[i]).is_some_and(|c| consumed.contains(c.code_hash));
        outcomes[i] = Some(if won {
            Outcome::Stored { replaced: None }
        } else {
            Outcome::Refused(Refusal::CodeNotUsable)
        });
    }
    for i in singles {
        outcomes[i] = Some(apply_one(&txn, &batch[i]).await?);
    }
    let outcomes: Vec<Outcome> = outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Outcome::Refused(Refusal::CodeNotUsable)))
        .collect();
    let stored: Vec<&Job> = batch
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| matches!(o, Outcome::Stored { .. }))
        .map(|(job, _)| job)
        .collect();
    insert_ballots(&txn, &stored).await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        let mut changed_rounds: Vec<i32> = stored.iter().map(|j| j.ballot.round_pk).collect();
        changed_rounds.sort_unstable();
        changed_rounds.dedup();
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
    let committing = Instant::now();
    let postgres = txn.get_database_backend() == DatabaseBackend::Postgres;
    match txn.commit().await {
        Ok(()) => {}
        // The server may have committed before the connection broke (PostgreSQL finishes a
        // commit it has received); SQLite, in this process, always knows. No submitter may be
        // told that nothing was saved, nor be given a receipt for a ballot that may not count.
        Err(err) if postgres && is_unavailable(&err) => {
            let message = err.to_string();
            return Ok(batch
                .iter()
                .map(|_| {
                    Outcome::Refused(Refusal::Failed(ApiError::CommitInterrupted(DbErr::Custom(
                        message.clone(),
                    ))))
                })
                .collect());
        }
        Err(err) => return Err(err),
    }
    STATS
        .commit_micros
        .fetch_add(micros(committing), Ordering::Relaxed);
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

/// Codes of this round that may vote in this district (whether used or not), while it votes.
fn usable_codes(round_pk: i32, district_pk: i32, code_hash: SimpleExpr) -> Condition {
    Condition::all()
        .add(code_hash)
        .add(voting_code::Column::RoundId.eq(round_pk))
        .add(voting_code::Column::Revoked.eq(false))
        .add(
            Condition::any()
                .add(voting_code::Column::DistrictId.is_null())
                .add(voting_code::Column::DistrictId.eq(district_pk)),
        )
        .add(voting_code::Column::RoundId.in_subquery(voting_rounds()))
}

/// A code an online ballot wants to use, and where the ballot is for.
#[derive(Clone, Copy)]
struct Claim<'a> {
    round_pk: i32,
    district_pk: i32,
    code_hash: &'a str,
}

fn claim(job: &Job) -> Option<Claim<'_>> {
    match &job.kind {
        Kind::Online { code_hash } => Some(Claim {
            round_pk: job.ballot.round_pk,
            district_pk: job.ballot.district_pk,
            code_hash,
        }),
        _ => None,
    }
}

/// Splits rows into statements. Each takes the largest power of two of the rows left, up to
/// the database's row limit and, on PostgreSQL, [`POSTGRES_STATEMENT_BYTES`] (at least one
/// row). `sizes` are the bytes each row sends.
fn statements<T>(
    rows: &[T],
    sizes: impl Iterator<Item = usize>,
    backend: DatabaseBackend,
) -> Vec<&[T]> {
    let (max_rows, max_bytes) = match backend {
        DatabaseBackend::Postgres => (MAX_ROWS_POSTGRES, POSTGRES_STATEMENT_BYTES),
        _ => (MAX_ROWS_SQLITE, usize::MAX),
    };
    let sizes: Vec<usize> = sizes.collect();
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let left = rows.len() - start;
        // The largest power of two not above the rows left or the limit.
        let mut take = 1 << (usize::BITS - 1 - left.min(max_rows).leading_zeros());
        while take > 1 && sizes[start..start + take].iter().sum::<usize>() > max_bytes {
            take /= 2;
        }
        chunks.push(&rows[start..start + take]);
        start += take;
    }
    chunks
}

const _: () = assert!(MAX_ROWS_SQLITE.is_power_of_two() && MAX_ROWS_POSTGRES.is_power_of_two());
// A ballot binds 8 values.
const _: () = assert!(MAX_ROWS_SQLITE * 8 <= MAX_BIND && MAX_ROWS_POSTGRES * 8 <= MAX_BIND);

/// Marks as used every claimed code that is unused, not revoked, of a round in voting, and
/// valid in the claim's district; returns their hashes. Claims must name distinct codes.
///
/// One statement per round and district (split as [`statements`] says): `code_hash IN (…)`
/// finds the rows by the unique index. (One statement for several districts, with a term per district
/// repeating its codes, led PostgreSQL's planner to scan the whole table.)
async fn consume_codes<'a>(
    txn: &impl ConnectionTrait,
    claims: impl Iterator<Item = Claim<'a>>,
) -> Result<HashSet<String>, DbErr> {
    let mut claims: Vec<Claim<'a>> = claims.collect();
    claims.sort_unstable_by_key(|c| (c.round_pk, c.district_pk));
    let mut consumed = HashSet::with_capacity(claims.len());
    let same_place =
        |a: &Claim, b: &Claim| (a.round_pk, a.district_pk) == (b.round_pk, b.district_pk);
    let backend = txn.get_database_backend();
    for group in claims.chunk_by(same_place) {
        // A hash and its framing.
        let sizes = group.iter().map(|c| c.code_hash.len() + 8);
        for chunk in statements(group, sizes, backend) {
            let update = Query::update()
                .table(voting_code::Entity)
                .value(voting_code::Column::Used, true)
                .cond_where(usable_codes(
                    chunk[0].round_pk,
                    chunk[0].district_pk,
                    voting_code::Column::CodeHash.is_in(chunk.iter().map(|c| c.code_hash)),
                ))
                .and_where(voting_code::Column::Used.eq(false))
                .returning_col(voting_code::Column::CodeHash)
                .to_owned();
            let statement = txn.get_database_backend().build(&update);
            for row in txn.query_all_raw(statement).await? {
                consumed.insert(row.try_get::<String>("", "code_hash")?);
            }
        }
    }
    Ok(consumed)
}

/// Stores the ballots in multi-row `INSERT`s (split as [`statements`] says). Nothing is read
/// back.
async fn insert_ballots(txn: &impl ConnectionTrait, jobs: &[&Job]) -> Result<(), DbErr> {
    const COLUMNS: [ballot::Column; 8] = [
        ballot::Column::Id,
        ballot::Column::RoundId,
        ballot::Column::DistrictId,
        ballot::Column::ReceiptHash,
        ballot::Column::Marks,
        ballot::Column::Method,
        ballot::Column::Answers,
        ballot::Column::CastOn,
    ];
    let sizes = jobs.iter().map(|j| {
        let b = &j.ballot;
        // The text columns and, roughly, the rest and the framing.
        b.id.len()
            + b.receipt_hash.len()
            + b.marks_json.len()
            + b.answers.as_ref().map_or(0, String::len)
            + 64
    });
    for chunk in statements(jobs, sizes, txn.get_database_backend()) {
        let mut insert = Query::insert();
        insert.into_table(ballot::Entity).columns(COLUMNS);
        for job in chunk {
            let b = &job.ballot;
            let method = if matches!(job.kind, Kind::Paper) {
                "paper"
            } else {
                "online"
            };
            insert
                .values([
                    b.id.clone().into(),
                    b.round_pk.into(),
                    b.district_pk.into(),
                    b.receipt_hash.clone().into(),
                    b.marks_json.clone().into(),
                    method.into(),
                    b.answers.clone().into(),
                    Some(b.cast_on).into(),
                ])
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        txn.execute_raw(txn.get_database_backend().build(&insert))
            .await?;
    }
    Ok(())
}

/// One job on its own: a paper ballot, a change, or a code seen earlier in the batch.
async fn apply_one(txn: &impl ConnectionTrait, job: &Job) -> Result<Outcome, DbErr> {
    let b = &job.ballot;
    let replaced = match &job.kind {
        Kind::Online { .. } => {
            let consumed = consume_codes(txn, claim(job).into_iter()).await?;
            if consumed.is_empty() {
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
                .filter(usable_codes(
                    b.round_pk,
                    b.district_pk,
                    voting_code::Column::CodeHash.eq(code_hash.as_str()),
                ))
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
            // By round and id: on SQLite that is the table's key (migration 5).
            ballot::Entity::delete_many()
                .filter(ballot::Column::RoundId.eq(b.round_pk))
                .filter(ballot::Column::Id.eq(old.id))
                .exec(txn)
                .await?;
            serde_json::from_str::<BallotMarks>(&old.marks).ok()
        }
    };
    Ok(Outcome::Stored { replaced })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::HashMap;

    use sea_orm::PaginatorTrait;

    use super::*;
    use crate::db::entities::district;
    use crate::secrets::CodeKey;

    const KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    struct Voting {
        db: DatabaseConnection,
        key: CodeKey,
        round: String,
        round_pk: i32,
        districts: HashMap<String, i32>,
        dir: std::path::PathBuf,
    }

    /// The demo on a fresh SQLite file: one round open for voting.
    async fn voting() -> Voting {
        let dir = std::env::temp_dir().join(format!("cairn-writer-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite").display());
        let db = crate::db::connect_and_migrate(&url).await.unwrap();
        let round = crate::demo::seed_if_empty(&db)
            .await
            .unwrap()
            .unwrap()
            .open_round;
        let round_pk: i32 = round.parse().unwrap();
        let districts = district::Entity::find()
            .filter(district::Column::RoundId.eq(round_pk))
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|d| (d.slug, d.id))
            .collect();
        Voting {
            db,
            key: CodeKey::load(Some(KEY), &dir).unwrap(),
            round,
            round_pk,
            districts,
            dir,
        }
    }

    impl Voting {
        async fn code(&self, district: Option<&str>) -> String {
            let code = crate::services::codes::issue(
                &self.db,
                &self.key,
                &self.round,
                district,
                1,
                "test",
            )
            .await
            .unwrap()
            .remove(0);
            self.key.hash_code(&code)
        }

        fn job(&self, kind: Kind, district: &str, project: &str) -> Job {
            let marks = BallotMarks::Approvals(vec![project.to_owned()]);
            Job {
                kind,
                ballot: NewBallot {
                    id: uuid::Uuid::new_v4().to_string(),
                    round_pk: self.round_pk,
                    district_pk: self.districts[district],
                    district_slug: district.to_owned(),
                    receipt_hash: uuid::Uuid::new_v4().simple().to_string(),
                    marks_json: serde_json::to_string(&marks).unwrap(),
                    marks,
                    answers: None,
                    cast_on: chrono::Utc::now().date_naive(),
                },
                reply: oneshot::channel().0,
            }
        }

        async fn stored(&self) -> u64 {
            ballot::Entity::find()
                .filter(ballot::Column::RoundId.eq(self.round_pk))
                .count(&self.db)
                .await
                .unwrap()
        }
    }

    impl Drop for Voting {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn stored(outcomes: &[Outcome]) -> Vec<bool> {
        outcomes
            .iter()
            .map(|o| matches!(o, Outcome::Stored { .. }))
            .collect()
    }

    fn lengths(rows: &[u32], size: usize, backend: DatabaseBackend) -> Vec<usize> {
        statements(rows, rows.iter().map(|_| size), backend)
            .iter()
            .map(|c| c.len())
            .collect()
    }

    #[test]
    fn statements_take_powers_of_two_within_the_limits() {
        let rows: Vec<u32> = (0..1_200).collect();
        let sqlite = DatabaseBackend::Sqlite;
        let postgres = DatabaseBackend::Postgres;
        assert_eq!(lengths(&rows[..100], 200, sqlite), [64, 32, 4]);
        assert_eq!(lengths(&rows, 200, sqlite), [512, 512, 128, 32, 16]);
        assert_eq!(lengths(&rows[..100], 100, postgres), [64, 32, 4]);
        // 8 KB of 300-byte rows is 27 rows: 16 at a time.
        assert_eq!(lengths(&rows[..40], 300, postgres), [16, 16, 8]);
        // A row above the budget still goes, alone.
        assert_eq!(lengths(&rows[..2], 10_000, postgres), [1, 1]);
        assert!(lengths(&[], 10, postgres).is_empty());
        // Every row once, in order.
        let chunks = statements(&rows[..777], rows.iter().map(|_| 50), postgres);
        assert_eq!(chunks.concat(), rows[..777]);
    }

    #[tokio::test]
    async fn a_code_twice_in_one_batch_casts_once_wherever_it_first_appears() {
        let v = voting().await;
        let riverside_only = v.code(Some("riverside")).await;
        let anywhere = v.code(None).await;
        let online = |hash: &str| Kind::Online {
            code_hash: hash.to_owned(),
        };
        let before = v.stored().await;
        let batch = [
            // First seen for the wrong area: refused, and the right area's copy still counts.
            v.job(online(&riverside_only), "old-town", "6"),
            v.job(online(&riverside_only), "riverside", "1"),
            v.job(online(&riverside_only), "riverside", "2"),
            v.job(online(&anywhere), "hillhead", "11"),
            v.job(online(&anywhere), "old-town", "7"),
            v.job(online("not a code"), "riverside", "1"),
            v.job(Kind::Paper, "riverside", "3"),
        ];
        let outcomes = write(&v.db, "test", &batch).await.unwrap();
        assert_eq!(
            stored(&outcomes),
            [false, true, false, true, false, false, true]
        );
        assert_eq!(v.stored().await, before + 3);
        // A later batch finds both codes used.
        let again = [
            v.job(online(&riverside_only), "riverside", "1"),
            v.job(online(&anywhere), "old-town", "7"),
        ];
        let outcomes = write(&v.db, "test", &again).await.unwrap();
        assert_eq!(stored(&outcomes), [false, false]);
        assert_eq!(v.stored().await, before + 3);
    }

    #[tokio::test]
    async fn a_batch_larger_than_one_statement_binds_is_stored_whole() {
        let v = voting().await;
        // 4,500 ballots of 8 values are more than one statement may bind (32,766).
        let count = 4_500;
        let mut batch = Vec::with_capacity(count);
        for _ in 0..count / 1_500 {
            let codes = crate::services::codes::issue(&v.db, &v.key, &v.round, None, 1_500, "t")
                .await
                .unwrap();
            for code in codes {
                let kind = Kind::Online {
                    code_hash: v.key.hash_code(&code),
                };
                batch.push(v.job(kind, "riverside", "1"));
            }
        }
        assert!(batch.len() * 8 > MAX_BIND);
        let before = v.stored().await;
        let outcomes = write(&v.db, "test", &batch).await.unwrap();
        assert!(stored(&outcomes).iter().all(|&s| s));
        assert_eq!(v.stored().await, before + count as u64);
    }
}
