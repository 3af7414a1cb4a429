use axum::extract::State;
use cairn_shared::api::Health;

use super::AppState;
use crate::db;
use crate::error::{ApiResult, Json};

/// Liveness and database reachability
///
/// For load balancers and the status page: 200 while the database answers, 503 when it does not.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "system",
    responses((status = 200, description = "The server and its database are up", body = Health))
)]
pub async fn get_health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    state.db.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: db::backend_name(&state.db).into(),
    }))
}
