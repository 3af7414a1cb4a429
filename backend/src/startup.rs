//! Building and running the server: `Application::build` binds the port (0 in tests, so each
//! test gets its own), `run_until_stopped` serves until SIGTERM or Ctrl-C and then drains.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use std::sync::Arc;

use crate::client::TrustedProxies;
use crate::config::ServeConfig;
use crate::error::ApiError;
use crate::limiter::GuessLimiter;
use crate::live::cache::RoundCache;
use crate::live::hub::Hub;
use crate::live::notify;
use crate::live::writer::Writer;
use crate::routes::{self, AppState};
use crate::secrets::{CodeKey, KeyError};
use crate::services::lifecycle;
use crate::{db, demo, security};

/// Bodies above this are refused before any handler reads them; the largest legitimate body
/// (a project import) is far below it.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Unknown voting codes one address may try per window. A code has over 80 bits; this only
/// stops bulk guessing, and valid ballots from a shared address are never counted.
const GUESSES_PER_WINDOW: u32 = 20;
const GUESS_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failed officer sign-ins one address may make per window.
const SIGN_INS_PER_WINDOW: u32 = 10;

pub struct Application {
    listener: TcpListener,
    router: Router,
    db: DatabaseConnection,
    demo_codes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] db::DbStartError),
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error("cannot seed the demo data: {0}")]
    Demo(#[source] anyhow::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

impl Application {
    pub async fn build(config: &ServeConfig) -> Result<Self, StartError> {
        let db = db::connect_and_migrate(&config.database_url).await?;
        tracing::info!(database = %db::redact(&config.database_url), "database ready");
        let seeded = if config.demo {
            demo::seed_if_empty(&db).await.map_err(StartError::Demo)?
        } else {
            None
        };
        let code_key = CodeKey::load(config.code_key.as_deref(), &config.data_dir)?;
        let mut demo_codes = Vec::new();
        if let Some(report) = seeded {
            tracing::info!(rounds = report.rounds, "demo data seeded");
            let codes = crate::services::codes::issue(
                &db,
                &code_key,
                &report.open_round,
                None,
                demo::DEMO_CODES,
                "demo",
            )
            .await
            .map_err(|e| StartError::Demo(anyhow::anyhow!("{e}")))?;
            demo_codes = codes.iter().map(|c| c.grouped()).collect();
        }
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.addr,
                source,
            })?;
        // Names this process in notifications to other replicas.
        let replica = uuid::Uuid::new_v4().to_string();
        let hub = Hub::new(db.clone());
        let writer_db = db::connect_ballot_writer(&config.database_url).await?;
        let writer = Writer::start(writer_db, hub.clone(), replica.clone());
        tokio::spawn(db::checkpoint_in_background(db.clone()));
        tokio::spawn(hub.clone().run_publisher());
        tokio::spawn(notify::listen(db.clone(), hub.clone(), replica));
        tokio::spawn(lifecycle::follow_timeline(db.clone()));
        let state = AppState {
            db: db.clone(),
            static_dir: config.static_dir.clone(),
            code_key,
            guesses: Arc::new(GuessLimiter::new(GUESSES_PER_WINDOW, GUESS_WINDOW)),
            sign_ins: Arc::new(GuessLimiter::new(SIGN_INS_PER_WINDOW, GUESS_WINDOW)),
            rounds: Arc::new(RoundCache::default()),
            hub,
            writer,
            proxies: TrustedProxies::new(config.trusted_proxies.iter().copied()),
        };
        let proxies = state.proxies.clone();
        let csp =
            security::content_security_policy(security::read_index(&config.static_dir).as_deref());
        let router = with_middleware(routes::router(state), &csp, proxies);
        Ok(Application {
            listener,
            router,
            db,
            demo_codes,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Voting codes issued while seeding a fresh demo (empty otherwise).
    pub fn demo_codes(&self) -> &[String] {
        &self.demo_codes
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = crate::serve::serve(self.listener, self.router, shutdown_signal()).await;
        if let Err(err) = self.db.close().await {
            tracing::warn!(error = %err, "closing the database");
        }
        result
    }
}

fn with_middleware(router: Router, csp: &str, proxies: TrustedProxies) -> Router {
    let mut router = router
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::Internal(anyhow::anyhow!("a request handler panicked")).into_response()
        }))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(too_large_in_api_shape))
        .layer(axum::middleware::from_fn(
            security::refuse_cross_site_writes,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn_with_state(
            proxies,
            security::strict_transport_security,
        ));
    for layer in security::header_layers(csp) {
        router = router.layer(layer);
    }
    router
}

/// The body limit refuses a declared `Content-Length` above it before any handler runs, in
/// plain text; like every other error, that refusal is sent in the API's JSON shape.
async fn too_large_in_api_shape(response: Response) -> Response {
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE && !is_json {
        ApiError::payload_too_large().into_response()
    } else {
        response
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
