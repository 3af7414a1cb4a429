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
