//! Security headers on every response, errors included, and a Content-Security-Policy that lets
//! the Wasm app run and nothing else.
//!
//! Trunk loads the app with one small inline `<script type="module">`, and the residents' page
//! carries its stylesheet inline (one round trip fewer on a slow connection). Rather than
//! allowing inline scripts or styles in general, the server hashes each inline script and
//! style of the built `index.html` files at start-up and names exactly those hashes in the
//! policy.

use std::net::SocketAddr;
use std::path::Path;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::client::TrustedProxies;

/// The policy for a given `index.html` (or for none, when the frontend is not built).
pub fn content_security_policy(index_html: Option<&str>) -> String {
    let sources = |tag: &str, base: &str| {
        let hashes = index_html
            .map(|html| inline_bodies(html, tag))
            .unwrap_or_default()
            .into_iter()
            .map(|body| {
                format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD
                        .encode(Sha256::digest(body.as_bytes()))
                )
            });
        std::iter::once(base.to_owned())
            .chain(hashes)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let script_src = sources("script", "'self' 'wasm-unsafe-eval'");
    let style_src = sources("style", "'self'");
    format!(
        "default-src 'self'; script-src {script_src}; style-src {style_src}; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// Reads the built apps' `index.html` files (the residents' app and the officers' console),
/// if there are any, as one text whose inline scripts and styles the policy allows.
pub fn read_index(static_dir: &Path) -> Option<String> {
    let pages: Vec<String> = [
        static_dir.join("index.html"),
        static_dir
            .join(crate::routes::CONSOLE_DIR)
            .join("index.html"),
    ]
    .iter()
    .filter_map(|path| std::fs::read_to_string(path).ok())
    .collect();
    (!pages.is_empty()).then(|| pages.join("\n"))
}

/// The bodies of `<script>` or `<style>` elements without a `src`, exactly as the browser
/// hashes them.
fn inline_bodies<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut bodies = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after_tag = &rest[start..];
        let Some(open_end) = after_tag.find('>') else {
            break;
        };
        let open_tag = &after_tag[..open_end];
        let body_and_rest = &after_tag[open_end + 1..];
        let Some(end) = body_and_rest.find(&close) else {
            break;
        };
        // `<stylesheet…` or `<scripts…` would be other elements.
        let named = open_tag[open.len()..].starts_with([' ', '\t', '\n', '\r', '/'])
            || open_tag.len() == open.len();
        if named && !open_tag.contains(" src=") {
            bodies.push(&body_and_rest[..end]);
        }
        rest = &body_and_rest[end + close.len()..];
    }
    bodies
}

/// The layers that set the headers; `overriding` so that no handler can weaken them.
pub fn header_layers(csp: &str) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let csp = HeaderValue::from_str(csp)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
    let fixed: [(HeaderName, &'static str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
    ];
    let mut layers: Vec<_> = fixed
        .into_iter()
        .map(|(name, value)| {
            SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
        })
        .collect();
    layers.push(SetResponseHeaderLayer::overriding(
        header::CONTENT_SECURITY_POLICY,
        csp,
    ));
    layers
}

/// HSTS, on responses to requests that reached us over TLS (which only a trusted proxy can
/// tell): sent over plain HTTP it would be ignored, and on a development machine it would pin
/// `localhost` to HTTPS in the browser for two years.
pub async fn strict_transport_security(
    State(proxies): State<TrustedProxies>,
    request: Request,
    next: Next,
) -> Response {
    let over_tls = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|ConnectInfo(peer)| proxies.is_https(peer.ip(), request.headers()));
    let mut response = next.run(request).await;
    if over_tls {
        response.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    response
}

/// CSRF protection for every state-changing request: a browser says where a request comes from
/// (`Sec-Fetch-Site`, and `Origin`), and a write from another site is refused. Clients that are
/// not browsers send neither header and are not affected; they cannot carry a victim's cookies.
pub async fn refuse_cross_site_writes(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(&request) {
        return crate::error::ApiError::Forbidden(
            "Requests that change data must come from this site's own pages.".into(),
        )
        .into_response();
    }
    next.run(request).await
}

fn is_cross_site(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match (
        headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()),
        headers.get(header::HOST).and_then(|h| h.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, rest)| rest) != Some(host),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html =
            r#"<html><script src="/a.js"></script><script type="module">init()</script></html>"#;
        assert_eq!(inline_bodies(html, "script"), ["init()"]);
        let csp = content_security_policy(Some(html));
        // Computed independently: `printf 'init()' | openssl dgst -sha256 -binary | base64`.
        assert!(
            csp.contains("'sha256-w4ujnOpjBoH2vcasx+reJRUwYivG8Q3afx/XevGJod8='"),
            "{csp}"
        );
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(
            csp.contains("frame-ancestors 'none'")
                && csp.contains("object-src 'none'")
                && csp.contains("base-uri 'none'")
        );
    }

    #[test]
    fn hashes_inline_styles_for_style_src_only() {
        let html = r#"<html><head><style>body{margin:0}</style><link rel="stylesheet" href="/a.css"></head></html>"#;
        assert_eq!(inline_bodies(html, "style"), ["body{margin:0}"]);
        let csp = content_security_policy(Some(html));
        // `printf 'body{margin:0}' | openssl dgst -sha256 -binary | base64`
        let hash = "'sha256-IAdwN3biDCQ3brrgp1m8kBEsPQYyqfREKOEfeoREopc='";
        let style_src = csp
            .split("; ")
            .find(|d| d.starts_with("style-src"))
            .unwrap_or_default();
        assert_eq!(style_src, format!("style-src 'self' {hash}"));
        let script_src = csp
            .split("; ")
            .find(|d| d.starts_with("script-src"))
            .unwrap_or_default();
        assert!(!script_src.contains("sha256"), "{csp}");
    }

    #[test]
    fn no_frontend_means_no_inline_script_allowed() {
        let csp = content_security_policy(None);
        assert!(!csp.contains("sha256"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
