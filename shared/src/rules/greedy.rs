//! Utilitarian greedy: projects in order of satisfaction per unit of cost, each funded if it
//! still fits (skip, never stop). With cost satisfaction the density is simply the number of
//! approvals; a free project then has no satisfaction at all and comes last, as in pabutools.

use std::cmp::Ordering;

use super::profile::Profile;
use super::{Explanation, RuleResult};
use crate::rational::Rational;

/// Satisfaction per unit of cost, with pabutools' conventions for free and unsupported projects.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Density {
    Zero,
    Finite(Rational),
    Infinite,
}

impl Density {
    fn of(profile: &Profile, p: usize) -> Density {
        let total = &profile.total_sat[p];
        let cost = &profile.costs[p];
        if total.is_zero() || total.is_negative() {
            Density::Zero
        } else if cost.is_zero() {
            Density::Infinite
        } else {
            Density::Finite(total / cost)
        }
    }
}

impl Ord for Density {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Density::Finite(a), Density::Finite(b)) => a.cmp(b),
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }
}

impl PartialOrd for Density {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Density {
    fn rank(&self) -> u8 {
        match self {
            Density::Zero => 0,
            Density::Finite(_) => 1,
            Density::Infinite => 2,
        }
    }
}

/// Projects in greedy order: highest density first, ties by the tie-breaking order.
fn order(profile: &Profile) -> Vec<usize> {
    let densities: Vec<Density> = (0..profile.len())
        .map(|p| Density::of(profile, p))
        .collect();
    let mut order: Vec<usize> = (0..profile.len()).collect();
    order.sort_by(|&a, &b| {
        densities[b]
            .cmp(&densities[a])
            .then(profile.tb_rank[a].cmp(&profile.tb_rank[b]))
    });
    order
}

pub(crate) fn greedy(profile: &Profile) -> RuleResult {
    let mut funded = vec![false; profile.len()];
    let mut explanations = vec![Explanation::NoSupport; profile.len()];
    let mut remaining = profile.budget.clone();
    for (rank, p) in order(profile).into_iter().enumerate() {
        let rank = rank as u32 + 1;
        let cost = &profile.costs[p];
        if *cost <= remaining {
            remaining -= cost;
            funded[p] = true;
            explanations[p] = Explanation::GreedyFunded {
                rank,
                remaining_after: remaining.clone(),
            };
        } else if cost > &profile.budget {
            explanations[p] = Explanation::OverBudget {
                cost: cost.clone(),
                budget: profile.budget.clone(),
            };
        } else {
            explanations[p] = Explanation::GreedyNotFunded {
                rank,
                remaining: remaining.clone(),
                cost: cost.clone(),
            };
        }
    }
    RuleResult {
        funded,
        explanations,
        endowment: None,
        mes_runs: None,
    }
}

/// Fills what an earlier rule left with greedy, as pabutools' `completion_by_rule_combination`
/// does after MES: the earlier outcome stays, the rest go in greedy order if they fit.
pub(crate) fn complete(profile: &Profile, earlier: RuleResult) -> RuleResult {
    let RuleResult {
        mut funded,
        mut explanations,
        endowment,
        mes_runs,
    } = earlier;
    let spent: Rational = (0..profile.len())
        .filter(|&p| funded[p])
        .map(|p| &profile.costs[p])
        .sum();
    let mut remaining = &profile.budget - &spent;
    let mut rank = 0u32;
    for p in order(profile) {
        if funded[p] {
            continue;
        }
        rank += 1;
        let cost = &profile.costs[p];
        if *cost <= remaining {
            remaining -= cost;
            funded[p] = true;
            explanations[p] = Explanation::CompletionFunded {
                rank,
                remaining_after: remaining.clone(),
            };
        } else if let Explanation::MesSupportersShort {
            supporters,
            supporters_left,
            cost,
        } = &explanations[p]
        {
            explanations[p] = Explanation::CompletionNotFunded {
                supporters: *supporters,
                supporters_left: supporters_left.clone(),
                remaining: remaining.clone(),
                cost: cost.clone(),
            };
        }
    }
    RuleResult {
        funded,
        explanations,
        endowment,
        mes_runs,
    }
}
