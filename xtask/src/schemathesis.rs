//! `cargo xtask schemathesis [--max-time SECONDS]`: schemathesis generates requests from
//! `/api/openapi.json` and sends them to a real server (demo data, a fresh SQLite file); any
//! 5xx answer, or a panic in the server's log, fails the run.
//!
//! Two passes: anonymous over every operation (sign-in included), then signed in as the demo
//! admin over every operation but the session ones, so that a generated sign-out cannot end
//! the session the officers' operations are fuzzed with.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Result, root, step};

const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// The server, stopped when dropped (also when a pass fails).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn venv() -> PathBuf {
    root().join(".tools/venv")
}

fn ensure_schemathesis() -> Result {
    let st = venv().join("bin/st");
    let installed = Command::new(&st)
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(SCHEMATHESIS_VERSION));
    if installed {
        return Ok(());
    }
    step(
        "create a Python environment for schemathesis",
        Command::new("python3").arg("-m").arg("venv").arg(venv()),
    )?;
    step(
        &format!("install schemathesis {SCHEMATHESIS_VERSION} (pip)"),
        Command::new(venv().join("bin/pip")).args([
            "install",
            "--quiet",
            &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
        ]),
    )
}

fn free_port() -> Result<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

fn start_server(binary: &Path, dir: &Path, port: u16) -> Result<Server> {
    let log = std::fs::File::create(dir.join("server.log")).map_err(|e| e.to_string())?;
    let child = Command::new(binary)
        .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}")])
        .arg("--db")
        .arg(format!("sqlite://{}", dir.join("cairn.sqlite").display()))
        .arg("--data-dir")
        .arg(dir)
        .arg("--static-dir")
        .arg(root().join("dist"))
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let server = Server(child);
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(60) {
            return Err("the server did not start listening within 60 s".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(server)
}

/// Signs in as the demo admin (with Python's standard library: no HTTP client here) and
/// returns the `Cookie` header value.
fn sign_in(base: &str) -> Result<String> {
    let script = r#"
import json, sys, urllib.request
body = json.dumps({"email": "officer@glenmoray.example", "password": "glenmoray-demo"}).encode()
request = urllib.request.Request(sys.argv[1] + "/api/session", data=body, headers={"content-type": "application/json"})
with urllib.request.urlopen(request) as response:
    print(response.headers["set-cookie"].split(";")[0])
"#;
    let output = Command::new("python3")
        .args(["-c", script, base])
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "signing in for schemathesis failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

pub fn run(max_time: u64) -> Result {
    ensure_schemathesis()?;
    let binary = crate::debug_binary();
    if !binary.exists() {
        step(
            "build the server",
            crate::cargo().args(["build", "--locked", "-p", "cairn-backend"]),
        )?;
    }
    let dir = std::env::temp_dir().join(format!("cairn-schemathesis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let server = start_server(&binary, &dir, port)?;
    let st = venv().join("bin/st");
    let pass = |name: &str, extra: &[String]| {
        let mut command = Command::new(&st);
        command
            .args(["run", &format!("{base}/api/openapi.json")])
            .args(["--checks", "not_a_server_error", "--workers", "2"])
            .args([
                "--request-timeout",
                "15",
                "--max-time",
                &max_time.to_string(),
            ])
            .args(extra)
            .current_dir(&dir);
        step(name, &mut command)
    };
    // Signed in first: the anonymous pass sends wrong passwords, and after ten of them the
    // sign-in limit would refuse this address for 15 minutes. The session outlives that pass.
    let cookie = sign_in(&base)?;
    pass("schemathesis, anonymous, every operation", &[])?;
    pass(
        "schemathesis, signed in as an admin, every operation but the session's",
        &[
            "-H".into(),
            format!("Cookie: {cookie}"),
            "--exclude-path".into(),
            "/api/session".into(),
        ],
    )?;
    drop(server);
    let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
    if log.contains("panicked") {
        return Err(format!(
            "the server panicked under schemathesis; see {}",
            dir.join("server.log").display()
        ));
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
