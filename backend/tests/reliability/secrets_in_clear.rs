//! No voting code in clear, anywhere the server writes: the server runs with every log level
//! on (`RUST_LOG=trace`) while codes are issued (by `cairn codes` and by an officer through the
//! API), cast, reused, mistyped and used to change a ballot, and receipts are looked up; then
//! no form of any of those codes (grouped, ungrouped, either case) may appear in its output,
//! in any file of its data directory (the SQLite database, its write-ahead log and shared
//! memory included), or in any row of any PostgreSQL table.

use std::path::{Path, PathBuf};
use std::time::Duration;

use cairn_shared::code::VotingCode;
use serde_json::json;

use crate::load::{self, Answer};
use crate::server::{Launch, Server, TempDir, issue_codes};
use crate::store::{self, Engine};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_voting_code_in_clear_in_logs_or_storage_on_sqlite() {
    secrets(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_voting_code_in_clear_in_logs_or_storage_on_postgres() {
    secrets(Engine::Postgres).await;
}

async fn secrets(engine: Engine) {
    let dir = TempDir::new("secrets");
    let test = format!("secrets_in_clear::{engine:?}");
    let Some(url) = store::fresh(engine, &dir.0, &test).await else {
        return;
    };
    let mut launch = Launch::new(&url, &dir.0).demo();
    launch.log_filter = "trace".into();
    let mut server = Server::start(&launch).await;
    let round = server.open_round().await;
    let client = load::client(Duration::from_secs(30));
    let base = server.base.clone();

    let mut codes = issue_codes(&url, &dir.0, &round, 4).await;
    codes.extend(officer_codes(&client, &base, &round).await);
    // Every form a resident may type: as printed, lower case, without hyphens, both.
    let typed = [
        codes[0].clone(),
        codes[1].to_lowercase(),
        codes[2].replace('-', ""),
        codes[3].replace('-', "").to_lowercase(),
        codes[4].clone(),
    ];
    let mut receipts = Vec::new();
    for code in &typed {
        match load::cast(&client, &base, &round, code).await {
            Answer::Created(receipt) => receipts.push(receipt),
            other => panic!("casting with a fresh code gave {other:?}"),
        }
    }
    let changed = load::change(&client, &base, &round, &typed[0], &receipts[0]).await;
    let Answer::Created(new_receipt) = changed else {
        panic!("changing a ballot gave {changed:?}");
    };
    for receipt in receipts.iter().skip(1).chain([&new_receipt]) {
        assert_eq!(load::receipt_status(&client, &base, receipt).await, Ok(200));
    }
    assert_eq!(
        load::receipt_status(&client, &base, &receipts[0]).await,
        Ok(404),
        "the replaced ballot's receipt leaves the board"
    );
    let reused = load::cast(&client, &base, &round, &typed[1]).await;
    assert_eq!(reused.status(), Some(409), "{reused:?}");
    // A typing mistake in the unused officer code: refused by its check symbol.
    let mistyped = mistype(&codes[5]);
    let refused = load::cast(&client, &base, &round, &mistyped).await;
    assert_eq!(refused.status(), Some(403), "{refused:?}");
    let wrong_receipt = load::change(&client, &base, &round, &typed[2], &receipts[0]).await;
    assert_eq!(wrong_receipt.status(), Some(404), "{wrong_receipt:?}");

    server.kill();
    let mut needles: Vec<String> = codes.iter().flat_map(|c| forms(c)).collect();
    needles.extend(forms(&mistyped));

    let files = files_under(&dir.0);
    let mut logs = String::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("read file");
        if file == &server.stderr {
            logs = String::from_utf8_lossy(&bytes).into_owned();
        }
        for needle in &needles {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{test}: a voting code ({needle}) is in clear in {}",
                file.display()
            );
        }
    }
    // The check is only worth something if the logs saw the requests.
    assert!(
        logs.contains(&new_receipt),
        "{test}: the trace logs do not even show the receipt lookups; is RUST_LOG read?"
    );
    let stored = if engine == Engine::Postgres {
        let db = store::connect(&url).await;
        let dump = store::postgres_dump(&db).await;
        db.close().await.ok();
        for needle in &needles {
            assert!(
                !dump.contains(needle.as_str()),
                "{test}: a voting code ({needle}) is in clear in a PostgreSQL table"
            );
        }
        assert!(
            dump.contains("voting_code"),
            "the dump has the codes' table"
        );
        store::drop_postgres(&url).await;
        format!("{} bytes of table rows", dump.len())
    } else {
        "the database files".to_owned()
    };
    println!(
        "{test}: {} codes in {} forms: none in {} files ({} bytes of trace logs) nor {stored}",
        codes.len() + 1,
        needles.len(),
        files.len(),
        logs.len()
    );
}

/// Two codes issued through the officers' API (the answer is their only copy).
async fn officer_codes(client: &reqwest::Client, base: &str, round: &str) -> Vec<String> {
    let (email, password) = cairn_backend::demo::DEMO_OFFICER;
    let response = client
        .post(format!("{base}/api/session"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("sign in");
    assert_eq!(response.status(), 200, "the demo officer signs in");
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let issued: serde_json::Value = client
        .post(format!("{base}/api/officer/rounds/{round}/codes"))
        .header("cookie", cookie)
        .json(&json!({"count": 2, "label": "secrets test"}))
        .send()
        .await
        .expect("issue codes")
        .json()
        .await
        .expect("JSON");
    issued["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c.as_str().expect("a code").to_owned())
        .collect()
}

/// Grouped and ungrouped, upper and lower case.
fn forms(code: &str) -> Vec<String> {
    let canonical: String = code
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_uppercase();
    let grouped = canonical
        .as_bytes()
        .chunks(6)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-");
    vec![
        canonical.to_lowercase(),
        grouped.to_lowercase(),
        canonical,
        grouped,
    ]
}

/// The code with its first symbol replaced by another of the alphabet: a typo the check
/// symbol catches.
fn mistype(code: &str) -> String {
    let first = code.chars().next().expect("a code");
    let other = if first == 'A' { 'B' } else { 'A' };
    let typo: String = std::iter::once(other).chain(code.chars().skip(1)).collect();
    assert!(VotingCode::parse(&typo).is_err(), "a typo is caught");
    typo
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
