//! Ballot throughput over HTTP, and live-tally observers, against the real server.
//!
//!     cargo bench -p cairn-backend --bench ballots                      # SQLite, 20,000 ballots
//!     CAIRN_BENCH_DB=postgres://postgres@127.0.0.1:5432/test cargo bench -p cairn-backend --bench ballots
//!     CAIRN_BENCH_BALLOTS=50000 CAIRN_BENCH_CLIENTS=256 CAIRN_BENCH_OBSERVERS=2000 cargo bench …
//!
//! The server runs in this process on its own multi-threaded runtime, on a fresh database (a
//! temporary SQLite file with `synchronous=FULL`, or a fresh database on the given PostgreSQL
//! server). The load generator shares the machine's cores with it, so the figure is a floor.
//! Every ballot is counted as done only when its `201` has arrived, i.e. after its commit.
//! Besides the rate it prints what the ballot writer did (batches, ballots per batch, time per
//! batch and in `COMMIT`, share of the time busy) and the process's CPU time per ballot.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cairn_backend::config::ServeConfig;
use cairn_backend::startup::Application;
use sea_orm::{ConnectionTrait, Database};

const KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// CPU time used by this whole process (server and load generator), from `/proc` (Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 a second on Linux).
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn writer_stats() -> [u64; 4] {
    let stats = &cairn_backend::live::writer::STATS;
    [
        stats.batches.load(Ordering::Relaxed),
        stats.jobs.load(Ordering::Relaxed),
        stats.write_micros.load(Ordering::Relaxed),
        stats.commit_micros.load(Ordering::Relaxed),
    ]
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("CAIRN_BENCH_DB")
        .ok()
        .filter(|u| !u.is_empty())
    {
        None => format!("sqlite://{}?mode=rwc", dir.join("bench.sqlite").display()),
        Some(base) => {
            let name = format!("cairn_bench_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(&base).await.expect("connect");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create database");
            let (prefix, _) = base.rsplit_once('/').expect("URL ends in /NAME");
            format!("{prefix}/{name}")
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that names nothing here skips the run.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"ballots".contains(&a))
    {
        return;
    }
    let ballots = env_usize("CAIRN_BENCH_BALLOTS", 20_000);
    let clients = env_usize("CAIRN_BENCH_CLIENTS", 128);
    let observers = env_usize("CAIRN_BENCH_OBSERVERS", 1_000);
    let dir = std::env::temp_dir().join(format!("cairn-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let server = tokio::runtime::Runtime::new().expect("server runtime");
    let url = server.block_on(database_url(&dir));
    let config = ServeConfig {
        database_url: url.clone(),
        addr: "127.0.0.1:0".parse().expect("addr"),
        demo: true,
        static_dir: dir.join("dist"),
        data_dir: dir.clone(),
        code_key: Some(KEY.into()),
        trusted_proxies: Vec::new(),
    };
    let (address, codes) = server.block_on(async {
        let app = Application::build(&config).await.expect("server starts");
        let address = format!("http://{}", app.local_addr());
        let key = cairn_backend::secrets::CodeKey::load(Some(KEY), &dir).expect("key");
        let codes: Vec<String> = cairn_backend::services::codes::issue(
            app.db(),
            &key,
            "1",
            None,
            ballots as u32,
            "bench",
        )
        .await
        .expect("codes")
        .iter()
        .map(|c| c.grouped())
        .collect();
        tokio::spawn(app.run_until_stopped());
        (address, codes)
    });
    let backend = if url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    };

    let load = tokio::runtime::Runtime::new().expect("client runtime");
    load.block_on(async {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(clients)
            .build()
            .expect("client");
        // Observers first, so the ballots are pushed to all of them while they arrive.
        let received = Arc::new(AtomicUsize::new(0));
        let mut watching = Vec::new();
        for _ in 0..observers {
            let client = reqwest::Client::new();
            let received = received.clone();
            let url = format!("{address}/api/rounds/1/events");
            watching.push(tokio::spawn(async move {
                let Ok(mut response) = client.get(url).send().await else {
                    return;
                };
                while let Ok(Some(_)) = response.chunk().await {
                    received.fetch_add(1, Ordering::Relaxed);
                }
            }));
        }
        // Voting starts once every observer has its first event (or after 10 s, and says so).
        let connecting = Instant::now();
        while received.load(Ordering::Relaxed) < observers
            && connecting.elapsed() < Duration::from_secs(10)
        {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let connected = received.load(Ordering::Relaxed);

        let codes = Arc::new(codes);
        let next = Arc::new(AtomicUsize::new(0));
        let cpu_before = cpu_seconds();
        let writer_before = writer_stats();
        let started = Instant::now();
        let mut workers = Vec::new();
        for _ in 0..clients {
            let client = client.clone();
            let codes = codes.clone();
            let next = next.clone();
            let url = format!("{address}/api/rounds/1/ballots");
            workers.push(tokio::spawn(async move {
                let mut failures = 0usize;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(code) = codes.get(i) else {
                        return failures;
                    };
                    let (district, approvals) = [
                        ("riverside", ["1", "3"]),
                        ("old-town", ["6", "7"]),
                        ("hillhead", ["11", "14"]),
                    ][i % 3];
                    let body = serde_json::json!({
                        "code": code,
                        "district": district,
                        "approvals": approvals,
                    });
                    match client.post(&url).json(&body).send().await {
                        Ok(r) if r.status() == 201 => {}
                        _ => failures += 1,
                    }
                }
            }));
        }
        let mut failures = 0;
        for worker in workers {
            failures += worker.await.expect("worker");
        }
        let elapsed = started.elapsed();
        let writer_after = writer_stats();
        let cpu = cpu_seconds().zip(cpu_before).map(|(after, before)| after - before);
        let rate = ballots as f64 / elapsed.as_secs_f64();
        println!(
            "{backend}: {ballots} ballots from {clients} clients in {:.2} s = {rate:.0} ballots/s ({failures} failed)",
            elapsed.as_secs_f64()
        );
        let [batches, jobs, write, commit] =
            std::array::from_fn(|i| writer_after[i] - writer_before[i]);
        let batches = batches.max(1);
        println!(
            "writer: {batches} batches, {:.1} ballots per batch, {:.2} ms per batch written of which {:.2} ms in COMMIT ({:.0} % of the time busy)",
            jobs as f64 / batches as f64,
            write as f64 / batches as f64 / 1000.0,
            commit as f64 / batches as f64 / 1000.0,
            write as f64 / 10_000.0 / elapsed.as_secs_f64(),
        );
        if let Some(cpu) = cpu {
            println!(
                "CPU: {cpu:.2} s for server and clients together = {:.0} µs per ballot ({:.2} cores busy on average)",
                cpu * 1e6 / ballots as f64,
                cpu / elapsed.as_secs_f64()
            );
        }
        // Each observer gets the final count within a tick or two.
        tokio::time::sleep(Duration::from_millis(600)).await;
        let events = received.load(Ordering::Relaxed);
        println!(
            "{observers} observers connected ({connected} first events received before voting), {events} events received in all"
        );
        for task in watching {
            task.abort();
        }
    });
    std::fs::remove_dir_all(&dir).ok();
}
