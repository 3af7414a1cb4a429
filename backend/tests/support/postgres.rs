//! A fresh database on the PostgreSQL server the tests are given (`CAIRN_TEST_POSTGRES`), shared
//! by the API and reliability test crates (each includes this file with `#[path]`).

use sea_orm::{ConnectionTrait, Database};

/// Creates an empty database named `{prefix}_{random}` next to the one `base` names, and
/// returns its URL.
pub async fn create_database(base: &str, prefix: &str) -> String {
    let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(base)
        .await
        .expect("connect to CAIRN_TEST_POSTGRES");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let (server, _) = base.rsplit_once('/').expect("a database URL ends in /NAME");
    format!("{server}/{name}")
}
