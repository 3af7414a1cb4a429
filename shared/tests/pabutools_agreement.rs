//! Every rule on every fixture gives exactly pabutools' outcome (`fixtures/expected.json`, made
//! with pabutools 1.2.3 and exact fractions through `../shared/oracle/oracle.py`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use cairn_shared::pabulib;
use cairn_shared::rules::{self, Rule, TieBreak};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn expected() -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(fixtures().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn check_file(file: &str) {
    let all = expected();
    let outcomes = all[file].as_object().expect("file listed in expected.json");
    let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
    let election = pabulib::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    for (rule_name, want) in outcomes {
        if rule_name.starts_with('_') {
            continue;
        }
        let rule: Rule = rule_name.parse().unwrap();
        let outcome = rules::tally(&election, rule, TieBreak::Lexico).unwrap();
        let want: Vec<String> = want
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(outcome.selected, want, "{file} {rule_name}");
        assert!(
            outcome.cost <= outcome.budget,
            "{file} {rule_name} overspends"
        );
    }
}

macro_rules! fixture_tests {
    ($($name:ident => $file:literal,)*) => {
        $(#[test] fn $name() { check_file($file); })*

        #[test]
        fn every_fixture_has_a_test() {
            let listed = [$($file),*];
            for file in expected().keys() {
                assert!(listed.contains(&file.as_str()), "{file} has no test");
            }
        }
    };
}

fixture_tests! {
    toulouse_2022 => "France_Toulouse_2022.pb",
    assen_2024 => "Netherlands_Assen_2024.pb",
    czestochowa_2025 => "Poland_Czestochowa_2025_Tysiaclecie.pb",
    krakow_2024 => "Poland_Krakow_2024_Swoszowice.pb",
    lodz_2022 => "Poland_Lodz_2022.pb",
    swiecie_2023 => "Poland_Swiecie_2023.pb",
    warszawa_2020_praga_poludnie => "Poland_Warszawa_2020_Praga-Poludnie.pb",
    warszawa_2026 => "Poland_Warszawa_2026.pb",
    wieliczka_2023 => "Poland_Wieliczka_2023_Green_Budget.pb",
    wroclaw_2016 => "Poland_Wroclaw_2016_Rejon_nr_14_250.pb",
    synth_s1 => "synth_s1_p30_v2000.pb",
    synth_s2 => "synth_s2_p12_v50_fewvalues.pb",
    synth_s5 => "synth_s5_p15_v1000_equal.pb",
}

/// `mes-add1` reproduces the winners these cities published (the `selected` column).
#[test]
fn mes_add1_reproduces_official_winners() {
    for file in [
        "Poland_Wieliczka_2023_Green_Budget.pb",
        "Poland_Swiecie_2023.pb",
        "Netherlands_Assen_2024.pb",
    ] {
        let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
        let election = pabulib::parse(&text).unwrap();
        let mut official: Vec<String> = election
            .projects()
            .iter()
            .filter(|p| p.field("selected") == Some("1"))
            .map(|p| p.id().to_owned())
            .collect();
        official.sort();
        assert!(!official.is_empty(), "{file} has a selected column");
        let outcome = rules::tally(&election, Rule::MesAdd1, TieBreak::Lexico).unwrap();
        assert_eq!(outcome.selected, official, "{file}");
    }
}
