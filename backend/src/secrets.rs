//! The server's secret for voting codes, and the one-way hashes of codes and receipts.
//!
//! Codes are stored only as HMAC-SHA256 under a key the database never holds: someone with a
//! copy of the database cannot test guesses offline. The key comes from `CAIRN_CODE_KEY` (64 hex
//! digits; every replica over one PostgreSQL must share it) or, failing that, from a file in the
//! data directory, created with a random key on first start.

use std::path::Path;

use cairn_shared::code::VotingCode;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const KEY_FILE: &str = "cairn-code.key";

/// The key, held as an HMAC already keyed with it: each code's hash starts from a copy.
#[derive(Clone)]
pub struct CodeKey(Hmac<Sha256>);

impl std::fmt::Debug for CodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeKey(…)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("CAIRN_CODE_KEY must be 64 hexadecimal digits")]
    BadEnv,
    #[error("the code key file {0} is damaged: it must hold 64 hexadecimal digits")]
    BadFile(String),
    #[error("cannot read or create the code key file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("the operating system's random number generator failed: {0}")]
    Random(String),
}

fn parse_hex(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(key)
}

pub fn random_bytes(buffer: &mut [u8]) -> Result<(), KeyError> {
    getrandom::fill(buffer).map_err(|e| KeyError::Random(e.to_string()))
}

impl CodeKey {
    pub fn load(env_value: Option<&str>, data_dir: &Path) -> Result<Self, KeyError> {
        if let Some(value) = env_value.filter(|v| !v.is_empty()) {
            return parse_hex(value).map(keyed).ok_or(KeyError::BadEnv);
        }
        let path = data_dir.join(KEY_FILE);
        let shown = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => parse_hex(&text).map(keyed).ok_or(KeyError::BadFile(shown)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let mut key = [0u8; 32];
                random_bytes(&mut key)?;
                write_private(&path, &hex(&key)).map_err(|source| KeyError::Io {
                    path: shown,
                    source,
                })?;
                Ok(keyed(key))
            }
            Err(source) => Err(KeyError::Io {
                path: shown,
                source,
            }),
        }
    }

    /// The stored form of a code.
    pub fn hash_code(&self, code: &VotingCode) -> String {
        let mut mac = self.0.clone();
        mac.update(code.canonical().as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// The public fingerprint of a receipt, as the bulletin board lists it.
pub fn hash_receipt(normalised: &str) -> String {
    hex(&Sha256::digest(normalised.as_bytes()))
}

fn keyed(key: [u8; 32]) -> CodeKey {
    CodeKey(
        <Hmac<Sha256> as Mac>::new_from_slice(&key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length")),
    )
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(2 * bytes.len());
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_is_created_once_and_reused() {
        let dir = std::env::temp_dir().join(format!("cairn-key-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let code = VotingCode::generate(|b| b.fill(7));
        let first = CodeKey::load(None, &dir).unwrap().hash_code(&code);
        let second = CodeKey::load(None, &dir).unwrap().hash_code(&code);
        assert_eq!(first, second);
        assert_eq!(first.len(), 64);
        assert!(!first.contains(code.canonical()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn codes_hash_as_hmac_sha256_in_lower_case_hex() {
        assert_eq!(hex(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        let key = [0x5au8; 32];
        let code = VotingCode::generate(|b| b.fill(3));
        let mut fresh = <Hmac<Sha256> as Mac>::new_from_slice(&key).unwrap();
        fresh.update(code.canonical().as_bytes());
        let expected: String = fresh
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let loaded = CodeKey::load(Some(&hex(&key)), Path::new("/nonexistent")).unwrap();
        assert_eq!(loaded.hash_code(&code), expected);
        assert_eq!(
            loaded.hash_code(&code),
            expected,
            "the keyed state is reused intact"
        );
    }

    #[test]
    fn an_environment_key_must_be_64_hex_digits() {
        assert!(CodeKey::load(Some("abc"), Path::new("/nonexistent")).is_err());
        let key = "00".repeat(32);
        assert!(CodeKey::load(Some(&key), Path::new("/nonexistent")).is_ok());
    }
}
