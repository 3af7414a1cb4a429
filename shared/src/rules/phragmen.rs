//! Sequential Phragmén as pabutools runs it: projects dearer than the whole budget are dropped
//! first; each round the project whose supporters would end with the lowest maximal load is
//! funded and its supporters' loads rise to that value; counting *stops* (it does not skip) as
//! soon as any project tied for the lowest load no longer fits. A project nobody approved has an
//! infinite load, so such projects come last, while all of them still fit.

use super::profile::Profile;
use super::{Explanation, RuleResult};
use crate::rational::Rational;

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
