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
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
        });
    if url.starts_with("sqlite:") {
        options.max_connections(8);
    } else {
        options.max_connections(16);
    }
    Database::connect(options)
        .await
        .map_err(|source| DbStartError::Connect {
            url: redact(url),
            source,
        })
}

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
mod tests {
    use super::*;

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
