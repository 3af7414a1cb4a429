//! The wire types of the HTTP API, in one place for both sides. No behaviour beyond
//! conversions: the server fills them from its database, the browser renders them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ballot::BallotRules;
use crate::money::Money;
use crate::round::Phase;

/// `GET /api/health`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
    pub database: String,
}

/// The one error shape every API error uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable, machine-readable, one per HTTP status: `bad-request`, `unauthorized`,
    /// `forbidden`, `not-found`, `method-not-allowed`, `conflict`, `payload-too-large`,
    /// `unsupported-media-type`, `invalid`, `too-many-requests`, `internal`, `unavailable`.
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
    /// Every broken rule of an `invalid` ballot (absent when there is none to list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<crate::ballot::Violation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    pub id: String,
    pub name: String,
}

/// The key dates of a round; any may be unset while it is being prepared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timeline {
    pub proposals_open: Option<DateTime<Utc>>,
    pub voting_opens: Option<DateTime<Utc>>,
    pub voting_closes: Option<DateTime<Utc>>,
    pub results_due: Option<DateTime<Utc>>,
}

/// A round as listed on the portal: `GET /api/rounds`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct District {
    pub id: String,
    pub name: String,
    pub budget: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Feasibility {
    Pending,
    Feasible,
    NotFeasible,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Whether anyone may see this round's counts now: during voting only if the round shows
    /// live results, and always once voting closes. The server enforces it; the browser uses it
    /// to know whether to ask.
    pub fn counts_visible(&self) -> bool {
        self.phase >= Phase::Closed || (self.phase == Phase::Voting && self.live_results_public)
    }

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

/// `POST /api/rounds/{id}/ballots`: the code and the ballot, which holds exactly one of
/// `approvals`, `points` or `ranking`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CastBallot {
    pub code: String,
    #[serde(flatten)]
    pub ballot: BallotBody,
}

/// `201` answer to a cast ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    pub receipt: String,
}

/// `GET /api/rounds/{id}/tally`: live counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveTally {
    pub ballots: u64,
    pub districts: Vec<DistrictTally>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistrictTally {
    pub id: String,
    pub ballots: u64,
    pub projects: Vec<ProjectVotes>,
}

/// Approvals, points or rankings a project has received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectVotes {
    pub id: String,
    pub votes: u64,
}

/// `GET /api/receipts/{receipt}` when the ballot is counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptCheck {
    pub counted: bool,
    pub round: String,
}

/// Optional questions a voter may answer with their ballot, for participation statistics.
/// Never part of the public ballot export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answers {
    /// `16-24`, `25-44`, `45-64`, `65+` or absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<String>,
    /// Free-form self-description, kept short; absent when not answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
}

/// The age bands the ballot offers; anything else is refused.
pub const AGE_BANDS: [&str; 4] = ["16-24", "25-44", "45-64", "65+"];

/// `PUT /api/rounds/{id}/ballots`: change a ballot with the code that cast it and its receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeBallot {
    pub code: String,
    pub receipt: String,
    #[serde(flatten)]
    pub ballot: BallotBody,
}

/// A ballot's content without the code: what paper ballot entry sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BallotBody {
    pub district: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approvals: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<std::collections::BTreeMap<String, u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<Answers>,
}

impl BallotBody {
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

/// `GET /api/rounds/{id}/results`: the published result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundResults {
    pub rule: String,
    pub tie_break: String,
    pub published_at: DateTime<Utc>,
    /// Funded project ids in every district.
    pub selected: Vec<String>,
    pub ballots: u64,
    pub districts: Vec<DistrictResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistrictResult {
    pub id: String,
    pub budget: Money,
    pub ballots: u64,
    pub selected: Vec<String>,
    /// What the funded projects cost together.
    pub spent: Money,
    /// SHA-256 (hex) of this district's `ballots.pb`, the file the result was counted from.
    pub export_sha256: String,
    pub projects: Vec<ProjectResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectResult {
    pub id: String,
    pub funded: bool,
    pub cost: Money,
    /// Approvals, rankings or points, as the rule counted them.
    pub votes: String,
    /// The numbers behind the decision, for the UI to put in words.
    pub reason: crate::rules::Explanation,
    /// The same in plain English.
    pub explanation: String,
}

/// Delivery of a funded project, as the council reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DeliveryStatus {
    Planned,
    InProgress,
    Delivered,
    Cancelled,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 4] = [
        DeliveryStatus::Planned,
        DeliveryStatus::InProgress,
        DeliveryStatus::Delivered,
        DeliveryStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Planned => "planned",
            DeliveryStatus::InProgress => "in-progress",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// `GET /api/rounds/{id}/updates` lists these; officers post them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryUpdate {
    pub project: String,
    pub status: DeliveryStatus,
    pub note: String,
    pub on: chrono::NaiveDate,
}

/// `GET /api/rounds/{id}/stats`: participation, with small groups suppressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participation {
    pub ballots: u64,
    /// Groups smaller than this are reported as `null`.
    pub suppressed_below: u64,
    pub by_district: Vec<Cell>,
    pub by_method: Vec<Cell>,
    pub by_age_band: Vec<Cell>,
    pub by_gender: Vec<Cell>,
    pub by_day: Vec<Cell>,
}

/// One group's count, or `None` when it is too small to show without identifying people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cell {
    pub group: String,
    pub ballots: Option<u64>,
}

/// `POST /api/session`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Officer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "admin" => Some(Role::Admin),
            "officer" => Some(Role::Officer),
            _ => None,
        }
    }
}

/// The signed-in officer: `GET /api/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Officer {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation: Organisation,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// `POST /api/officer/officers` (admins only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOfficer {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password: String,
}

/// A round's settings as an officer edits them (`POST /api/officer/rounds`,
/// `PUT /api/officer/rounds/{id}`). Districts and categories are matched by id; those left out
/// are removed if no project uses them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundSettings {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: String,
    pub currency: String,
    pub ballot: BallotRules,
    #[serde(default = "default_rule")]
    pub rule: String,
    #[serde(default = "default_tie_break")]
    pub tie_break: String,
    #[serde(default)]
    pub live_results_public: bool,
    #[serde(default)]
    pub revote_allowed: bool,
    #[serde(default)]
    pub min_age: Option<u8>,
    #[serde(default)]
    pub district_bound_codes: bool,
    #[serde(default)]
    pub timeline: Timeline,
    pub districts: Vec<District>,
    #[serde(default)]
    pub categories: Vec<Category>,
}

fn default_rule() -> String {
    "greedy".into()
}

fn default_tie_break() -> String {
    "lexico".into()
}

/// A project as an officer creates or edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectInput {
    /// The public id; chosen by the server when absent on creation.
    #[serde(default)]
    pub id: Option<String>,
    pub district: String,
    #[serde(default)]
    pub category: Option<String>,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: String,
    pub cost: Money,
    #[serde(default)]
    pub image_url: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default = "default_feasibility")]
    pub feasibility: Feasibility,
    #[serde(default)]
    pub feasibility_reason: Option<String>,
    #[serde(default)]
    pub withdrawn: bool,
}

fn default_feasibility() -> Feasibility {
    Feasibility::Feasible
}

/// `POST /api/officer/rounds/{id}/import`: projects from CSV or a Pabulib file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRequest {
    /// `csv` or `pabulib`.
    pub format: String,
    pub content: String,
    /// The district the projects go to when the file does not say (the only one by default).
    #[serde(default)]
    pub district: Option<String>,
    /// Check and report without saving anything.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub saved: bool,
    pub projects: Vec<ProjectInput>,
    /// Paper ballots found in a Pabulib file (saved only on import into a new round).
    pub ballots: u64,
    pub errors: Vec<LineError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

/// `POST /api/officer/rounds/{id}/phase`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhaseChange {
    pub to: Phase,
}

/// `POST /api/officer/rounds/{id}/publish`: count with the round's rule unless told otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Publish {
    #[serde(default)]
    pub rule: Option<String>,
    #[serde(default)]
    pub tie_break: Option<String>,
}

/// `POST /api/officer/rounds/{id}/codes`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCodeBatch {
    pub count: u32,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub label: String,
}

/// The only time a batch's codes leave the server: the answer to its creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedCodes {
    pub batch: CodeBatch,
    pub codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeBatch {
    pub id: String,
    pub label: String,
    pub district: Option<String>,
    pub size: u32,
    pub used: u32,
    pub revoked: u32,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/officer/rounds/{id}/codes/revoke`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevokeCode {
    pub code: String,
}

/// `POST /api/officer/rounds/{id}/updates`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewDeliveryUpdate {
    pub project: String,
    pub status: DeliveryStatus,
    pub note: String,
    #[serde(default)]
    pub on: Option<chrono::NaiveDate>,
}

/// `GET /api/officer/audit`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub round: Option<String>,
    pub detail: serde_json::Value,
    pub hash: String,
}

/// An officer's view of a round: the public detail plus what only officers see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficerRound {
    pub round: RoundDetail,
    pub min_age: Option<u8>,
    pub district_bound_codes: bool,
    pub ballots: u64,
    pub code_batches: Vec<CodeBatch>,
    /// Phases an officer may move the round to from here.
    pub next_phases: Vec<Phase>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids() -> impl Strategy<Value = Option<Vec<String>>> {
        proptest::option::of(proptest::collection::vec("[a-z0-9 \"\\\\é]{0,4}", 0..4))
    }

    fn body() -> impl Strategy<Value = BallotBody> {
        let points = proptest::option::of(proptest::collection::btree_map(
            "[a-z0-9]{0,3}",
            any::<u32>(),
            0..4,
        ));
        let answers = proptest::option::of(
            (
                proptest::option::of("[0-9+-]{0,5}"),
                proptest::option::of(".{0,5}"),
            )
                .prop_map(|(age_band, gender)| Answers { age_band, gender }),
        );
        ("[a-z-]{0,6}", ids(), points, ids(), answers).prop_map(
            |(district, approvals, points, ranking, answers)| BallotBody {
                district,
                approvals,
                points,
                ranking,
                answers,
            },
        )
    }

    proptest! {
        /// The cast and change bodies survive JSON (their ballot is flattened into them), and
        /// a body yields marks exactly when it holds one kind of them.
        #[test]
        fn ballot_bodies_survive_json(code in ".{0,20}", receipt in ".{0,8}", ballot in body()) {
            let kinds = [ballot.approvals.is_some(), ballot.points.is_some(), ballot.ranking.is_some()];
            let marks = ballot.marks();
            prop_assert_eq!(marks.is_some(), kinds.iter().filter(|&&k| k).count() == 1);
            let cast = CastBallot { code: code.clone(), ballot: ballot.clone() };
            let json = serde_json::to_string(&cast).unwrap();
            prop_assert_eq!(serde_json::from_str::<CastBallot>(&json).unwrap(), cast);
            let change = ChangeBallot { code, receipt, ballot };
            let json = serde_json::to_string(&change).unwrap();
            let back = serde_json::from_str::<ChangeBallot>(&json).unwrap();
            prop_assert_eq!(back.ballot.marks(), marks);
            prop_assert_eq!(back, change);
        }

        /// Any text as a request body: a value or an error, never a panic.
        #[test]
        fn arbitrary_bodies_never_panic(text in r#"[\[\]{}":,0-9a-z_ -]{0,60}"#) {
            let _ = serde_json::from_str::<CastBallot>(&text).map(|c| c.ballot.marks());
            let _ = serde_json::from_str::<ChangeBallot>(&text);
        }
    }

    #[test]
    fn names_parse_back() {
        for status in DeliveryStatus::ALL {
            assert_eq!(DeliveryStatus::parse(status.as_str()), Some(status));
        }
        for role in [Role::Admin, Role::Officer] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(DeliveryStatus::parse("Delivered"), None);
    }
}
