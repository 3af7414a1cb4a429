//! Counting rules (SPEC §3): pure functions of an [`Election`], a [`Rule`] and a [`TieBreak`],
//! giving the same outcome as pabutools 1.2.3 with exact fractions, ties included.
//!
//! | rule | pabutools call it matches |
//! |---|---|
//! | `greedy` | `greedy_utilitarian_welfare`, `Cost_Sat` (`Additive_Cardinal_Sat` for points) |
//! | `mes` | `method_of_equal_shares`, same satisfaction |
//! | `mes-add1` | `method_of_equal_shares(voter_budget_increment=1)` that only stops on overspending or once every supported project is funded |
//! | `mes-add1-greedy` | `completion_by_rule_combination([mes with voter_budget_increment=1, greedy])` |
//! | `phragmen` | `sequential_phragmen` (approval ballots only) |
//!
//! Amounts in an [`Outcome`] are [`Rational`]s, serialised as exact strings (`"1584196.52"`,
//! `"1/3"`), never as floats.

mod greedy;
mod mes;
mod phragmen;
mod profile;
#[cfg(test)]
mod reference;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::pabulib::Election;
use crate::rational::Rational;

pub use profile::Satisfaction;

/// A counting rule, by its CLI and API name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    #[serde(rename = "greedy")]
    Greedy,
    #[serde(rename = "mes")]
    Mes,
    #[serde(rename = "mes-add1")]
    MesAdd1,
    #[serde(rename = "mes-add1-greedy")]
    MesAdd1Greedy,
    #[serde(rename = "phragmen")]
    Phragmen,
}

impl Rule {
    pub const ALL: [Rule; 5] = [
        Rule::Greedy,
        Rule::Mes,
        Rule::MesAdd1,
        Rule::MesAdd1Greedy,
        Rule::Phragmen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Greedy => "greedy",
            Rule::Mes => "mes",
            Rule::MesAdd1 => "mes-add1",
            Rule::MesAdd1Greedy => "mes-add1-greedy",
            Rule::Phragmen => "phragmen",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {name:?}; expected one of: {expected}")]
pub struct UnknownName {
    kind: &'static str,
    name: String,
    expected: &'static str,
}

impl FromStr for Rule {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownName {
                kind: "rule",
                name: s.to_owned(),
                expected: "greedy, mes, mes-add1, mes-add1-greedy, phragmen",
            })
    }
}

/// How exact ties between projects are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum TieBreak {
    /// pabutools' default: the smallest project id compared as a string (`"10" < "2"`).
    #[default]
    #[serde(rename = "lexico")]
    Lexico,
    /// equalshares.net's recommendation: the lowest cost, then the most votes (voters who
    /// approved, ranked or gave points to the project), then the smallest id as a string.
    #[serde(rename = "cost-then-votes")]
    CostThenVotes,
}

impl TieBreak {
    pub fn as_str(self) -> &'static str {
        match self {
            TieBreak::Lexico => "lexico",
            TieBreak::CostThenVotes => "cost-then-votes",
        }
    }
}

impl fmt::Display for TieBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TieBreak {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "lexico" => Ok(TieBreak::Lexico),
            "cost-then-votes" => Ok(TieBreak::CostThenVotes),
            _ => Err(UnknownName {
                kind: "tie-break",
                name: s.to_owned(),
                expected: "lexico, cost-then-votes",
            }),
        }
    }
}

/// Why a rule cannot count an election.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    #[error("{rule} needs approval ballots, but this election's ballots are {vote_type}")]
    NeedsApprovalBallots { rule: Rule, vote_type: String },
    #[error("points are too large or too finely divided to count exactly ({0})")]
    PointsOutOfRange(String),
}

/// The result of counting an election with one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub rule: Rule,
    pub tie_break: TieBreak,
    /// Funded project ids, sorted as strings.
    pub selected: Vec<String>,
    /// Total cost of the funded projects.
    pub cost: Rational,
    pub budget: Rational,
    /// For MES rules: what each voter started the returned run with (budget / voters, plus the
    /// Add1 increments).
    pub endowment: Option<Rational>,
    /// For `mes-add1` and `mes-add1-greedy`: how many MES runs the Add1 loop made.
    pub mes_runs: Option<u32>,
    /// Every project, in the election's order.
    pub projects: Vec<ProjectOutcome>,
}

/// One project's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectOutcome {
    pub id: String,
    pub cost: Rational,
    pub funded: bool,
    /// Approvals (approval, choose-1), rankings (ordinal) or points (cumulative, scoring).
    pub support: Rational,
    pub explanation: Explanation,
}

/// Why a project was or was not funded, as numbers for the UI to put in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Explanation {
    /// Greedy: funded as the `rank`-th project in order of support; `remaining_after` was left.
    GreedyFunded {
        rank: u32,
        remaining_after: Rational,
    },
    /// Greedy: when its turn (`rank`) came only `remaining` was left, and it costs `cost`.
    GreedyNotFunded {
        rank: u32,
        remaining: Rational,
        cost: Rational,
    },
    /// MES: funded in round `round`; each of its `supporters` paid at most `max_payment`
    /// (those with less left paid all they had); `rho` is pabutools' affordability factor.
    MesFunded {
        round: u32,
        supporters: u64,
        max_payment: Rational,
        rho: Rational,
    },
    /// MES with points: a free project someone gave points to is funded before the first round.
    MesFree,
    /// MES: its `supporters` had only `supporters_left` between them at the end, less than its
    /// `cost`.
    MesSupportersShort {
        supporters: u64,
        supporters_left: Rational,
        cost: Rational,
    },
    /// MES with cost utilities: a free project gives nobody any utility, so MES never picks it.
    MesFreeIgnored,
    /// Nobody supported it.
    NoSupport,
    /// `mes-add1-greedy`: funded by the greedy completion after MES, `remaining_after` left.
    CompletionFunded {
        rank: u32,
        remaining_after: Rational,
    },
    /// `mes-add1-greedy`: not funded by MES (`supporters_left` of `cost` among its supporters)
    /// nor by the greedy completion, which had `remaining` left when its turn came.
    CompletionNotFunded {
        supporters: u64,
        supporters_left: Rational,
        remaining: Rational,
        cost: Rational,
    },
    /// Phragmén: funded in round `round`, its supporters' load rising to `max_load`.
    PhragmenFunded { round: u32, max_load: Rational },
    /// Phragmén: counting stopped with `remaining` left, when the next project in line did not
    /// fit; this one costs `cost`.
    PhragmenNotFunded { remaining: Rational, cost: Rational },
    /// It costs more than the whole budget.
    OverBudget { cost: Rational, budget: Rational },
}

impl Explanation {
    /// Plain English, for the command line. The web UI renders its own translations.
    pub fn describe(&self) -> String {
        match self {
            Explanation::GreedyFunded {
                rank,
                remaining_after,
            } => {
                format!("funded: #{rank} by support, {remaining_after} left after it")
            }
            Explanation::GreedyNotFunded {
                rank,
                remaining,
                cost,
            } => format!(
                "not funded: #{rank} by support, {remaining} left after higher-ranked projects, it costs {cost}"
            ),
            Explanation::MesFunded {
                round,
                supporters,
                max_payment,
                ..
            } => format!(
                "funded in round {round}: its {supporters} supporters paid at most {} each",
                approx(max_payment)
            ),
            Explanation::MesFree => "funded: it costs nothing and has support".to_owned(),
            Explanation::MesSupportersShort {
                supporters,
                supporters_left,
                cost,
            } => format!(
                "not funded: its {supporters} supporters had {} left of the {cost} it needs",
                approx(supporters_left)
            ),
            Explanation::MesFreeIgnored => {
                "not funded: it costs nothing, so it gives no cost-utility to count".to_owned()
            }
            Explanation::NoSupport => "not funded: nobody voted for it".to_owned(),
            Explanation::CompletionFunded {
                rank,
                remaining_after,
            } => format!(
                "funded by the greedy completion (#{rank} by support), {remaining_after} left after it"
            ),
            Explanation::CompletionNotFunded {
                supporters,
                supporters_left,
                remaining,
                cost,
            } => {
                format!(
                    "not funded: its {supporters} supporters had {} left of the {cost} it needs, and only {remaining} was left for the greedy completion",
                    approx(supporters_left)
                )
            }
            Explanation::PhragmenFunded { round, max_load } => {
                format!(
                    "funded in round {round}: its supporters' load rose to {}",
                    approx(max_load)
                )
            }
            Explanation::PhragmenNotFunded { remaining, cost } => format!(
                "not funded: counting stopped with {remaining} left when the next project did not fit; it costs {cost}"
            ),
            Explanation::OverBudget { cost, budget } => {
                format!("not funded: it costs {cost}, more than the whole budget of {budget}")
            }
        }
    }
}

/// Two decimals for prose; the exact value stays in the data.
fn approx(value: &Rational) -> String {
    if value.to_money().is_some() {
        value.to_string()
    } else {
        format!("{:.2}", value.to_f64())
    }
}

/// Counts `election` with `rule`, breaking exact ties with `tie_break`.
pub fn tally(election: &Election, rule: Rule, tie_break: TieBreak) -> Result<Outcome, TallyError> {
    let profile = profile::Profile::new(election, tie_break)?;
    let result = match rule {
        Rule::Greedy => greedy::greedy(&profile),
        Rule::Mes => mes::mes(&profile, mes::Add1::No),
        Rule::MesAdd1 => mes::mes(&profile, mes::Add1::UntilOverspent),
        Rule::MesAdd1Greedy => {
            let first = mes::mes(&profile, mes::Add1::UntilExhaustive);
            greedy::complete(&profile, first)
        }
        Rule::Phragmen => {
            if !election.vote_type().is_approval() {
                return Err(TallyError::NeedsApprovalBallots {
                    rule,
                    vote_type: election.vote_type().to_string(),
                });
            }
            phragmen::phragmen(&profile)
        }
    };
    Ok(result.into_outcome(&profile, rule, tie_break))
}

/// What a rule hands back before it is dressed as an [`Outcome`].
#[derive(Debug, Clone)]
pub(crate) struct RuleResult {
    /// Project positions, funded ones.
    pub funded: Vec<bool>,
    pub explanations: Vec<Explanation>,
    pub endowment: Option<Rational>,
    pub mes_runs: Option<u32>,
}

impl RuleResult {
    fn into_outcome(self, profile: &profile::Profile, rule: Rule, tie_break: TieBreak) -> Outcome {
        let mut selected: Vec<String> = Vec::new();
        let mut cost = Rational::zero();
        let mut projects = Vec::with_capacity(profile.len());
        for (p, explanation) in self.explanations.into_iter().enumerate() {
            if self.funded[p] {
                selected.push(profile.ids[p].clone());
                cost += &profile.costs[p];
            }
            projects.push(ProjectOutcome {
                id: profile.ids[p].clone(),
                cost: profile.costs[p].clone(),
                funded: self.funded[p],
                support: profile.support[p].clone(),
                explanation,
            });
        }
        selected.sort();
        Outcome {
            rule,
            tie_break,
            selected,
            cost,
            budget: profile.budget.clone(),
            endowment: self.endowment,
            mes_runs: self.mes_runs,
            projects,
        }
    }
}
