//! One code, 200 submissions at once: exactly one ballot, on one server and across two
//! replicas over one PostgreSQL, repeated `CAIRN_RELIABILITY_REPEATS` times.

use std::time::{Duration, Instant};

use crate::load::{self, Answer};
use crate::server::{Launch, Server, TempDir, issue_codes};
use crate::settings;
use crate::store::{self, Engine};

const SUBMISSIONS: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_submissions_of_one_code_give_one_ballot_on_sqlite() {
    one_server(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_submissions_of_one_code_give_one_ballot_on_postgres() {
    one_server(Engine::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_submissions_of_one_code_across_two_servers_give_one_ballot() {
    let dir = TempDir::new("exactly-once-replicas");
    let test = "exactly_once::across_two_servers";
    let Some(url) = store::fresh(Engine::Postgres, &dir.0, test).await else {
        return;
    };
    // One after the other: the first migrates and seeds, the second finds it done.
    let first = Server::start(&Launch::new(&url, &dir.0.join("a")).demo()).await;
    let second = Server::start(&Launch::new(&url, &dir.0.join("b"))).await;
    repeat(test, &url, &dir, &[&first, &second]).await;
    drop((first, second));
    store::drop_postgres(&url).await;
}

async fn one_server(engine: Engine) {
    let dir = TempDir::new("exactly-once");
    let test = format!("exactly_once::{engine:?}");
    let Some(url) = store::fresh(engine, &dir.0, &test).await else {
        return;
    };
    let server = Server::start(&Launch::new(&url, &dir.0).demo()).await;
    repeat(&test, &url, &dir, &[&server]).await;
    drop(server);
    if engine == Engine::Postgres {
        store::drop_postgres(&url).await;
    }
}

/// For each repeat, a fresh code submitted 200 times at once, spread over `servers` in turn.
async fn repeat(test: &str, url: &str, dir: &TempDir, servers: &[&Server]) {
    let repeats = settings::repeats();
    let round = servers[0].open_round().await;
    let db = store::connect(url).await;
    let codes = issue_codes(url, &dir.0, &round, repeats).await;
    // Generous: 200 requests on a debug build sharing two cores; a hang is still caught.
    let client = load::client(Duration::from_secs(30));
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    for (n, code) in codes.iter().enumerate() {
        let before = store::online_ballots(&db, &round).await;
        let burst = Instant::now();
        let attempts: Vec<_> = (0..SUBMISSIONS)
            .map(|i| {
                let client = client.clone();
                let base = servers[i % servers.len()].base.clone();
                let round = round.clone();
                let code = code.clone();
                tokio::spawn(async move { load::cast(&client, &base, &round, &code).await })
            })
            .collect();
        let mut answers = Vec::with_capacity(SUBMISSIONS);
        for attempt in attempts {
            answers.push(attempt.await.expect("submitter task"));
        }
        slowest = slowest.max(burst.elapsed());
        let created = answers
            .iter()
            .filter(|a| matches!(a, Answer::Created(_)))
            .count();
        let conflicts = answers.iter().filter(|a| a.status() == Some(409)).count();
        if (created, conflicts) != (1, SUBMISSIONS - 1) {
            let odd: Vec<&Answer> = answers
                .iter()
                .filter(|a| !matches!(a.status(), Some(201 | 409)))
                .collect();
            panic!("{test}, repeat {n}: {created} × 201 and {conflicts} × 409; others: {odd:?}");
        }
        assert_eq!(
            store::online_ballots(&db, &round).await,
            before + 1,
            "{test}, repeat {n}: one ballot added"
        );
        assert!(
            store::is_used(&db, code).await,
            "{test}, repeat {n}: code marked used"
        );
    }
    println!(
        "{test}: {repeats} × {SUBMISSIONS} submissions over {} server(s): one ballot each time; \
         {:.1} s in all, slowest burst {} ms",
        servers.len(),
        started.elapsed().as_secs_f64(),
        slowest.as_millis()
    );
}
