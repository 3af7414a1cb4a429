//! sea-orm entities: database rows, nothing more. Wire types live in `cairn_shared::api`; the
//! conversions between the two are in `crate::services`.

pub mod ballot;
pub mod category;
pub mod code_batch;
pub mod district;
pub mod organisation;
pub mod project;
pub mod round;
pub mod voting_code;
