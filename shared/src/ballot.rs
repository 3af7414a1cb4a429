//! Ballot rules (SPEC §2) and the one validation function that both the browser's live feedback
//! and the server's acceptance call. Every violated rule is reported, each as a message key with
//! parameters, so the frontend can say it in the voter's language.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// How a round's ballots are filled in, with its limits. Mirrors Pabulib's `vote_type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum BallotRules {
    /// Pick projects.
    Approval {
        min_length: u32,
        /// `None`: as many as the voter likes.
        max_length: Option<u32>,
        /// Optional knapsack limit on the total cost of the picked projects.
        cost_limit: Option<CostLimit>,
        /// Optional minimum share of the limit (or of the district budget) to spend, in percent.
        min_spend_percent: Option<u8>,
    },
    /// Spread points over projects.
    Cumulative {
        max_sum_points: u32,
        max_points: u32,
        min_points: u32,
    },
    /// Rank projects in order of preference.
    Ordinal { min_length: u32, max_length: u32 },
}

/// The ceiling on an approval ballot's total cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "amount", rename_all = "kebab-case")]
pub enum CostLimit {
    /// The budget of the district the ballot is for.
    DistrictBudget,
    /// A fixed amount set by the round.
    Amount(Money),
}

impl BallotRules {
    pub fn kind(&self) -> BallotKind {
        match self {
            BallotRules::Approval { .. } => BallotKind::Approval,
            BallotRules::Cumulative { .. } => BallotKind::Cumulative,
            BallotRules::Ordinal { .. } => BallotKind::Ordinal,
        }
    }

    /// Rules that contradict themselves (a minimum above the maximum) could never accept a
    /// ballot; officers are told before the round is saved.
    pub fn check(&self) -> Vec<Violation> {
        let mut problems = Vec::new();
        match *self {
            BallotRules::Approval {
                min_length,
                max_length,
                min_spend_percent,
                ..
            } => {
                if let Some(max) = max_length.filter(|&max| max == 0 || min_length > max) {
                    problems.push(
                        Violation::new("rules-min-above-max")
                            .with("min", min_length)
                            .with("max", max),
                    );
                }
                if min_spend_percent.is_some_and(|p| p > 100) {
                    problems.push(Violation::new("rules-percent-out-of-range"));
                }
            }
            BallotRules::Cumulative {
                max_sum_points,
                max_points,
                min_points,
            } => {
                if max_sum_points == 0 || max_points == 0 {
                    problems.push(Violation::new("rules-no-points"));
                }
                if min_points > max_sum_points {
                    problems.push(
                        Violation::new("rules-min-above-max")
                            .with("min", min_points)
                            .with("max", max_sum_points),
                    );
                }
            }
            BallotRules::Ordinal {
                min_length,
                max_length,
            } => {
                if max_length == 0 || min_length > max_length {
                    problems.push(
                        Violation::new("rules-min-above-max")
                            .with("min", min_length)
                            .with("max", max_length),
                    );
                }
            }
        }
        problems
    }
}

/// The three ballot types, without their limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BallotKind {
    Approval,
    Cumulative,
    Ordinal,
}

/// What a voter marked, as sent by the browser or typed in from a paper ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BallotMarks {
    Approvals(Vec<String>),
    Points(BTreeMap<String, u32>),
    Ranking(Vec<String>),
}

impl BallotMarks {
    pub fn kind(&self) -> BallotKind {
        match self {
            BallotMarks::Approvals(_) => BallotKind::Approval,
            BallotMarks::Points(_) => BallotKind::Cumulative,
            BallotMarks::Ranking(_) => BallotKind::Ordinal,
        }
    }

    /// The projects named, in the order given (points: by project id).
    pub fn project_ids(&self) -> Vec<&str> {
        match self {
            BallotMarks::Approvals(ids) | BallotMarks::Ranking(ids) => {
                ids.iter().map(String::as_str).collect()
            }
            BallotMarks::Points(points) => points.keys().map(String::as_str).collect(),
        }
    }
}

/// A project as the validator needs to see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateProject {
    pub id: String,
    pub cost: Money,
    /// Feasible and not withdrawn.
    pub eligible: bool,
}

/// The district a ballot is for: its budget and its projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotContext<'a> {
    pub rules: &'a BallotRules,
    pub district_budget: Money,
    pub projects: &'a [CandidateProject],
}

/// One broken rule: a message key (for the translation files) and the numbers it mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Violation {
    pub key: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl Violation {
    pub fn new(key: &str) -> Self {
        Violation {
            key: key.to_owned(),
            params: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }
}

/// A ballot that passed every rule of its district. Only `validate` makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBallot(BallotMarks);

impl ValidBallot {
    pub fn marks(&self) -> &BallotMarks {
        &self.0
    }

    pub fn into_marks(self) -> BallotMarks {
        self.0
    }
}

/// Running totals shown while a ballot is built: what is spent, what is left, how many are picked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotSummary {
    pub selected: u32,
    pub cost: Money,
    /// The knapsack ceiling, if the rules set one.
    pub cost_limit: Option<Money>,
    pub points_used: u32,
}

impl<'a> BallotContext<'a> {
    fn project(&self, id: &str) -> Option<&'a CandidateProject> {
        self.projects.iter().find(|p| p.id == id)
    }

    fn cost_limit(&self) -> Option<Money> {
        match self.rules {
            BallotRules::Approval {
                cost_limit: Some(CostLimit::DistrictBudget),
                ..
            } => Some(self.district_budget),
            BallotRules::Approval {
                cost_limit: Some(CostLimit::Amount(amount)),
                ..
            } => Some(*amount),
            _ => None,
        }
    }

    /// The total cost of the projects `marks` names, exactly: costs come from officers and
    /// the JSON API, so a few of them may add up to more than an `i64` holds.
    fn exact_cost(&self, marks: &BallotMarks) -> i128 {
        marks
            .project_ids()
            .iter()
            .filter_map(|id| self.project(id))
            .map(|p| i128::from(p.cost.minor()))
            .sum()
    }

    /// Totals for the live feedback; unknown project ids count for nothing. A cost beyond what
    /// `Money` holds shows as its largest (or smallest) value; decisions use the exact sum.
    pub fn summarise(&self, marks: &BallotMarks) -> BallotSummary {
        let ids = marks.project_ids();
        let cost = saturate(self.exact_cost(marks));
        let points_used = match marks {
            BallotMarks::Points(points) => points.values().copied().fold(0u32, u32::saturating_add),
            _ => 0,
        };
        BallotSummary {
            selected: ids.len() as u32,
            cost,
            cost_limit: self.cost_limit(),
            points_used,
        }
    }

    /// Why `id` cannot be added to `marks` right now, if it cannot (approval and ordinal
    /// ballots): the reason a greyed-out button gives.
    pub fn why_not_add(&self, marks: &BallotMarks, id: &str) -> Option<Violation> {
        let project = match self.project(id) {
            Some(p) if p.eligible => p,
            Some(_) => return Some(Violation::new("project-not-eligible").with("project", id)),
            None => return Some(Violation::new("project-unknown").with("project", id)),
        };
        if marks.project_ids().contains(&id) {
            return Some(Violation::new("project-repeated").with("project", id));
        }
        let max = match self.rules {
            BallotRules::Approval { max_length, .. } => *max_length,
            BallotRules::Ordinal { max_length, .. } => Some(*max_length),
            BallotRules::Cumulative { .. } => None,
        };
        if let Some(max) = max.filter(|max| marks.project_ids().len() as u64 >= u64::from(*max)) {
            return Some(Violation::new("too-many-projects").with("max", max));
        }
        if let Some(limit) = self.cost_limit() {
            let left = i128::from(limit.minor()) - self.exact_cost(marks);
            if i128::from(project.cost.minor()) > left {
                return Some(
                    Violation::new("over-budget-to-add")
                        .with("project", id)
                        .with("cost", project.cost)
                        .with("left", saturate(left)),
                );
            }
        }
        None
    }

    /// Checks `marks` against every rule and returns all the rules it breaks.
    pub fn validate(&self, marks: BallotMarks) -> Result<ValidBallot, Vec<Violation>> {
        let mut problems = Vec::new();
        if marks.kind() != self.rules.kind() {
            problems.push(Violation::new("wrong-ballot-type").with(
                "expected",
                format!("{:?}", self.rules.kind()).to_lowercase(),
            ));
            return Err(problems);
        }
        let ids = marks.project_ids();
        let mut seen = BTreeSet::new();
        for id in &ids {
            match self.project(id) {
                None => problems.push(Violation::new("project-unknown").with("project", id)),
                Some(p) if !p.eligible => {
                    problems.push(Violation::new("project-not-eligible").with("project", id))
                }
                Some(_) => {}
            }
            if !seen.insert(*id) {
                problems.push(Violation::new("project-repeated").with("project", id));
            }
        }
        let summary = self.summarise(&marks);
        let cost = self.exact_cost(&marks);
        let count = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        match (self.rules, &marks) {
            (
                BallotRules::Approval {
                    min_length,
                    max_length,
                    min_spend_percent,
                    ..
                },
                _,
            ) => {
                check_length(&mut problems, count, *min_length, *max_length);
                if let Some(limit) = summary
                    .cost_limit
                    .filter(|limit| cost > i128::from(limit.minor()))
                {
                    problems.push(
                        Violation::new("over-budget")
                            .with("cost", summary.cost)
                            .with("limit", limit),
                    );
                }
                if let Some(percent) = *min_spend_percent {
                    let base = summary.cost_limit.unwrap_or(self.district_budget);
                    // Compare in integers: cost * 100 >= base * percent, widened so it cannot
                    // overflow (the cost is at most a u32 count of i64 costs).
                    if cost * 100 < i128::from(base.minor()) * i128::from(percent) {
                        let needed = saturate(
                            (i128::from(base.minor()) * i128::from(percent) + 99).div_euclid(100),
                        );
                        problems.push(
                            Violation::new("under-min-spend")
                                .with("percent", percent)
                                .with("needed", needed)
                                .with("cost", summary.cost),
                        );
                    }
                }
            }
            (
                BallotRules::Cumulative {
                    max_sum_points,
                    max_points,
                    min_points,
                },
                BallotMarks::Points(points),
            ) => {
                for (id, &p) in points {
                    if p == 0 {
                        problems.push(Violation::new("zero-points").with("project", id));
                    }
                    if p > *max_points {
                        problems.push(
                            Violation::new("too-many-points-on-project")
                                .with("project", id)
                                .with("max", max_points),
                        );
                    }
                }
                let total: u64 = points.values().map(|&p| u64::from(p)).sum();
                if total > u64::from(*max_sum_points) {
                    problems.push(
                        Violation::new("too-many-points")
                            .with("used", total)
                            .with("max", max_sum_points),
                    );
                }
                if total < u64::from(*min_points) {
                    problems.push(
                        Violation::new("too-few-points")
                            .with("used", total)
                            .with("min", min_points),
                    );
                }
            }
            (
                BallotRules::Ordinal {
                    min_length,
                    max_length,
                },
                _,
            ) => {
                check_length(&mut problems, count, *min_length, Some(*max_length));
            }
            (BallotRules::Cumulative { .. }, _) => unreachable!("ballot kind was checked above"),
        }
        if problems.is_empty() {
            Ok(ValidBallot(marks))
        } else {
            Err(problems)
        }
    }
}

/// The nearest amount `Money` can hold.
fn saturate(minor: i128) -> Money {
    Money::from_minor(i64::try_from(minor).unwrap_or(if minor < 0 { i64::MIN } else { i64::MAX }))
}

fn check_length(problems: &mut Vec<Violation>, count: u32, min: u32, max: Option<u32>) {
    if count < min {
        problems.push(
            Violation::new("too-few-projects")
                .with("min", min)
                .with("count", count),
        );
    }
    if let Some(max) = max.filter(|max| count > *max) {
        problems.push(
            Violation::new("too-many-projects")
                .with("max", max)
                .with("count", count),
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
