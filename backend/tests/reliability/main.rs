//! Reliability under load, faults and attack, against the real `cairn` binary.
//!
//! Every test starts `cairn serve` as a child process on its own fresh database, so a SIGKILL
//! is a real one and a restart reads what really reached the disk. SQLite always; PostgreSQL
//! when `CAIRN_TEST_POSTGRES` names a server (otherwise those tests pass with a note).
//!
//! The defaults fit the normal test run. The long run (see RELIABILITY.md):
//!
//!     CAIRN_RELIABILITY_REPEATS=100 CAIRN_RELIABILITY_KILLS=20 CAIRN_RELIABILITY_OUTAGE_SECS=20 \
//!     CAIRN_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test \
//!     cargo test -p cairn-backend --test reliability -- --nocapture --test-threads 1
//!
//! and, on a machine whose PostgreSQL nobody else is using, `CAIRN_RELIABILITY_RESTART_POSTGRES=1`
//! to really stop and start it mid-load.

mod crash;
mod exactly_once;
mod ledger;
mod load;
mod outage;
#[path = "../support/postgres.rs"]
mod postgres;
mod proxy;
mod secrets_in_clear;
mod server;
mod settings;
mod store;
#[path = "../support/temp_dir.rs"]
mod temp_dir;
