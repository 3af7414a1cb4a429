//! Reference implementations the fast rules are checked against on random elections: the
//! plain exact algorithms, with no screening, no common denominators and no laziness.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;

use super::profile::Profile;
use super::{Explanation, Rule, RuleResult, TieBreak};
use crate::pabulib::{BallotInput, Election, VoteType};
use crate::rational::Rational;

/// Ids whose string order differs from their numeric order, so lexico ties are exercised.
const IDS: [&str; 10] = ["1", "2", "10", "11", "3", "20", "a", "B", "b", "100"];

fn election(budget: i64, costs: &[i64], ballots: &[Vec<usize>]) -> Election {
    let mut b = Election::builder(Rational::from(budget), VoteType::Approval);
    for (p, &cost) in costs.iter().enumerate() {
        b.project(IDS[p], Rational::from(cost), [("name", "x")])
            .unwrap();
    }
    for (v, ballot) in ballots.iter().enumerate() {
        let approvals = ballot.iter().map(|&p| IDS[p].to_owned()).collect();
        b.voter(
            &format!("v{v}"),
            BallotInput::Approvals(approvals),
            [("age", "1")],
        )
        .unwrap();
    }
    b.build()
}

fn elections() -> impl Strategy<Value = Election> {
    (1usize..=10, 0i64..=200).prop_flat_map(|(np, budget)| {
        // Few distinct costs and repeated ballots make exact ties common.
        let costs = prop::collection::vec(
            prop::sample::select(vec![0i64, 3, 5, 10, 10, 15, 20, 30, 45, 60, 130, 250]),
            np,
        );
        let ballots = prop::collection::vec(prop::collection::btree_set(0..np, 0..=np), 0..40)
            .prop_map(|sets| {
                sets.into_iter()
                    .map(|s| s.into_iter().collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            });
        (Just(budget), costs, ballots)
            .prop_map(|(budget, costs, ballots)| election(budget, &costs, &ballots))
    })
}

fn cents_elections() -> impl Strategy<Value = Election> {
    (1usize..=9, 1i64..=400_000).prop_flat_map(|(np, budget_cents)| {
        // Costs with cents and a few repeats, so that both the float screening and the exact
        // fallback are exercised, and ties happen.
        let costs = prop::collection::vec(
            prop::sample::select(vec![
                "0", "10", "10", "99.99", "250", "1234.56", "1234.56", "700", "3000", "45.5",
            ]),
            np,
        );
        let ballots = prop::collection::vec(prop::collection::btree_set(0..np, 0..=np), 0..60)
            .prop_map(|sets| {
                sets.into_iter()
                    .map(|s| s.into_iter().collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            });
        (Just(budget_cents), costs, ballots).prop_map(|(budget_cents, costs, ballots)| {
            let mut b = Election::builder(
                Rational::parse(&format!("{}.{:02}", budget_cents / 100, budget_cents % 100))
                    .unwrap(),
                VoteType::Approval,
            );
            for (p, cost) in costs.iter().enumerate() {
                b.project(IDS[p], Rational::parse(cost).unwrap(), [("name", "x")])
                    .unwrap();
            }
            for (v, ballot) in ballots.iter().enumerate() {
                let approvals = ballot.iter().map(|&p| IDS[p].to_owned()).collect();
                b.voter(
                    &format!("v{v}"),
                    BallotInput::Approvals(approvals),
                    [("age", "1")],
                )
                .unwrap();
            }
            b.build()
        })
    })
}

/// MES with cost satisfaction as pabutools defines it: every round every project's share from
/// its supporters' sorted budgets, exactly; the least ρ wins, ties by the tie-breaking order.
fn reference_mes_run(profile: &Profile, endowment: &Rational) -> Vec<usize> {
    let np = profile.len();
    let mut budgets = vec![endowment.clone(); profile.groups.len()];
    let mut remaining: Vec<usize> = (0..np)
        .filter(|&p| !profile.costs[p].is_zero() && !profile.supporters(p).is_empty())
        .collect();
    let mut order = Vec::new();
    loop {
        let mut best: Option<(Rational, u32, usize, Rational)> = None;
        remaining.retain(|&p| {
            let cost = &profile.costs[p];
            let mut supporters: Vec<(Rational, u64)> = profile
                .supporters(p)
                .iter()
                .map(|&(g, _)| (budgets[g as usize].clone(), profile.groups[g as usize].n))
                .collect();
            let total: Rational = supporters
                .iter()
                .map(|(b, n)| b * &Rational::from(*n))
                .sum();
            if total < *cost {
                return false;
            }
            supporters.sort();
            let mut paid = Rational::zero();
            let mut left: u64 = supporters.iter().map(|(_, n)| n).sum();
            for (b, n) in &supporters {
                let share = &(cost - &paid) / &Rational::from(left);
                if share <= *b {
                    let rho = &share / cost;
                    let key = (rho, profile.tb_rank[p]);
                    if best
                        .as_ref()
                        .is_none_or(|(r, t, _, _)| (&key.0, key.1) < (r, *t))
                    {
                        best = Some((key.0, key.1, p, share));
                    }
                    break;
                }
                paid += &(b * &Rational::from(*n));
                left -= n;
            }
            true
        });
        let Some((_, _, p, share)) = best else {
            return order;
        };
        for &(g, _) in profile.supporters(p) {
            let b = &mut budgets[g as usize];
            if *b < share {
                *b = Rational::zero();
            } else {
                *b -= &share;
            }
        }
        order.push(p);
        remaining.retain(|&q| q != p);
    }
}

/// The Add1 loop, one run per endowment: (funded, endowment, runs).
fn reference_add1(profile: &Profile, exhaustive: bool) -> (Vec<bool>, Rational, u32) {
    let np = profile.len();
    let candidates: Vec<usize> = (0..np)
        .filter(|&p| !profile.costs[p].is_zero() && !profile.supporters(p).is_empty())
        .collect();
    let mut endowment = &profile.budget / &Rational::from(profile.voters);
    let mut previous: Option<(Vec<bool>, Rational)> = None;
    let mut runs = 0;
    loop {
        let order = reference_mes_run(profile, &endowment);
        runs += 1;
        let mut funded = vec![false; np];
        for &p in &order {
            funded[p] = true;
        }
        let cost: Rational = order.iter().map(|&p| &profile.costs[p]).sum();
        if cost > profile.budget {
            let (f, e) = previous.unwrap_or((funded, endowment));
            return (f, e, runs);
        }
        let stop = candidates
            .iter()
            .all(|&p| funded[p] || (exhaustive && &cost + &profile.costs[p] > profile.budget));
        if stop {
            return (funded, endowment, runs);
        }
        let next = &endowment + &Rational::one();
        previous = Some((funded, endowment));
        endowment = next;
    }
}

proptest! {
    // No regression files: they would land outside `src/`.
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn phragmen_matches_the_reference(election in elections()) {
        for tie_break in [TieBreak::Lexico, TieBreak::CostThenVotes] {
            let profile = Profile::new(&election, tie_break).unwrap();
            let fast = super::phragmen::phragmen(&profile);
            let slow = reference_phragmen(&profile);
            prop_assert_eq!(fast.funded, slow.funded);
            prop_assert_eq!(fast.explanations, slow.explanations);
        }
    }
}

proptest! {
    // No regression files: they would land outside `src/`.
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mes_add1_matches_the_reference(election in cents_elections()) {
        let profile = Profile::new(&election, TieBreak::Lexico).unwrap();
        prop_assume!(profile.voters > 0);
        for (add1, exhaustive) in [
            (super::mes::Add1::UntilOverspent, false),
            (super::mes::Add1::UntilExhaustive, true),
        ] {
            let fast = super::mes::mes(&profile, add1);
            let (funded, endowment, runs) = reference_add1(&profile, exhaustive);
            prop_assert_eq!(fast.funded, funded);
            prop_assert_eq!(fast.endowment, Some(endowment));
            prop_assert_eq!(fast.mes_runs, Some(runs));
        }
    }

    #[test]
    fn mes_matches_the_reference(election in cents_elections()) {
        let profile = Profile::new(&election, TieBreak::CostThenVotes).unwrap();
        prop_assume!(profile.voters > 0);
        let fast = super::mes::mes(&profile, super::mes::Add1::No);
        let endowment = &profile.budget / &Rational::from(profile.voters);
        let mut funded = vec![false; profile.len()];
        for p in reference_mes_run(&profile, &endowment) {
            funded[p] = true;
        }
        prop_assert_eq!(fast.funded, funded);
    }
}

#[test]
fn rule_names_round_trip() {
    for rule in Rule::ALL {
        assert_eq!(rule.as_str().parse::<Rule>().unwrap(), rule);
    }
}

pub(super) fn reference_phragmen(profile: &Profile) -> RuleResult {
    let np = profile.len();
    let budget = &profile.budget;
    let mut funded = vec![false; np];
    let mut explanations = vec![Explanation::NoSupport; np];
    let mut remaining: Vec<usize> = Vec::new();
    for (p, explanation) in explanations.iter_mut().enumerate() {
        if profile.costs[p] > *budget {
            *explanation = Explanation::OverBudget {
                cost: profile.costs[p].clone(),
                budget: budget.clone(),
            };
        } else {
            remaining.push(p);
        }
    }
    let score: Vec<u64> = (0..np).map(|p| profile.supporter_count(p)).collect();
    let mut is_remaining = vec![false; np];
    for &p in &remaining {
        is_remaining[p] = true;
    }
    // The load of each group is the max load of the last funded project it approved:
    // `last[g]` indexes `loads`, 0 meaning "no load yet".
    let mut loads: Vec<Rational> = vec![Rational::zero()];
    let mut last: Vec<u32> = vec![0; profile.groups.len()];
    // Sum over supporters of their loads, kept up to date per remaining project.
    let mut load_sum: Vec<Rational> = vec![Rational::zero(); np];
    let mut spent = Rational::zero();
    // moved[p * stride + t]: voters approving p whose load moves from loads[t] this round.
    let mut moved: Vec<u64> = Vec::new();
    let mut touched: Vec<(usize, usize)> = Vec::new();
    let mut round = 0u32;
    while !remaining.is_empty() {
        // A load of None is infinite: nobody approved the project.
        let mut best: Option<Option<Rational>> = None;
        let mut tied: Vec<usize> = Vec::new();
        for &p in &remaining {
            let load = (score[p] > 0)
                .then(|| (&load_sum[p] + &profile.costs[p]) / &Rational::from(score[p]));
            let order = match &best {
                None => std::cmp::Ordering::Less,
                Some(b) => compare_loads(&load, b),
            };
            match order {
                std::cmp::Ordering::Less => {
                    best = Some(load);
                    tied.clear();
                    tied.push(p);
                }
                std::cmp::Ordering::Equal => tied.push(p),
                std::cmp::Ordering::Greater => {}
            }
        }
        let best = best.flatten();
        if tied.iter().any(|&p| &spent + &profile.costs[p] > *budget) {
            break;
        }
        let Some(&chosen) = tied.iter().min_by_key(|&&p| profile.tb_rank[p]) else {
            break;
        };
        round += 1;
        funded[chosen] = true;
        is_remaining[chosen] = false;
        remaining.retain(|&p| p != chosen);
        spent += &profile.costs[chosen];
        let max_load = best.clone().unwrap_or_else(Rational::zero);
        explanations[chosen] = Explanation::PhragmenFunded {
            round,
            max_load: max_load.clone(),
        };
        if best.is_none() {
            continue;
        }
        let t_new = loads.len() as u32;
        loads.push(max_load);
        let stride = loads.len();
        moved.clear();
        moved.resize(np * stride, 0);
        touched.clear();
        for &(g, _) in profile.supporters(chosen) {
            let g = g as usize;
            let from = last[g] as usize;
            let n = profile.groups[g].n;
            for &(p, _) in profile.group_entries(g) {
                let p = p as usize;
                if is_remaining[p] {
                    let slot = &mut moved[p * stride + from];
                    if *slot == 0 {
                        touched.push((p, from));
                    }
                    *slot += n;
                }
            }
            last[g] = t_new;
        }
        let new_load = &loads[t_new as usize];
        for &(p, from) in &touched {
            let count = Rational::from(moved[p * stride + from]);
            let rise = new_load - &loads[from];
            load_sum[p] += &(&count * &rise);
        }
    }
    let left = budget - &spent;
    for p in remaining {
        explanations[p] = Explanation::PhragmenNotFunded {
            remaining: left.clone(),
            cost: profile.costs[p].clone(),
        };
    }
    RuleResult {
        funded,
        explanations,
        endowment: None,
        mes_runs: None,
    }
}

fn compare_loads(a: &Option<Rational>, b: &Option<Rational>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
