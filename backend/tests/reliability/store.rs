//! Fresh databases for each test, and what the tests check in them directly, behind the
//! server's back.

use std::path::Path;

use cairn_backend::secrets::CodeKey;
use cairn_shared::code::VotingCode;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

use crate::server::CODE_KEY;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A URL for a fresh, empty database, or `None` (after saying so) when PostgreSQL is not
/// configured for tests.
pub async fn fresh(engine: Engine, dir: &Path, test: &str) -> Option<String> {
    match engine {
        Engine::Sqlite => Some(format!(
            "sqlite://{}?mode=rwc",
            dir.join("cairn.sqlite").display()
        )),
        Engine::Postgres => {
            let Some(base) = postgres_base() else {
                println!("{test}: skipped on PostgreSQL (CAIRN_TEST_POSTGRES is not set)");
                return None;
            };
            Some(crate::postgres::create_database(&base, "cairn_rel").await)
        }
    }
}

pub fn postgres_base() -> Option<String> {
    std::env::var("CAIRN_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
}

/// Drops a test's PostgreSQL database once the test passed (a failed one is kept to look at).
pub async fn drop_postgres(url: &str) {
    let (Some(base), Some((_, name))) = (postgres_base(), url.rsplit_once('/')) else {
        return;
    };
    if let Ok(admin) = Database::connect(&base).await {
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
        admin.close().await.ok();
    }
}

pub async fn connect(url: &str) -> DatabaseConnection {
    Database::connect(url)
        .await
        .expect("connect to the test database")
}

/// The stored hash of a code, as the server computes it.
pub fn code_hash(code: &str) -> String {
    let key = CodeKey::load(Some(CODE_KEY), Path::new("/nonexistent")).expect("key");
    key.hash_code(&VotingCode::parse(code).expect("a well-formed code"))
}

async fn count(db: &DatabaseConnection, sql: String) -> u64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            sql.clone(),
        ))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .expect("a row");
    let n: i64 = row.try_get("", "n").expect("a count");
    u64::try_from(n).expect("a count is not negative")
}

/// Codes of the round marked used.
pub async fn used_codes(db: &DatabaseConnection, round: &str) -> u64 {
    let round = round_pk(round);
    count(
        db,
        format!("SELECT COUNT(*) AS n FROM voting_code WHERE round_id = {round} AND used = TRUE"),
    )
    .await
}

/// Ballots of the round cast with a code (paper ballots use none).
pub async fn online_ballots(db: &DatabaseConnection, round: &str) -> u64 {
    let round = round_pk(round);
    count(
        db,
        format!("SELECT COUNT(*) AS n FROM ballot WHERE round_id = {round} AND method = 'online'"),
    )
    .await
}

pub async fn is_used(db: &DatabaseConnection, code: &str) -> bool {
    // Hex only, so it can be written into the statement.
    let hash = code_hash(code);
    count(
        db,
        format!("SELECT COUNT(*) AS n FROM voting_code WHERE code_hash = '{hash}' AND used = TRUE"),
    )
    .await
        == 1
}

fn round_pk(round: &str) -> i32 {
    round.parse().expect("round ids are numbers")
}

/// Every row of every table of a PostgreSQL database, as text.
pub async fn postgres_dump(db: &DatabaseConnection) -> String {
    let backend = db.get_database_backend();
    let tables = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        ))
        .await
        .expect("list tables");
    let mut dump = String::new();
    for table in tables {
        let name: String = table.try_get("", "name").expect("table name");
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT t::text AS row FROM \"{name}\" t"),
            ))
            .await
            .expect("read table");
        for row in rows {
            dump.push_str(&name);
            dump.push(' ');
            dump.push_str(&row.try_get::<String>("", "row").expect("row text"));
            dump.push('\n');
        }
    }
    dump
}
