//! `cairn serve` as a child process, and the `cairn` commands an operator would run.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Given to every process of a test, as replicas over one database must share it.
pub const CODE_KEY: &str = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

pub use crate::temp_dir::TempDir;

/// How to start a server.
#[derive(Clone)]
pub struct Launch {
    pub db_url: String,
    /// Its data directory; logs go there too, one pair of files per start.
    pub dir: PathBuf,
    pub demo: bool,
    /// `RUST_LOG`; quiet by default so the logs of a long run stay small.
    pub log_filter: String,
}

impl Launch {
    pub fn new(db_url: &str, dir: &Path) -> Self {
        Launch {
            db_url: db_url.to_owned(),
            dir: dir.to_owned(),
            demo: false,
            log_filter: "warn".into(),
        }
    }

    pub fn demo(mut self) -> Self {
        self.demo = true;
        self
    }
}

/// A running `cairn serve`, killed (SIGKILL) and reaped when dropped, so a failing test
/// leaves no server behind.
pub struct Server {
    child: Child,
    pub base: String,
    pub stdout: PathBuf,
    pub stderr: PathBuf,
}

impl Server {
    /// Starts the server and waits until `/api/health` answers 200.
    pub async fn start(launch: &Launch) -> Server {
        let static_dir = launch.dir.join("dist");
        std::fs::create_dir_all(&static_dir).expect("create dist");
        std::fs::write(
            static_dir.join("index.html"),
            "<!doctype html><html lang=\"en\"><head><title>Cairn</title></head><body></body></html>",
        )
        .expect("write index.html");
        let port = free_port();
        let stamp = uuid::Uuid::new_v4().simple().to_string();
        let stdout = launch.dir.join(format!("serve-{stamp}.out"));
        let stderr = launch.dir.join(format!("serve-{stamp}.err"));
        let mut command = cairn();
        command
            .arg("serve")
            .args(["--db", &launch.db_url])
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(&launch.dir)
            .arg("--static-dir")
            .arg(&static_dir)
            .env("RUST_LOG", &launch.log_filter)
            .stdin(Stdio::null())
            .stdout(File::create(&stdout).expect("stdout file"))
            .stderr(File::create(&stderr).expect("stderr file"));
        if launch.demo {
            command.arg("--demo");
        }
        let child = command.spawn().expect("start cairn serve");
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            stdout,
            stderr,
        };
        server.wait_ready().await;
        server
    }

    async fn wait_ready(&mut self) {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        let started = Instant::now();
        // A debug build seeds the demo (with a published round to count) in a few seconds.
        while started.elapsed() < Duration::from_secs(90) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "cairn serve exited with {status} before it was ready:\n{}",
                    self.logs()
                );
            }
            let health = client.get(format!("{}/api/health", self.base)).send().await;
            if health.is_ok_and(|r| r.status() == 200) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("cairn serve was not ready in 90 s:\n{}", self.logs());
    }

    /// SIGKILL: no graceful shutdown, no flush, nothing but what the database made durable.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// What it printed so far, for failure messages.
    pub fn logs(&self) -> String {
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
        let err = read(&self.stderr);
        let tail = &err[err.len().saturating_sub(4_000)..];
        format!("--- stdout\n{}--- stderr (end)\n{tail}", read(&self.stdout))
    }

    /// The id of the round open for voting (the demo's).
    pub async fn open_round(&self) -> String {
        let rounds: serde_json::Value = reqwest::get(format!("{}/api/rounds", self.base))
            .await
            .expect("GET /api/rounds")
            .json()
            .await
            .expect("JSON");
        rounds
            .as_array()
            .and_then(|l| l.iter().find(|r| r["phase"] == "voting"))
            .and_then(|r| r["id"].as_str())
            .expect("a round open for voting")
            .to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The binary under test, with nothing inherited that would change what it connects to.
fn cairn() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cairn"));
    for name in [
        "DATABASE_URL",
        "CAIRN_ADDR",
        "CAIRN_DEMO",
        "CAIRN_STATIC_DIR",
        "CAIRN_DATA_DIR",
        "CAIRN_LOG_FORMAT",
    ] {
        command.env_remove(name);
    }
    command.env("CAIRN_CODE_KEY", CODE_KEY);
    command
}

/// A port nobody listens on now. Another process could take it before the server binds it;
/// on a test machine that is rare, and the server then fails to start, loudly.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// `cairn codes ROUND --count N`: new voting codes, as an operator issues them.
pub async fn issue_codes(db_url: &str, dir: &Path, round: &str, count: usize) -> Vec<String> {
    let output = tokio::process::Command::from(cairn())
        .args(["codes", round, "--count", &count.to_string()])
        .args(["--db", db_url])
        .arg("--data-dir")
        .arg(dir)
        .output()
        .await
        .expect("run cairn codes");
    assert!(
        output.status.success(),
        "cairn codes failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let codes: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(codes.len(), count, "cairn codes printed one code a line");
    codes
}
