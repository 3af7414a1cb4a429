//! The audit log: every officer action, append-only and hash-chained.
//!
//! Row `n` stores `hash_n = SHA-256(hash_{n-1} ‖ n ‖ at ‖ actor ‖ action ‖ round ‖ detail)`, with
//! `hash_0` all zeros. Editing a row changes its hash; deleting, inserting or reordering rows
//! breaks the sequence or the link to the previous hash. [`verify`] walks the chain.
//!
//! Appends happen inside the transaction of the change they describe, so a change without its
//! audit row (or the reverse) cannot be committed. Sequence numbers are taken under a lock: on
//! PostgreSQL a transaction-scoped advisory lock, on SQLite the write lock the change already
//! holds (callers append after their first write).

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryOrder, QuerySelect, Set,
    Statement,
};
use sha2::{Digest, Sha256};

use crate::db::entities::audit_log;
use crate::error::ApiResult;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// An arbitrary constant naming Cairn's audit lock among PostgreSQL advisory locks.
const AUDIT_LOCK: i64 = 0x0CA1_A0D1;

/// Who did something: an officer's email, or `cli:<user>` for the command line.
#[derive(Debug, Clone)]
pub struct Actor(pub String);

impl Actor {
    pub fn command_line() -> Self {
        let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
        Actor(format!("cli:{user}"))
    }
}

fn chain_hash(
    prev: &str,
    seq: i64,
    at: &DateTime<Utc>,
    actor: &str,
    action: &str,
    round: Option<i32>,
    detail: &str,
) -> String {
    let mut hasher = Sha256::new();
    // Fields are length-prefixed so no two different rows can hash the same bytes.
    for field in [
        prev,
        &seq.to_string(),
        &at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        actor,
        action,
        &round.map(|r| r.to_string()).unwrap_or_default(),
        detail,
    ] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hex(&hasher.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Records an action that changed nothing else in the database (or whose change was committed
/// elsewhere, like a ballot by the writer), in a write transaction of its own: on SQLite a
/// deferred transaction that reads the chain's end and then writes is refused with
/// `SQLITE_BUSY_SNAPSHOT` whenever another connection wrote in between.
pub async fn record(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    action: &str,
    round: Option<i32>,
    detail: serde_json::Value,
) -> ApiResult<()> {
    let txn = crate::db::begin_write(db).await?;
    append(&txn, actor, action, round, detail).await?;
    txn.commit().await?;
    Ok(())
}

/// Appends one entry. Call inside the transaction that makes the change.
pub async fn append(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    round: Option<i32>,
    detail: serde_json::Value,
) -> ApiResult<()> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [AUDIT_LOCK.into()],
        ))
        .await?;
    }
    let last = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(1)
        .one(txn)
        .await?;
    let (seq, prev) = match last {
        Some(row) => (row.id + 1, row.hash),
        None => (1, GENESIS.to_owned()),
    };
    // Microseconds: what both databases store, so the hash can be recomputed from the row.
    let at = Utc::now().trunc_subsecs(6);
    let detail = detail.to_string();
    let hash = chain_hash(&prev, seq, &at, &actor.0, action, round, &detail);
    audit_log::ActiveModel {
        id: Set(seq),
        at: Set(at),
        actor: Set(actor.0.clone()),
        action: Set(action.to_owned()),
        round_id: Set(round),
        detail: Set(detail),
        prev_hash: Set(prev),
        hash: Set(hash),
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Where the chain first breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {found} follows entry {previous}: an entry is missing or out of order")]
    Gap { previous: i64, found: i64 },
    #[error(
        "entry {0} does not follow from the one before it: an entry was removed, inserted or reordered"
    )]
    Link(i64),
    #[error("entry {0} has been altered: its contents no longer match its hash")]
    Altered(i64),
}

/// Checks the whole chain; returns how many entries it holds.
pub async fn verify(db: &impl ConnectionTrait) -> ApiResult<Result<u64, ChainBreak>> {
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    Ok(verify_rows(&rows))
}

fn verify_rows(rows: &[audit_log::Model]) -> Result<u64, ChainBreak> {
    let mut prev_hash = GENESIS.to_owned();
    let mut prev_seq = 0;
    for row in rows {
        if row.id != prev_seq + 1 {
            return Err(ChainBreak::Gap {
                previous: prev_seq,
                found: row.id,
            });
        }
        if row.prev_hash != prev_hash {
            return Err(ChainBreak::Link(row.id));
        }
        let expected = chain_hash(
            &row.prev_hash,
            row.id,
            &row.at,
            &row.actor,
            &row.action,
            row.round_id,
            &row.detail,
        );
        if expected != row.hash {
            return Err(ChainBreak::Altered(row.id));
        }
        prev_hash = row.hash.clone();
        prev_seq = row.id;
    }
    Ok(rows.len() as u64)
}

/// The most recent entries, newest first, optionally for one round.
pub async fn recent(
    db: &impl ConnectionTrait,
    round: Option<i32>,
    limit: u64,
) -> ApiResult<Vec<audit_log::Model>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut query = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(round) = round {
        query = query.filter(audit_log::Column::RoundId.eq(round));
    }
    Ok(query.limit(limit).all(db).await?)
}

/// [`recent`] as one organisation's officers may see it. The chain is one for the whole
/// installation, but where several councils share it each sees only the entries for its own
/// rounds and by its own officers; with a single council every entry is its own.
pub async fn recent_for_organisation(
    db: &impl ConnectionTrait,
    organisation: i32,
    round: Option<i32>,
    limit: u64,
) -> ApiResult<Vec<audit_log::Model>> {
    use crate::db::entities::{officer, organisation as org, round as round_row};
    use sea_orm::sea_query::Query;
    use sea_orm::{ColumnTrait, Condition, PaginatorTrait, QueryFilter};
    if org::Entity::find().count(db).await? <= 1 {
        return recent(db, round, limit).await;
    }
    let own_rounds = Query::select()
        .column(round_row::Column::Id)
        .from(round_row::Entity)
        .and_where(round_row::Column::OrganisationId.eq(organisation))
        .to_owned();
    let own_officers = Query::select()
        .column(officer::Column::Email)
        .from(officer::Entity)
        .and_where(officer::Column::OrganisationId.eq(organisation))
        .to_owned();
    let mut query = audit_log::Entity::find()
        .filter(
            Condition::any()
                .add(audit_log::Column::RoundId.in_subquery(own_rounds))
                .add(audit_log::Column::Actor.in_subquery(own_officers)),
        )
        .order_by_desc(audit_log::Column::Id);
    if let Some(round) = round {
        query = query.filter(audit_log::Column::RoundId.eq(round));
    }
    Ok(query.limit(limit).all(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<audit_log::Model> {
        let mut rows = Vec::new();
        let mut prev = GENESIS.to_owned();
        for seq in 1..=n {
            let at = DateTime::from_timestamp(1_700_000_000 + seq, 0).unwrap_or_default();
            let detail = format!("{{\"n\":{seq}}}");
            let hash = chain_hash(
                &prev,
                seq,
                &at,
                "a@example.org",
                "round.open",
                Some(1),
                &detail,
            );
            rows.push(audit_log::Model {
                id: seq,
                at,
                actor: "a@example.org".into(),
                action: "round.open".into(),
                round_id: Some(1),
                detail,
                prev_hash: prev.clone(),
                hash: hash.clone(),
            });
            prev = hash;
        }
        rows
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(verify_rows(&chain(5)), Ok(5));
        assert_eq!(verify_rows(&[]), Ok(0));
    }

    #[test]
    fn an_edited_row_is_detected() {
        let mut rows = chain(5);
        rows[2].detail = "{\"n\":99}".into();
        assert_eq!(verify_rows(&rows), Err(ChainBreak::Altered(3)));
        let mut rows = chain(5);
        rows[1].actor = "someone-else@example.org".into();
        assert_eq!(verify_rows(&rows), Err(ChainBreak::Altered(2)));
    }

    #[test]
    fn a_deleted_row_is_detected() {
        let mut rows = chain(5);
        rows.remove(2);
        assert_eq!(
            verify_rows(&rows),
            Err(ChainBreak::Gap {
                previous: 2,
                found: 4
            })
        );
        // Deleting the first row and renumbering cannot hide it either.
        let mut rows = chain(3);
        rows.remove(0);
        for row in &mut rows {
            row.id -= 1;
        }
        assert_eq!(verify_rows(&rows), Err(ChainBreak::Link(1)));
    }

    #[test]
    fn reordered_or_inserted_rows_are_detected() {
        let mut rows = chain(4);
        rows.swap(1, 2);
        let (a, b) = (rows[1].id, rows[2].id);
        rows[1].id = b;
        rows[2].id = a;
        rows.sort_by_key(|r| r.id);
        assert!(verify_rows(&rows).is_err());

        let mut rows = chain(3);
        let mut forged = rows[1].clone();
        forged.action = "round.publish".into();
        rows.insert(2, forged);
        for (i, row) in rows.iter_mut().enumerate() {
            row.id = i as i64 + 1;
        }
        assert!(verify_rows(&rows).is_err());
    }
}
