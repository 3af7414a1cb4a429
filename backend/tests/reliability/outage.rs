//! PostgreSQL goes away under load: the server answers 503 while it is gone (never 500, never
//! hangs), recovers by itself within 10 s of its return, loses nothing it acknowledged, and a
//! client that retries an interrupted submission is safe.
//!
//! The fast variant cuts a TCP proxy between the server and PostgreSQL. The long one really
//! stops PostgreSQL and starts it again (`CAIRN_RELIABILITY_RESTART_POSTGRES=1`), which every
//! other user of that server notices, so it never runs by default.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::ledger::Ledger;
use crate::load::{self, Answer};
use crate::proxy::{self, Proxy};
use crate::server::{Launch, Server, TempDir, issue_codes};
use crate::settings;
use crate::store::{self, Engine};

const SUBMITTERS: usize = 8;
/// Each submitter's pause between ballots: steady load without running out of codes.
const PACE: Duration = Duration::from_millis(25);
const CODES: usize = 12_000;
const HEALTHY_BEFORE: Duration = Duration::from_millis(1_500);
/// What "recovers by itself" allows after the database is back.
const RECOVERY: Duration = Duration::from_secs(10);
/// A request not answered in this time is a hang.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(8);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_cut_off_under_load_gives_503_then_recovery() {
    let dir = TempDir::new("outage-proxy");
    let test = "outage::proxy";
    let Some(url) = store::fresh(Engine::Postgres, &dir.0, test).await else {
        return;
    };
    let proxy = Proxy::start(proxy::target_of(&url)).await;
    let server_url = proxy::via(&url, proxy.port);
    let fault = async {
        proxy.cut();
        tokio::time::sleep(settings::outage()).await;
        proxy.restore().await;
    };
    outage(test, &url, &server_url, &dir, fault).await;
    store::drop_postgres(&url).await;
}

/// Connections dropped again and again under load, each cut landing on whatever statement is
/// in flight, a `COMMIT` now and then: every answer is 201 or 503, and a ballot whose commit
/// was cut is not told that nothing was saved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_dropped_again_and_again_under_load_give_201_or_503() {
    let dir = TempDir::new("outage-flapping");
    let test = "outage::flapping";
    let Some(url) = store::fresh(Engine::Postgres, &dir.0, test).await else {
        return;
    };
    let proxy = Proxy::start(proxy::target_of(&url)).await;
    let server_url = proxy::via(&url, proxy.port);
    let fault = async {
        for _ in 0..FLAPS {
            tokio::time::sleep(Duration::from_millis(10 + settings::random_below(20))).await;
            proxy.drop_connections();
        }
    };
    outage(test, &url, &server_url, &dir, fault).await;
    store::drop_postgres(&url).await;
}

const FLAPS: usize = 400;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_and_started_under_load_gives_503_then_recovery() {
    let test = "outage::restart";
    if !settings::restart_postgres() {
        println!(
            "{test}: skipped (set CAIRN_RELIABILITY_RESTART_POSTGRES=1 to restart PostgreSQL)"
        );
        return;
    }
    let dir = TempDir::new("outage-restart");
    let Some(url) = store::fresh(Engine::Postgres, &dir.0, test).await else {
        return;
    };
    let fault = async {
        // Stopped for as long as the proxy's outage: a plain `restart` is back within the
        // pool's wait for a connection, and the server would only seem slow.
        let stopped = StoppedPostgres::stop();
        tokio::time::sleep(settings::outage()).await;
        let command = stopped.start();
        println!("{test}: stopped and started PostgreSQL with `{command}`");
    };
    outage(test, &url, &url, &dir, fault).await;
    store::drop_postgres(&url).await;
}

/// The local PostgreSQL, stopped; started again when dropped, even if the test fails.
struct StoppedPostgres {
    tool: Option<&'static [&'static str]>,
}

/// `pg_ctlcluster` for Debian's clusters, else the init script.
const TOOLS: [&[&str]; 2] = [&["pg_ctlcluster", "15", "main"], &["service", "postgresql"]];

impl StoppedPostgres {
    fn stop() -> Self {
        for tool in TOOLS {
            if run(tool, "stop") {
                return StoppedPostgres { tool: Some(tool) };
            }
        }
        panic!("could not stop PostgreSQL with pg_ctlcluster or service");
    }

    /// Starts it again; returns the command used.
    fn start(mut self) -> String {
        let tool = self.tool.take().expect("stopped");
        assert!(run(tool, "start"), "could not start PostgreSQL again");
        format!("{} stop|start", tool.join(" "))
    }
}

impl Drop for StoppedPostgres {
    fn drop(&mut self) {
        if let Some(tool) = self.tool.take() {
            run(tool, "start");
        }
    }
}

fn run(tool: &[&str], action: &str) -> bool {
    std::process::Command::new(tool[0])
        .args(&tool[1..])
        .arg(action)
        .status()
        .is_ok_and(|s| s.success())
}

/// One submission and when it was sent and answered, relative to the start of the load.
struct Sent {
    code: String,
    answer: Answer,
    sent: Duration,
    answered: Duration,
}

/// Loads the server at `server_url` (the database is `url`), runs `fault`, and checks what the
/// clients were told during and after it.
async fn outage(
    test: &str,
    url: &str,
    server_url: &str,
    dir: &TempDir,
    fault: impl Future<Output = ()>,
) {
    let server = Server::start(&Launch::new(server_url, &dir.0).demo()).await;
    let round = server.open_round().await;
    // Issued straight to PostgreSQL, not through the proxy.
    let codes = issue_codes(url, &dir.0, &round, CODES).await;
    let mut ledger = {
        let db = store::connect(url).await;
        let ledger = Ledger::new(&db, &round).await;
        db.close().await.ok();
        ledger
    };
    let client = load::client(CLIENT_TIMEOUT);
    let pool = Arc::new(Mutex::new(codes));
    let stop = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let submitters: Vec<_> = (0..SUBMITTERS)
        .map(|_| {
            let (pool, stop, client) = (pool.clone(), stop.clone(), client.clone());
            let (base, round) = (server.base.clone(), round.clone());
            tokio::spawn(async move {
                let mut sent = Vec::new();
                while !stop.load(Ordering::SeqCst) {
                    let Some(code) = pool.lock().expect("pool").pop() else {
                        break;
                    };
                    let at = start.elapsed();
                    let answer = load::cast(&client, &base, &round, &code).await;
                    sent.push(Sent {
                        code,
                        answer,
                        sent: at,
                        answered: start.elapsed(),
                    });
                    tokio::time::sleep(PACE).await;
                }
                sent
            })
        })
        .collect();

    tokio::time::sleep(HEALTHY_BEFORE).await;
    let down = start.elapsed();
    fault.await;
    let up = start.elapsed();
    // Long enough to see the recovery and some load after it.
    tokio::time::sleep(RECOVERY + Duration::from_secs(2)).await;
    stop.store(true, Ordering::SeqCst);
    let mut all = Vec::new();
    for submitter in submitters {
        all.extend(submitter.await.expect("submitter task"));
    }

    let mut unavailable = 0;
    // The slowest 201 and the slowest 503.
    let mut slowest = (Duration::ZERO, Duration::ZERO);
    let mut recovered_at = None;
    let mut failures = Vec::new();
    let total = all.len();
    let mut refusals = std::collections::HashMap::new();
    for s in all {
        let took = s.answered - s.sent;
        match &s.answer {
            Answer::Created(receipt) => {
                slowest.0 = slowest.0.max(took);
                if s.sent >= up {
                    recovered_at = Some(recovered_at.unwrap_or(s.answered).min(s.answered));
                }
                ledger.acknowledged(s.code.clone(), receipt.clone());
            }
            // Retried after the load, when the fate of the submission is learnt.
            Answer::Status(503, body) if s.answered >= down && s.sent < up + RECOVERY => {
                slowest.1 = slowest.1.max(took);
                unavailable += 1;
                refusals.insert(s.code.clone(), body.clone());
                ledger.unanswered(s.code.clone());
            }
            other => failures.push(format!(
                "sent at {} ms, answered at {} ms (down {} ms, up {} ms): {other:?}",
                s.sent.as_millis(),
                s.answered.as_millis(),
                down.as_millis(),
                up.as_millis()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{test}: {} submissions went wrong, first ones:\n{}\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n"),
        server.logs()
    );
    let recovered_at = recovered_at.unwrap_or_else(|| {
        panic!(
            "{test}: no ballot was accepted after the database came back\n{}",
            server.logs()
        )
    });
    let recovery = recovered_at.saturating_sub(up);
    assert!(
        recovery <= RECOVERY,
        "{test}: recovered only after {recovery:?}"
    );
    let db = store::connect(url).await;
    let settled = ledger.settle(&client, &server.base, &db).await;
    db.close().await.ok();
    // A 503 for a ballot that did count (its commit was cut) must not say nothing was saved.
    for code in &settled.committed_silently {
        let body = &refusals[code];
        assert!(
            !body.contains("Nothing was saved"),
            "{test}: a counted ballot was answered {body}"
        );
    }
    println!(
        "{test}: {total} submissions; database away for {} ms; {unavailable} × 503; first ballot \
         accepted {} ms after its return; slowest 201 {} ms, slowest 503 {} ms; {} acknowledged, \
         none lost; {} retried ({} had committed), no ballot doubled",
        (up - down).as_millis(),
        recovery.as_millis(),
        slowest.0.as_millis(),
        slowest.1.as_millis(),
        settled.acknowledged,
        settled.retried,
        settled.retried_committed,
    );
    assert!(
        unavailable > 0 || up - down < Duration::from_secs(5),
        "{test}: a {} ms outage gave no 503 at all",
        (up - down).as_millis()
    );
}
