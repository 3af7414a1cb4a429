//! Server-side officer sessions. The browser holds a random 256-bit token in a `__Host-` cookie
//! (HttpOnly, Secure, SameSite=Strict, path `/`); the database holds only its SHA-256, so a copy
//! of the database opens no session. Every sign-in makes a new token (no fixation); a session
//! ends after [`IDLE`] without use or [`ABSOLUTE`] after sign-in, whichever comes first, and
//! sign-out deletes it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};
use sha2::{Digest, Sha256};

use crate::db::entities::{officer, session};
use crate::error::{ApiError, ApiResult};
use crate::secrets;
use crate::services::audit::hex;

pub const COOKIE: &str = "__Host-cairn-session";
pub const IDLE: Duration = Duration::minutes(30);
pub const ABSOLUTE: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, so reading pages does not write every time.
const TOUCH_EVERY: Duration = Duration::minutes(1);

fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Starts a session; returns the token for the cookie.
pub async fn start(db: &impl ConnectionTrait, officer_id: i32) -> ApiResult<String> {
    let mut bytes = [0u8; 32];
    secrets::random_bytes(&mut bytes).map_err(|e| ApiError::Internal(e.into()))?;
    let token = hex(&bytes);
    let now = Utc::now();
    // Sign-in is a good moment to sweep this officer's dead sessions.
    session::Entity::delete_many()
        .filter(session::Column::OfficerId.eq(officer_id))
        .filter(
            sea_orm::Condition::any()
                .add(session::Column::ExpiresAt.lt(now))
                .add(session::Column::LastSeenAt.lt(now - IDLE)),
        )
        .exec(db)
        .await?;
    session::ActiveModel {
        id: Set(token_hash(&token)),
        officer_id: Set(officer_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The officer a live session belongs to, refreshing its idle timer.
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> ApiResult<Option<officer::Model>> {
    let id = token_hash(token);
    let Some(row) = session::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    if row.expires_at <= now || row.last_seen_at + IDLE <= now {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    let officer = officer::Entity::find_by_id(row.officer_id)
        .one(db)
        .await?
        .filter(|o| o.active);
    if officer.is_some() && now - row.last_seen_at >= TOUCH_EVERY {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(officer)
}

pub async fn end(db: &impl ConnectionTrait, token: &str) -> ApiResult<()> {
    session::Entity::delete_by_id(token_hash(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of one officer (deactivation, password change).
pub async fn end_all(db: &impl ConnectionTrait, officer_id: i32) -> ApiResult<()> {
    session::Entity::delete_many()
        .filter(session::Column::OfficerId.eq(officer_id))
        .exec(db)
        .await?;
    Ok(())
}

pub fn set_cookie(token: &str) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={}",
        ABSOLUTE.num_seconds()
    )
}

pub fn clear_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0")
}

/// The session token from a `Cookie` header, if any.
pub fn token_from_cookies(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_among_other_cookies() {
        let token = "a".repeat(64);
        let header = format!("theme=dark; {COOKIE}={token}; other=1");
        assert_eq!(token_from_cookies(&header), Some(token.as_str()));
        assert_eq!(token_from_cookies("theme=dark"), None);
        assert_eq!(token_from_cookies(&format!("{COOKIE}=short")), None);
    }

    #[test]
    fn cookie_is_host_only_strict_and_http_only() {
        let cookie = set_cookie("abc");
        assert!(cookie.starts_with("__Host-"));
        for part in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
            assert!(cookie.contains(part), "{cookie}");
        }
        assert!(!cookie.contains("Domain"));
    }
}
