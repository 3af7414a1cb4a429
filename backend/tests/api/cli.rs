//! `cairn tally` as an auditor runs it: on a real Pabulib file, compared with pabutools.

use std::path::PathBuf;
use std::process::Command;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/tests/fixtures")
}

#[test]
fn tally_json_matches_pabutools_on_assen() {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("expected.json")).expect("expected.json"),
    )
    .expect("json");
    for rule in ["greedy", "mes", "mes-add1", "phragmen"] {
        let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
            .arg("tally")
            .arg(fixtures().join("Netherlands_Assen_2024.pb"))
            .args(["--rule", rule, "--json"])
            .output()
            .expect("run cairn tally");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let result: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("JSON on stdout");
        assert_eq!(result["rule"], rule);
        assert_eq!(
            result["selected"], expected["Netherlands_Assen_2024.pb"][rule],
            "{rule}"
        );
        assert!(result["cost"].is_number());
    }
}

#[test]
fn a_bad_file_names_the_line_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("cairn-cli-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("bad.pb");
    std::fs::write(&file, "META\nkey;value\nbudget;1000\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;abc\nVOTES\nvoter_id;vote\n1;1\n")
        .expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .arg("tally")
        .arg(&file)
        .args(["--rule", "greedy"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 7"), "{stderr}");
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .arg("tally")
        .arg(fixtures().join("Netherlands_Assen_2024.pb"))
        .args(["--rule", "no-such-rule"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cairn_codes_prints_codes_that_parse_and_stores_only_hashes() {
    let dir = std::env::temp_dir().join(format!("cairn-codes-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = format!("sqlite://{}", dir.join("c.sqlite").display());
    // Seed a demo database the way an operator would, then stop it: `serve` on a closed port is
    // not needed, `codes` migrates by itself; the demo gives it a round to issue codes for.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let conn = cairn_backend::db::connect_and_migrate(&format!("{db}?mode=rwc"))
            .await
            .expect("db");
        cairn_backend::demo::seed_if_empty(&conn)
            .await
            .expect("seed");
        conn.close().await.expect("close");
    });
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args([
            "codes",
            "1",
            "--count",
            "3",
            "--district",
            "riverside",
            "--db",
            &db,
            "--data-dir",
        ])
        .arg(&dir)
        .env_remove("CAIRN_CODE_KEY")
        .output()
        .expect("run cairn codes");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let codes: Vec<&str> = stdout.lines().collect();
    assert_eq!(codes.len(), 3);
    for code in &codes {
        assert!(
            cairn_shared::code::VotingCode::parse(code).is_ok(),
            "{code}"
        );
    }
    assert!(
        dir.join("cairn-code.key").exists(),
        "a key was made in the data directory"
    );
    let database = std::fs::read(dir.join("c.sqlite")).expect("read db");
    let wal = std::fs::read(dir.join("c.sqlite-wal")).unwrap_or_default();
    for code in &codes {
        let canonical = code.replace('-', "");
        for bytes in [&database, &wal] {
            assert!(
                !bytes
                    .windows(canonical.len())
                    .any(|w| w == canonical.as_bytes()),
                "code {code} stored in clear"
            );
        }
    }
    let output = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args([
            "codes",
            "1",
            "--count",
            "3",
            "--district",
            "nowhere",
            "--db",
            &db,
            "--data-dir",
        ])
        .arg(&dir)
        .output()
        .expect("run");
    assert!(!output.status.success());
    std::fs::remove_dir_all(&dir).ok();
}

fn cairn(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .env_remove("DATABASE_URL")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run cairn");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

/// Import a real election, publish it from the command line, export it, and check that the
/// export re-tallies to the published result with `cairn tally`; then tamper with the audit
/// log and watch `cairn audit verify` catch it.
#[test]
fn import_publish_export_retally_and_audit_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("cairn-cli-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = format!("sqlite://{}?mode=rwc", dir.join("c.sqlite").display());
    let file = fixtures().join("Netherlands_Assen_2024.pb");

    let out = cairn(&["import", file.to_str().expect("path"), "--db", &db], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let round = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert_eq!(round, "1");

    let out = cairn(
        &[
            "officer",
            "add",
            "clerk@example.org",
            "--role",
            "officer",
            "--db",
            &db,
        ],
        Some("a very long passphrase\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cairn(
        &[
            "officer",
            "add",
            "clerk@example.org",
            "--role",
            "officer",
            "--db",
            &db,
        ],
        Some("a very long passphrase\n"),
    );
    assert!(!out.status.success(), "the same email twice is refused");

    let out = cairn(&["round", "open", &round, "--db", &db], None);
    assert!(!out.status.success(), "an imported round is already closed");
    let out = cairn(
        &["round", "publish", &round, "--rule", "greedy", "--db", &db],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(summary.contains("published (greedy"), "{summary}");

    let out = cairn(&["export", &round, "--db", &db], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export = dir.join("ballots.pb");
    std::fs::write(&export, &out.stdout).expect("write export");
    let digest =
        cairn_backend::services::results::sha256_hex(&String::from_utf8_lossy(&out.stdout));
    assert!(summary.contains(&digest), "{summary} should name {digest}");
    let retally = cairn(
        &[
            "tally",
            export.to_str().expect("path"),
            "--rule",
            "greedy",
            "--json",
        ],
        None,
    );
    let original = cairn(
        &[
            "tally",
            file.to_str().expect("path"),
            "--rule",
            "greedy",
            "--json",
        ],
        None,
    );
    let selected = |o: &std::process::Output| {
        serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json")["selected"].clone()
    };
    assert_eq!(selected(&retally), selected(&original));

    let out = cairn(&["audit", "verify", "--db", &db], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("intact"));
    // Each kind of tampering, on its own copy of the database: `cairn audit verify` names the
    // first broken entry and exits 3.
    let tamperings = [
        (
            "edited",
            "UPDATE audit_log SET actor = 'someone-else' WHERE id = 2",
            "entry 2",
        ),
        ("deleted", "DELETE FROM audit_log WHERE id = 2", "entry 3"),
        (
            "inserted",
            "UPDATE audit_log SET id = id + 1000 WHERE id >= 2; \
             UPDATE audit_log SET id = id - 999 WHERE id >= 1002; \
             INSERT INTO audit_log (id, at, actor, action, round_id, detail, prev_hash, hash) \
               SELECT 2, at, 'forger', 'round.publish', round_id, detail, hash, hash FROM audit_log WHERE id = 1",
            "entry 2",
        ),
        (
            "reordered",
            "UPDATE audit_log SET id = -1 WHERE id = 2; \
             UPDATE audit_log SET id = 2 WHERE id = 3; \
             UPDATE audit_log SET id = 3 WHERE id = -1",
            "entry 2",
        ),
    ];
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    for (what, sql, names) in tamperings {
        let copy = dir.join(format!("{what}.sqlite"));
        std::fs::copy(dir.join("c.sqlite"), &copy).expect("copy the database");
        if dir.join("c.sqlite-wal").exists() {
            std::fs::copy(
                dir.join("c.sqlite-wal"),
                dir.join(format!("{what}.sqlite-wal")),
            )
            .expect("copy the write-ahead log");
        }
        let copy = format!("sqlite://{}?mode=rw", copy.display());
        runtime.block_on(async {
            use sea_orm::ConnectionTrait;
            let conn = cairn_backend::db::connect(&copy).await.expect("db");
            conn.execute_unprepared(sql).await.expect("tamper");
            conn.close().await.ok();
        });
        let out = cairn(&["audit", "verify", "--db", &copy], None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{what}: {stderr}");
        assert!(stderr.contains(names), "{what}: {stderr}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
