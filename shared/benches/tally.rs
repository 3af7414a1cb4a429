//! Every rule on every fixture, parse + tally, beside pabutools' seconds for the rule alone.
//!
//!     cargo bench -p cairn-shared --bench tally            # all files
//!     cargo bench -p cairn-shared --bench tally -- Wieliczka mes-add1   # some files, some rules

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use cairn_shared::pabulib;
use cairn_shared::rules::{self, Rule, TieBreak};

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let expected: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let rule_filter: Vec<Rule> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let filter: Vec<String> = args
        .into_iter()
        .filter(|a| a.parse::<Rule>().is_err())
        .collect();
    println!(
        "| file | rule | Cairn parse+tally (ms, median) | parse (ms) | pabutools rule (s) | speed-up |"
    );
    println!("|---|---|---:|---:|---:|---:|");
    for (file, outcomes) in &expected {
        if !filter.is_empty() && !filter.iter().any(|f| file.contains(f.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let parse_time = median(5, || {
            std::hint::black_box(pabulib::parse(&text).unwrap());
        });
        let seconds = outcomes["_pabutools_seconds"].as_object().unwrap();
        for rule in Rule::ALL {
            if !rule_filter.is_empty() && !rule_filter.contains(&rule) {
                continue;
            }
            let Some(want) = outcomes.get(rule.as_str()) else {
                continue;
            };
            let mut selected = Vec::new();
            let time = median(
                if file.contains("Lodz") || file.contains("2026") {
                    3
                } else {
                    7
                },
                || {
                    let election = pabulib::parse(&text).unwrap();
                    let outcome = rules::tally(&election, rule, TieBreak::Lexico).unwrap();
                    selected = outcome.selected;
                },
            );
            let want: Vec<String> = want
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect();
            assert_eq!(selected, want, "{file} {rule}");
            let theirs = seconds.get(rule.as_str()).and_then(|v| v.as_f64());
            let ms = time.as_secs_f64() * 1e3;
            let (theirs_text, ratio) = match theirs {
                Some(s) if s > 0.0 => (format!("{s}"), format!("{:.0}×", s * 1e3 / ms)),
                Some(s) => (format!("{s}"), "–".to_owned()),
                None => ("–".to_owned(), "–".to_owned()),
            };
            println!(
                "| {file} | {rule} | {ms:.2} | {:.2} | {theirs_text} | {ratio} |",
                parse_time.as_secs_f64() * 1e3
            );
        }
    }
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
