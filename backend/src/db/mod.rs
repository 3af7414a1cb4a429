//! Connecting to the database and keeping its schema current.

pub mod entities;

use std::time::Duration;

use cairn_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};

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
