//! Live-tally observers against a running server, from a process of their own.
//!
//!     cargo bench -p cairn-backend --bench observers -- --addr 127.0.0.1:PORT --observers 10000 \
//!         [--round 1] [--codes FILE --probes 5] [--hold SECONDS] [--server-pid PID]
//!
//! Opens `--observers` connections to `GET /api/rounds/{round}/events` (plain HTTP/1.1 over a
//! `TcpStream`, one task each on a single thread, so the tool costs little CPU) and waits for
//! each one's first event. Then, with `--codes` (one unused code per line), it casts
//! `--probes` ballots one at a time and reports how long each observer took to see the new
//! total (from the ballot's `201`, which comes after its commit). With `--hold` it keeps
//! watching while something else casts ballots (`wrk`, see `wrk/run.sh`), printing events
//! received every 5 s, and finally checks that every observer saw the last total. With
//! `--server-pid` it reports the server's resident memory and CPU time from `/proc`.
//! Without `--addr` (a plain `cargo bench`) it does nothing.
//!
//! Each observer needs a file descriptor here and one in the server: raise `ulimit -n` in both
//! shells.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

const NONE: u64 = u64::MAX;

struct Observer {
    events: AtomicU32,
    total: AtomicU64,
    /// Microseconds since `Shared::epoch` at which the total first reached `Shared::target`.
    seen_at: AtomicU64,
}

struct Shared {
    epoch: Instant,
    target: AtomicU64,
    connected: AtomicUsize,
    failed: AtomicUsize,
    ended: AtomicUsize,
    observers: Vec<Observer>,
}

struct Args {
    addr: Option<String>,
    observers: usize,
    round: String,
    codes: Option<String>,
    probes: usize,
    hold: u64,
    server_pid: Option<u32>,
}

fn args() -> Args {
    let mut a = Args {
        addr: None,
        observers: 10_000,
        round: "1".into(),
        codes: None,
        probes: 5,
        hold: 0,
        server_pid: None,
    };
    let mut it = std::env::args().skip(1).filter(|s| s != "--bench");
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => a.addr = Some(value()),
            "--observers" => a.observers = value().parse().expect("--observers N"),
            "--round" => a.round = value(),
            "--codes" => a.codes = Some(value()),
            "--probes" => a.probes = value().parse().expect("--probes N"),
            "--hold" => a.hold = value().parse().expect("--hold SECONDS"),
            "--server-pid" => a.server_pid = Some(value().parse().expect("--server-pid PID")),
            _ => {} // a `cargo bench` filter
        }
    }
    a
}

/// Resident memory (MB) and CPU seconds of a process, from `/proc` (Linux).
fn usage(pid: &str) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let f: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some((kb / 1024.0, ticks / 100.0))
}

fn micros(shared: &Shared) -> u64 {
    shared.epoch.elapsed().as_micros() as u64
}

/// One observer: connect, read the stream line by line, note every total it is sent.
async fn observe(shared: Arc<Shared>, i: usize, addr: String, path: String, gate: Arc<Semaphore>) {
    let me = &shared.observers[i];
    let permit = gate.acquire_owned().await.expect("gate");
    let start = async {
        let mut stream = TcpStream::connect(&addr).await?;
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n");
        stream.write_all(request.as_bytes()).await?;
        let mut reader = BufReader::with_capacity(4096, stream);
        let mut line = String::new();
        reader.read_line(&mut line).await?;
        if !line.starts_with("HTTP/1.1 200") {
            return Err(std::io::Error::other(format!("answer: {}", line.trim())));
        }
        std::io::Result::Ok(reader)
    };
    let mut reader = match tokio::time::timeout(Duration::from_secs(30), start).await {
        Ok(Ok(reader)) => reader,
        Ok(Err(err)) => {
            if shared.failed.fetch_add(1, Ordering::Relaxed) < 3 {
                eprintln!("observer {i}: {err}");
            }
            return;
        }
        Err(_) => {
            shared.failed.fetch_add(1, Ordering::Relaxed);
            return;
        }
    };
    let mut permit = Some(permit);
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line).await {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        // The chunked body's size lines and SSE comments pass by; events carry
        // `data: {"ballots":N,…}`, the round's total first.
        let Some(rest) = line.strip_prefix("data: {\"ballots\":") else {
            continue;
        };
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let Ok(total) = rest[..digits].parse::<u64>() else {
            continue;
        };
        me.total.store(total, Ordering::Relaxed);
        if me.events.fetch_add(1, Ordering::Relaxed) == 0 {
            shared.connected.fetch_add(1, Ordering::Relaxed);
            permit.take();
        }
        if total >= shared.target.load(Ordering::Acquire)
            && me.seen_at.load(Ordering::Relaxed) == NONE
        {
            me.seen_at.store(micros(&shared), Ordering::Release);
        }
    }
    shared.ended.fetch_add(1, Ordering::Relaxed);
}

/// Casts one ballot; returns the answer's status.
async fn cast(addr: &str, round: &str, code: &str) -> std::io::Result<u16> {
    let body = format!(r#"{{"code":"{code}","district":"riverside","approvals":["1","3"]}}"#);
    let request = format!(
        "POST /api/rounds/{round}/ballots HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(request.as_bytes()).await?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).await?;
    let status = std::str::from_utf8(&head[9..12])
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok(status)
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

/// Observers that have received at least one event.
fn live_observers(shared: &Shared) -> impl Iterator<Item = &Observer> {
    shared
        .observers
        .iter()
        .filter(|o| o.events.load(Ordering::Relaxed) > 0)
}

fn highest_total(shared: &Shared) -> u64 {
    live_observers(shared)
        .map(|o| o.total.load(Ordering::Relaxed))
        .max()
        .unwrap_or(0)
}

/// Returns once `done` holds, or after `limit`.
async fn until(limit: Duration, done: impl Fn() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn report_usage(label: &str, server: &Option<u32>, since: &mut (f64, f64, Instant)) {
    let own = usage("self");
    let server = server.and_then(|p| usage(&p.to_string()));
    let wall = since.2.elapsed().as_secs_f64();
    let mut out = format!("{label}:");
    if let Some((rss, cpu)) = server {
        out += &format!(
            " server RSS {rss:.0} MB, CPU {:.2} cores;",
            (cpu - since.0) / wall
        );
        since.0 = cpu;
    }
    if let Some((rss, cpu)) = own {
        out += &format!(
            " this tool RSS {rss:.0} MB, CPU {:.2} cores;",
            (cpu - since.1) / wall
        );
        since.1 = cpu;
    }
    since.2 = Instant::now();
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        out += &format!(
            " load average {}",
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    println!("{out}");
}

async fn run(a: Args, addr: String) {
    let shared = Arc::new(Shared {
        epoch: Instant::now(),
        target: AtomicU64::new(NONE),
        connected: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
        ended: AtomicUsize::new(0),
        observers: (0..a.observers)
            .map(|_| Observer {
                events: AtomicU32::new(0),
                total: AtomicU64::new(0),
                seen_at: AtomicU64::new(NONE),
            })
            .collect(),
    });
    let mut since = (
        a.server_pid
            .and_then(|p| usage(&p.to_string()))
            .map_or(0.0, |u| u.1),
        usage("self").map_or(0.0, |u| u.1),
        Instant::now(),
    );
    // At most 512 connections in their opening handshake at once: the listen backlog.
    let gate = Arc::new(Semaphore::new(512));
    let path = format!("/api/rounds/{}/events", a.round);
    let started = Instant::now();
    for i in 0..a.observers {
        tokio::spawn(observe(
            shared.clone(),
            i,
            addr.clone(),
            path.clone(),
            gate.clone(),
        ));
    }
    while shared.connected.load(Ordering::Relaxed) + shared.failed.load(Ordering::Relaxed)
        < a.observers
        && started.elapsed() < Duration::from_secs(120)
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "{} of {} observers connected and received the current counts in {:.1} s ({} failed)",
        shared.connected.load(Ordering::Relaxed),
        a.observers,
        started.elapsed().as_secs_f64(),
        shared.failed.load(Ordering::Relaxed),
    );
    report_usage("connected", &a.server_pid, &mut since);

    // Probes: one ballot at a time, and how long each observer takes to see it.
    let codes: Vec<String> = a
        .codes
        .as_deref()
        .map(|f| std::fs::read_to_string(f).expect("codes file"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .take(a.probes)
        .map(str::to_owned)
        .collect();
    for code in &codes {
        // Each probe starts from a settled count: every observer shows the same total.
        until(Duration::from_secs(2), || {
            let top = highest_total(&shared);
            live_observers(&shared).all(|o| o.total.load(Ordering::Relaxed) == top)
        })
        .await;
        let before = highest_total(&shared);
        for o in &shared.observers {
            o.seen_at.store(NONE, Ordering::Relaxed);
        }
        shared.target.store(before + 1, Ordering::Release);
        let sent = micros(&shared);
        let status = cast(&addr, &a.round, code).await;
        let answered = micros(&shared);
        // Until every observer has seen it, or for long enough to tell that one has not.
        until(Duration::from_millis(1500), || {
            live_observers(&shared).all(|o| o.seen_at.load(Ordering::Acquire) != NONE)
        })
        .await;
        let live: Vec<&Observer> = live_observers(&shared).collect();
        let mut after: Vec<u64> = live
            .iter()
            .filter_map(|o| match o.seen_at.load(Ordering::Acquire) {
                NONE => None,
                t => Some(t.saturating_sub(answered)),
            })
            .collect();
        after.sort_unstable();
        let within = after.iter().filter(|&&t| t <= 1_000_000).count();
        println!(
            "probe: ballot answered {:?} in {:.1} ms; {} of {} observers saw total {} within 1 s of the answer (p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms after it)",
            status.map_err(|e| e.to_string()),
            (answered - sent) as f64 / 1000.0,
            within,
            live.len(),
            before + 1,
            percentile(&after, 0.5),
            percentile(&after, 0.99),
            percentile(&after, 1.0),
        );
        shared.target.store(NONE, Ordering::Release);
    }

    // Hold: watch while others cast.
    if a.hold > 0 {
        let events = |s: &Shared| {
            s.observers
                .iter()
                .map(|o| u64::from(o.events.load(Ordering::Relaxed)))
                .sum::<u64>()
        };
        let mut last = events(&shared);
        let end = Instant::now() + Duration::from_secs(a.hold);
        let mut before_hold: Vec<u32> = shared
            .observers
            .iter()
            .map(|o| o.events.load(Ordering::Relaxed))
            .collect();
        while Instant::now() < end {
            let step = Duration::from_secs(5).min(end - Instant::now());
            tokio::time::sleep(step).await;
            let now = events(&shared);
            println!(
                "hold: {} observers open, {} events received in the last {:.0} s, highest total {}",
                a.observers
                    - shared.ended.load(Ordering::Relaxed)
                    - shared.failed.load(Ordering::Relaxed),
                now - last,
                step.as_secs_f64(),
                highest_total(&shared),
            );
            report_usage("hold", &a.server_pid, &mut since);
            last = now;
        }
        // The last count reaches everyone within a tick or two.
        until(Duration::from_secs(2), || {
            let top = highest_total(&shared);
            live_observers(&shared).all(|o| o.total.load(Ordering::Relaxed) == top)
        })
        .await;
        let last_total = highest_total(&shared);
        let mut got: Vec<u32> = Vec::new();
        let mut current = 0;
        for (o, b) in shared.observers.iter().zip(before_hold.iter_mut()) {
            if o.events.load(Ordering::Relaxed) == 0 {
                continue;
            }
            got.push(o.events.load(Ordering::Relaxed) - *b);
            current += usize::from(o.total.load(Ordering::Relaxed) == last_total);
        }
        got.sort_unstable();
        println!(
            "after the hold: {current} of {} observers show the final total {last_total}; events per observer during the hold: min {}, median {}, max {}",
            got.len(),
            got.first().copied().unwrap_or(0),
            got.get(got.len() / 2).copied().unwrap_or(0),
            got.last().copied().unwrap_or(0),
        );
    }
    report_usage("end", &a.server_pid, &mut since);
}

fn main() {
    let a = args();
    let Some(addr) = a.addr.clone() else {
        println!("observers: no --addr given; this bench needs a running server (see its docs)");
        return;
    };
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(run(a, addr));
}
