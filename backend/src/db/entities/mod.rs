//! sea-orm entities: database rows, nothing more. Wire types live in `cairn_shared::api`; the
//! conversions between the two are in `crate::services`.

pub mod audit_log;
pub mod ballot;
pub mod category;
pub mod code_batch;
pub mod delivery_update;
pub mod district;
pub mod officer;
pub mod organisation;
pub mod project;
pub mod round;
pub mod round_result;
pub mod session;
pub mod voting_code;
