//! Live counts per round, updated ballot by ballot and pushed to every observer.
//!
//! Each round's counts are loaded from the database on first use and then changed in memory by
//! the ballot writer after each commit. A publisher task wakes every tick ([`tick`]), serialises
//! the counts of rounds that changed once, as a whole server-sent event, and hands those bytes
//! to every subscriber through a `watch` channel: ten thousand observers cost one serialisation
//! per tick and one write each, and a slow observer only ever misses intermediate states, never
//! the latest.
//!
//! A load and the writer's commit-then-apply are kept apart by `gate`, so a ballot is never
//! both in a freshly loaded count and applied on top of it (or in neither).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use cairn_shared::api::{LiveTally, RoundDetail};
use cairn_shared::ballot::BallotMarks;
use sea_orm::DatabaseConnection;
use tokio::sync::{RwLock, watch};

use crate::error::ApiResult;
use crate::services::tally;

/// How often changed counts are sent while few observers watch.
const TICK: Duration = Duration::from_millis(200);
/// How often while many watch ([`MANY_OBSERVERS`] or more): each tick writes to every
/// observer, and at 10,000 observers five ticks a second took most of the server's CPU
/// (ballots fell to a third; BENCHMARKS.md). Two a second still shows every ballot within a
/// second.
const BUSY_TICK: Duration = Duration::from_millis(500);
const MANY_OBSERVERS: usize = 1_000;

/// The publisher's interval for this many connected observers.
fn tick(observers: usize) -> Duration {
    if observers >= MANY_OBSERVERS {
        BUSY_TICK
    } else {
        TICK
    }
}

struct Counts {
    detail: Arc<RoundDetail>,
    tally: LiveTally,
    /// District slug → (index in `tally.districts`, project id → index in its `projects`).
    index: HashMap<String, (usize, HashMap<String, usize>)>,
    dirty: bool,
    /// Another replica counted ballots: reload from the database at the next tick.
    stale: bool,
}

struct RoundLive {
    counts: Mutex<Counts>,
    /// The latest counts as one server-sent event (`event: tally`, `data:` the JSON).
    event: watch::Sender<Bytes>,
}

pub struct Hub {
    db: DatabaseConnection,
    rounds: Mutex<HashMap<i32, Arc<RoundLive>>>,
    pub(crate) gate: RwLock<()>,
}

fn index_of(tally: &LiveTally) -> HashMap<String, (usize, HashMap<String, usize>)> {
    tally
        .districts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let projects = d
                .projects
                .iter()
                .enumerate()
                .map(|(j, p)| (p.id.clone(), j))
                .collect();
            (d.id.clone(), (i, projects))
        })
        .collect()
}

/// The counts as a server-sent event. Compact JSON has no line breaks, so it is one `data:`
/// line.
fn to_event(tally: &LiveTally) -> Bytes {
    let mut event = b"event: tally\ndata: ".to_vec();
    if serde_json::to_writer(&mut event, tally).is_err() {
        event.extend_from_slice(b"{}");
    }
    event.extend_from_slice(b"\n\n");
    event.into()
}

impl Counts {
    fn apply(&mut self, district: &str, marks: &BallotMarks, sign: i64) {
        let Some((d, projects)) = self.index.get(district) else {
            return;
        };
        let entry = &mut self.tally.districts[*d];
        entry.ballots = entry.ballots.saturating_add_signed(sign);
        self.tally.ballots = self.tally.ballots.saturating_add_signed(sign);
        let mut add = |id: &str, weight: u64| {
            if let Some(p) = projects.get(id) {
                let votes = &mut entry.projects[*p].votes;
                *votes = if sign > 0 {
                    votes.saturating_add(weight)
                } else {
                    votes.saturating_sub(weight)
                };
            }
        };
        match marks {
            BallotMarks::Approvals(ids) | BallotMarks::Ranking(ids) => {
                ids.iter().for_each(|id| add(id, 1));
            }
            BallotMarks::Points(points) => {
                points.iter().for_each(|(id, p)| add(id, u64::from(*p)));
            }
        }
        self.dirty = true;
    }
}

impl Hub {
    pub fn new(db: DatabaseConnection) -> Arc<Self> {
        Arc::new(Hub {
            db,
            rounds: Mutex::new(HashMap::new()),
            gate: RwLock::new(()),
        })
    }

    fn existing(&self, pk: i32) -> Option<Arc<RoundLive>> {
        self.rounds
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&pk)
            .cloned()
    }

    async fn load(&self, pk: i32, detail: Arc<RoundDetail>) -> ApiResult<Arc<RoundLive>> {
        let _exclusive = self.gate.write().await;
        if let Some(live) = self.existing(pk) {
            return Ok(live);
        }
        let tally = tally::live(&self.db, &detail, pk).await?;
        let live = Arc::new(RoundLive {
            event: watch::Sender::new(to_event(&tally)),
            counts: Mutex::new(Counts {
                detail,
                index: index_of(&tally),
                tally,
                dirty: false,
                stale: false,
            }),
        });
        self.rounds
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(pk, live.clone());
        Ok(live)
    }

    async fn round(&self, pk: i32, detail: &RoundDetail) -> ApiResult<Arc<RoundLive>> {
        match self.existing(pk) {
            Some(live) => Ok(live),
            None => self.load(pk, Arc::new(detail.clone())).await,
        }
    }

    /// The current counts of a round.
    pub async fn tally(&self, pk: i32, detail: &RoundDetail) -> ApiResult<LiveTally> {
        let live = self.round(pk, detail).await?;
        let counts = live.counts.lock().unwrap_or_else(|p| p.into_inner());
        Ok(counts.tally.clone())
    }

    /// A channel that always holds the latest counts as a server-sent event.
    pub async fn subscribe(
        &self,
        pk: i32,
        detail: &RoundDetail,
    ) -> ApiResult<watch::Receiver<Bytes>> {
        Ok(self.round(pk, detail).await?.event.subscribe())
    }

    /// Records a committed ballot (`sign` 1) or a replaced one (`sign` -1). Rounds nobody has
    /// looked at yet are skipped: their first load reads the ballot from the database.
    /// Call with `gate` held for reading, after the commit.
    pub fn apply(&self, pk: i32, district: &str, marks: &BallotMarks, sign: i64) {
        if let Some(live) = self.existing(pk) {
            live.counts
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .apply(district, marks, sign);
        }
    }

    /// Another replica changed this round's ballots.
    pub fn mark_stale(&self, pk: i32) {
        if let Some(live) = self.existing(pk) {
            live.counts.lock().unwrap_or_else(|p| p.into_inner()).stale = true;
        }
    }

    /// Every round's counts may be out of date (the notification channel was interrupted).
    pub fn mark_all_stale(&self) {
        let rounds: Vec<_> = self
            .rounds
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .cloned()
            .collect();
        for live in rounds {
            live.counts.lock().unwrap_or_else(|p| p.into_inner()).stale = true;
        }
    }

    /// Forgets a round (its settings changed, or it was published): the next use reloads it.
    pub fn forget(&self, pk: i32) {
        self.rounds
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&pk);
    }

    /// Publishes changed counts every [`tick`]; runs until the server stops.
    pub async fn run_publisher(self: Arc<Self>) {
        let mut observers = 0;
        loop {
            tokio::time::sleep(tick(observers)).await;
            let rounds: Vec<(i32, Arc<RoundLive>)> = self
                .rounds
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
                .map(|(pk, live)| (*pk, live.clone()))
                .collect();
            observers = rounds.iter().map(|(_, l)| l.event.receiver_count()).sum();
            for (pk, live) in rounds {
                let stale_detail = {
                    let counts = live.counts.lock().unwrap_or_else(|p| p.into_inner());
                    counts.stale.then(|| counts.detail.clone())
                };
                if let Some(detail) = stale_detail {
                    self.reload(pk, &live, &detail).await;
                }
                let event = {
                    let mut counts = live.counts.lock().unwrap_or_else(|p| p.into_inner());
                    std::mem::take(&mut counts.dirty).then(|| to_event(&counts.tally))
                };
                if let Some(event) = event {
                    live.event.send_replace(event);
                }
            }
        }
    }

    async fn reload(&self, pk: i32, live: &RoundLive, detail: &RoundDetail) {
        let _exclusive = self.gate.write().await;
        match tally::live(&self.db, detail, pk).await {
            Ok(tally) => {
                let mut counts = live.counts.lock().unwrap_or_else(|p| p.into_inner());
                counts.index = index_of(&tally);
                counts.tally = tally;
                counts.stale = false;
                counts.dirty = true;
            }
            Err(err) => tracing::warn!(round = pk, error = %err, "reloading live counts"),
        }
    }
}
