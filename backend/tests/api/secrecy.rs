//! Ballot secrecy in storage: nothing in how ballots are stored gives back the order in which
//! codes were used.

use serde_json::json;

use crate::helpers::{Db, spawn_app};
use crate::on_both_databases;

on_both_databases!(the_stored_order_of_ballots_is_not_the_order_they_were_cast_in);

/// Ballots cast one at a time, in a known order, with codes issued in that order: reading the
/// ballot table as stored must not give that order back. On SQLite the table has no rowid and
/// is stored by its random key from the start; on PostgreSQL the heap follows the order of
/// writing while voting lasts (a documented limit), and is rewritten when voting closes, with
/// one transaction id for all of the round's ballots.
async fn the_stored_order_of_ballots_is_not_the_order_they_were_cast_in(db: Db) {
    use cairn_shared::code::normalise_receipt;
    use sea_orm::{ConnectionTrait, Statement};

    let Some(app) = spawn_app(db).await else {
        return;
    };
    let round = app.open_round().await;
    const N: usize = 60;
    let codes = app.issue_codes(&round, None, N as u32).await;
    let mut cast_order = std::collections::HashMap::new();
    for (i, code) in codes.iter().enumerate() {
        let (status, body) = app
            .post_json(
                &format!("/api/rounds/{round}/ballots"),
                &json!({"code": code, "district": "riverside", "approvals": ["1", "3"]}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        let receipt = body["receipt"].as_str().expect("a receipt");
        cast_order.insert(
            cairn_backend::secrets::hash_receipt(&normalise_receipt(receipt)),
            i,
        );
    }
    let backend = app.db.get_database_backend();
    let query = |sql: &str| Statement::from_string(backend, sql.to_owned());
    // The positions, in casting order, of this test's ballots as storage lists them.
    let stored_order = |sql: &'static str| {
        let app = &app;
        let cast_order = &cast_order;
        async move {
            let rows = app
                .db
                .query_all_raw(query(sql))
                .await
                .expect("read ballots");
            let order: Vec<usize> = rows
                .iter()
                .filter_map(|row| {
                    let hash: String = row.try_get("", "receipt_hash").expect("receipt_hash");
                    cast_order.get(&hash).copied()
                })
                .collect();
            assert_eq!(order.len(), N, "every ballot is stored once");
            order
        }
    };
    // In casting order every neighbour pair rises (N - 1 rises); in a random order about half
    // do, give or take sqrt((N + 1) / 12) ≈ 2.3. 80 % is more than seven of those away.
    let assert_not_cast_order = |order: Vec<usize>, when: &str| {
        let rises = order.windows(2).filter(|w| w[0] < w[1]).count();
        assert!(
            rises * 5 < (N - 1) * 4,
            "{when}: {rises} of {} neighbours in storage are in casting order: {order:?}",
            N - 1
        );
    };
    let physical = match db {
        // A plain scan reads a table in storage order.
        Db::Sqlite => "SELECT * FROM ballot",
        Db::Postgres => "SELECT * FROM ballot ORDER BY ctid",
    };
    if let Db::Sqlite = db {
        assert!(
            app.db
                .query_all_raw(query("SELECT rowid FROM ballot"))
                .await
                .is_err(),
            "the ballot table has no rowid"
        );
        assert_not_cast_order(stored_order(physical).await, "while voting");
    }

    let officer = app.sign_in_demo().await;
    let (status, body) = app
        .send(
            reqwest::Method::POST,
            &format!("/api/officer/rounds/{round}/phase"),
            Some(&officer),
            Some(&json!({"to": "closed"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_not_cast_order(stored_order(physical).await, "after voting closed");
    if let Db::Postgres = db {
        for table in ["ballot", "voting_code"] {
            let rows = app
                .db
                .query_all_raw(query(&format!(
                    "SELECT DISTINCT xmin::text AS writer FROM {table} WHERE round_id = {round}{}",
                    if table == "voting_code" {
                        " AND used"
                    } else {
                        ""
                    }
                )))
                .await
                .expect("read transaction ids");
            assert_eq!(
                rows.len(),
                1,
                "{table}: one writing transaction for the whole round"
            );
        }
    }
}
