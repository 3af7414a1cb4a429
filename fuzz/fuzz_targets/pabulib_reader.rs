//! Any bytes: the Pabulib reader returns an election or an error naming a line of the input,
//! never panics; an election it returns is written and read back unchanged. (Counting arbitrary
//! elections is left to the rules' own property and reference tests: it would slow the reader's
//! fuzzing fourfold.)
#![no_main]

use cairn_shared::pabulib;
use libfuzzer_sys::fuzz_target;

/// Lines as the reader counts them: LF, CRLF and a lone CR each end one.
fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut lines = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            lines += 1;
        }
    }
    lines
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let election = match pabulib::parse(text) {
        Ok(election) => election,
        Err(err) => {
            assert!(
                (1..=line_count(text)).contains(&err.line()),
                "{err} is not a line of the input"
            );
            return;
        }
    };
    let written = pabulib::write(&election);
    let back = pabulib::parse(&written)
        .unwrap_or_else(|err| panic!("a written election does not read back: {err}\n{written}"));
    assert_eq!(back, election);
    assert_eq!(pabulib::write(&back), written);
});
