//! Black-box tests of the real server: each test starts `cairn serve`'s `Application` on port 0
//! with its own fresh database, SQLite always and PostgreSQL when `CAIRN_TEST_POSTGRES` names a
//! server (`cargo xtask test` sets it when one is reachable), and talks to it over HTTP.

mod ballots;
mod cli;
mod forwarding;
mod helpers;
mod limits;
mod live;
mod matrix;
mod officers;
mod openapi;
#[path = "../support/postgres.rs"]
mod postgres;
mod rounds;
mod secrecy;
mod startup;
#[path = "../support/temp_dir.rs"]
mod temp_dir;
