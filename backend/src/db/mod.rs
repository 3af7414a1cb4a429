//! Connecting to the database and keeping its schema current.

pub mod entities;

use std::time::Duration;

use cairn_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};

/// Why the database could not be made ready: each is reported in plain words at start-up.
#[derive(Debug, thiserror::Error)]
pub enum DbStartError {
    #[error("cannot open the database at {url}: {source}")]
    Connect { url: String, source: sea_orm::DbErr },
    #[error("cannot bring the database schema up to date: {0}")]
    Migrate(sea_orm::DbErr),
}

/// Opens a pool. SQLite runs in WAL mode with `synchronous=FULL`: every acknowledged ballot is
/// on disk, and readers do not block the writer.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbStartError> {
    let pool = if url.starts_with("sqlite:") { 8 } else { 16 };
    open(url, pool, SQLITE_CACHE_KIB, None).await
}

/// Each pooled SQLite connection's page cache. SQLite's default (2 MB) is less than a busy
/// round's ballot indexes; a page not in the cache is read again from the file.
const SQLITE_CACHE_KIB: u32 = 16 * 1024;
/// The ballot writer's page cache: the pages its batches touch stay in memory between batches.
const WRITER_CACHE_KIB: u32 = 64 * 1024;
/// The ballot writer checkpoints the write-ahead log once it holds this many pages (40 MB).
/// SQLite's default, 1,000 pages, makes every few batches copy the log into the database inside
/// a commit; [`checkpoint_in_background`] does most of that copying on another connection, and
/// this bound keeps the log from growing while it cannot keep up.
const WRITER_AUTOCHECKPOINT_PAGES: u32 = 10_000;

/// Opens the ballot writer's own connection (a pool of one). It is the only connection that
/// writes ballots, so it keeps its page cache from batch to batch (SQLite empties a connection's
/// cache whenever another connection has written) and never waits for a pooled connection.
pub async fn connect_ballot_writer(url: &str) -> Result<DatabaseConnection, DbStartError> {
    open(url, 1, WRITER_CACHE_KIB, Some(WRITER_AUTOCHECKPOINT_PAGES)).await
}

/// A pool whose every SQLite connection (a pool replaces its connections over time) gets the
/// same settings.
async fn open(
    url: &str,
    pool: u32,
    cache_kib: u32,
    autocheckpoint_pages: Option<u32>,
) -> Result<DatabaseConnection, DbStartError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .max_connections(pool)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |opts| {
            let opts = opts
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                // Negative: a size in KiB rather than in pages.
                .pragma("cache_size", format!("-{cache_kib}"));
            match autocheckpoint_pages {
                Some(pages) => opts.pragma("wal_autocheckpoint", pages.to_string()),
                None => opts,
            }
        });
    Database::connect(options)
        .await
        .map_err(|source| DbStartError::Connect {
            url: redact(url),
            source,
        })
}

/// On SQLite, copies committed pages from the write-ahead log into the database every
/// [`CHECKPOINT_EVERY`], on a pooled connection, so that the ballot writer's commits rarely
/// have to (a `PASSIVE` checkpoint waits for nobody and syncs the database file under
/// `synchronous=FULL`). Runs until the server stops; does nothing on other databases.
pub async fn checkpoint_in_background(db: DatabaseConnection) {
    if db.get_database_backend() != DbBackend::Sqlite {
        return;
    }
    let mut ticker = tokio::time::interval(CHECKPOINT_EVERY);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if let Err(err) = db
            .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
            .await
        {
            tracing::debug!(error = %err, "background checkpoint");
        }
    }
}

const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// Starts a transaction that writes. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`): a deferred transaction that reads and then writes cannot wait for another
/// writer's commit (SQLite answers `SQLITE_BUSY` at once, busy timeout or not, because the
/// snapshot it read is stale), so two officers saving at the same moment would see one of them
/// refused. PostgreSQL ignores the mode.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Connects and applies every pending migration.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbStartError> {
    let db = connect(url).await?;
    Migrator::up(&db, None)
        .await
        .map_err(DbStartError::Migrate)?;
    Ok(db)
}

/// A database URL fit for logs: any password replaced.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Rewrites what the order of writing left in storage, once a round's voting is over.
///
/// While a round votes, each batch of ballots is written in the same transaction as the update
/// that used its codes. The ballot table's order is its random key's (see migration 4), but
/// the storage engines remember more: PostgreSQL keeps rows in its heap in the order they were
/// written and stamps each with the id of the transaction that wrote it (`xmin`), which a
/// ballot shares with its code's update; SQLite's write-ahead log holds each commit's pages,
/// and the main file keeps freed pages and cells laid out in the order they were written.
///
/// - PostgreSQL: every ballot and used code of the round is rewritten by one transaction (one
///   `xmin` for all), then both tables are rewritten in primary key order with `CLUSTER`
///   (random for ballots, issue order for codes), which also leaves the old row versions
///   behind. `CLUSTER` locks each table while it runs.
/// - SQLite: `VACUUM` rebuilds the file in key order, then the write-ahead log is emptied.
///
/// The database's own logs and backups taken during voting are outside its reach.
pub async fn forget_write_order(db: &DatabaseConnection, round_pk: i32) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let txn = begin_write(db).await?;
            for sql in [
                r#"UPDATE "ballot" SET "round_id" = "round_id" WHERE "round_id" = $1"#,
                r#"UPDATE "voting_code" SET "used" = "used" WHERE "round_id" = $1 AND "used""#,
            ] {
                txn.execute_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    sql,
                    [round_pk.into()],
                ))
                .await?;
            }
            txn.commit().await?;
            // Not in that transaction: it would keep the row versions it replaced.
            db.execute_unprepared(r#"CLUSTER "ballot" USING "ballot_pkey""#)
                .await?;
            db.execute_unprepared(r#"CLUSTER "voting_code" USING "voting_code_pkey""#)
                .await?;
        }
        DbBackend::Sqlite => {
            db.execute_unprepared("VACUUM").await?;
            db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await?;
        }
        _ => {}
    }
    Ok(())
}

pub fn backend_name(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Sqlite => "sqlite",
        DbBackend::Postgres => "postgres",
        _ => "other",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
        let row = db
            .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index(0).unwrap()
    }

    /// A directory of its own and the URL of a new SQLite database in it.
    fn scratch(name: &str) -> (std::path::PathBuf, String) {
        let dir = std::env::temp_dir().join(format!("cairn-{name}-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite").display());
        (dir, url)
    }

    #[tokio::test]
    async fn the_ballot_writer_has_its_own_cache_and_checkpoint_settings() {
        let (dir, url) = scratch("writer-db");
        let pool = connect(&url).await.unwrap();
        let writer = connect_ballot_writer(&url).await.unwrap();
        assert_eq!(scalar(&writer, "PRAGMA wal_autocheckpoint").await, 10_000);
        assert_eq!(scalar(&writer, "PRAGMA cache_size").await, -65_536);
        assert_eq!(scalar(&writer, "PRAGMA synchronous").await, 2, "FULL");
        assert_eq!(scalar(&pool, "PRAGMA wal_autocheckpoint").await, 1_000);
        assert_eq!(scalar(&pool, "PRAGMA cache_size").await, -16_384);
        writer.close().await.unwrap();
        pool.close().await.unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Migration 5 rekeys a table that already holds ballots, and can be undone, without
    /// losing one.
    #[tokio::test]
    async fn ballots_survive_the_round_key_migration_both_ways() {
        let (dir, url) = scratch("migrate");
        let db = connect_and_migrate(&url).await.unwrap();
        crate::demo::seed_if_empty(&db).await.unwrap().unwrap();
        let count = "SELECT count(*) FROM ballot";
        let ballots = scalar(&db, count).await;
        assert!(ballots > 0);
        let round_index =
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_ballot_round'";
        assert_eq!(scalar(&db, round_index).await, 0);

        Migrator::down(&db, Some(1)).await.unwrap();
        assert_eq!(scalar(&db, round_index).await, 1);
        assert_eq!(scalar(&db, count).await, ballots);

        Migrator::up(&db, None).await.unwrap();
        assert_eq!(scalar(&db, round_index).await, 0);
        assert_eq!(scalar(&db, count).await, ballots);
        // Reading a round's ballots is a range of the table's key. (On a new connection:
        // `EXPLAIN` does not check that the connection's copy of the schema is current.)
        db.close().await.unwrap();
        let db = connect(&url).await.unwrap();
        let plan = db
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                "EXPLAIN QUERY PLAN SELECT * FROM ballot WHERE round_id = 1",
            ))
            .await
            .unwrap();
        let detail: String = plan[0].try_get("", "detail").unwrap();
        assert!(detail.contains("PRIMARY KEY (round_id=?)"), "{detail}");
        db.close().await.unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(
            redact("postgres://cairn:s3cret@db:5432/cairn"),
            "postgres://cairn:***@db:5432/cairn"
        );
        assert_eq!(
            redact("postgres://cairn@db/cairn"),
            "postgres://cairn@db/cairn"
        );
        assert_eq!(
            redact("sqlite://cairn.sqlite?mode=rwc"),
            "sqlite://cairn.sqlite?mode=rwc"
        );
    }
}
