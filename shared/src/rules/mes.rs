//! The Method of Equal Shares, exactly as pabutools computes it with exact fractions, and the
//! Add1 loop around it.
//!
//! Each round MES funds the project with the smallest affordability ρ: the least factor such
//! that its supporters, each paying min(their budget, ρ · utility), cover its cost. Ties in ρ
//! (exact equality) go to the tie-breaking order.
//!
//! # How it is fast and still exact
//!
//! * Voters with identical ballots always hold identical budgets, so the state is one budget per
//!   distinct ballot ("group").
//! * A voter's budget is either 0 (once it could not pay its full share) or
//!   `E - Σ x_t · w` over the projects it helped fund, where `E` is the endowment and `x_t` the
//!   full share paid for the t-th funded project. So every exact value is a small linear
//!   combination of `E` and the `x_t`, which are recomputed exactly only when needed.
//! * Decisions are first tried in `f64`, each value carrying a proven bound on its error. A
//!   comparison is settled in floating point only when the intervals do not overlap; otherwise
//!   it is redone with exact rationals. Every decision is therefore the exact one; floats only
//!   decide how quickly we get there.
//! * ρ can only rise as budgets fall, so stale values are lower bounds: a priority queue
//!   re-evaluates only projects at the front whose supporters paid since they were evaluated.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use num_bigint::BigInt;

use super::profile::{Profile, Satisfaction};
use super::{Explanation, RuleResult};
use crate::rational::Rational;

/// A bound on the relative rounding error of one `f64` operation, about nine times the true
/// one (2⁻⁵³), so that the error of computing the bounds themselves is covered too.
const U: f64 = 1e-15;
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Add1 {
    /// Plain MES: one run with budget / voters each.
    No,
    /// Raise every endowment by 1 until the outcome overspends (return the previous one) or
    /// every supported project is funded: what Wieliczka, Świecie and Assen ran.
    UntilOverspent,
    /// pabutools' `voter_budget_increment=1`: also stop at the first outcome to which no
    /// supported project could be added within the budget.
    UntilExhaustive,
}

/// `f64` total order for the priority queue.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Key(f64);

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// What evaluating a project found.
#[derive(Debug, Clone)]
struct Eval {
    /// Bounds on the true ρ.
    lo: f64,
    hi: f64,
    /// The full share `x` (payment per unit of weight) and a bound on its error.
    x: f64,
    x_err: f64,
    /// Exact `x` when it had to be computed.
    exact: Option<Rational>,
    /// For a float evaluation: the supporter groups that could not pay the full share, from
    /// which the exact share follows cheaply.
    capped: Vec<u32>,
}

#[derive(Debug, Clone)]
struct Funded {
    project: usize,
    exact: Option<Rational>,
}

/// Per-profile data reused by every run of the Add1 loop.
struct Engine<'a> {
    profile: &'a Profile,
    /// Projects MES may fund by paying for them.
    candidate: Vec<bool>,
    /// Free projects with support (points only): funded before the first round.
    free: Vec<bool>,
    cost_f: Vec<f64>,
    cost_err: Vec<f64>,
    /// Every utility weight is 1 (cost satisfaction) and there are fewer than 2^32 voters (so
    /// a group's size fits a `u32` and sums of sizes are exact in `f64`).
    unit_weights: bool,
    /// Per project, Σ voters · weight over its supporters.
    supp_weight: Vec<u128>,
    /// Per project, the candidates sharing a supporter with it: those whose ρ may change when
    /// it is funded.
    neighbours: Vec<Vec<u32>>,
    /// The profile's supporter lists without the weights (`supp_off` offsets): with unit weights
    /// a walk reads a quarter of the bytes.
    supp_g: Vec<u32>,
}

impl<'a> Engine<'a> {
    fn new(profile: &'a Profile) -> Self {
        let np = profile.len();
        let mut candidate = vec![false; np];
        let mut free = vec![false; np];
        for p in 0..np {
            let supported = !profile.supporters(p).is_empty();
            let cost_zero = profile.costs[p].is_zero();
            match profile.sat {
                // A free project is worth nothing under cost satisfaction: never funded.
                Satisfaction::Cost => candidate[p] = supported && !cost_zero,
                Satisfaction::Points => {
                    candidate[p] = supported && !cost_zero;
                    free[p] = supported && cost_zero;
                }
            }
        }
        let cost_f: Vec<f64> = profile.costs.iter().map(Rational::to_f64).collect();
        let cost_err = cost_f.iter().map(|c| 4.0 * U * c.abs()).collect();
        let mut neighbours = vec![Vec::new(); np];
        let mut seen = vec![usize::MAX; np];
        for (p, list) in neighbours.iter_mut().enumerate() {
            if !candidate[p] {
                continue;
            }
            for &(g, _) in profile.supporters(p) {
                for &(q, _) in profile.group_entries(g as usize) {
                    if seen[q as usize] != p && candidate[q as usize] {
                        seen[q as usize] = p;
                        list.push(q);
                    }
                }
            }
        }
        let unit_weights =
            profile.voters < (1u64 << 32) && profile.supp.iter().all(|&(_, w)| w == 1);
        let supp_weight = (0..np)
            .map(|p| {
                profile
                    .supporters(p)
                    .iter()
                    .map(|&(g, w)| u128::from(profile.groups[g as usize].n) * u128::from(w))
                    .sum()
            })
            .collect();
        Engine {
            profile,
            supp_g: profile.supp.iter().map(|&(g, _)| g).collect(),
            unit_weights,
            supp_weight,
            candidate,
            free,
            cost_f,
            cost_err,
            neighbours,
        }
    }
}

/// One group's state during a run: 16 bytes, so that a walk over supporters touches few cache
/// lines. Its error bound is the run-wide [`Run::err`].
#[derive(Debug, Clone, Copy)]
struct GroupState {
    /// Approximate budget; NaN once the group ran out (see [`Run::death`]).
    b: f64,
    /// Voters in the group, as a float (exact: fewer than 2^53).
    n: f64,
}

/// One run of MES with a given endowment. Its buffers are reused by the next run of the Add1
/// loop ([`Run::reset`]).
struct Run<'e, 'a> {
    eng: &'e Engine<'a>,
    gs: Vec<GroupState>,
    /// A bound on the error of every group's approximate budget. One bound for all (the
    /// largest any group could have) keeps the per-group state small; the margins it costs
    /// are far below the gaps between the values compared.
    err: f64,
    /// Per group, the funding round in which it could not pay its full share and spent all
    /// it had, or NONE.
    death: Vec<u32>,
    /// Per project, its supporter groups still alive at the last evaluation (a run-local copy
    /// of the profile's lists, compacted as groups run out): `alive_g[supp_off[p]..alive_end[p]]`
    /// once `copied[p]`, until then the profile's own list. With weights other than 1,
    /// `alive_w` holds the weights alongside.
    alive_g: Vec<u32>,
    alive_w: Vec<u64>,
    copied: Vec<bool>,
    alive_end: Vec<u32>,
    /// The funding round of each project, or NONE.
    round_of: Vec<u32>,
    funded: Vec<Funded>,
    dirty: Vec<bool>,
    /// No supporter of the project has paid for anything yet.
    untouched: Vec<bool>,
    endowment_f: f64,
    evals: Vec<Option<Eval>>,
    scratch: Vec<Entry>,
    /// The unit-weight walk's copy of the alive supporters: (budget, voters, group).
    unit_scratch: Vec<(f64, u32, u32)>,
    /// The exact shares known so far, x_r = shares[r] / denom, and E = endowment_num / denom:
    /// one common denominator makes every linear combination integer arithmetic.
    denom: BigInt,
    endowment_num: BigInt,
    shares: Vec<BigInt>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    g: u32,
    b: f64,
    err: f64,
    n: f64,
    w: f64,
    n_int: u64,
    w_int: u64,
    capped: bool,
}

fn exact_u128(v: u128) -> Rational {
    Rational::from_big_integer(BigInt::from(v))
}

impl<'e, 'a> Run<'e, 'a> {
    fn new(eng: &'e Engine<'a>, endowment: Rational) -> Self {
        let np = eng.profile.len();
        let ng = eng.profile.groups.len();
        let mut run = Run {
            eng,
            gs: Vec::with_capacity(ng),
            err: 0.0,
            death: vec![NONE; ng],
            alive_g: vec![0; eng.supp_g.len()],
            alive_w: if eng.unit_weights {
                Vec::new()
            } else {
                vec![0; eng.supp_g.len()]
            },
            copied: vec![false; np],
            alive_end: eng.profile.supp_off[1..].to_vec(),
            round_of: vec![NONE; np],
            funded: Vec::new(),
            dirty: vec![true; np],
            untouched: vec![true; np],
            endowment_f: 0.0,
            evals: vec![None; np],
            scratch: Vec::new(),
            unit_scratch: Vec::new(),
            denom: BigInt::from(1),
            endowment_num: BigInt::from(0),
            shares: Vec::new(),
        };
        run.reset(endowment);
        run
    }

    /// Starts over with another endowment, keeping the allocations.
    fn reset(&mut self, endowment: Rational) {
        let e = endowment.to_f64();
        self.gs.clear();
        self.gs
            .extend(self.eng.profile.groups.iter().map(|g| GroupState {
                b: e,
                n: g.n as f64,
            }));
        self.err = 4.0 * U * e.abs();
        self.death.fill(NONE);
        self.copied.fill(false);
        self.alive_end
            .copy_from_slice(&self.eng.profile.supp_off[1..]);
        self.round_of.fill(NONE);
        self.funded.clear();
        self.dirty.fill(true);
        self.untouched.fill(true);
        self.endowment_f = e;
        self.evals.fill(None);
        self.denom = endowment.denom().clone();
        self.endowment_num = endowment.numer().clone();
        self.shares.clear();
    }

    fn profile(&self) -> &'a Profile {
        self.eng.profile
    }

    /// pabutools' ρ from a full share: per unit of cost (cost satisfaction) or per point.
    fn rho_of(&self, p: usize, x: &Rational) -> Rational {
        match self.profile().sat {
            Satisfaction::Cost => x / &self.profile().costs[p],
            Satisfaction::Points => x * &self.profile().points_scale,
        }
    }

    /// Σ count · E − Σ coef[r] · x_r as numerator over `self.denom` (shares up to
    /// `coef.len()` must be known).
    fn combination(&self, count: u128, coef: &[u128]) -> BigInt {
        let mut acc = &self.endowment_num * BigInt::from(count);
        for (r, &c) in coef.iter().enumerate() {
            if c != 0 {
                acc -= &self.shares[r] * BigInt::from(c);
            }
        }
        acc
    }

    /// Adds an exact share to the common-denominator store.
    fn push_share(&mut self, x: &Rational) {
        let d = x.denom();
        let g = num_integer::Integer::gcd(&self.denom, d);
        let factor = d / &g;
        if factor != BigInt::from(1) {
            self.denom *= &factor;
            self.endowment_num *= &factor;
            for share in &mut self.shares {
                *share *= &factor;
            }
        }
        let scaled = x.numer() * (&self.denom / d);
        self.shares.push(scaled);
    }

    /// Makes the first `k` shares exact, in order.
    fn ensure_shares(&mut self, k: usize) {
        while self.shares.len() < k {
            let s = self.shares.len();
            if let Some(x) = self.funded[s].exact.clone() {
                self.push_share(&x);
                continue;
            }
            let profile = self.profile();
            let p = self.funded[s].project;
            // Groups that ran out at round s paid their budget before it; the others paid
            // the full share.
            let mut count: u128 = 0;
            let mut coef = vec![0u128; s];
            let mut weight: u128 = 0;
            for &(g, w) in profile.supporters(p) {
                let death = self.death[g as usize];
                let n = u128::from(profile.groups[g as usize].n);
                if death == s as u32 {
                    count += n;
                    for &(q, wq) in profile.group_entries(g as usize) {
                        let r = self.round_of[q as usize];
                        if r < s as u32 {
                            coef[r as usize] += n * u128::from(wq);
                        }
                    }
                } else if death == NONE || death > s as u32 {
                    weight += n * u128::from(w);
                }
            }
            let paid = Rational::from_big_integer(self.combination(count, &coef))
                / &Rational::from_big_integer(self.denom.clone());
            let x = (&profile.costs[p] - &paid) / &exact_u128(weight.max(1));
            self.funded[s].exact = Some(x.clone());
            self.push_share(&x);
        }
    }

    /// Exact share of `p` now, given the groups a certified evaluation found unable to pay it
    /// in full: x = (cost − Σ their budgets) / (weight of the others), with the budgets summed
    /// as count · E − Σ coef[r] · x_r.
    fn exact_from_capped(&mut self, p: usize, capped: &[u32]) -> Rational {
        let profile = self.profile();
        let mut count: u128 = 0;
        let mut coef = vec![0u128; self.funded.len()];
        let mut capped_w: u128 = 0;
        for &g in capped {
            let n = u128::from(profile.groups[g as usize].n);
            count += n;
            for &(q, w) in profile.group_entries(g as usize) {
                let r = self.round_of[q as usize];
                if r != NONE {
                    coef[r as usize] += n * u128::from(w);
                }
                if q as usize == p {
                    capped_w += n * u128::from(w);
                }
            }
        }
        let mut total_w: u128 = 0;
        for &(g, w) in profile.supporters(p) {
            if self.death[g as usize] == NONE {
                total_w += u128::from(profile.groups[g as usize].n) * u128::from(w);
            }
        }
        if count == 0 {
            // Nobody is short: everyone pays the same share, no earlier share is involved.
            return &profile.costs[p] / &exact_u128(total_w.max(1));
        }
        let needed = coef.iter().rposition(|&c| c != 0).map_or(0, |r| r + 1);
        self.ensure_shares(needed);
        let paid = Rational::from_big_integer(self.combination(count, &coef[..needed]))
            / &Rational::from_big_integer(self.denom.clone());
        let numer = &profile.costs[p] - &paid;
        &numer / &exact_u128((total_w - capped_w).max(1))
    }

    /// Makes sure an evaluation carries its exact share.
    fn make_exact(&mut self, p: usize, eval: &mut Eval) {
        if eval.exact.is_none() {
            let capped = std::mem::take(&mut eval.capped);
            eval.exact = Some(self.exact_from_capped(p, &capped));
        }
    }

    /// Exact current budget of a group.
    fn exact_budget(&mut self, g: usize) -> Rational {
        if self.death[g] != NONE {
            return Rational::zero();
        }
        let profile = self.profile();
        self.ensure_shares(self.funded.len());
        let mut coef = vec![0u128; self.funded.len()];
        for &(q, w) in profile.group_entries(g) {
            let r = self.round_of[q as usize];
            if r != NONE {
                coef[r as usize] += u128::from(w);
            }
        }
        Rational::from_big_integer(self.combination(1, &coef))
            / &Rational::from_big_integer(self.denom.clone())
    }

    /// Affordability of `p` in exact arithmetic, as pabutools computes it. `None`: its
    /// supporters cannot pay for it any more.
    fn exact_eval(&mut self, p: usize) -> Option<Eval> {
        let profile = self.profile();
        let mut alive: Vec<(Rational, Rational, Rational)> = Vec::new();
        let mut total_w = Rational::zero();
        let mut available = Rational::zero();
        for &(g, w) in profile.supporters(p) {
            if self.death[g as usize] != NONE {
                continue;
            }
            let b = self.exact_budget(g as usize);
            let n = Rational::from(profile.groups[g as usize].n);
            let w = Rational::from(w);
            available += &(&n * &b);
            total_w += &(&n * &w);
            alive.push((b, n, w));
        }
        let cost = &profile.costs[p];
        if alive.is_empty() || available < *cost {
            return None;
        }
        alive.sort_by(|a, b| (&a.0 * &b.2).cmp(&(&b.0 * &a.2)));
        let mut paid = Rational::zero();
        let mut denom = total_w;
        let mut x = None;
        for (b, n, w) in &alive {
            let candidate = &(cost - &paid) / &denom;
            if &candidate * w <= *b {
                x = Some(candidate);
                break;
            }
            paid += &(n * b);
            denom -= &(n * w);
        }
        let x = x.expect("an affordable project has a share its richest supporter can pay");
        let rho = self.rho_of(p, &x).to_f64();
        let x_f = x.to_f64();
        Some(Eval {
            lo: rho * (1.0 - 4.0 * U),
            hi: rho * (1.0 + 4.0 * U),
            x: x_f,
            x_err: 4.0 * U * x_f.abs(),
            exact: Some(x),
            capped: Vec::new(),
        })
    }

    /// Affordability of `p`, in floating point when the bounds allow, else exactly.
    fn eval(&mut self, p: usize) -> Option<Eval> {
        if self.untouched[p]
            && self.eng.unit_weights
            && let Some(eval) = self.eval_untouched(p)
        {
            return Some(eval);
        }
        self.eval_walk(p)
    }

    /// While no supporter of `p` has paid for anything, every one of them holds the endowment
    /// (the same `f64` with the same error bound), so the walk of [`Run::eval_walk`] reduces to
    /// one product: the same test, settled in O(1). `None`: not settled this way.
    fn eval_untouched(&self, p: usize) -> Option<Eval> {
        let n = self.eng.supp_weight[p];
        if n == 0 || n >= (1u128 << 53) {
            return None;
        }
        let n_f = n as f64;
        let (e, e_err) = (self.endowment_f, 4.0 * U * self.endowment_f.abs());
        // Σ n_g · E over the groups, with the walk's bound: Σ (n_g·err + n_g·|E|·U) plus
        // (groups + 2)·U·|sum|, here with the groups' count bounded by n.
        let available = n_f * e;
        let available_err = n_f * e_err + n_f * e.abs() * U + (n_f + 3.0) * U * available.abs();
        let cost = self.eng.cost_f[p];
        let cost_err = self.eng.cost_err[p];
        if available - available_err < cost + cost_err {
            return None;
        }
        let min_ratio = (e - e_err) / (1.0 + 2.0 * U);
        let x = cost / n_f;
        let x_err = cost_err / n_f + 2.0 * U * x;
        if min_ratio * (1.0 - 2.0 * U) > x + x_err {
            let (lo, hi) = self.rho_bounds(p, x - x_err, x + x_err);
            return Some(Eval {
                lo,
                hi,
                x,
                x_err,
                exact: None,
                capped: Vec::new(),
            });
        }
        None
    }

    /// Affordability of `p` from a walk over its alive supporters.
    fn eval_walk(&mut self, p: usize) -> Option<Eval> {
        if self.eng.unit_weights {
            return self.eval_walk_unit(p);
        }
        let profile = self.profile();
        let err = self.err;
        let mut total_w: u128 = 0;
        let mut available = 0.0f64;
        let mut available_err = 0.0f64;
        let mut min_ratio = f64::INFINITY;
        // The walk also drops groups that ran out from `p`'s list, and copies the alive
        // supporters into `scratch`, for the general fixed point.
        self.ensure_copied(p);
        let start = profile.supp_off[p] as usize;
        let end = self.alive_end[p] as usize;
        let mut k = start;
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        for i in start..end {
            let (g, w) = (self.alive_g[i], self.alive_w[i]);
            let gi = g as usize;
            let st = self.gs[gi];
            if st.b.is_nan() {
                continue;
            }
            self.alive_g[k] = g;
            self.alive_w[k] = w;
            k += 1;
            let n_int = profile.groups[gi].n;
            scratch.push(Entry {
                g,
                b: st.b,
                err,
                n: st.n,
                w: w as f64,
                n_int,
                w_int: w,
                capped: false,
            });
            let (n, b) = (st.n, st.b);
            available += n * b;
            available_err += n * err + n * b.abs() * U;
            total_w += u128::from(n_int) * u128::from(w);
            min_ratio = min_ratio.min((b - err) / (w as f64 * (1.0 + 2.0 * U)));
        }
        self.alive_end[p] = k as u32;
        let alive = k - start;
        if alive == 0 {
            self.scratch = scratch;
            return None;
        }
        let cost = self.eng.cost_f[p];
        let cost_err = self.eng.cost_err[p];
        let available_err = available_err + (alive as f64 + 2.0) * U * available.abs();
        if available + available_err < cost - cost_err {
            self.scratch = scratch;
            return None;
        }
        if available - available_err >= cost + cost_err && total_w < (1u128 << 53) {
            let x = cost / total_w as f64;
            let x_err = cost_err / total_w as f64 + 2.0 * U * x;
            // The division by (1 + 2U) above covers rounding in the ratio itself.
            if min_ratio * (1.0 - 2.0 * U) > x + x_err {
                self.scratch = scratch;
                return Some(self.uncapped_eval(p, x, x_err));
            }
        }
        let result = self.eval_float(p, &mut scratch, total_w, available, available_err);
        self.scratch = scratch;
        match result {
            Decided::Unaffordable => None,
            Decided::Float(eval) => Some(eval),
            Decided::Unsure => self.exact_eval(p),
        }
    }

    /// Makes `p`'s run-local supporter list (see [`Run::alive_g`]) the one to read.
    fn ensure_copied(&mut self, p: usize) {
        if !self.copied[p] {
            let profile = self.profile();
            let start = profile.supp_off[p] as usize;
            let end = self.alive_end[p] as usize;
            self.alive_g[start..end].copy_from_slice(&self.eng.supp_g[start..end]);
            if !self.eng.unit_weights {
                for (slot, &(_, w)) in self.alive_w[start..end]
                    .iter_mut()
                    .zip(&profile.supp[start..end])
                {
                    *slot = w;
                }
            }
            self.copied[p] = true;
        }
    }

    fn uncapped_eval(&self, p: usize, x: f64, x_err: f64) -> Eval {
        let (lo, hi) = self.rho_bounds(p, x - x_err, x + x_err);
        Eval {
            lo,
            hi,
            x,
            x_err,
            exact: None,
            capped: Vec::new(),
        }
    }

    /// [`Run::eval_walk`] when every weight is 1: the walk keeps (budget, voters) pairs only,
    /// the voter counts sum exactly in `f64` (fewer than 2^53 voters), and the minimum of
    /// b − err is the minimum of b shifted by the common bound.
    fn eval_walk_unit(&mut self, p: usize) -> Option<Eval> {
        let profile = self.profile();
        // The first walk of a run reads the profile's list and writes the run-local copy.
        let eng = self.eng;
        let source = (!self.copied[p]).then_some(eng.supp_g.as_slice());
        self.copied[p] = true;
        let start = profile.supp_off[p] as usize;
        let end = self.alive_end[p] as usize;
        let mut k = start;
        let mut scratch = std::mem::take(&mut self.unit_scratch);
        // Sized up front so that the loop writes by index, with no growth check to keep the
        // accumulators from staying in registers.
        scratch.clear();
        scratch.resize(end - start, (0.0, 0, 0));
        let mut n_sum = 0.0f64;
        let mut available = 0.0f64;
        let mut available_abs = 0.0f64;
        let mut min_b = f64::INFINITY;
        for i in start..end {
            let g = match source {
                Some(list) => list[i],
                None => self.alive_g[i],
            };
            let st = self.gs[g as usize];
            if st.b.is_nan() {
                continue;
            }
            self.alive_g[k] = g;
            scratch[k - start] = (st.b, st.n as u32, g);
            k += 1;
            available += st.n * st.b;
            available_abs += st.n * st.b.abs();
            n_sum += st.n;
            min_b = min_b.min(st.b);
        }
        self.alive_end[p] = k as u32;
        let alive = k - start;
        scratch.truncate(alive);
        let result = if alive == 0 {
            Decided::Unaffordable
        } else {
            let err = self.err;
            let cost = self.eng.cost_f[p];
            let cost_err = self.eng.cost_err[p];
            // The same bound as the general walk's: Σ n·err + Σ n·|b|·U, plus the sum's own
            // rounding.
            let available_err =
                n_sum * err + available_abs * U + (alive as f64 + 2.0) * U * available.abs();
            if available + available_err < cost - cost_err {
                Decided::Unaffordable
            } else if available - available_err < cost + cost_err {
                Decided::Unsure
            } else {
                let x = cost / n_sum;
                let x_err = cost_err / n_sum + 2.0 * U * x;
                // Dividing by (1 + 2U) covers rounding in the ratio, as in the general walk.
                let min_ratio = (min_b - err) / (1.0 + 2.0 * U);
                if min_ratio * (1.0 - 2.0 * U) > x + x_err {
                    Decided::Float(self.uncapped_eval(p, x, x_err))
                } else {
                    self.unit_fixed_point(p, &mut scratch, n_sum)
                }
            }
        };
        self.unit_scratch = scratch;
        match result {
            Decided::Unaffordable => None,
            Decided::Float(eval) => Some(eval),
            Decided::Unsure => self.exact_eval(p),
        }
    }

    /// The capped fixed point of [`Run::eval_float`] for unit weights: each pass moves the
    /// groups that cannot pay the current share to the front and scans only the rest; the
    /// last pass (nothing moved) yields the least uncapped budget, so the certificate needs no
    /// further pass.
    fn unit_fixed_point(&self, p: usize, scratch: &mut [(f64, u32, u32)], n_sum: f64) -> Decided {
        let cost = self.eng.cost_f[p];
        let cost_err = self.eng.cost_err[p];
        let err = self.err;
        let mut capped = 0usize;
        let mut capped_b = 0.0f64;
        let mut capped_abs = 0.0f64;
        let mut capped_n = 0.0f64;
        let mut max_capped_b = f64::NEG_INFINITY;
        let mut min_uncapped = f64::INFINITY;
        let mut x = cost / n_sum;
        let mut settled = false;
        for _ in 0..8 {
            let mut changed = false;
            min_uncapped = f64::INFINITY;
            let from = capped;
            for i in from..scratch.len() {
                let (b, n, _) = scratch[i];
                if b < x {
                    let n = f64::from(n);
                    scratch.swap(i, capped);
                    capped += 1;
                    capped_b += n * b;
                    capped_abs += n * b.abs();
                    capped_n += n;
                    max_capped_b = max_capped_b.max(b);
                    changed = true;
                } else {
                    min_uncapped = min_uncapped.min(b);
                }
            }
            if !changed {
                settled = true;
                break;
            }
            if capped_n >= n_sum {
                return Decided::Unsure;
            }
            x = (cost - capped_b) / (n_sum - capped_n);
        }
        if !settled {
            return Decided::Unsure;
        }
        // Certify, with the bounds of [`Run::eval_float`]: both voter counts are exact
        // integers below 2^53, so is their difference.
        let denom = n_sum - capped_n;
        let numer = cost - capped_b;
        let numer_err =
            cost_err + capped_n * err + (capped as f64 + 3.0) * U * (capped_abs + cost.abs());
        let x = numer / denom;
        let x_err = numer_err / denom + 2.0 * U * x.abs();
        let x_lo = x - x_err;
        let x_hi = x + x_err;
        if x_lo <= 0.0 {
            return Decided::Unsure;
        }
        if capped > 0 && max_capped_b + err >= x_lo * (1.0 - 2.0 * U) {
            return Decided::Unsure;
        }
        if min_uncapped - err <= x_hi * (1.0 + 2.0 * U) {
            return Decided::Unsure;
        }
        let (lo, hi) = self.rho_bounds(p, x_lo, x_hi);
        Decided::Float(Eval {
            lo,
            hi,
            x,
            x_err,
            exact: None,
            capped: scratch[..capped].iter().map(|&(_, _, g)| g).collect(),
        })
    }

    /// Bounds on ρ from bounds on the share.
    fn rho_bounds(&self, p: usize, x_lo: f64, x_hi: f64) -> (f64, f64) {
        match self.profile().sat {
            Satisfaction::Cost => {
                let cost = self.eng.cost_f[p];
                let cost_err = self.eng.cost_err[p];
                (
                    x_lo / (cost + cost_err) * (1.0 - 2.0 * U),
                    x_hi / (cost - cost_err) * (1.0 + 2.0 * U),
                )
            }
            Satisfaction::Points => {
                let scale = self.profile().points_scale_f;
                (
                    x_lo * scale * (1.0 - 4.0 * U),
                    x_hi * scale * (1.0 + 4.0 * U),
                )
            }
        }
    }

    fn eval_float(
        &self,
        p: usize,
        entries: &mut [Entry],
        total_w: u128,
        available: f64,
        available_err: f64,
    ) -> Decided {
        if entries.is_empty() {
            return Decided::Unaffordable;
        }
        let cost = self.eng.cost_f[p];
        let cost_err = self.eng.cost_err[p];
        if available + available_err < cost - cost_err {
            return Decided::Unaffordable;
        }
        if available - available_err < cost + cost_err {
            return Decided::Unsure;
        }
        // Fixed point: cap those who cannot pay the current share, recompute, repeat.
        let mut capped_b = 0.0f64;
        let mut capped_w: u128 = 0;
        let mut x = cost / total_w as f64;
        let mut settled = false;
        for _ in 0..8 {
            let mut changed = false;
            for e in entries.iter_mut() {
                if !e.capped && e.b < x * e.w {
                    e.capped = true;
                    capped_b += e.n * e.b;
                    capped_w += u128::from(e.n_int) * u128::from(e.w_int);
                    changed = true;
                }
            }
            if !changed {
                settled = true;
                break;
            }
            if capped_w >= total_w {
                return Decided::Unsure;
            }
            x = (cost - capped_b) / (total_w - capped_w) as f64;
        }
        if !settled {
            return Decided::Unsure;
        }
        // Certify: recompute the share with an error bound and check every cap decision.
        let mut sum = 0.0f64;
        let mut sum_err = 0.0f64;
        let mut sum_abs = 0.0f64;
        let mut capped_count = 0.0f64;
        for e in entries.iter().filter(|e| e.capped) {
            sum += e.n * e.b;
            sum_err += e.n * e.err;
            sum_abs += (e.n * e.b).abs();
            capped_count += 1.0;
        }
        let denom = total_w - capped_w;
        let denom_f = denom as f64;
        let denom_rel = if denom < (1u128 << 53) { 0.0 } else { U };
        let numer = cost - sum;
        let numer_err = cost_err + sum_err + (capped_count + 3.0) * U * (sum_abs + cost.abs());
        let x = numer / denom_f;
        let x_err = numer_err / denom_f + (2.0 * U + 2.0 * denom_rel) * x.abs();
        let x_lo = x - x_err;
        let x_hi = x + x_err;
        if x_lo <= 0.0 {
            return Decided::Unsure;
        }
        for e in entries.iter() {
            let ok = if e.capped {
                e.b + e.err < x_lo * e.w * (1.0 - 2.0 * U)
            } else {
                e.b - e.err > x_hi * e.w * (1.0 + 2.0 * U)
            };
            if !ok {
                return Decided::Unsure;
            }
        }
        let (lo, hi) = self.rho_bounds(p, x_lo, x_hi);
        let capped = entries.iter().filter(|e| e.capped).map(|e| e.g).collect();
        Decided::Float(Eval {
            lo,
            hi,
            x,
            x_err,
            exact: None,
            capped,
        })
    }

    /// Funds `p`: its supporters pay their share, or all they have.
    fn fund(&mut self, p: usize, mut eval: Eval) {
        self.ensure_copied(p);
        let profile = self.profile();
        let t = self.funded.len() as u32;
        let mut unsure: Vec<(u32, u64)> = Vec::new();
        let start = profile.supp_off[p] as usize;
        let err = self.err;
        let x_lo = eval.x - eval.x_err;
        let x_hi = eval.x + eval.x_err;
        let mut max_paying_w: u64 = 0;
        for i in start..self.alive_end[p] as usize {
            let g = self.alive_g[i];
            let w = if self.eng.unit_weights {
                1
            } else {
                self.alive_w[i]
            };
            let gi = g as usize;
            let b = self.gs[gi].b;
            if b.is_nan() {
                continue;
            }
            let wf = w as f64;
            if b + err < x_lo * wf * (1.0 - 2.0 * U) {
                self.death[gi] = t;
                self.gs[gi].b = f64::NAN;
            } else if b - err > x_hi * wf * (1.0 + 2.0 * U) {
                self.gs[gi].b = b - eval.x * wf;
                max_paying_w = max_paying_w.max(w);
            } else {
                unsure.push((g, w));
            }
        }
        if max_paying_w > 0 {
            // Each payer's new error is at most its old one, plus w · x_err for the share,
            // plus the rounding of the product and the difference, 2U(|b| + |pay|), where
            // neither exceeds the endowment (4U·E, taken as 5U·E for the bounds' own rounding).
            self.err = err + max_paying_w as f64 * eval.x_err + 5.0 * U * self.endowment_f.abs();
        }
        if !unsure.is_empty() {
            self.make_exact(p, &mut eval);
            let x = eval.exact.clone().expect("exact share");
            for (g, w) in unsure {
                let gi = g as usize;
                let b = self.exact_budget(gi);
                let due = &x * &Rational::from(w);
                if b < due {
                    self.death[gi] = t;
                    self.gs[gi].b = f64::NAN;
                } else {
                    // Within 2⁻⁵³ of the exact budget, below the run-wide bound, which
                    // started at 4U·E and never decreases.
                    self.gs[gi].b = (&b - &due).to_f64();
                }
            }
        }
        self.round_of[p] = t;
        self.funded.push(Funded {
            project: p,
            exact: eval.exact,
        });
        for &q in &self.eng.neighbours[p] {
            self.dirty[q as usize] = true;
            self.untouched[q as usize] = false;
        }
    }

    /// Runs MES to the end; returns the funded projects in order (free ones first).
    fn run(&mut self) -> Vec<usize> {
        let profile = self.profile();
        let np = profile.len();
        let mut order: Vec<usize> = (0..np).filter(|&p| self.eng.free[p]).collect();
        let mut heap: BinaryHeap<Reverse<(Key, u32, u32)>> = (0..np)
            .filter(|&p| self.eng.candidate[p])
            .map(|p| Reverse((Key(0.0), profile.tb_rank[p], p as u32)))
            .collect();
        let mut contenders: Vec<usize> = Vec::new();
        loop {
            contenders.clear();
            let mut min_hi = f64::INFINITY;
            while let Some(&Reverse((Key(lo), _, p))) = heap.peek() {
                if !contenders.is_empty() && lo > min_hi {
                    break;
                }
                heap.pop();
                let p = p as usize;
                if self.dirty[p] {
                    self.dirty[p] = false;
                    let eval = self.eval(p);
                    if let Some(eval) = &eval {
                        heap.push(Reverse((Key(eval.lo), profile.tb_rank[p], p as u32)));
                    }
                    self.evals[p] = eval;
                    continue;
                }
                let hi = self.evals[p].as_ref().map_or(f64::INFINITY, |e| e.hi);
                min_hi = min_hi.min(hi);
                contenders.push(p);
            }
            if contenders.is_empty() {
                break;
            }
            let close: Vec<usize> = contenders
                .iter()
                .copied()
                .filter(|&p| self.evals[p].as_ref().is_some_and(|e| e.lo <= min_hi))
                .collect();
            let winner = if close.len() == 1 {
                close[0]
            } else {
                // Too close for floating point: compare the exact ρ, ties by the tie-break.
                let mut best: Option<(Rational, u32, usize)> = None;
                for &p in &close {
                    let mut eval = self.evals[p].take().expect("contenders are evaluated");
                    self.make_exact(p, &mut eval);
                    let x = eval.exact.clone().expect("exact");
                    self.evals[p] = Some(eval);
                    let rho = self.rho_of(p, &x);
                    let key = (rho, profile.tb_rank[p], p);
                    if best.as_ref().is_none_or(|b| (&key.0, key.1) < (&b.0, b.1)) {
                        best = Some(key);
                    }
                }
                best.expect("at least two close contenders").2
            };
            for &p in &contenders {
                if p != winner {
                    let lo = self.evals[p].as_ref().map_or(0.0, |e| e.lo);
                    heap.push(Reverse((Key(lo), profile.tb_rank[p], p as u32)));
                }
            }
            let eval = self.evals[winner].take().expect("the winner was evaluated");
            self.fund(winner, eval);
            order.push(winner);
        }
        order
    }

    /// Explanations for every project once the run is over.
    fn explain(&mut self, order: &[usize]) -> (Vec<bool>, Vec<Explanation>) {
        let profile = self.profile();
        let np = profile.len();
        let mut funded = vec![false; np];
        let mut explanations = vec![Explanation::NoSupport; np];
        for &p in order {
            funded[p] = true;
        }
        self.ensure_shares(self.funded.len());
        let free_count = order.len() - self.funded.len();
        for (t, f) in self.funded.clone().iter().enumerate() {
            let x = f.exact.clone().expect("all shares exact");
            let max_w = profile
                .supporters(f.project)
                .iter()
                .map(|&(_, w)| w)
                .max()
                .unwrap_or(1);
            explanations[f.project] = Explanation::MesFunded {
                round: (free_count + t + 1) as u32,
                supporters: profile.supporter_count(f.project),
                max_payment: &x * &Rational::from(max_w),
                rho: self.rho_of(f.project, &x),
            };
        }
        for p in 0..np {
            if self.eng.free[p] {
                explanations[p] = Explanation::MesFree;
            } else if funded[p] {
                continue;
            } else if profile.costs[p] > profile.budget {
                explanations[p] = Explanation::OverBudget {
                    cost: profile.costs[p].clone(),
                    budget: profile.budget.clone(),
                };
            } else if self.eng.candidate[p] {
                explanations[p] = Explanation::MesSupportersShort {
                    supporters: profile.supporter_count(p),
                    supporters_left: self.supporters_left(p),
                    cost: profile.costs[p].clone(),
                };
            } else if profile.costs[p].is_zero() && !profile.support[p].is_zero() {
                explanations[p] = Explanation::MesFreeIgnored;
            }
        }
        (funded, explanations)
    }

    /// Exact total budget left to `p`'s supporters.
    fn supporters_left(&self, p: usize) -> Rational {
        let profile = self.profile();
        let mut count: u128 = 0;
        let mut coef = vec![0u128; self.funded.len()];
        for &(g, _) in profile.supporters(p) {
            if self.death[g as usize] != NONE {
                continue;
            }
            let n = u128::from(profile.groups[g as usize].n);
            count += n;
            for &(q, w) in profile.group_entries(g as usize) {
                let r = self.round_of[q as usize];
                if r != NONE {
                    coef[r as usize] += n * u128::from(w);
                }
            }
        }
        Rational::from_big_integer(self.combination(count, &coef))
            / &Rational::from_big_integer(self.denom.clone())
    }
}

enum Decided {
    Unaffordable,
    Float(Eval),
    Unsure,
}

/// The endowment the Add1 loop settled on, with its run when it made one.
enum Chosen<'e, 'a> {
    Plain(Rational),
    Ran(Rational, Box<Run<'e, 'a>>, Vec<usize>),
}

/// Sums of project costs for the Add1 loop's stopping tests: integers over the least common
/// denominator of the costs and the budget when they fit in `i128` (checked), else rationals.
struct Money<'a> {
    profile: &'a Profile,
    scaled: Option<(Vec<i128>, i128)>,
}

enum Total {
    Scaled(i128),
    Exact(Rational),
}

impl<'a> Money<'a> {
    fn new(profile: &'a Profile) -> Self {
        let scaled = (|| {
            let mut denom = profile.budget.denom().clone();
            for c in &profile.costs {
                denom = num_integer::Integer::lcm(&denom, c.denom());
            }
            let to_int = |q: &Rational| -> Option<i128> {
                let v = q.numer() * (&denom / q.denom());
                i128::try_from(v).ok()
            };
            let costs: Vec<i128> = profile.costs.iter().map(to_int).collect::<Option<_>>()?;
            // Every partial sum of costs (and one cost more) must fit: bound them by the total.
            let mut total: i128 = 0;
            for &c in &costs {
                total = total.checked_add(c)?;
            }
            let budget = to_int(&profile.budget)?;
            total.checked_add(budget)?;
            Some((costs, budget))
        })();
        Money { profile, scaled }
    }

    fn total(&self, order: &[usize]) -> Total {
        match &self.scaled {
            Some((costs, _)) => Total::Scaled(order.iter().map(|&p| costs[p]).sum()),
            None => Total::Exact(order.iter().map(|&p| &self.profile.costs[p]).sum()),
        }
    }

    fn over_budget(&self, total: &Total) -> bool {
        match (total, &self.scaled) {
            (Total::Scaled(t), Some((_, budget))) => t > budget,
            (Total::Exact(t), _) => *t > self.profile.budget,
            _ => unreachable!("totals are made by the same Money"),
        }
    }

    /// Whether adding project `p` to `total` would overspend.
    fn over_budget_with(&self, total: &Total, p: usize) -> bool {
        match (total, &self.scaled) {
            (Total::Scaled(t), Some((costs, budget))) => t + costs[p] > *budget,
            (Total::Exact(t), _) => t + &self.profile.costs[p] > self.profile.budget,
            _ => unreachable!("totals are made by the same Money"),
        }
    }
}

pub(crate) fn mes(profile: &Profile, add1: Add1) -> RuleResult {
    let np = profile.len();
    if profile.voters == 0 {
        // pabutools returns the empty allocation when there are no ballots.
        return RuleResult {
            funded: vec![false; np],
            explanations: vec![Explanation::NoSupport; np],
            endowment: None,
            mes_runs: None,
        };
    }
    let engine = Engine::new(profile);
    let base = &profile.budget / &Rational::from(profile.voters);
    let mut runs = 0u32;
    let endowment = match add1 {
        Add1::No => Chosen::Plain(base),
        Add1::UntilOverspent | Add1::UntilExhaustive => {
            let candidates: Vec<usize> = (0..np).filter(|&p| engine.candidate[p]).collect();
            let money = Money::new(profile);
            let mut previous: Option<(Rational, Box<Run>, Vec<usize>)> = None;
            let mut endowment = base;
            // Two runs' buffers serve the whole loop: the current one and the previous one,
            // which is returned when the current one overspends.
            let mut spare: Option<Box<Run>> = None;
            loop {
                let mut run = match spare.take() {
                    Some(mut run) => {
                        run.reset(endowment.clone());
                        run
                    }
                    None => Box::new(Run::new(&engine, endowment.clone())),
                };
                let order = run.run();
                runs += 1;
                let mut chosen = vec![false; np];
                for &p in &order {
                    chosen[p] = true;
                }
                let cost = money.total(&order);
                if money.over_budget(&cost) {
                    break match previous {
                        Some((e, run, order)) => Chosen::Ran(e, run, order),
                        None => Chosen::Ran(endowment, run, order),
                    };
                }
                let stop = match add1 {
                    Add1::UntilOverspent => candidates.iter().all(|&p| chosen[p]),
                    _ => candidates
                        .iter()
                        .all(|&p| chosen[p] || money.over_budget_with(&cost, p)),
                };
                if stop {
                    break Chosen::Ran(endowment, run, order);
                }
                let next = &endowment + &Rational::one();
                if let Some((_, old, _)) = previous.replace((endowment, run, order)) {
                    spare = Some(old);
                }
                endowment = next;
            }
        }
    };
    let (endowment, mut run, order) = match endowment {
        Chosen::Plain(endowment) => {
            let mut run = Run::new(&engine, endowment.clone());
            let order = run.run();
            (endowment, run, order)
        }
        Chosen::Ran(endowment, run, order) => (endowment, *run, order),
    };
    let (funded, explanations) = run.explain(&order);
    RuleResult {
        funded,
        explanations,
        endowment: Some(endowment),
        mes_runs: (add1 != Add1::No).then_some(runs),
    }
}
