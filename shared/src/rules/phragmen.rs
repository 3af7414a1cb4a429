//! Sequential Phragmén as pabutools runs it: projects dearer than the whole budget are dropped
//! first; each round the project whose supporters would end with the lowest maximal load is
//! funded and its supporters' loads rise to that value; counting *stops* (it does not skip) as
//! soon as any project tied for the lowest load no longer fits. A project nobody approved has an
//! infinite load, so such projects come last, while all of them still fit.
//!
//! # How it is fast and still exact
//!
//! * Every voter's load is one of the few values the funded projects' max loads took ("levels"),
//!   so a project's supporters are summarised by how many of them sit at each level, and a
//!   project's new max load is `(Σ count_t · level_t + cost) / supporters`.
//! * Levels are exact, as integers over one common denominator (so sums need no gcd), and
//!   also held as `f64`. Each round ranks the projects in floating point with a proven error
//!   bound; only projects whose intervals overlap the best one's are compared exactly (big
//!   integers, cross-multiplied). Every decision is the exact one.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::One;

use super::profile::Profile;
use super::{Explanation, RuleResult};
use crate::rational::Rational;

/// A bound on the relative rounding error of one `f64` operation, about nine times the true
/// one (2⁻⁵³), so that higher-order terms and the error of the bounds are covered too.
const U: f64 = 1e-15;

/// Exact levels over a common denominator, and every remaining project's cost over it too.
struct Levels {
    denom: BigInt,
    /// `level_t = numer[t] / denom`; level 0 is the initial load, 0.
    numer: Vec<BigInt>,
    /// The levels as `f64`, each within a relative 2⁻⁵² of the exact value.
    approx: Vec<f64>,
    /// `cost_p · denom`, an integer.
    cost: Vec<BigInt>,
}

impl Levels {
    fn new(profile: &Profile) -> Self {
        let mut denom = BigInt::one();
        for c in &profile.costs {
            denom = denom.lcm(c.denom());
        }
        let cost = profile
            .costs
            .iter()
            .map(|c| c.numer() * (&denom / c.denom()))
            .collect();
        Levels {
            denom,
            numer: vec![BigInt::from(0)],
            approx: vec![0.0],
            cost,
        }
    }

    /// `Σ count_t · level_t + cost` of `p`, over `self.denom`.
    fn total(&self, p: usize, counts: &[u64]) -> BigInt {
        let mut acc = self.cost[p].clone();
        for (t, &c) in counts.iter().enumerate() {
            if c != 0 && t != 0 {
                acc += &self.numer[t] * BigInt::from(c);
            }
        }
        acc
    }

    /// Adds the level `total / (score · denom)`, rescaling the common denominator if needed.
    fn push(&mut self, total: &BigInt, score: u64) -> Rational {
        let score = BigInt::from(score);
        let g = total.gcd(&score);
        let factor = &score / &g;
        if !factor.is_one() {
            self.denom *= &factor;
            for n in &mut self.numer {
                *n *= &factor;
            }
            for c in &mut self.cost {
                *c *= &factor;
            }
        }
        let numer = total / &g;
        let exact = Rational::from_big_integer(numer.clone())
            / &Rational::from_big_integer(self.denom.clone());
        self.approx.push(exact.to_f64());
        self.numer.push(numer);
        exact
    }
}

pub(crate) fn phragmen(profile: &Profile) -> RuleResult {
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
    // The float screening needs exact voter counts and non-negative terms; otherwise every
    // comparison is made exactly.
    let screen = profile.voters < (1u64 << 53) && profile.costs.iter().all(|c| !c.is_negative());
    let cost_f: Vec<f64> = profile.costs.iter().map(Rational::to_f64).collect();
    let mut levels = Levels::new(profile);
    // counts[p][t]: voters approving p whose load is level t.
    let mut counts: Vec<Vec<u64>> = score.iter().map(|&s| vec![s]).collect();
    // The level of each group: the max load of the last funded project it approved.
    let mut last: Vec<u32> = vec![0; profile.groups.len()];
    let mut spent = Rational::zero();
    let mut round = 0u32;
    // (project, load, error bound) of this round's supported projects.
    let mut approx: Vec<(usize, f64, f64)> = Vec::new();
    let mut close: Vec<(usize, BigInt)> = Vec::new();
    while !remaining.is_empty() {
        approx.clear();
        let mut min_hi = f64::INFINITY;
        for &p in &remaining {
            if score[p] == 0 {
                continue;
            }
            // All terms are non-negative, each within a relative 2⁻⁵² (levels and cost) plus
            // one rounding of the product, and the sum of k terms adds at most k roundings:
            // (k + 8) · U relative covers it all, the division included.
            let mut sum = cost_f[p];
            let mut k = 1.0;
            for (t, &c) in counts[p].iter().enumerate() {
                if c != 0 && t != 0 {
                    sum += c as f64 * levels.approx[t];
                    k += 1.0;
                }
            }
            let load = sum / score[p] as f64;
            let err = (k + 8.0) * U * load;
            min_hi = min_hi.min(load + err);
            approx.push((p, load, err));
        }
        // The projects that may have the lowest load, exactly: within the float bounds of the
        // best, then compared as fractions total / score.
        close.clear();
        for &(p, load, err) in &approx {
            if !screen || load - err <= min_hi {
                close.push((p, levels.total(p, &counts[p])));
            }
        }
        let mut tied: Vec<usize> = Vec::new();
        let mut best: Option<(&BigInt, u64)> = None;
        for (p, total) in &close {
            let order = match best {
                None => Ordering::Less,
                Some((bt, bs)) => (total * BigInt::from(bs)).cmp(&(bt * BigInt::from(score[*p]))),
            };
            match order {
                Ordering::Less => {
                    best = Some((total, score[*p]));
                    tied.clear();
                    tied.push(*p);
                }
                Ordering::Equal => tied.push(*p),
                Ordering::Greater => {}
            }
        }
        let supported_best = best.is_some();
        if !supported_best {
            // Only projects nobody approved are left: all tied at an infinite load.
            tied = remaining.clone();
        }
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
        if !supported_best {
            explanations[chosen] = Explanation::PhragmenFunded {
                round,
                max_load: Rational::zero(),
            };
            continue;
        }
        // Tied projects share the load, not the total: take the chosen one's own.
        let total = &close
            .iter()
            .find(|(p, _)| *p == chosen)
            .expect("the chosen project was compared exactly")
            .1;
        let max_load = levels.push(total, score[chosen]);
        explanations[chosen] = Explanation::PhragmenFunded { round, max_load };
        let t_new = levels.numer.len() - 1;
        for &p in &remaining {
            counts[p].push(0);
        }
        for &(g, _) in profile.supporters(chosen) {
            let g = g as usize;
            let from = last[g] as usize;
            let n = profile.groups[g].n;
            for &(p, _) in profile.group_entries(g) {
                let p = p as usize;
                if is_remaining[p] {
                    counts[p][from] -= n;
                    counts[p][t_new] += n;
                }
            }
            last[g] = t_new as u32;
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
