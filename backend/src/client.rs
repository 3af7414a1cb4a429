//! Who is asking: the address that rate limits count against, and whether the request came
//! over TLS.
//!
//! The answer is the TCP peer unless that peer is a reverse proxy the council has named
//! (`--trusted-proxy`). Only then are `X-Forwarded-For` and `X-Forwarded-Proto` believed:
//! from anyone else they are whatever the client wants them to be, and believing them would
//! let one address reset its own limits by sending a new header with every guess.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::error::ApiError;

/// The reverse proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[IpAddr]>);

impl TrustedProxies {
    pub fn new(proxies: impl IntoIterator<Item = IpAddr>) -> Self {
        TrustedProxies(proxies.into_iter().map(canonical).collect())
    }

    fn trusts(&self, addr: IpAddr) -> bool {
        self.0.contains(&canonical(addr))
    }

    /// The client's address. Behind trusted proxies it is the right-most `X-Forwarded-For`
    /// entry that is not itself a trusted proxy: each proxy appends the address it saw, so
    /// entries to the left of that one were written by the client and prove nothing.
    pub fn client_address(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return canonical(peer);
        }
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .collect();
        let mut address = canonical(peer);
        for entry in forwarded.iter().rev() {
            match entry.parse::<IpAddr>() {
                Ok(hop) if self.trusts(hop) => address = canonical(hop),
                Ok(hop) => return canonical(hop),
                // A garbled hop: the last address we could vouch for is the best we know.
                Err(_) => return address,
            }
        }
        address
    }

    /// Whether the browser reached us over TLS: only a trusted proxy can say so, since this
    /// server speaks plain HTTP itself.
    pub fn is_https(&self, peer: IpAddr, headers: &HeaderMap) -> bool {
        self.trusts(peer)
            && headers
                .get("x-forwarded-proto")
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.split(',').next())
                .is_some_and(|scheme| scheme.trim().eq_ignore_ascii_case("https"))
    }
}

/// `::ffff:1.2.3.4` and `1.2.3.4` are one client; counting them apart would double its limit.
fn canonical(addr: IpAddr) -> IpAddr {
    addr.to_canonical()
}

/// The address a request is counted against (see [`TrustedProxies::client_address`]).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

impl<S> FromRequestParts<S> for ClientAddress
where
    S: Send + Sync,
    TrustedProxies: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip())
            .ok_or_else(|| {
                ApiError::Internal(anyhow::anyhow!(
                    "the server was started without peer addresses"
                ))
            })?;
        let proxies = TrustedProxies::from_ref(state);
        Ok(ClientAddress(proxies.client_address(peer, &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_str(value).expect("a header value"));
        }
        headers
    }

    #[test]
    fn forwarding_headers_from_untrusted_peers_are_ignored() {
        let proxies = TrustedProxies::new([ip("10.0.0.1")]);
        let sent = headers(&[
            ("x-forwarded-for", "203.0.113.9"),
            ("x-forwarded-proto", "https"),
        ]);
        assert_eq!(
            proxies.client_address(ip("198.51.100.7"), &sent),
            ip("198.51.100.7")
        );
        assert!(!proxies.is_https(ip("198.51.100.7"), &sent));
        let nobody = TrustedProxies::default();
        assert_eq!(
            nobody.client_address(ip("198.51.100.7"), &sent),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_last_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::new([ip("10.0.0.1"), ip("10.0.0.2")]);
        // The client forged the first entry; the proxies appended the rest.
        let sent = headers(&[
            ("x-forwarded-for", "1.1.1.1, 203.0.113.9"),
            ("x-forwarded-for", "10.0.0.2"),
        ]);
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &sent),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_trusted_proxy_without_a_usable_header_is_the_client() {
        let proxies = TrustedProxies::new([ip("10.0.0.1")]);
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
        let garbled = headers(&[("x-forwarded-for", "not-an-address")]);
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &garbled),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn mapped_ipv4_is_the_same_client() {
        let proxies = TrustedProxies::new([ip("127.0.0.1")]);
        assert_eq!(
            proxies.client_address(
                ip("::ffff:127.0.0.1"),
                &headers(&[("x-forwarded-for", "::ffff:203.0.113.9")])
            ),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn only_a_trusted_proxy_can_say_the_request_was_https() {
        let proxies = TrustedProxies::new([ip("10.0.0.1")]);
        assert!(proxies.is_https(ip("10.0.0.1"), &headers(&[("x-forwarded-proto", "HTTPS")])));
        assert!(!proxies.is_https(ip("10.0.0.1"), &headers(&[("x-forwarded-proto", "http")])));
        assert!(!proxies.is_https(ip("10.0.0.1"), &HeaderMap::new()));
    }
}
