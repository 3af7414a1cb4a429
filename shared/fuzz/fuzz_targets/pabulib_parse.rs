//! Any bytes: the reader returns an election or an error, never panics; an election it returns
//! survives a write/read round trip and can be counted by greedy.
#![no_main]

use cairn_shared::pabulib;
use cairn_shared::rules::{self, Rule, TieBreak};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(election) = pabulib::parse(text) else {
        return;
    };
    let written = pabulib::write(&election);
    let back = pabulib::parse(&written).expect("a written election reads back");
    assert_eq!(back, election);
    if election.voters().len() < 200 && election.projects().len() < 50 {
        let outcome = rules::tally(&election, Rule::Greedy, TieBreak::Lexico)
            .expect("greedy counts any election");
        assert!(outcome.cost <= outcome.budget);
    }
});
