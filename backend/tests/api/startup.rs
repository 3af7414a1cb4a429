use cairn_backend::config::ServeConfig;
use cairn_backend::startup::Application;

use crate::helpers::{Db, TempDir, spawn_app_with};

fn config(url: &str) -> ServeConfig {
    ServeConfig {
        database_url: url.into(),
        addr: "127.0.0.1:0".parse().expect("addr"),
        demo: false,
        static_dir: "/nonexistent".into(),
        data_dir: std::env::temp_dir(),
        code_key: Some(crate::helpers::TEST_CODE_KEY.into()),
        trusted_proxies: Vec::new(),
    }
}

#[tokio::test]
async fn an_unopenable_sqlite_file_is_a_clear_start_error() {
    let err = Application::build(&config(
        "sqlite:///nonexistent-dir/sub/cairn.sqlite?mode=rwc",
    ))
    .await
    .err()
    .expect("fails");
    assert!(
        err.to_string().starts_with("cannot open the database"),
        "{err}"
    );
}

#[tokio::test]
async fn an_unreachable_postgres_is_a_clear_start_error() {
    let err = Application::build(&config("postgres://cairn:secret@127.0.0.1:1/cairn"))
        .await
        .err()
        .expect("fails");
    let message = err.to_string();
    assert!(message.starts_with("cannot open the database"), "{message}");
    assert!(
        !message.contains("secret"),
        "the password is not printed: {message}"
    );
}

#[tokio::test]
async fn the_cli_exits_non_zero_when_the_database_cannot_be_opened() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args([
            "serve",
            "--db",
            "sqlite:///nonexistent-dir/sub/cairn.sqlite",
            "--addr",
            "127.0.0.1:0",
        ])
        .output()
        .expect("run cairn");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot open the database"));
}

#[tokio::test]
async fn restarting_on_the_same_file_keeps_data_and_does_not_reseed() {
    let dir = TempDir::new("test");
    let url = format!("sqlite://{}?mode=rwc", dir.0.join("c.sqlite").display());
    let mut cfg = config(&url);
    cfg.demo = true;
    for _ in 0..2 {
        let app = Application::build(&cfg).await.expect("starts");
        use sea_orm::{EntityTrait, PaginatorTrait};
        let count = cairn_backend::db::entities::round::Entity::find()
            .count(app.db())
            .await
            .expect("count");
        assert_eq!(count, 3);
        app.db().clone().close().await.expect("close");
    }
}

#[tokio::test]
async fn without_demo_the_portal_is_empty() {
    let Some(app) = spawn_app_with(Db::Sqlite, false).await else {
        return;
    };
    let (status, body) = app.get_json("/api/rounds").await;
    assert_eq!(status, 200);
    assert_eq!(body, serde_json::json!([]));
}
