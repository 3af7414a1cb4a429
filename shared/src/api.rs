//! The wire types of the HTTP API, in one place for both sides. No behaviour beyond
//! conversions: the server fills them from its database, the browser renders them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ballot::BallotRules;
use crate::money::Money;
use crate::round::Phase;

/// `GET /api/health`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub database: String,
}

/// The one error shape every API error uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `not-found`, `bad-request`, `invalid-ballot`, ...
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
    /// Every broken rule, for `invalid-ballot` and other validation errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<crate::ballot::Violation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
}

/// The key dates of a round; any may be unset while it is being prepared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    pub proposals_open: Option<DateTime<Utc>>,
    pub voting_opens: Option<DateTime<Utc>>,
    pub voting_closes: Option<DateTime<Utc>>,
    pub results_due: Option<DateTime<Utc>>,
}

/// A round as listed on the portal: `GET /api/rounds`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub id: String,
    pub organisation: Organisation,
    pub title: String,
    pub summary: String,
    pub phase: Phase,
    pub currency: String,
    pub budget: Money,
    pub timeline: Timeline,
    pub districts: u32,
    pub projects: u32,
}

/// A round with everything a voter needs: `GET /api/rounds/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundDetail {
    pub id: String,
    pub organisation: Organisation,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub phase: Phase,
    pub currency: String,
    pub budget: Money,
    pub timeline: Timeline,
    pub ballot: BallotRules,
    pub rule: String,
    pub tie_break: String,
    pub live_results_public: bool,
    pub revote_allowed: bool,
    pub districts: Vec<District>,
    pub categories: Vec<Category>,
    pub projects: Vec<Project>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    pub id: String,
    pub name: String,
    pub budget: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feasibility {
    Pending,
    Feasible,
    NotFeasible,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    pub district: String,
    pub category: Option<String>,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub cost: Money,
    pub image_url: Option<String>,
    pub location: Option<String>,
    pub feasibility: Feasibility,
    pub feasibility_reason: Option<String>,
    pub withdrawn: bool,
}

impl Project {
    /// Whether a ballot may name it (SPEC §2: feasible and not withdrawn).
    pub fn on_ballot(&self) -> bool {
        self.feasibility == Feasibility::Feasible && !self.withdrawn
    }
}

impl RoundDetail {
    /// The validator's view of one district of this round.
    pub fn candidates(&self, district: &str) -> Vec<crate::ballot::CandidateProject> {
        self.projects
            .iter()
            .filter(|p| p.district == district)
            .map(|p| crate::ballot::CandidateProject {
                id: p.id.clone(),
                cost: p.cost,
                eligible: p.on_ballot(),
            })
            .collect()
    }
}

/// `POST /api/rounds/{id}/ballots`: exactly one of `approvals`, `points` or `ranking`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CastBallot {
    pub code: String,
    pub district: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approvals: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<std::collections::BTreeMap<String, u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Vec<String>>,
}

impl CastBallot {
    /// The marks, if exactly one kind was sent.
    pub fn marks(&self) -> Option<crate::ballot::BallotMarks> {
        use crate::ballot::BallotMarks;
        match (&self.approvals, &self.points, &self.ranking) {
            (Some(a), None, None) => Some(BallotMarks::Approvals(a.clone())),
            (None, Some(p), None) => Some(BallotMarks::Points(p.clone())),
            (None, None, Some(r)) => Some(BallotMarks::Ranking(r.clone())),
            _ => None,
        }
    }
}

/// `201` answer to a cast ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub receipt: String,
}

/// `GET /api/rounds/{id}/tally`: live counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveTally {
    pub ballots: u64,
    pub districts: Vec<DistrictTally>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictTally {
    pub id: String,
    pub ballots: u64,
    pub projects: Vec<ProjectVotes>,
}

/// Approvals, points or rankings a project has received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectVotes {
    pub id: String,
    pub votes: u64,
}

/// `GET /api/receipts/{receipt}` when the ballot is counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptCheck {
    pub counted: bool,
    pub round: String,
}
