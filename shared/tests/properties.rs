//! Property tests: budget feasibility, greedy exhaustiveness, independence from ballot order,
//! lossless Pabulib round trips, and the fast exact MES against a plain exact one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use cairn_shared::pabulib::{self, BallotInput, Election, VoteType};
use cairn_shared::rational::Rational;
use cairn_shared::rules::{self, Rule, TieBreak};
use proptest::prelude::*;

/// Ids whose string order differs from their numeric order, so lexico ties are exercised.
const IDS: [&str; 12] = [
    "1", "2", "10", "11", "3", "20", "a", "B", "b", "100", "7", "x-1",
];

#[derive(Debug, Clone)]
struct Spec {
    budget: i64,
    costs: Vec<i64>,
    ballots: Vec<Vec<usize>>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..=8, 0i64..=120).prop_flat_map(|(np, budget)| {
        // Few distinct costs and small electorates make exact ties common.
        let costs = prop::collection::vec(
            prop::sample::select(vec![0i64, 5, 10, 10, 15, 20, 30, 45, 60, 130]),
            np,
        );
        let ballots = prop::collection::vec(prop::collection::btree_set(0..np, 0..=np), 0..25)
            .prop_map(|sets| sets.into_iter().map(|s| s.into_iter().collect()).collect());
        (Just(budget), costs, ballots).prop_map(|(budget, costs, ballots)| Spec {
            budget,
            costs,
            ballots,
        })
    })
}

fn build(spec: &Spec, order: &[usize]) -> Election {
    let mut b = Election::builder(Rational::from(spec.budget), VoteType::Approval);
    for (p, &cost) in spec.costs.iter().enumerate() {
        b.project(
            IDS[p],
            Rational::from(cost),
            [("name", format!("Project {p}"))],
        )
        .unwrap();
    }
    for &v in order {
        let approvals = spec.ballots[v].iter().map(|&p| IDS[p].to_owned()).collect();
        b.voter(
            &format!("v{v}"),
            BallotInput::Approvals(approvals),
            [("age", "30")],
        )
        .unwrap();
    }
    b.build()
}

/// MES as pabutools' `naive_mes` defines it, with exact rationals and nothing clever: every
/// round, every project's ρ from sorted budgets; the smallest wins, ties to the smallest id.
fn naive_mes(spec: &Spec, endowment: &Rational) -> Vec<usize> {
    let np = spec.costs.len();
    let mut budgets = vec![endowment.clone(); spec.ballots.len()];
    let mut remaining: Vec<usize> = (0..np)
        .filter(|&p| spec.costs[p] > 0 && spec.ballots.iter().any(|b| b.contains(&p)))
        .collect();
    let mut chosen = Vec::new();
    loop {
        let mut best: Option<(Rational, usize)> = None;
        remaining.retain(|&p| {
            let cost = Rational::from(spec.costs[p]);
            let mut supporters: Vec<Rational> = spec
                .ballots
                .iter()
                .enumerate()
                .filter(|(_, b)| b.contains(&p))
                .map(|(v, _)| budgets[v].clone())
                .collect();
            let total: Rational = supporters.iter().sum();
            if total < cost {
                return false;
            }
            supporters.sort();
            let mut paid = Rational::zero();
            let mut left = supporters.len() as i64;
            for b in &supporters {
                let share = &(&cost - &paid) / &Rational::from(left);
                if share <= *b {
                    let rho = &share / &cost;
                    let better = match &best {
                        None => true,
                        Some((r, q)) => rho < *r || (rho == *r && IDS[p] < IDS[*q]),
                    };
                    if better {
                        best = Some((rho, p));
                    }
                    break;
                }
                paid += b;
                left -= 1;
            }
            true
        });
        let Some((rho, p)) = best else { return chosen };
        let cost = Rational::from(spec.costs[p]);
        let share = &rho * &cost;
        for (v, ballot) in spec.ballots.iter().enumerate() {
            if ballot.contains(&p) {
                let pay = if budgets[v] < share {
                    budgets[v].clone()
                } else {
                    share.clone()
                };
                budgets[v] -= &pay;
            }
        }
        chosen.push(p);
        remaining.retain(|&q| q != p);
    }
}

fn ids(mut projects: Vec<usize>) -> Vec<String> {
    let mut out: Vec<String> = projects.drain(..).map(|p| IDS[p].to_owned()).collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_rule_overspends(spec in spec()) {
        let order: Vec<usize> = (0..spec.ballots.len()).collect();
        let election = build(&spec, &order);
        for rule in Rule::ALL {
            for tie_break in [TieBreak::Lexico, TieBreak::CostThenVotes] {
                let outcome = rules::tally(&election, rule, tie_break).unwrap();
                prop_assert!(outcome.cost <= outcome.budget, "{rule} spends {} of {}", outcome.cost, outcome.budget);
                prop_assert_eq!(outcome.projects.iter().filter(|p| p.funded).count(), outcome.selected.len());
            }
        }
    }

    #[test]
    fn greedy_leaves_nothing_affordable(spec in spec()) {
        let order: Vec<usize> = (0..spec.ballots.len()).collect();
        let election = build(&spec, &order);
        for tie_break in [TieBreak::Lexico, TieBreak::CostThenVotes] {
            let outcome = rules::tally(&election, Rule::Greedy, tie_break).unwrap();
            let left = &outcome.budget - &outcome.cost;
            for p in &outcome.projects {
                prop_assert!(p.funded || p.cost > left, "{} costs {} and {} is left", p.id, p.cost, left);
            }
            let completed = rules::tally(&election, Rule::MesAdd1Greedy, tie_break).unwrap();
            let left = &completed.budget - &completed.cost;
            for p in &completed.projects {
                prop_assert!(p.funded || p.cost > left);
            }
        }
    }

    #[test]
    fn outcome_does_not_depend_on_ballot_order(spec in spec(), seed in any::<u64>()) {
        let forward: Vec<usize> = (0..spec.ballots.len()).collect();
        let mut shuffled = forward.clone();
        // A small deterministic shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let a = build(&spec, &forward);
        let b = build(&spec, &shuffled);
        for rule in Rule::ALL {
            let x = rules::tally(&a, rule, TieBreak::Lexico).unwrap();
            let y = rules::tally(&b, rule, TieBreak::Lexico).unwrap();
            prop_assert_eq!(x.selected, y.selected, "{}", rule);
        }
    }

    #[test]
    fn fast_mes_matches_plain_exact_mes(spec in spec()) {
        let order: Vec<usize> = (0..spec.ballots.len()).collect();
        let election = build(&spec, &order);
        let outcome = rules::tally(&election, Rule::Mes, TieBreak::Lexico).unwrap();
        let expected = if spec.ballots.is_empty() {
            Vec::new()
        } else {
            let endowment = Rational::from(spec.budget) / &Rational::from(spec.ballots.len() as i64);
            ids(naive_mes(&spec, &endowment))
        };
        prop_assert_eq!(outcome.selected, expected);
    }

    #[test]
    fn writing_then_reading_gives_the_same_election(spec in spec(), kind in 0u8..3) {
        let order: Vec<usize> = (0..spec.ballots.len()).collect();
        let election = match kind {
            0 => build(&spec, &order),
            1 => {
                let mut b = Election::builder(Rational::from_fraction(spec.budget * 100 + 7, 25).unwrap(), VoteType::Ordinal);
                for (p, &cost) in spec.costs.iter().enumerate() {
                    b.project(IDS[p], Rational::from_fraction(cost * 100 + 1, 100).unwrap(), [("name", "a;b \"quoted\"")]).unwrap();
                }
                for (v, ballot) in spec.ballots.iter().enumerate() {
                    let ranking = ballot.iter().rev().map(|&p| IDS[p].to_owned()).collect();
                    b.voter(&v.to_string(), BallotInput::Ranking(ranking), [("sex", if v % 2 == 0 { "F" } else { "none" })]).unwrap();
                }
                b.build()
            }
            _ => {
                let mut b = Election::builder(Rational::from(spec.budget), VoteType::Cumulative);
                b.meta("max_sum_points", "10");
                for (p, &cost) in spec.costs.iter().enumerate() {
                    b.project(IDS[p], Rational::from(cost), Vec::<(&str, &str)>::new()).unwrap();
                }
                for (v, ballot) in spec.ballots.iter().enumerate() {
                    let points = ballot.iter().map(|&p| (IDS[p].to_owned(), Rational::from_fraction((p as i64 % 3) * 2 + 1, 2).unwrap())).collect();
                    b.voter(&v.to_string(), BallotInput::Points(points), [("neighborhood", "Śródmieście")]).unwrap();
                }
                b.build()
            }
        };
        let text = pabulib::write(&election);
        let back = pabulib::parse(&text).unwrap();
        prop_assert_eq!(&back, &election);
        prop_assert_eq!(pabulib::write(&back), text);
    }

    #[test]
    fn the_reader_never_panics(text in "(META|PROJECTS|VOTES|key;value|budget;[0-9,./]{0,6}|vote_type;(approval|ordinal|cumulative)|project_id;cost|voter_id;vote;points|[0-9a-z]{0,3};[0-9,./-]{0,5}(;[0-9a-z,\"]{0,4})?|\"|\r|\n){0,30}") {
        let _ = pabulib::parse(&text);
    }
}

#[test]
fn cumulative_and_ordinal_tally() {
    let mut b = Election::builder(Rational::from(100i64), VoteType::Cumulative);
    for (id, cost) in [("1", 60i64), ("2", 50), ("3", 40)] {
        b.project(id, Rational::from(cost), Vec::<(&str, &str)>::new())
            .unwrap();
    }
    for points in [
        [("1", 3), ("2", 1)],
        [("2", 2), ("3", 2)],
        [("1", 4), ("3", 0)],
    ] {
        let points = points
            .iter()
            .map(|(id, n)| ((*id).to_owned(), Rational::from(*n as i64)))
            .collect();
        b.voter("v", BallotInput::Points(points), Vec::<(&str, &str)>::new())
            .unwrap();
    }
    let election = b.build();
    for rule in [Rule::Greedy, Rule::Mes, Rule::MesAdd1, Rule::MesAdd1Greedy] {
        let outcome = rules::tally(&election, rule, TieBreak::Lexico).unwrap();
        assert!(outcome.cost <= outcome.budget);
    }
    let err = rules::tally(&election, Rule::Phragmen, TieBreak::Lexico).unwrap_err();
    assert!(err.to_string().contains("approval"), "{err}");
}

#[test]
fn outcomes_serialise_with_exact_strings() {
    let spec = Spec {
        budget: 10,
        costs: vec![3, 4],
        ballots: vec![vec![0], vec![0, 1], vec![1]],
    };
    let election = build(&spec, &[0, 1, 2]);
    let outcome = rules::tally(&election, Rule::Mes, TieBreak::CostThenVotes).unwrap();
    let json = serde_json::to_value(&outcome).unwrap();
    assert_eq!(json["rule"], "mes");
    assert_eq!(json["tie_break"], "cost-then-votes");
    assert_eq!(json["budget"], "10");
    assert!(json["projects"][0]["explanation"]["kind"].is_string());
    let back: rules::Outcome = serde_json::from_value(json).unwrap();
    assert_eq!(back, outcome);
    for p in &outcome.projects {
        assert!(!p.explanation.describe().is_empty());
    }
}
