//! A directory removed when dropped (enough of `tempfile` for these tests), shared by the API
//! and reliability test crates (each includes this file with `#[path]`).

use std::path::PathBuf;

pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A new, empty directory named after `what` it is for.
    pub fn new(what: &str) -> Self {
        let path = std::env::temp_dir().join(format!("cairn-{what}-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
