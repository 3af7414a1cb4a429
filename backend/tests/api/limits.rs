//! Limits on what one client can hold: a connection that never finishes its headers is closed.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use cairn_backend::serve::HEADER_READ_TIMEOUT;

use crate::helpers::{Db, spawn_app};

/// Reads until the server closes the connection; what it sent before closing.
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&seen).into_owned(),
            Ok(n) => seen.extend_from_slice(&buffer[..n]),
        }
    }
}

#[tokio::test]
async fn a_client_that_sends_its_headers_too_slowly_is_cut_off() {
    let Some(app) = spawn_app(Db::Sqlite).await else {
        return;
    };
    let addr = app.address.trim_start_matches("http://").to_owned();
    let limit = HEADER_READ_TIMEOUT + Duration::from_secs(5);

    // Half a request, then silence (slow loris).
    let started = Instant::now();
    let mut slow = TcpStream::connect(&addr).await.expect("connect");
    slow.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    tokio::time::timeout(limit, until_closed(&mut slow))
        .await
        .expect("the server closes a connection whose headers never end");
    assert!(started.elapsed() >= HEADER_READ_TIMEOUT - Duration::from_secs(1));

    // A kept-alive connection that goes quiet after a request is closed as well.
    let mut idle = TcpStream::connect(&addr).await.expect("connect");
    idle.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let answer = tokio::time::timeout(limit, until_closed(&mut idle))
        .await
        .expect("an idle connection is closed");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // Meanwhile everyone else is served as usual.
    let (status, _) = app.get_json("/api/health").await;
    assert_eq!(status, 200);
}
