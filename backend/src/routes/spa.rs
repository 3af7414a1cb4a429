//! Serves the built frontend. Any path that is not a file gets `index.html`, so client-side
//! routes like `/rounds/3` survive a reload. The residents' app and the officers' console are
//! two builds, each served this way from its own directory; the residents' home page comes
//! with its first screen written in (`first_screen`).

use std::convert::Infallible;
use std::path::Path;
use std::sync::Arc;

use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse};
use tower::ServiceExt;
use tower::util::BoxCloneSyncService;
use tower_http::services::{ServeDir, ServeFile};

/// Where the officers' console is built, inside the static directory; served at `/officer`.
pub const CONSOLE_DIR: &str = "officer";

type SpaService = BoxCloneSyncService<axum::extract::Request, axum::response::Response, Infallible>;

/// The residents' app: [`service`], except that `GET /` is the home page with its first screen.
pub fn residents(state: super::AppState) -> SpaService {
    let files = service(&state.static_dir);
    let Ok(index) = std::fs::read_to_string(state.static_dir.join("index.html")) else {
        return files;
    };
    let index: Arc<str> = index.into();
    BoxCloneSyncService::new(tower::service_fn(move |request: axum::extract::Request| {
        let (files, state, index) = (files.clone(), state.clone(), index.clone());
        async move {
            if request.method() == Method::GET && request.uri().path() == "/" {
                Ok(super::first_screen::portal(&state, &index, request.headers()).await)
            } else {
                files.oneshot(request).await
            }
        }
    }))
}

pub fn service(static_dir: &Path) -> SpaService {
    let index = static_dir.join("index.html");
    if !index.exists() {
        tracing::warn!(dir = %static_dir.display(), "no built frontend found; the API still works");
        return BoxCloneSyncService::new(tower::service_fn(|_req| async {
            Ok(not_built().into_response())
        }));
    }
    let serve = ServeDir::new(static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(index));
    BoxCloneSyncService::new(ServiceExt::<axum::extract::Request>::map_response(
        serve,
        |mut response| {
            // index.html must be revalidated so a new release is picked up; hashed assets never change.
            let is_html = response
                .headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
            let cache = if is_html {
                "no-cache"
            } else {
                "public, max-age=31536000, immutable"
            };
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            // Files are sent Brotli- or gzip-compressed as built when the browser accepts it: a
            // shared cache must not hand one browser's encoding to another.
            let varies = headers.get_all(header::VARY).iter().any(|v| {
                v.to_str()
                    .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
            });
            if !varies {
                headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
            }
            response.map(axum::body::Body::new)
        },
    ))
}

fn not_built() -> impl IntoResponse {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Html(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cairn</title></head><body><main>\
             <h1>Cairn</h1><p>The web app has not been built. Run <code>cargo xtask run</code>, or <code>trunk build</code> \
             and restart. The API is available under <a href=\"/api/rounds\">/api</a>.</p></main></body></html>",
        ),
    )
}
