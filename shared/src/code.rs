//! Voting codes and receipts as people read, type and say them.
//!
//! A voting code is 17 random symbols (≥ 84 bits) and a check symbol, from an alphabet with no
//! look-alikes (no 0/O, no 1/I/L), printed in three groups of six: `7KQ2MX-RT9HBA-4WZPCE`.
//! The check symbol is a weighted sum modulo 31, a prime, so every single mistyped symbol and
//! every swap of two neighbours is caught in the browser before anything is sent.
//! Generation takes its randomness from the caller: this crate does no IO.

use std::fmt;

/// 23 letters and 8 digits: 31 symbols, a prime count.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const DATA_LEN: usize = 17;
const GROUP: usize = 6;

/// Why typed text is not a voting code; each has a message key for the frontend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a voting code has 18 characters; this has {0}")]
    WrongLength(usize),
    #[error("{0:?} never appears in a voting code")]
    BadCharacter(char),
    #[error("this voting code has a typing mistake")]
    CheckFailed,
}

impl CodeError {
    pub fn message_key(&self) -> &'static str {
        match self {
            CodeError::WrongLength(_) => "code-wrong-length",
            CodeError::BadCharacter(_) => "code-bad-character",
            CodeError::CheckFailed => "code-typo",
        }
    }
}

/// A well-formed voting code, in canonical form (18 symbols, no separators).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct VotingCode(String);

// Codes are secrets: never print one by accident in a log.
impl fmt::Debug for VotingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VotingCode(…)")
    }
}

fn value_of(symbol: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == symbol).map(|p| p as u32)
}

fn check_symbol(data: &[u8]) -> u8 {
    let sum: u32 = data
        .iter()
        .enumerate()
        .map(|(i, &s)| (i as u32 + 1) * value_of(s).unwrap_or(0))
        .sum();
    // The check symbol's weight is DATA_LEN + 1; choose it so the whole weighted sum is 0 mod 31.
    let weight = DATA_LEN as u32 + 1;
    let inverse = (1..31).find(|x| (weight * x) % 31 == 1).unwrap_or(1);
    ALPHABET[(((31 - sum % 31) % 31) * inverse % 31) as usize]
}

impl VotingCode {
    /// A new code from a source of uniformly random bytes (the server passes the OS CSPRNG).
    /// Rejection sampling keeps every symbol exactly uniform.
    pub fn generate(mut random_bytes: impl FnMut(&mut [u8])) -> Self {
        let mut data = Vec::with_capacity(DATA_LEN + 1);
        let mut buffer = [0u8; 32];
        while data.len() < DATA_LEN {
            random_bytes(&mut buffer);
            // 248 = 8 × 31: bytes at or above it would bias the first symbols.
            data.extend(
                buffer
                    .iter()
                    .filter(|&&b| b < 248)
                    .map(|&b| ALPHABET[(b % 31) as usize])
                    .take(DATA_LEN - data.len()),
            );
        }
        let check = check_symbol(&data);
        data.push(check);
        VotingCode(String::from_utf8(data).unwrap_or_default())
    }

    /// Reads a code as a person typed it: any case, with or without spaces and dashes.
    pub fn parse(typed: &str) -> Result<Self, CodeError> {
        let symbols: Vec<u8> = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| {
                let upper = c.to_ascii_uppercase();
                if upper.is_ascii() && value_of(upper as u8).is_some() {
                    Ok(upper as u8)
                } else {
                    Err(CodeError::BadCharacter(c))
                }
            })
            .collect::<Result<_, _>>()?;
        if symbols.len() != DATA_LEN + 1 {
            return Err(CodeError::WrongLength(symbols.len()));
        }
        if check_symbol(&symbols[..DATA_LEN]) != symbols[DATA_LEN] {
            return Err(CodeError::CheckFailed);
        }
        Ok(VotingCode(String::from_utf8(symbols).unwrap_or_default()))
    }

    /// The canonical form, which is what gets hashed.
    pub fn canonical(&self) -> &str {
        &self.0
    }

    /// Grouped for printing and reading aloud: `7KQ2MX-RT9HBA-4WZPCE`.
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(GROUP)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// A receipt: 128 random bits shown to the voter as 26 symbols in groups; the public board
/// lists only its SHA-256 fingerprint.
pub fn receipt_from_random(bytes: [u8; 16]) -> String {
    let mut value = u128::from_be_bytes(bytes);
    let mut symbols = Vec::with_capacity(26);
    for _ in 0..26 {
        symbols.push(ALPHABET[(value % 31) as usize]);
        value /= 31;
    }
    symbols
        .chunks(GROUP)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A receipt as typed: upper case, no separators. The server hashes this form.
pub fn normalise_receipt(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn counter_bytes(seed: u8) -> impl FnMut(&mut [u8]) {
        let mut n = seed;
        move |buf: &mut [u8]| {
            for b in buf {
                n = n.wrapping_mul(97).wrapping_add(31);
                *b = n;
            }
        }
    }

    #[test]
    fn generated_codes_parse_back_in_any_spelling() {
        let code = VotingCode::generate(counter_bytes(7));
        assert_eq!(code.canonical().len(), 18);
        let grouped = code.grouped();
        assert_eq!(grouped.len(), 20);
        assert_eq!(VotingCode::parse(&grouped).unwrap(), code);
        assert_eq!(
            VotingCode::parse(&grouped.to_lowercase().replace('-', " ")).unwrap(),
            code
        );
    }

    #[test]
    fn look_alikes_and_wrong_lengths_are_refused() {
        assert_eq!(VotingCode::parse("0OIL"), Err(CodeError::BadCharacter('0')));
        assert_eq!(VotingCode::parse("ABC"), Err(CodeError::WrongLength(3)));
        assert!(!ALPHABET.iter().any(|c| b"01OIL".contains(c)));
    }

    #[test]
    fn a_code_carries_more_than_80_bits() {
        assert!((DATA_LEN as f64) * 31f64.log2() >= 80.0);
    }

    #[test]
    fn receipts_normalise() {
        let receipt = receipt_from_random([9; 16]);
        assert_eq!(normalise_receipt(&receipt.to_lowercase()).len(), 26);
    }

    proptest! {
        #[test]
        fn every_single_substitution_is_caught(seed: u8, at in 0usize..18, replacement in 0usize..31) {
            let code = VotingCode::generate(counter_bytes(seed));
            let mut symbols = code.canonical().as_bytes().to_vec();
            prop_assume!(symbols[at] != ALPHABET[replacement]);
            symbols[at] = ALPHABET[replacement];
            prop_assert_eq!(VotingCode::parse(std::str::from_utf8(&symbols).unwrap()), Err(CodeError::CheckFailed));
        }

        #[test]
        fn every_neighbour_swap_is_caught(seed: u8, at in 0usize..17) {
            let code = VotingCode::generate(counter_bytes(seed));
            let mut symbols = code.canonical().as_bytes().to_vec();
            prop_assume!(symbols[at] != symbols[at + 1]);
            symbols.swap(at, at + 1);
            prop_assert_eq!(VotingCode::parse(std::str::from_utf8(&symbols).unwrap()), Err(CodeError::CheckFailed));
        }
    }

    /// Any 17 data symbols with their check symbol, not only those the generator's test
    /// sources produce.
    fn any_code() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(proptest::sample::select(ALPHABET.to_vec()), DATA_LEN).prop_map(
            |mut data| {
                let check = check_symbol(&data);
                data.push(check);
                data
            },
        )
    }

    fn parse_bytes(symbols: &[u8]) -> Result<VotingCode, CodeError> {
        VotingCode::parse(std::str::from_utf8(symbols).unwrap())
    }

    proptest! {
        /// The module's claim, checked exhaustively per code: all 18 × 30 substitutions
        /// (the check symbol included) and all 17 swaps of unequal neighbours are refused.
        #[test]
        fn every_typo_of_any_code_is_caught(symbols in any_code()) {
            prop_assert!(parse_bytes(&symbols).is_ok());
            for at in 0..symbols.len() {
                for &other in ALPHABET.iter().filter(|&&s| s != symbols[at]) {
                    let mut typo = symbols.clone();
                    typo[at] = other;
                    prop_assert_eq!(parse_bytes(&typo), Err(CodeError::CheckFailed));
                }
                if at + 1 < symbols.len() && symbols[at] != symbols[at + 1] {
                    let mut swapped = symbols.clone();
                    swapped.swap(at, at + 1);
                    prop_assert_eq!(parse_bytes(&swapped), Err(CodeError::CheckFailed));
                }
            }
        }

        /// However a person spells a code (any case, spaces, tabs and dashes anywhere), it
        /// parses to the same canonical code, and the printed grouping parses back.
        #[test]
        fn any_spelling_parses_to_the_code(
            symbols in any_code(),
            lower in proptest::collection::vec(any::<bool>(), 18),
            gaps in proptest::collection::vec(proptest::sample::select(vec!["", "", " ", "-", "\t", " - ", "\u{a0}"]), 19),
        ) {
            let code = parse_bytes(&symbols).unwrap();
            let mut typed = String::from(gaps[18]);
            for (i, &s) in symbols.iter().enumerate() {
                typed.push_str(gaps[i]);
                typed.push(if lower[i] { s.to_ascii_lowercase() as char } else { s as char });
            }
            prop_assert_eq!(VotingCode::parse(&typed).unwrap(), code.clone());
            prop_assert_eq!(code.canonical().as_bytes(), symbols.as_slice());
            prop_assert_eq!(VotingCode::parse(&code.grouped()).unwrap(), code);
        }

        /// Any text: an error or a code, never a panic, and the error is the right one.
        #[test]
        fn parsing_any_text_never_panics(typed in any::<String>()) {
            let kept: Vec<char> = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
            match VotingCode::parse(&typed) {
                Ok(code) => prop_assert_eq!(code.canonical().chars().count(), 18),
                Err(CodeError::BadCharacter(c)) => prop_assert!(kept.contains(&c)),
                Err(CodeError::WrongLength(n)) => prop_assert!(n == kept.len() && n != 18),
                Err(CodeError::CheckFailed) => prop_assert_eq!(kept.len(), 18),
            }
            let _ = normalise_receipt(&typed);
        }

        /// Whatever the random source gives (even bytes the sampler must skip), a generated
        /// code parses.
        #[test]
        fn generated_codes_always_parse(
            mut stream in proptest::collection::vec(any::<u8>(), 0..64),
            usable in 0u8..248,
        ) {
            // A source that only ever gives bytes of 248 and above would be sampled forever.
            stream.push(usable);
            let mut at = 0;
            let code = VotingCode::generate(|buffer| {
                for b in buffer {
                    *b = stream[at % stream.len()];
                    at += 1;
                }
            });
            prop_assert_eq!(VotingCode::parse(code.canonical()).unwrap(), code);
        }

        /// A receipt is the 128 random bits in base 31, so no two random values share one,
        /// and the form the server hashes reads back to the same bits.
        #[test]
        fn receipts_encode_their_bits(bytes: [u8; 16]) {
            let receipt = receipt_from_random(bytes);
            let typed = normalise_receipt(&receipt.to_lowercase().replace('-', " "));
            prop_assert_eq!(typed.len(), 26);
            let value = typed.bytes().rev().fold(0u128, |acc, s| {
                acc * 31 + ALPHABET.iter().position(|&a| a == s).unwrap() as u128
            });
            prop_assert_eq!(value, u128::from_be_bytes(bytes));
        }
    }
}
