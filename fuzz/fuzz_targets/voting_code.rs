//! Any text typed as a voting code: parsing never panics, accepts exactly the 18 symbols of a
//! code whatever the case and separators, and a code it accepts is refused again after any
//! single substitution or swap of neighbours (the check symbol's claim).
#![no_main]

use cairn_shared::code::{ALPHABET, CodeError, VotingCode, normalise_receipt};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(typed) = std::str::from_utf8(data) else {
        return;
    };
    let receipt = normalise_receipt(typed);
    assert!(
        receipt
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    );
    let kept: Vec<char> = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    match VotingCode::parse(typed) {
        Ok(code) => {
            let canonical = code.canonical();
            let expected: String = kept.iter().map(char::to_ascii_uppercase).collect();
            assert_eq!(canonical, expected);
            assert_eq!(canonical.len(), 18);
            assert!(canonical.bytes().all(|b| ALPHABET.contains(&b)));
            assert_eq!(VotingCode::parse(&code.grouped()).as_ref(), Ok(&code));
            assert_eq!(VotingCode::parse(canonical).as_ref(), Ok(&code));
            let symbols = canonical.as_bytes();
            for at in 0..symbols.len() {
                for &other in ALPHABET.iter().filter(|&&s| s != symbols[at]) {
                    let mut typo = symbols.to_vec();
                    typo[at] = other;
                    let typo = String::from_utf8(typo).expect("ASCII");
                    assert_eq!(VotingCode::parse(&typo), Err(CodeError::CheckFailed));
                }
                if at + 1 < symbols.len() && symbols[at] != symbols[at + 1] {
                    let mut swapped = symbols.to_vec();
                    swapped.swap(at, at + 1);
                    let swapped = String::from_utf8(swapped).expect("ASCII");
                    assert_eq!(VotingCode::parse(&swapped), Err(CodeError::CheckFailed));
                }
            }
        }
        Err(CodeError::BadCharacter(c)) => {
            assert!(kept.contains(&c));
            let upper = c.to_ascii_uppercase();
            assert!(!(upper.is_ascii() && ALPHABET.contains(&(upper as u8))));
        }
        Err(CodeError::WrongLength(n)) => assert!(n == kept.len() && n != 18),
        Err(CodeError::CheckFailed) => assert_eq!(kept.len(), 18),
    }
});
