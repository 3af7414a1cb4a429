//! An election compiled for counting: projects by position, identical ballots merged into
//! groups with a multiplicity (voters with identical ballots always end up with identical
//! budgets and loads, so the rules work per group, not per voter).

use std::cmp::Reverse;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, ToPrimitive};
use serde::{Deserialize, Serialize};

use super::{TallyError, TieBreak};
use crate::pabulib::Election;
use crate::rational::Rational;

/// Which of pabutools' satisfaction measures the rules use for this election.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    /// `Cost_Sat`: a project is worth its cost to every voter who approved (or ranked) it.
    Cost,
    /// `Additive_Cardinal_Sat`: a project is worth the points the voter gave it.
    Points,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Group {
    /// How many voters cast this ballot.
    pub n: u64,
    pub start: u32,
    pub end: u32,
}

/// Distinct ballots, flat: ballot `i` has the (project, weight) entries
/// `entries[off[i]..off[i + 1]]` and was cast by `counts[i]` voters. One buffer for all, since
/// a large election has tens of thousands of them.
struct Merged {
    entries: Vec<(u32, u64)>,
    off: Vec<usize>,
    counts: Vec<u64>,
}

impl Merged {
    fn new() -> Self {
        Merged {
            entries: Vec::new(),
            off: vec![0],
            counts: Vec::new(),
        }
    }

    fn push(&mut self, entries: impl IntoIterator<Item = (u32, u64)>, count: u64) {
        self.entries.extend(entries);
        self.off.push(self.entries.len());
        self.counts.push(count);
    }

    fn ballot(&self, i: usize) -> &[(u32, u64)] {
        &self.entries[self.off[i]..self.off[i + 1]]
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub ids: Vec<String>,
    pub costs: Vec<Rational>,
    pub budget: Rational,
    pub voters: u64,
    pub sat: Satisfaction,
    /// Approvals / rankings, or total points: what `ProjectOutcome::support` shows.
    pub support: Vec<Rational>,
    /// Greedy's total satisfaction per project: listed * cost, or total points.
    pub total_sat: Vec<Rational>,
    /// Position in the tie-breaking order; lower wins.
    pub tb_rank: Vec<u32>,
    pub groups: Vec<Group>,
    /// Per group `start..end`: (project, utility weight). The weight is 1 with cost
    /// satisfaction (the MES engine multiplies by the cost itself) and the points scaled to an
    /// integer with points; only positive weights are kept.
    pub entries: Vec<(u32, u64)>,
    /// Weights are points times this (1 with cost satisfaction), so pabutools' ρ for points
    /// is the MES share per unit of weight times this.
    pub points_scale: Rational,
    pub points_scale_f: f64,
    /// Per project `supp_off[p]..supp_off[p + 1]` into `supp`: (group, weight).
    pub supp_off: Vec<u32>,
    pub supp: Vec<(u32, u64)>,
}

impl Profile {
    pub fn new(election: &Election, tie_break: TieBreak) -> Result<Profile, TallyError> {
        let mut scale_q = Rational::one();
        let projects = election.projects();
        let np = projects.len();
        let vote_type = election.vote_type();
        let sat = if vote_type.has_points() {
            Satisfaction::Points
        } else {
            Satisfaction::Cost
        };

        // Merge identical ballots into groups of (project, weight) entries.
        let mut listed = vec![0u64; np];
        let mut support = vec![Rational::zero(); np];
        let merged: Merged = match sat {
            Satisfaction::Cost => {
                // Cost satisfaction ignores order (a ranking counts as the set of ranked
                // projects), so keys are sorted; every weight is 1. The index maps a keyed
                // hash of the ballot to the first ballot with that hash, further ones chained
                // in `next_same`: no allocation per distinct ballot.
                let hasher = RandomState::new();
                let mut index: HashMap<u64, u32> = HashMap::new();
                let mut next_same: Vec<u32> = Vec::new();
                let mut merged = Merged::new();
                let mut key: Vec<u32> = Vec::new();
                for voter in election.voters() {
                    key.clear();
                    key.extend_from_slice(voter.ballot().raw_projects());
                    key.sort_unstable();
                    for &p in &key {
                        listed[p as usize] += 1;
                    }
                    let hash = hasher.hash_one(key.as_slice());
                    let first = index.get(&hash).copied();
                    let mut at = first;
                    while let Some(g) = at {
                        let g = g as usize;
                        let same = merged.ballot(g).len() == key.len()
                            && merged.ballot(g).iter().zip(&key).all(|(e, &p)| e.0 == p);
                        if same {
                            merged.counts[g] += 1;
                            break;
                        }
                        at = (next_same[g] != u32::MAX).then_some(next_same[g]);
                    }
                    if at.is_none() {
                        index.insert(hash, merged.counts.len() as u32);
                        next_same.push(first.unwrap_or(u32::MAX));
                        merged.push(key.iter().map(|&p| (p, 1u64)), 1);
                    }
                }
                merged
            }
            Satisfaction::Points => {
                let mut index: HashMap<Vec<(u32, Rational)>, usize> = HashMap::new();
                let mut keys: Vec<Vec<(u32, Rational)>> = Vec::new();
                let mut counts: Vec<u64> = Vec::new();
                for voter in election.voters() {
                    let ballot = voter.ballot();
                    let mut key: Vec<(u32, Rational)> = ballot
                        .raw_projects()
                        .iter()
                        .copied()
                        .zip(ballot.points().iter().cloned())
                        .collect();
                    key.sort_by_key(|(p, _)| *p);
                    for (p, _) in &key {
                        listed[*p as usize] += 1;
                    }
                    match index.get(&key) {
                        Some(&g) => counts[g] += 1,
                        None => {
                            index.insert(key.clone(), keys.len());
                            keys.push(key);
                            counts.push(1);
                        }
                    }
                }
                // Points become integer weights: scaling every utility by one constant
                // changes no MES or greedy decision.
                let mut scale = BigInt::one();
                for key in &keys {
                    for (_, points) in key {
                        if !points.is_negative() && !points.is_zero() {
                            scale = scale.lcm(points.denom());
                        }
                    }
                }
                scale_q = Rational::from_big_integer(scale);
                let mut merged = Merged::new();
                for (key, &n) in keys.iter().zip(&counts) {
                    let mut entries = Vec::with_capacity(key.len());
                    for (p, points) in key {
                        support[*p as usize] += &(points * &Rational::from(n));
                        if points.is_negative() || points.is_zero() {
                            continue;
                        }
                        let scaled = points * &scale_q;
                        let weight = scaled
                            .numer()
                            .to_u64()
                            .filter(|w| *w < (1u64 << 52))
                            .ok_or_else(|| TallyError::PointsOutOfRange(points.to_string()))?;
                        entries.push((*p, weight));
                    }
                    merged.push(entries, n);
                }
                merged
            }
        };

        // Number the groups so that the supporters of popular projects sit close together
        // (better locality for the rules' walks): order ballots by the sorted list of their
        // projects' popularity ranks. Any numbering gives the same outcomes.
        let mut by_popularity: Vec<usize> = (0..np).collect();
        by_popularity.sort_by_key(|&p| (Reverse(listed[p]), p));
        let mut rank = vec![0u32; np];
        for (r, &p) in by_popularity.iter().enumerate() {
            rank[p] = r as u32;
        }
        let mut ranks: Vec<u32> = merged
            .entries
            .iter()
            .map(|&(p, _)| rank[p as usize])
            .collect();
        for g in 0..merged.counts.len() {
            ranks[merged.off[g]..merged.off[g + 1]].sort_unstable();
        }
        let mut sorted: Vec<usize> = (0..merged.counts.len()).collect();
        sorted.sort_unstable_by(|&a, &b| {
            ranks[merged.off[a]..merged.off[a + 1]]
                .cmp(&ranks[merged.off[b]..merged.off[b + 1]])
                .then(a.cmp(&b))
        });
        let mut groups = Vec::with_capacity(sorted.len());
        let mut entries = Vec::with_capacity(merged.entries.len());
        for g in sorted {
            let start = entries.len() as u32;
            entries.extend_from_slice(merged.ballot(g));
            groups.push(Group {
                n: merged.counts[g],
                start,
                end: entries.len() as u32,
            });
        }
        if sat == Satisfaction::Cost {
            for (p, &count) in listed.iter().enumerate() {
                support[p] = Rational::from(count);
            }
        }
        let total_sat: Vec<Rational> = match sat {
            Satisfaction::Cost => projects
                .iter()
                .zip(&listed)
                .map(|(p, &c)| p.cost() * &Rational::from(c))
                .collect(),
            Satisfaction::Points => support.clone(),
        };

        let mut supp_count = vec![0u32; np + 1];
        for &(p, _) in &entries {
            supp_count[p as usize + 1] += 1;
        }
        for p in 0..np {
            supp_count[p + 1] += supp_count[p];
        }
        let supp_off = supp_count.clone();
        let mut fill = supp_count;
        let mut supp = vec![(0u32, 0u64); entries.len()];
        for (g, group) in groups.iter().enumerate() {
            for &(p, w) in &entries[group.start as usize..group.end as usize] {
                let at = &mut fill[p as usize];
                supp[*at as usize] = (g as u32, w);
                *at += 1;
            }
        }

        let mut order: Vec<usize> = (0..np).collect();
        match tie_break {
            TieBreak::Lexico => order.sort_by(|&a, &b| projects[a].id().cmp(projects[b].id())),
            TieBreak::CostThenVotes => order.sort_by(|&a, &b| {
                projects[a]
                    .cost()
                    .cmp(projects[b].cost())
                    .then(listed[b].cmp(&listed[a]))
                    .then(projects[a].id().cmp(projects[b].id()))
            }),
        }
        let mut tb_rank = vec![0u32; np];
        for (rank, &p) in order.iter().enumerate() {
            tb_rank[p] = rank as u32;
        }

        Ok(Profile {
            ids: projects.iter().map(|p| p.id().to_owned()).collect(),
            costs: projects.iter().map(|p| p.cost().clone()).collect(),
            budget: election.budget().clone(),
            voters: election.voters().len() as u64,
            sat,
            support,
            total_sat,
            tb_rank,
            groups,
            entries,
            points_scale_f: scale_q.to_f64(),
            points_scale: scale_q,
            supp_off,
            supp,
        })
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn supporters(&self, p: usize) -> &[(u32, u64)] {
        &self.supp[self.supp_off[p] as usize..self.supp_off[p + 1] as usize]
    }

    pub fn group_entries(&self, g: usize) -> &[(u32, u64)] {
        let group = self.groups[g];
        &self.entries[group.start as usize..group.end as usize]
    }

    /// Number of voters with positive utility for `p`.
    pub fn supporter_count(&self, p: usize) -> u64 {
        self.supporters(p)
            .iter()
            .map(|&(g, _)| self.groups[g as usize].n)
            .sum()
    }
}
