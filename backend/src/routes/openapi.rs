//! The OpenAPI 3.1 document of `/api`, served at `GET /api/openapi.json`.
//!
//! It is generated from the code: each handler carries a `#[utoipa::path]` with its own
//! successes and refusals, the bodies are the `cairn_shared::api` types (with the `openapi`
//! feature), and [`CommonErrors`] adds the refusals that come from the extractors and the
//! middleware rather than from a handler, by the same rules the code follows. Every error
//! response is the one [`ErrorBody`] schema.

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use cairn_shared::api::ErrorBody;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa::{Modify, OpenApi, ToResponse, ToSchema};

use super::{ballots, feed, health, officer, results, rounds, session};

/// The security scheme of the officers' operations. Its "scopes" name the role an operation
/// needs, as OpenAPI 3.1 allows for schemes other than OAuth: `officer` (any signed-in
/// officer) or `admin`.
pub const SESSION_SCHEME: &str = "officer_session";

/// Where this document is served.
pub const DOCUMENT_PATH: &str = "/api/openapi.json";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cairn",
        description = "The HTTP API of Cairn, a participatory budgeting platform: rounds, \
            ballots, live counts, published results and the officers' console. Every error \
            answers with the `ErrorBody` JSON shape. Requests that change data from another \
            site's page (by `Sec-Fetch-Site` or `Origin`) are refused with 403. Officers sign \
            in with `POST /api/session` and then send the session cookie it sets."
    ),
    paths(
        health::get_health,
        openapi_json,
        session::current,
        session::sign_in,
        session::sign_out,
        feed::feed_json,
        feed::feed_ics,
        rounds::list_rounds,
        rounds::get_round,
        ballots::cast_ballot,
        ballots::change_ballot,
        ballots::get_tally,
        ballots::tally_events,
        ballots::check_receipt,
        results::get_results,
        results::get_export,
        results::get_stats,
        results::get_updates,
        officer::list_rounds,
        officer::create_round,
        officer::get_round,
        officer::update_round,
        officer::create_project,
        officer::update_project,
        officer::import,
        officer::move_phase,
        officer::publish,
        officer::issue_codes,
        officer::revoke_code,
        officer::enter_paper_ballot,
        officer::post_update,
        officer::audit_log,
        officer::list_officers,
        officer::add_officer,
    ),
    components(
        schemas(ErrorBody),
        responses(
            BadRequest,
            Unauthorized,
            Forbidden,
            PayloadTooLarge,
            UnsupportedMediaType,
            Unprocessable,
            Internal,
            Unavailable
        )
    ),
    modifiers(&SessionCookie, &CommonErrors),
    tags(
        (name = "system", description = "Health and this document."),
        (name = "rounds", description = "Rounds as the public sees them (never drafts)."),
        (name = "ballots", description = "Casting and changing ballots, and checking receipts."),
        (name = "live", description = "Live counts while voting is open, if the round shows them."),
        (name = "results", description = "Published results, the ballots they were counted from, participation and delivery."),
        (name = "feeds", description = "Open and upcoming votes as JSON and as a calendar."),
        (name = "session", description = "Officers signing in and out."),
        (name = "officer", description = "The officers' console: rounds of the officer's own organisation."),
        (name = "admin", description = "Administrators only."),
    )
)]
pub struct ApiDoc;

/// The document as served, built once. Paths, schemas and properties are kept in sorted maps,
/// so the same code always gives the same bytes.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi()
        .to_json()
        .expect("the OpenAPI document is plain data and always serialises")
});

/// This OpenAPI 3.1 document
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "system",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", body = Object))
)]
pub async fn openapi_json() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
}

fn error_response(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(ErrorBody::name())))
                .build(),
        )
        .build()
        .into()
}

/// Reusable error responses (`#/components/responses/…`), each an [`ErrorBody`].
macro_rules! error_responses {
    ($($name:ident => $description:expr;)*) => {$(
        pub struct $name;

        impl<'r> ToResponse<'r> for $name {
            fn response() -> (&'r str, RefOr<Response>) {
                (stringify!($name), error_response($description))
            }
        }
    )*};
}

error_responses! {
    BadRequest => "The request cannot be read: a body that is not JSON, or a path or query \
        parameter that does not parse. The message says what is wrong.";
    Unauthorized => "No officer is signed in: the session cookie is missing, or the session \
        has ended.";
    Forbidden => "Refused: a change sent from another site's page, or an operation for \
        administrators from an officer who is not one.";
    PayloadTooLarge => &format!(
        "The request body is larger than the server accepts ({} MiB).",
        crate::startup::MAX_BODY_BYTES / (1024 * 1024)
    );
    UnsupportedMediaType => "The body was not sent with `Content-Type: application/json`.";
    Unprocessable => "The JSON body does not have the expected shape (a missing field, a \
        value of the wrong type). The message names the first problem.";
    Internal => "Something went wrong on the server. Nothing was saved; the message carries \
        no internal detail.";
    Unavailable => "The database is briefly unreachable, and nothing was saved; or the \
        connection broke while saving, and the message says it may or may not have been saved. \
        Either way, try again after the seconds in `Retry-After`: a voting code never counts \
        twice.";
}

/// The cookie that carries an officer's session.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        doc.components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                SESSION_SCHEME,
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                    crate::auth::session::COOKIE.to_owned(),
                    format!(
                        "The session token set by `POST /api/session` (HttpOnly, Secure, \
                         SameSite=Strict). An operation's required scopes name the role it \
                         needs: `officer` (any signed-in officer) or `admin`. Without a live \
                         session it answers 401; with too low a role, 403. Sessions end after \
                         {} minutes unused or {} hours after signing in.",
                        crate::auth::session::IDLE.num_minutes(),
                        crate::auth::session::ABSOLUTE.num_hours()
                    ),
                ))),
            );
    }
}

/// Refusals that no handler writes but every operation of a kind can meet:
/// - a JSON body: the [`crate::error::Json`] extractor's 400, 413, 415 and 422;
/// - path or query parameters: the [`crate::error::Path`] / [`crate::error::Query`] 400;
/// - any method but `GET`: the cross-site write guard's 403 ([`crate::security`]);
/// - a required session: 401 from [`crate::auth::OfficerAuth`], and 403 for `admin`;
/// - every operation: 500 (including a handler that panics), and 503 once it reaches the
///   database, which is all but this document.
///
/// A status a handler already documents keeps its own, more precise, description.
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        for (path, item) in &mut doc.paths.paths {
            for (method, operation) in operations(item) {
                let mut common = Vec::new();
                if operation.request_body.is_some() {
                    common.extend([
                        ("400", reference::<BadRequest>()),
                        ("413", reference::<PayloadTooLarge>()),
                        ("415", reference::<UnsupportedMediaType>()),
                        ("422", reference::<Unprocessable>()),
                    ]);
                }
                if operation.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
                    common.push(("400", reference::<BadRequest>()));
                }
                if method != "get" {
                    common.push(("403", reference::<Forbidden>()));
                }
                let roles =
                    required_roles(&serde_json::to_value(&operation.security).unwrap_or_default());
                if !roles.is_empty() {
                    common.push(("401", reference::<Unauthorized>()));
                }
                if roles.iter().any(|r| r == "admin") {
                    common.push(("403", reference::<Forbidden>()));
                }
                common.push(("500", reference::<Internal>()));
                if path != DOCUMENT_PATH {
                    common.push(("503", reference::<Unavailable>()));
                }
                for (status, response) in common {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert(response);
                }
            }
        }
    }
}

/// `$ref` to a reusable response.
fn reference<T: ToResponse<'static>>() -> RefOr<Response> {
    Ref::from_response_name(T::response().0).into()
}

/// The operations of a path, with their lower-case methods.
fn operations(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    [
        ("get", &mut item.get),
        ("post", &mut item.post),
        ("put", &mut item.put),
        ("patch", &mut item.patch),
        ("delete", &mut item.delete),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_mut().map(|op| (method, op)))
}

/// The roles an operation's `security` requirements (as JSON) ask of [`SESSION_SCHEME`]; empty
/// when the operation is public or the session optional (an empty requirement among them).
pub fn required_roles(security: &serde_json::Value) -> Vec<String> {
    let Some(requirements) = security.as_array() else {
        return Vec::new();
    };
    if requirements
        .iter()
        .any(|r| r.as_object().is_some_and(|o| o.is_empty()))
    {
        return Vec::new();
    }
    requirements
        .iter()
        .filter_map(|r| r.get(SESSION_SCHEME)?.as_array())
        .flatten()
        .filter_map(|role| role.as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_deterministic() {
        let first = ApiDoc::openapi().to_json().unwrap();
        for _ in 0..3 {
            assert_eq!(ApiDoc::openapi().to_json().unwrap(), first);
        }
        assert_eq!(*DOCUMENT, first);
    }

    #[test]
    fn every_reference_resolves() {
        let doc: serde_json::Value = serde_json::from_str(&DOCUMENT).unwrap();
        let mut refs = Vec::new();
        collect_refs(&doc, &mut refs);
        assert!(!refs.is_empty());
        for r in refs {
            let pointer = r.strip_prefix('#').unwrap();
            assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
        }
    }

    fn collect_refs(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v.as_str()) {
                        ("$ref", Some(r)) => out.push(r.to_owned()),
                        _ => collect_refs(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
            _ => {}
        }
    }

    #[test]
    fn operation_ids_are_unique() {
        let doc: serde_json::Value = serde_json::from_str(&DOCUMENT).unwrap();
        let mut ids: Vec<&str> = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .filter_map(|op| op["operationId"].as_str())
            .collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }
}
