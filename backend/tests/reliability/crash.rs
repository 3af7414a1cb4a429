//! SIGKILL under load: 16 submitters with distinct codes, the server killed at random moments
//! (`CAIRN_RELIABILITY_KILLS`) and restarted on the same database each time. After each restart
//! the ledger's invariants hold: nothing acknowledged is lost, nothing counts twice.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::ledger::Ledger;
use crate::load::{self, Answer};
use crate::server::{Launch, Server, TempDir, issue_codes};
use crate::settings;
use crate::store::{self, Engine};

const SUBMITTERS: usize = 16;
/// Codes issued before each run of load; more than a debug build casts before the latest kill.
const CODES_PER_RUN: usize = 5_000;
/// Kill moments are drawn from this window after the load starts.
const KILL_WINDOW_MS: (u64, u64) = (50, 1_500);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_ballots_survive_sigkill_on_sqlite() {
    crash(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_ballots_survive_sigkill_on_postgres() {
    crash(Engine::Postgres).await;
}

async fn crash(engine: Engine) {
    let dir = TempDir::new("crash");
    let test = format!("crash::{engine:?}");
    let Some(url) = store::fresh(engine, &dir.0, &test).await else {
        return;
    };
    let launch = Launch::new(&url, &dir.0);
    let mut server = Server::start(&launch.clone().demo()).await;
    let round = server.open_round().await;
    let mut ledger = {
        let db = store::connect(&url).await;
        let ledger = Ledger::new(&db, &round).await;
        db.close().await.ok();
        ledger
    };
    let client = load::client(Duration::from_secs(10));
    let kills = settings::kills();
    let started = Instant::now();
    let mut slowest_restart = Duration::ZERO;
    for kill in 1..=kills {
        let codes = issue_codes(&url, &dir.0, &round, CODES_PER_RUN).await;
        let moment = KILL_WINDOW_MS.0 + settings::random_below(KILL_WINDOW_MS.1 - KILL_WINDOW_MS.0);
        let answers = load_until_killed(&mut server, &client, &round, codes, moment).await;
        let mut cut_off = 0;
        for (code, answer, after_kill) in answers {
            match answer {
                Answer::Created(receipt) => ledger.acknowledged(code, receipt),
                Answer::ConnectionLost(_) if after_kill => {
                    cut_off += 1;
                    ledger.unanswered(code);
                }
                other => panic!(
                    "{test}, kill {kill}: a submission got {other:?} (after the kill: {after_kill})\n{}",
                    server.logs()
                ),
            }
        }
        let restarting = Instant::now();
        // Nothing of this test's process holds the database open across the restart: the
        // server alone recovers it, as after a real crash.
        server = Server::start(&launch).await;
        slowest_restart = slowest_restart.max(restarting.elapsed());
        let db = store::connect(&url).await;
        let settled = ledger.settle(&client, &server.base, &db).await;
        db.close().await.ok();
        println!(
            "{test}: kill {kill}/{kills} at {moment} ms: {cut_off} cut off ({} had committed); \
             {} acknowledged so far, all on the board; {} ballots = {} used codes",
            settled.retried_committed, settled.acknowledged, settled.ballots, settled.ballots
        );
    }
    println!(
        "{test}: {kills} SIGKILLs, {} ballots acknowledged, none lost or doubled; {:.1} s in all, \
         slowest restart {} ms",
        ledger.acknowledged_count(),
        started.elapsed().as_secs_f64(),
        slowest_restart.as_millis()
    );
    drop(server);
    if engine == Engine::Postgres {
        store::drop_postgres(&url).await;
    }
}

/// Runs 16 submitters over `codes` and SIGKILLs the server `moment_ms` after they start.
/// Returns each submission with its answer and whether that answer came after the kill.
async fn load_until_killed(
    server: &mut Server,
    client: &reqwest::Client,
    round: &str,
    codes: Vec<String>,
    moment_ms: u64,
) -> Vec<(String, Answer, bool)> {
    let pool = Arc::new(Mutex::new(codes));
    let killed = Arc::new(AtomicBool::new(false));
    let submitters: Vec<_> = (0..SUBMITTERS)
        .map(|_| {
            let (pool, killed) = (pool.clone(), killed.clone());
            let (client, base, round) = (client.clone(), server.base.clone(), round.to_owned());
            tokio::spawn(async move {
                let mut answers = Vec::new();
                loop {
                    let Some(code) = pool.lock().expect("pool").pop() else {
                        break;
                    };
                    let answer = load::cast(&client, &base, &round, &code).await;
                    let stop = !matches!(answer, Answer::Created(_));
                    answers.push((code, answer, killed.load(Ordering::SeqCst)));
                    if stop {
                        break;
                    }
                }
                answers
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(moment_ms)).await;
    // Set first, so that an answer seen as "before the kill" really came before it.
    killed.store(true, Ordering::SeqCst);
    server.kill();
    let mut answers = Vec::new();
    for submitter in submitters {
        answers.extend(submitter.await.expect("submitter task"));
    }
    answers
}
