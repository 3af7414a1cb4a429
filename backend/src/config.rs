//! Configuration of `cairn serve`, from flags and environment (clap does both).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// Where the data lives when no database is named: a SQLite file in the working directory.
pub const DEFAULT_DATABASE: &str = "sqlite://cairn.sqlite?mode=rwc";

#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub database_url: String,
    pub addr: SocketAddr,
    pub demo: bool,
    /// The built single-page app (`trunk build` output).
    pub static_dir: PathBuf,
    /// Where the server keeps its own files (the voting-code key when none is configured).
    pub data_dir: PathBuf,
    /// `CAIRN_CODE_KEY`: 64 hex digits; shared by every replica over one database.
    pub code_key: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed.
    pub trusted_proxies: Vec<IpAddr>,
}

/// Accepts a full URL (`sqlite://…`, `postgres://…`) or a bare file path for SQLite.
pub fn normalise_database_url(input: &str) -> String {
    if input.contains("://") || input.starts_with("sqlite:") {
        let mut url = input.to_owned();
        if url.starts_with("sqlite:") && !url.contains("mode=") && !url.contains(":memory:") {
            url.push_str(if url.contains('?') {
                "&mode=rwc"
            } else {
                "?mode=rwc"
            });
        }
        url
    } else {
        format!("sqlite://{input}?mode=rwc")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_paths_become_sqlite_urls_that_create_the_file() {
        assert_eq!(
            normalise_database_url("data/cairn.db"),
            "sqlite://data/cairn.db?mode=rwc"
        );
        assert_eq!(
            normalise_database_url("sqlite://x.db"),
            "sqlite://x.db?mode=rwc"
        );
        assert_eq!(
            normalise_database_url("sqlite://x.db?mode=ro"),
            "sqlite://x.db?mode=ro"
        );
        assert_eq!(
            normalise_database_url("postgres://u@h/db"),
            "postgres://u@h/db"
        );
    }
}
