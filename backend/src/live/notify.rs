//! Replicas over one PostgreSQL tell each other when a round's ballots change: the writer sends
//! `NOTIFY cairn_ballots '<replica>:<round>'` inside its transaction (delivered only on commit),
//! and every other replica marks that round's counts stale, to be reloaded at its next tick.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;
use sea_orm::sqlx::postgres::PgListener;

use super::hub::Hub;
use super::writer::NOTIFY_CHANNEL;

/// Listens until the server stops; reconnects after a database outage. Does nothing on SQLite.
pub async fn listen(db: DatabaseConnection, hub: Arc<Hub>, replica: String) {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return;
    }
    let pool = db.get_postgres_connection_pool().clone();
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if let Err(err) = listener.listen(NOTIFY_CHANNEL).await {
                    tracing::warn!(error = %err, "subscribing to ballot notifications");
                } else {
                    // Whatever happened while we were not listening is unknown: reload all.
                    hub.mark_all_stale();
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(notification)) => {
                                let payload = notification.payload();
                                if let Some((from, round)) = payload.split_once(':')
                                    && from != replica
                                    && let Ok(round) = round.parse()
                                {
                                    hub.mark_stale(round);
                                }
                            }
                            // The connection dropped; counts may have been missed.
                            Ok(None) => hub.mark_all_stale(),
                            Err(err) => {
                                tracing::warn!(error = %err, "ballot notifications interrupted");
                                break;
                            }
                        }
                    }
                }
            }
            Err(err) => tracing::warn!(error = %err, "connecting for ballot notifications"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
