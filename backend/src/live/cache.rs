//! A short-lived copy of each round's public detail, for validating ballots.
//!
//! A round's ballot rules and projects cannot change once voting opens, and the ballot writer
//! checks the phase again inside its transaction, so a copy a second old is safe to validate
//! against. Officers' edits evict the copy on this replica at once; other replicas see them
//! within [`TTL`].
//!
//! When a copy expires under load, one request reloads it and the others arriving meanwhile
//! wait for that load instead of each reading the round again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cairn_shared::api::RoundDetail;
use cairn_shared::ballot::CandidateProject;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::district;
use crate::error::{ApiError, ApiResult};
use crate::services::rounds;

const TTL: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub struct CachedRound {
    pub pk: i32,
    pub detail: RoundDetail,
    /// District slug → primary key.
    pub district_pks: HashMap<String, i32>,
    /// District slug → what a ballot there may name (`RoundDetail::candidates`), made once.
    pub candidates: HashMap<String, Vec<CandidateProject>>,
}

type Entry = (Instant, Arc<CachedRound>);

/// One lock per round, held while that round is read from the database. It holds whether that
/// read found the database unreachable, for the requests that waited for it.
type Gate = Arc<tokio::sync::Mutex<bool>>;

#[derive(Default)]
pub struct RoundCache {
    rounds: Mutex<HashMap<i32, Entry>>,
    loading: Mutex<HashMap<i32, Gate>>,
}

impl RoundCache {
    pub async fn get(
        &self,
        db: &impl ConnectionTrait,
        round_id: &str,
    ) -> ApiResult<Arc<CachedRound>> {
        let pk = rounds::parse_round_id(round_id)?;
        if let Some(round) = self.fresh(pk) {
            return Ok(round);
        }
        let gate = lock(&self.loading).entry(pk).or_default().clone();
        let mut unreachable = gate.lock().await;
        // Someone else may have loaded it while this request waited.
        if let Some(round) = self.fresh(pk) {
            return Ok(round);
        }
        // Or found the database gone, after waiting up to the pool's timeout for it. Each
        // waiter trying again in turn would wait as long again, the last of them many times
        // over, during an outage: they share that answer instead.
        if *unreachable {
            return Err(ApiError::Unavailable(DbErr::Custom(
                "the database was unreachable for the round's load this request waited for".into(),
            )));
        }
        let loaded = load(db, pk, round_id).await;
        *unreachable = matches!(loaded, Err(ApiError::Unavailable(_)));
        // Forgotten after each load, so ids that name no round do not pile up here.
        lock(&self.loading).remove(&pk);
        let round = Arc::new(loaded?);
        lock(&self.rounds).insert(pk, (Instant::now(), round.clone()));
        Ok(round)
    }

    fn fresh(&self, pk: i32) -> Option<Arc<CachedRound>> {
        lock(&self.rounds)
            .get(&pk)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, round)| round.clone())
    }

    pub fn evict(&self, pk: i32) {
        lock(&self.rounds).remove(&pk);
    }
}

async fn load(db: &impl ConnectionTrait, pk: i32, round_id: &str) -> ApiResult<CachedRound> {
    let detail = rounds::get_public(db, round_id).await?;
    let district_pks = district::Entity::find()
        .filter(district::Column::RoundId.eq(pk))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.slug, d.id))
        .collect();
    let candidates = detail
        .districts
        .iter()
        .map(|d| (d.id.clone(), detail.candidates(&d.id)))
        .collect();
    Ok(CachedRound {
        pk,
        detail,
        district_pks,
        candidates,
    })
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
