//! A short-lived copy of each round's public detail, for validating ballots.
//!
//! A round's ballot rules and projects cannot change once voting opens, and the ballot writer
//! checks the phase again inside its transaction, so a copy a second old is safe to validate
//! against. Officers' edits evict the copy on this replica at once; other replicas see them
//! within [`TTL`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cairn_shared::api::RoundDetail;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::db::entities::district;
use crate::error::ApiResult;
use crate::services::rounds;

const TTL: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub struct CachedRound {
    pub pk: i32,
    pub detail: RoundDetail,
    /// District slug → primary key.
    pub district_pks: HashMap<String, i32>,
}

#[derive(Default)]
pub struct RoundCache {
    rounds: Mutex<HashMap<i32, (Instant, Arc<CachedRound>)>>,
}

impl RoundCache {
    pub async fn get(
        &self,
        db: &impl ConnectionTrait,
        round_id: &str,
    ) -> ApiResult<Arc<CachedRound>> {
        let pk = rounds::parse_round_id(round_id)?;
        if let Some((at, round)) = self.lock().get(&pk)
            && at.elapsed() < TTL
        {
            return Ok(round.clone());
        }
        let detail = rounds::get_public(db, round_id).await?;
        let district_pks = district::Entity::find()
            .filter(district::Column::RoundId.eq(pk))
            .all(db)
            .await?
            .into_iter()
            .map(|d| (d.slug, d.id))
            .collect();
        let round = Arc::new(CachedRound {
            pk,
            detail,
            district_pks,
        });
        self.lock().insert(pk, (Instant::now(), round.clone()));
        Ok(round)
    }

    pub fn evict(&self, pk: i32) {
        self.lock().remove(&pk);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i32, (Instant, Arc<CachedRound>)>> {
        self.rounds.lock().unwrap_or_else(|p| p.into_inner())
    }
}
