//! Installing the build and test tools at the versions that are known to work together
//! (see the table in the repository's README), only when they are missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, cargo, root, step};

const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN_VERSION: &str = "132.0.0";
const CARGO_DENY_VERSION: &str = "0.20.2";

/// The directory for npm-installed tools (wasm-opt), inside the checkout and ignored by git.
fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// PATH with the pinned wasm-opt and cargo's bin directory first.
pub fn path_with_tools() -> String {
    let mut parts = vec![tools_dir().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        parts.push(home.join("bin"));
    }
    let existing = std::env::var_os("PATH").unwrap_or_default();
    parts.extend(std::env::split_paths(&existing));
    std::env::join_paths(parts)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The first line a tool prints for `--version`, if it runs at all.
fn version_of(program: &str) -> Option<String> {
    let output = Command::new(program)
        .arg("--version")
        .env("PATH", path_with_tools())
        .output()
        .ok()?;
    output.status.success().then(|| {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    })
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

pub fn ensure_build_tools() -> Result {
    // rust-toolchain.toml names the target, but rustup adds it only when it installs the
    // toolchain itself; a machine that already had 1.95 has the toolchain without it.
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !installed
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        step(
            "add the wasm32 target (rustup target add wasm32-unknown-unknown)",
            Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        )?;
    }
    if !version_of("trunk").is_some_and(|v| v.contains(TRUNK_VERSION)) {
        // 0.22 needs a newer rustc than the pinned one; --locked keeps its dependencies as tested.
        step(
            &format!("install trunk {TRUNK_VERSION} (once per machine, ~5 min)"),
            cargo().args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]),
        )?;
    }
    let bindgen = locked_wasm_bindgen()?;
    if version_of("wasm-bindgen")
        .is_none_or(|v| v.split_whitespace().nth(1) != Some(bindgen.as_str()))
    {
        // Not --locked: its lock file pins a webpki-roots version the registry no longer has.
        step(
            &format!("install wasm-bindgen-cli {bindgen} (once per machine, ~2 min)"),
            cargo().args(["install", "wasm-bindgen-cli", "--version", &bindgen]),
        )?;
    }
    let wasm_opt = tools_dir().join("node_modules/.bin/wasm-opt");
    if !version_of(&wasm_opt.to_string_lossy()).is_some_and(|v| {
        v.contains(&format!(
            "version {}",
            BINARYEN_VERSION.split('.').next().unwrap_or_default()
        ))
    }) {
        std::fs::create_dir_all(tools_dir()).map_err(|e| format!("cannot create .tools: {e}"))?;
        step(
            &format!("install wasm-opt (npm binaryen@{BINARYEN_VERSION})"),
            Command::new("npm")
                .args([
                    "install",
                    "--no-save",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                ])
                .arg(tools_dir())
                .arg(format!("binaryen@{BINARYEN_VERSION}")),
        )?;
    }
    Ok(())
}

/// cargo-deny, for the supply-chain checks (`deny.toml`).
pub fn ensure_cargo_deny() -> Result {
    if version_of("cargo-deny").is_some_and(|v| v.contains(CARGO_DENY_VERSION)) {
        return Ok(());
    }
    step(
        &format!("install cargo-deny {CARGO_DENY_VERSION} (once per machine, ~4 min)"),
        cargo().args([
            "install",
            "--locked",
            "cargo-deny",
            "--version",
            CARGO_DENY_VERSION,
        ]),
    )
}

/// Debian's Chromium and its driver; browser downloads from the internet are not possible here.
pub fn ensure_browser() -> Result {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if Path::new(&chromium).exists() {
        return Ok(());
    }
    let sudo = if is_root() { vec![] } else { vec!["sudo"] };
    let apt = |args: &[&str]| {
        let mut command = Command::new(sudo.first().copied().unwrap_or("apt-get"));
        if !sudo.is_empty() {
            command.arg("apt-get");
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    if step(
        "install Chromium (apt-get)",
        &mut apt(&["install", "-y", "chromium", "chromium-driver"]),
    )
    .is_err()
    {
        step(
            "refresh the package lists (apt-get update)",
            &mut apt(&["update"]),
        )?;
        step(
            "install Chromium (apt-get)",
            &mut apt(&["install", "-y", "chromium", "chromium-driver"]),
        )?;
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
