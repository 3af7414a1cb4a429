use std::path::PathBuf;

use cairn_backend::config::ServeConfig;
use cairn_backend::startup::Application;

/// Which database a test runs against.
#[derive(Debug, Clone, Copy)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: sea_orm::DatabaseConnection,
    /// The codes the demo printed at start.
    pub demo_codes: Vec<String>,
    _dir: TempDir,
}

pub const TEST_CODE_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

pub use crate::temp_dir::TempDir;

/// A fresh, empty PostgreSQL database on the test server, or `None` to skip.
pub async fn fresh_postgres() -> Option<String> {
    let base = std::env::var("CAIRN_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())?;
    Some(crate::postgres::create_database(&base, "cairn_test").await)
}

pub fn static_dir_with_index(dir: &TempDir) -> PathBuf {
    let dist = dir.0.join("dist");
    std::fs::create_dir_all(&dist).expect("create dist");
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html lang=\"en\"><head><title>Cairn</title></head><body>\
         <p id=\"loading\" role=\"status\">Loading Cairn…</p><script type=\"module\">init()</script></body></html>",
    )
    .expect("write index.html");
    std::fs::write(dist.join("app.css"), "body{}").expect("write css");
    // As `cargo xtask dist` leaves them beside each asset (the bytes need not be real here).
    std::fs::write(dist.join("app.css.br"), "brotli bytes").expect("write css.br");
    std::fs::write(dist.join("app.css.gz"), "gzip bytes").expect("write css.gz");
    dist
}

/// Starts the server with the demo seeded; `None` when the database is not available here.
pub async fn spawn_app(db: Db) -> Option<TestApp> {
    spawn_app_with(db, true).await
}

pub async fn spawn_app_with(db: Db, demo: bool) -> Option<TestApp> {
    let dir = TempDir::new("test");
    let database_url = match db {
        Db::Sqlite => format!("sqlite://{}?mode=rwc", dir.0.join("cairn.sqlite").display()),
        Db::Postgres => fresh_postgres().await?,
    };
    Some(start(dir, database_url, demo, Vec::new()).await)
}

/// Starts a server on an existing database (a second replica, for instance).
pub async fn spawn_app_on(database_url: &str, demo: bool) -> Option<TestApp> {
    Some(
        start(
            TempDir::new("test"),
            database_url.to_owned(),
            demo,
            Vec::new(),
        )
        .await,
    )
}

/// Starts a demo server on SQLite that believes forwarding headers from `proxy`.
pub async fn spawn_app_behind(proxy: std::net::IpAddr) -> TestApp {
    let dir = TempDir::new("test");
    let url = format!("sqlite://{}?mode=rwc", dir.0.join("cairn.sqlite").display());
    start(dir, url, true, vec![proxy]).await
}

async fn start(
    dir: TempDir,
    database_url: String,
    demo: bool,
    trusted_proxies: Vec<std::net::IpAddr>,
) -> TestApp {
    let config = ServeConfig {
        database_url,
        addr: "127.0.0.1:0".parse().expect("address"),
        demo,
        static_dir: static_dir_with_index(&dir),
        data_dir: dir.0.clone(),
        code_key: Some(TEST_CODE_KEY.into()),
        trusted_proxies,
    };
    let app = Application::build(&config).await.expect("the app starts");
    let address = format!("http://{}", app.local_addr());
    let db = app.db().clone();
    let demo_codes = app.demo_codes().to_vec();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::new(),
        db,
        demo_codes,
        _dir: dir,
    }
}

impl TestApp {
    /// Issues voting codes for a round as an officer would.
    pub async fn issue_codes(
        &self,
        round: &str,
        district: Option<&str>,
        count: u32,
    ) -> Vec<String> {
        let key = cairn_backend::secrets::CodeKey::load(
            Some(TEST_CODE_KEY),
            std::path::Path::new("/nonexistent"),
        )
        .expect("key");
        cairn_backend::services::codes::issue(&self.db, &key, round, district, count, "test")
            .await
            .expect("issue codes")
            .iter()
            .map(|c| c.grouped())
            .collect()
    }

    /// The id of the demo round that is open for voting.
    pub async fn open_round(&self) -> String {
        let (_, list) = self.get_json("/api/rounds").await;
        list.as_array()
            .and_then(|l| l.iter().find(|r| r["phase"] == "voting"))
            .and_then(|r| r["id"].as_str())
            .expect("an open round")
            .to_owned()
    }

    /// Ballots counted in a round's live tally.
    pub async fn counted(&self, round: &str) -> u64 {
        let (status, tally) = self.get_json(&format!("/api/rounds/{round}/tally")).await;
        assert_eq!(status, 200, "{tally}");
        tally["ballots"].as_u64().expect("a count")
    }

    pub async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let response = self
            .client
            .post(format!("{}{path}", self.address))
            .json(body)
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request")
    }

    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.json().await.expect("a JSON body"))
    }
}

/// Runs each listed test body against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::helpers::Db::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::helpers::Db::Postgres).await;
                }
            )*
        }
    };
}

/// Asserts the one error shape: `{"error": {"code", "message"}}` with a non-empty message.
pub fn assert_error_shape(body: &serde_json::Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.len() > 10),
        "{body}"
    );
}

pub const DEMO_OFFICER: (&str, &str) = cairn_backend::demo::DEMO_OFFICER;

impl TestApp {
    /// Any request, with an optional session cookie and JSON body.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<&serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.address));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let json = response
            .headers()
            .get("content-type")
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
        if !json {
            // Not read: it is not JSON, and an event stream would never end.
            return (status, serde_json::Value::Null);
        }
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    /// Signs in; returns the `Cookie` header value to send back.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let response = self
            .client
            .post(format!("{}/api/session", self.address))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200, "sign-in as {email}");
        let set_cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("a session cookie")
            .to_owned();
        set_cookie.split(';').next().expect("name=value").to_owned()
    }

    pub async fn sign_in_demo(&self) -> String {
        self.sign_in(DEMO_OFFICER.0, DEMO_OFFICER.1).await
    }
}
