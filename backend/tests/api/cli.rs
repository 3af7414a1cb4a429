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
