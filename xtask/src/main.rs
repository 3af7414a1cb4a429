//! Project automation, in Rust so it runs wherever cargo does (matklad's xtask pattern).
//!
//!     cargo xtask run     build everything and start the demo on a local SQLite file
//!     cargo xtask test    every check CI runs: fmt, clippy, unit + integration tests
//!                         (SQLite, and PostgreSQL when one is reachable), browser tests
//!     cargo xtask dist    build the web app into dist/
//!     cargo xtask schemathesis [--max-time S]   fuzz the API from its OpenAPI document
//!
//! Each command first installs what is missing, from package registries only (crates.io, npm,
//! Debian): the wasm target comes with rust-toolchain.toml, Trunk and wasm-bindgen-cli from
//! crates.io at pinned versions, wasm-opt from npm (binaryen 132; Debian's binaryen 108 builds a
//! wasm that fails at run time), Chromium from Debian.

mod compress;
mod schemathesis;
mod split;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("dist") => tools::ensure_build_tools().and_then(|()| dist()),
        Some("split-wasm") => split::run(),
        Some("schemathesis") => schemathesis::run(
            flag_value(&args, "--max-time")
                .and_then(|v| v.parse().ok())
                .unwrap_or(600),
        ),
        _ => {
            eprintln!(
                "usage: cargo xtask <run [--addr HOST:PORT] | test [--no-browser] | dist | schemathesis [--max-time SECONDS]>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    // `cargo run` sets it for the run; the value compiled in may be another checkout's, as cargo
    // reuses a build for a checkout of the same workspace at another path.
    let manifest_dir =
        std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into());
    Path::new(&manifest_dir)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The web app's crate; also the name its Wasm module and Trunk's files start with.
const FRONTEND_CRATE: &str = "cairn-frontend";

/// Where cargo puts its output: `CARGO_TARGET_DIR`, else `target/`.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The debug build of `cairn`.
fn debug_binary() -> PathBuf {
    target_dir().join("debug/cairn")
}

/// Runs a command in the workspace root, echoing it first, and fails if it fails.
fn step(description: &str, command: &mut Command) -> Result {
    println!("\n==> {description}");
    // Commands run in the workspace root unless the caller chose a directory.
    if command.get_current_dir().is_none() {
        command.current_dir(root());
    }
    let status = command
        .status()
        .map_err(|e| format!("{description}: cannot start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{description} failed ({status})"))
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// `trunk build --release` with the pinned tools first on PATH.
fn dist() -> Result {
    step(
        "fetch crates for the offline Trunk build",
        cargo().args(["fetch", "--locked"]),
    )?;
    step(
        "build the web app (trunk build --release)",
        Command::new("trunk")
            .args(["build", "--release"])
            .env("PATH", tools::path_with_tools()),
    )?;
    // The console is a second build of the same crate, served under /officer; it goes into
    // dist/officer after the main build, which would otherwise clear it.
    step(
        "build the officers' console (trunk build --release frontend/console.html)",
        Command::new("trunk")
            .args([
                "build",
                "frontend/console.html",
                "--release",
                "--dist",
                "dist/officer",
                "--public-url",
                "/officer/",
            ])
            .env("PATH", tools::path_with_tools()),
    )?;
    for (app, dir) in [
        ("residents' app", "dist"),
        ("officers' console", "dist/officer"),
    ] {
        let modules = compress::precompress(&root().join(dir))?;
        check_wasm_budget(app, &modules)?;
    }
    Ok(())
}

/// Most a browser downloads, gzipped, before an app can run: its main Wasm module. Pages
/// split off from it (`xtask/src/split.rs`) come when they are opened.
const MAIN_WASM_BUDGET: u64 = 300_000;

/// Prints what each app's Wasm weighs and fails the build when a main module is over budget.
fn check_wasm_budget(app: &str, modules: &[compress::WasmSizes]) -> Result {
    let (main, split): (Vec<_>, Vec<_>) = modules.iter().partition(|m| {
        m.path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(FRONTEND_CRATE))
    });
    let [main] = main.as_slice() else {
        return Err(format!(
            "{app}: expected one main Wasm module, found {}",
            main.len()
        ));
    };
    let kb = |bytes: u64| bytes.div_ceil(1000);
    println!(
        "{app}: main module {} KB raw, {} KB gzip (as served, Zopfli), {} KB Brotli; \
         {} split-off modules, {} KB gzip in all ({})",
        kb(main.raw),
        kb(main.gzip),
        kb(main.brotli),
        split.len(),
        kb(split.iter().map(|m| m.gzip).sum()),
        main.path.display()
    );
    if main.gzip > MAIN_WASM_BUDGET {
        return Err(format!(
            "{app}: the main Wasm module is {} KB gzipped, over the {} KB budget (BENCHMARKS.md, \
             \"Web app size\")",
            kb(main.gzip),
            kb(MAIN_WASM_BUDGET)
        ));
    }
    Ok(())
}

fn run(args: &[String]) -> Result {
    let addr = flag_value(args, "--addr").unwrap_or_else(|| "127.0.0.1:8080".into());
    tools::ensure_build_tools()?;
    dist()?;
    step(
        "build the server (release)",
        cargo().args(["build", "--locked", "--release", "-p", "cairn-backend"]),
    )?;
    // The server's default file, so `cairn codes` and friends find it without `--db`.
    let db = root().join("cairn.sqlite");
    let status = Command::new(root().join("target/release/cairn"))
        .args(["serve", "--demo", "--addr", &addr, "--static-dir"])
        .arg(root().join("dist"))
        .arg("--db")
        .arg(format!("sqlite://{}", db.display()))
        .status()
        .map_err(|e| format!("cannot start cairn: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cairn serve stopped ({status})"))
    }
}

fn test(args: &[String]) -> Result {
    let browser = !args.iter().any(|a| a == "--no-browser");
    tools::ensure_build_tools()?;
    if browser {
        tools::ensure_browser()?;
    }
    step(
        "check formatting",
        cargo().args(["fmt", "--all", "--", "--check"]),
    )?;
    step(
        "lint (clippy, warnings are errors)",
        cargo().args([
            "clippy",
            "--locked",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "lint the web app for wasm32",
        cargo().args([
            "clippy",
            "--locked",
            "-p",
            FRONTEND_CRATE,
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "lint the officers' console for wasm32",
        cargo().args([
            "clippy",
            "--locked",
            "-p",
            FRONTEND_CRATE,
            "--features",
            "console",
            "--all-targets",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    supply_chain()?;
    step(
        "unit tests of the officers' console",
        cargo().args([
            "test",
            "--locked",
            "-p",
            FRONTEND_CRATE,
            "--features",
            "console",
        ]),
    )?;
    let mut tests = cargo();
    tests.args(["test", "--locked", "--workspace"]);
    match postgres_for_tests() {
        Some(url) => {
            println!("PostgreSQL tests will use {url}");
            tests.env("CAIRN_TEST_POSTGRES", url);
        }
        None => println!(
            "No PostgreSQL reachable (set CAIRN_TEST_POSTGRES to one): PostgreSQL tests are skipped."
        ),
    }
    step("unit and integration tests", &mut tests)?;
    // A short schemathesis run in every test; `cargo xtask schemathesis` is the long one.
    schemathesis::run(45)?;
    step(
        "the shared crate builds for wasm32",
        cargo().args([
            "build",
            "--locked",
            "-p",
            "cairn-shared",
            "--target",
            "wasm32-unknown-unknown",
        ]),
    )?;
    if browser {
        dist()?;
        step(
            "build the server for the browser tests",
            cargo().args(["build", "--locked", "-p", "cairn-backend"]),
        )?;
        let e2e = root().join("e2e");
        step(
            "install the browser-test packages (npm ci)",
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&e2e)
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
        )?;
        step(
            "browser tests (Playwright + axe-core, headless Chromium)",
            Command::new("npx")
                .args(["playwright", "test"])
                .current_dir(&e2e)
                .env("CAIRN_BIN", debug_binary())
                .env("CAIRN_STATIC_DIR", root().join("dist")),
        )?;
    }
    println!("\nAll checks passed.");
    Ok(())
}

/// cargo-deny over `deny.toml`: licences, banned and duplicate crates, and sources (crates.io
/// only) are checked offline. Advisories need the RustSec database, which is fetched from
/// GitHub: where that cannot be reached (as on the project's own machines), the run says
/// plainly that advisories were not checked rather than passing in silence.
fn supply_chain() -> Result {
    tools::ensure_cargo_deny()?;
    step(
        "supply chain: licences, bans and sources (cargo deny)",
        cargo().args(["deny", "--locked", "check", "licenses", "bans", "sources"]),
    )?;
    println!("\n==> supply chain: security advisories (cargo deny check advisories)");
    let output = cargo()
        .args(["deny", "--locked", "check", "advisories"])
        .current_dir(root())
        .output()
        .map_err(|e| format!("cargo deny: cannot start: {e}"))?;
    let text = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        println!("advisories ok");
        return Ok(());
    }
    // Only a failure to get the database counts as "not checked"; any other failure, a
    // vulnerability above all, fails the run.
    let unreachable = [
        "failed to fetch advisory database",
        "failed to open advisory database",
    ]
    .iter()
    .any(|needle| text.contains(needle));
    if unreachable {
        println!(
            "WARNING: the RustSec advisory database could not be fetched from here, so advisories were NOT checked.\n\
             Run `cargo deny check advisories` on a machine that reaches GitHub."
        );
        Ok(())
    } else {
        eprintln!("{text}");
        Err("cargo deny found security advisories".into())
    }
}

/// `CAIRN_TEST_POSTGRES` if set, else the local server this kind of machine runs, if it answers.
fn postgres_for_tests() -> Option<String> {
    if let Ok(url) = std::env::var("CAIRN_TEST_POSTGRES") {
        return (!url.is_empty()).then_some(url);
    }
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 5432));
    std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(1))
        .ok()
        .map(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}
