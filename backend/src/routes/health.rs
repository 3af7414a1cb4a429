use axum::extract::State;
use cairn_shared::api::Health;

use super::AppState;
use crate::db;
use crate::error::{ApiResult, Json};

/// Liveness and database reachability, for load balancers and the status page.
pub async fn get_health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    state.db.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: db::backend_name(&state.db).into(),
    }))
}
