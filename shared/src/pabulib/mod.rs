//! Pabulib (`.pb`) elections: reader, writer and a builder for elections that come from a
//! database rather than a file.
//!
//! The reader accepts what pabutools' `parse_pabulib` accepts and reads it the same way (see
//! `shared/tests/fixtures/`): `;`-separated cells with quotes, an optional UTF-8 BOM, any line
//! ending, section names in any case, the line after a section name as its header, blank lines
//! skipped, cells trimmed, `none` cells (any case) missing, decimal commas and fractions in costs
//! and budgets, the first PROJECTS column as the project id whatever its header says. Where
//! pabutools would crash (a vote naming an unknown project, a row longer than its header) the
//! reader returns an error naming the line; where pabutools is looser than a well-formed file
//! allows (a negative cost, a duplicate project id, a project ranked twice) it refuses too.
//!
//! An [`Election`] keeps every META key in order and every extra project and voter column, so
//! [`write`] then [`parse`] gives back an equal election.

mod csv;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::rational::Rational;

/// How voters filled in their ballots (`vote_type` in META).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoteType {
    Approval,
    /// Approval with exactly one project; counted as approval, as pabutools does.
    #[serde(rename = "choose-1")]
    Choose1,
    Cumulative,
    Scoring,
    Ordinal,
}

impl VoteType {
    pub fn as_str(self) -> &'static str {
        match self {
            VoteType::Approval => "approval",
            VoteType::Choose1 => "choose-1",
            VoteType::Cumulative => "cumulative",
            VoteType::Scoring => "scoring",
            VoteType::Ordinal => "ordinal",
        }
    }

    pub fn parse(text: &str) -> Option<VoteType> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "approval" => VoteType::Approval,
            "choose-1" => VoteType::Choose1,
            "cumulative" => VoteType::Cumulative,
            "scoring" => VoteType::Scoring,
            "ordinal" => VoteType::Ordinal,
            _ => return None,
        })
    }

    /// Ballots that give each listed project a number of points.
    pub fn has_points(self) -> bool {
        matches!(self, VoteType::Cumulative | VoteType::Scoring)
    }

    /// Ballots that are sets of approved projects.
    pub fn is_approval(self) -> bool {
        matches!(self, VoteType::Approval | VoteType::Choose1)
    }
}

impl fmt::Display for VoteType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A project: its id (a string, as Pabulib and pabutools compare them), its exact cost, and the
/// file's other columns (name, votes, selected, category, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    id: String,
    cost: Rational,
    fields: BTreeMap<String, String>,
}

impl Project {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn cost(&self) -> &Rational {
        &self.cost
    }

    /// A column other than the id and the cost, e.g. `name` or `selected`.
    pub fn field(&self, column: &str) -> Option<&str> {
        self.fields.get(column).map(String::as_str)
    }

    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// A ballot. It refers to projects by their position in [`Election::projects`], so it cannot
/// name a project the election does not have, nor one twice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ballot {
    projects: Vec<u32>,
    /// Points per entry of `projects` for cumulative and scoring ballots, else empty.
    points: Vec<Rational>,
}

impl Ballot {
    /// Positions in [`Election::projects`]: the approved set in file order, the ranking from
    /// first to last, or the projects given points.
    pub fn projects(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.projects.iter().map(|&p| p as usize)
    }

    /// Points given, aligned with [`Ballot::projects`] (empty unless the vote type has points).
    pub fn points(&self) -> &[Rational] {
        &self.points
    }

    pub fn len(&self) -> usize {
        self.projects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.projects.is_empty()
    }

    pub(crate) fn raw_projects(&self) -> &[u32] {
        &self.projects
    }
}

/// One voter: an id (kept as text; Pabulib does not require it to be unique), the ballot, and
/// extra columns such as `age`, `sex`, `neighborhood` or `voting_method`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voter {
    id: String,
    ballot: Ballot,
    /// Aligned with [`Election::voter_columns`]; `None` where the file says `none`.
    /// Shared text: a column's values repeat from voter to voter (ages, districts).
    fields: Vec<Option<Arc<str>>>,
}

impl Voter {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn ballot(&self) -> &Ballot {
        &self.ballot
    }
}

/// A whole election as a Pabulib file describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    meta: Vec<(String, String)>,
    budget: Rational,
    vote_type: VoteType,
    /// Extra project columns in file order (not the id, not `cost`).
    project_columns: Vec<String>,
    projects: Vec<Project>,
    /// Extra voter columns in file order (not `voter_id`, `vote`, `points`).
    voter_columns: Vec<String>,
    voters: Vec<Voter>,
}

impl Election {
    pub fn builder(budget: Rational, vote_type: VoteType) -> ElectionBuilder {
        ElectionBuilder::new(budget, vote_type)
    }

    /// Every META key and value, in file order.
    pub fn meta(&self) -> &[(String, String)] {
        &self.meta
    }

    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn budget(&self) -> &Rational {
        &self.budget
    }

    pub fn vote_type(&self) -> VoteType {
        self.vote_type
    }

    pub fn projects(&self) -> &[Project] {
        &self.projects
    }

    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    pub fn project_columns(&self) -> &[String] {
        &self.project_columns
    }

    pub fn voters(&self) -> &[Voter] {
        &self.voters
    }

    pub fn voter_columns(&self) -> &[String] {
        &self.voter_columns
    }

    /// A voter's extra column, e.g. `voting_method`.
    pub fn voter_field<'v>(&self, voter: &'v Voter, column: &str) -> Option<&'v str> {
        let at = self.voter_columns.iter().position(|c| c == column)?;
        voter.fields.get(at)?.as_deref()
    }

    /// The ids a ballot names, in ballot order.
    pub fn ballot_ids<'a>(&'a self, ballot: &'a Ballot) -> impl Iterator<Item = &'a str> + 'a {
        ballot.projects().map(|p| self.projects[p].id.as_str())
    }
}

/// A ballot as the rest of Cairn holds it: by project id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotInput {
    Approvals(Vec<String>),
    Ranking(Vec<String>),
    Points(Vec<(String, Rational)>),
}

/// A ballot as Cairn stores it, as a Pabulib vote (how the export writes every ballot): a
/// project given no points is not voted for.
impl From<crate::ballot::BallotMarks> for BallotInput {
    fn from(marks: crate::ballot::BallotMarks) -> Self {
        use crate::ballot::BallotMarks;
        match marks {
            BallotMarks::Approvals(ids) => BallotInput::Approvals(ids),
            BallotMarks::Ranking(ids) => BallotInput::Ranking(ids),
            BallotMarks::Points(points) => BallotInput::Points(
                points
                    .into_iter()
                    .filter(|(_, p)| *p > 0)
                    .map(|(id, p)| (id, Rational::from_integer(i64::from(p))))
                    .collect(),
            ),
        }
    }
}

/// Why an election could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error(
        "project id {0:?} is not usable: it must be non-empty, without `,` or line breaks, and not `none`, `meta`, `projects` or `votes`"
    )]
    BadProjectId(String),
    #[error("voter id {0:?} is not usable: `meta`, `projects` and `votes` start sections")]
    BadVoterId(String),
    #[error("project {0:?} appears twice")]
    DuplicateProject(String),
    #[error("project {id:?} has a negative cost {cost}")]
    NegativeCost { id: String, cost: String },
    #[error("the budget {0} is negative")]
    NegativeBudget(String),
    #[error("the ballot names {0:?}, which is not a project of this election")]
    UnknownProject(String),
    #[error("the ballot names project {0:?} more than once")]
    RepeatedProject(String),
    #[error("a {vote_type} election cannot take a ballot of {given}")]
    WrongBallotKind {
        vote_type: VoteType,
        given: &'static str,
    },
    #[error("points must not be negative on a cumulative ballot (project {0:?})")]
    NegativePoints(String),
}

/// Builds an [`Election`] from data held elsewhere, e.g. a database.
///
/// ```
/// use cairn_shared::pabulib::{BallotInput, Election, VoteType};
/// use cairn_shared::{money::Money, rational::Rational};
///
/// let mut b = Election::builder(Rational::from(Money::from_major(1000)), VoteType::Approval);
/// b.meta("description", "Park improvements");
/// b.project("1", Money::from_minor(40_050), [("name", "Benches")]).unwrap();
/// b.project("2", Money::from_major(700), [("name", "Trees")]).unwrap();
/// b.voter("v1", BallotInput::Approvals(vec!["1".into(), "2".into()]), [("voting_method", "paper")])
///     .unwrap();
/// let election = b.build();
/// assert_eq!(election.projects().len(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct ElectionBuilder {
    election: Election,
    index: HashMap<String, u32>,
}

/// Cells are trimmed and a cell reading `none` means "missing" in Pabulib, so values are stored
/// the way a reader will see them: that is what makes writing then reading lossless.
fn normalise_value(value: &str) -> Option<String> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("none") {
        return None;
    }
    Some(if value.contains('\r') {
        value.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        value.to_owned()
    })
}

/// Keys and column names are trimmed and their line ends read as `\n`, as the reader sees them.
fn normalise_key(key: &str) -> String {
    let key = key.trim();
    if key.contains('\r') {
        key.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        key.to_owned()
    }
}

/// A row whose first cell reads as one of these starts a section, whatever else it holds, so
/// no project id, voter id or META key can be one.
/// Whether `id` can name a project in a Pabulib file and be read back as that project: not
/// empty, no list separator or line break, and neither `none` (an empty vote) nor a section name.
pub fn is_usable_project_id(id: &str) -> bool {
    let id = id.trim();
    !(id.is_empty()
        || id.contains([',', '\n', '\r'])
        || id.eq_ignore_ascii_case("none")
        || is_section_name(id))
}

fn is_section_name(cell: &str) -> bool {
    ["meta", "projects", "votes"]
        .iter()
        .any(|name| cell.trim().eq_ignore_ascii_case(name))
}

impl ElectionBuilder {
    pub fn new(budget: Rational, vote_type: VoteType) -> Self {
        let election = Election {
            meta: vec![
                ("budget".to_owned(), budget.to_string()),
                ("vote_type".to_owned(), vote_type.as_str().to_owned()),
            ],
            budget,
            vote_type,
            project_columns: Vec::new(),
            projects: Vec::new(),
            voter_columns: Vec::new(),
            voters: Vec::new(),
        };
        ElectionBuilder {
            election,
            index: HashMap::new(),
        }
    }

    /// Sets a META value (description, country, unit, currency, ...). `budget` and
    /// `vote_type` come from [`ElectionBuilder::new`] and cannot be changed here; an empty key
    /// or a section name (`meta`, `projects`, `votes`) cannot be written and is ignored.
    pub fn meta(&mut self, key: &str, value: &str) -> &mut Self {
        let key = normalise_key(key);
        let key = key.as_str();
        if key == "budget" || key == "vote_type" || key.is_empty() || is_section_name(key) {
            return self;
        }
        let Some(value) = normalise_value(value) else {
            return self;
        };
        match self.election.meta.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.election.meta.push((key.to_owned(), value)),
        }
        self
    }

    /// Adds a project. `cost` may be [`crate::money::Money`] or a [`Rational`].
    pub fn project<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        id: &str,
        cost: impl Into<Rational>,
        fields: impl IntoIterator<Item = (K, V)>,
    ) -> Result<&mut Self, BuildError> {
        let id = id.trim();
        if !is_usable_project_id(id) {
            return Err(BuildError::BadProjectId(id.to_owned()));
        }
        let cost = cost.into();
        if cost.is_negative() {
            return Err(BuildError::NegativeCost {
                id: id.to_owned(),
                cost: cost.to_string(),
            });
        }
        if self.index.contains_key(id) {
            return Err(BuildError::DuplicateProject(id.to_owned()));
        }
        let mut map = BTreeMap::new();
        for (k, v) in fields {
            let key = normalise_key(k.as_ref());
            let key = key.as_str();
            if matches!(key, "project_id" | "cost") {
                continue;
            }
            if let Some(value) = normalise_value(v.as_ref()) {
                if !self.election.project_columns.iter().any(|c| c == key) {
                    self.election.project_columns.push(key.to_owned());
                }
                map.insert(key.to_owned(), value);
            }
        }
        let position =
            u32::try_from(self.election.projects.len()).expect("fewer than 2^32 projects");
        self.index.insert(id.to_owned(), position);
        self.election.projects.push(Project {
            id: id.to_owned(),
            cost,
            fields: map,
        });
        Ok(self)
    }

    /// Adds a voter. The ballot kind must fit the vote type: approvals for approval and
    /// choose-1, a ranking for ordinal, points for cumulative and scoring.
    pub fn voter<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        id: &str,
        ballot: BallotInput,
        fields: impl IntoIterator<Item = (K, V)>,
    ) -> Result<&mut Self, BuildError> {
        let id = normalise_value(id).unwrap_or_default();
        if is_section_name(&id) {
            return Err(BuildError::BadVoterId(id));
        }
        let ballot = self.resolve(ballot)?;
        let mut values = vec![None; self.election.voter_columns.len()];
        for (k, v) in fields {
            let key = normalise_key(k.as_ref());
            let key = key.as_str();
            if matches!(key, "voter_id" | "vote" | "points") {
                continue;
            }
            let Some(value) = normalise_value(v.as_ref()) else {
                continue;
            };
            let at = match self.election.voter_columns.iter().position(|c| c == key) {
                Some(at) => at,
                None => {
                    self.election.voter_columns.push(key.to_owned());
                    values.push(None);
                    self.election.voter_columns.len() - 1
                }
            };
            values[at] = Some(Arc::from(value));
        }
        self.election.voters.push(Voter {
            id,
            ballot,
            fields: values,
        });
        Ok(self)
    }

    fn resolve(&self, input: BallotInput) -> Result<Ballot, BuildError> {
        let vote_type = self.election.vote_type;
        let kind = match &input {
            BallotInput::Approvals(_) => "approvals",
            BallotInput::Ranking(_) => "a ranking",
            BallotInput::Points(_) => "points",
        };
        let fits = match &input {
            BallotInput::Approvals(_) => vote_type.is_approval(),
            BallotInput::Ranking(_) => vote_type == VoteType::Ordinal,
            BallotInput::Points(_) => vote_type.has_points(),
        };
        if !fits {
            return Err(BuildError::WrongBallotKind {
                vote_type,
                given: kind,
            });
        }
        let mut ballot = Ballot::default();
        let mut seen = std::collections::HashSet::new();
        let mut push = |id: &str, ballot: &mut Ballot, dedup: bool| -> Result<bool, BuildError> {
            let id = id.trim();
            let &p = self
                .index
                .get(id)
                .ok_or_else(|| BuildError::UnknownProject(id.to_owned()))?;
            if !seen.insert(p) {
                return if dedup {
                    Ok(false)
                } else {
                    Err(BuildError::RepeatedProject(id.to_owned()))
                };
            }
            ballot.projects.push(p);
            Ok(true)
        };
        match input {
            // An approval ballot is a set, as in pabutools: naming a project twice is harmless.
            BallotInput::Approvals(ids) => {
                for id in &ids {
                    push(id, &mut ballot, true)?;
                }
            }
            BallotInput::Ranking(ids) => {
                for id in &ids {
                    push(id, &mut ballot, false)?;
                }
            }
            BallotInput::Points(entries) => {
                for (id, points) in entries {
                    if vote_type == VoteType::Cumulative && points.is_negative() {
                        return Err(BuildError::NegativePoints(id));
                    }
                    push(&id, &mut ballot, false)?;
                    ballot.points.push(points);
                }
            }
        }
        Ok(ballot)
    }

    /// Finishes the election, setting `num_projects` and `num_votes` to the counts.
    pub fn build(mut self) -> Election {
        let width = self.election.voter_columns.len();
        for voter in &mut self.election.voters {
            voter.fields.resize(width, None);
        }
        let counts = [
            ("num_projects", self.election.projects.len().to_string()),
            ("num_votes", self.election.voters.len().to_string()),
        ];
        for (key, value) in counts {
            match self.election.meta.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => self.election.meta.push((key.to_owned(), value)),
            }
        }
        self.election
    }
}

/// Where a file is malformed, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    line: usize,
    problem: String,
}

impl ParseError {
    fn new(line: usize, problem: impl Into<String>) -> Self {
        ParseError {
            line,
            problem: problem.into(),
        }
    }

    /// The 1-based line of the file the problem is on.
    pub fn line(&self) -> usize {
        self.line
    }

    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

impl std::error::Error for ParseError {}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Meta,
    Projects,
    Votes,
}

/// Reads a Pabulib file.
pub fn parse(text: &str) -> Result<Election, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows =
        csv::rows(text).map_err(|e| ParseError::new(e.line, "a quoted cell is never closed"))?;
    let mut meta: Vec<(String, String)> = Vec::new();
    let mut meta_line: HashMap<String, usize> = HashMap::new();
    let mut project_rows = Vec::new();
    let mut vote_rows = Vec::new();
    let mut project_header: Option<&csv::Row> = None;
    let mut vote_header: Option<&csv::Row> = None;
    let mut section = Section::None;
    let mut seen = [false; 3];
    let mut expect_header = false;
    let mut first_line = None;
    for row in &rows {
        let blank = row.cells.iter().all(|c| c.trim().is_empty());
        if blank {
            continue;
        }
        first_line.get_or_insert(row.line);
        if expect_header {
            match section {
                Section::Projects => project_header = Some(row),
                Section::Votes => vote_header = Some(row),
                _ => {}
            }
            expect_header = false;
            continue;
        }
        let first = row.cells[0].trim().to_ascii_lowercase();
        let next = match first.as_str() {
            "meta" => Some((Section::Meta, 0)),
            "projects" => Some((Section::Projects, 1)),
            "votes" => Some((Section::Votes, 2)),
            _ => None,
        };
        if let Some((next, slot)) = next {
            if seen[slot] {
                return Err(ParseError::new(
                    row.line,
                    format!("a second {} section", first.to_uppercase()),
                ));
            }
            seen[slot] = true;
            section = next;
            expect_header = true;
            continue;
        }
        match section {
            Section::None => {
                return Err(ParseError::new(
                    row.line,
                    "data before the first section: a Pabulib file starts with META",
                ));
            }
            Section::Meta => {
                if row.cells.len() < 2 {
                    return Err(ParseError::new(
                        row.line,
                        "a META row needs a key and a value",
                    ));
                }
                let key = row.cells[0].trim().to_owned();
                let value = row.cells[1].trim().to_owned();
                // An empty key names nothing, and with an empty value could not be written
                // back: the row would be blank.
                if key.is_empty() {
                    continue;
                }
                meta_line.insert(key.clone(), row.line);
                match meta.iter_mut().find(|(k, _)| *k == key) {
                    Some(slot) => slot.1 = value,
                    None => meta.push((key, value)),
                }
            }
            Section::Projects => project_rows.push(row),
            Section::Votes => vote_rows.push(row),
        }
    }
    let end_line = rows.last().map_or(1, |r| r.line);
    if !seen[0] {
        return Err(ParseError::new(first_line.unwrap_or(1), "no META section"));
    }
    if !seen[1] {
        return Err(ParseError::new(end_line, "no PROJECTS section"));
    }
    let meta_get = |key: &str| meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let line_of = |key: &str| meta_line.get(key).copied().unwrap_or(1);
    let budget_text = meta_get("budget").ok_or_else(|| ParseError::new(1, "META has no budget"))?;
    let budget = Rational::parse(budget_text)
        .map_err(|e| ParseError::new(line_of("budget"), format!("budget: {e}")))?;
    if budget.is_negative() {
        return Err(ParseError::new(
            line_of("budget"),
            format!("the budget {budget_text} is negative"),
        ));
    }
    let vote_type_text =
        meta_get("vote_type").ok_or_else(|| ParseError::new(1, "META has no vote_type"))?;
    let vote_type = VoteType::parse(vote_type_text).ok_or_else(|| {
        ParseError::new(
            line_of("vote_type"),
            format!("vote_type {vote_type_text:?} is not approval, choose-1, cumulative, scoring or ordinal"),
        )
    })?;

    let mut election = Election {
        meta,
        budget,
        vote_type,
        project_columns: Vec::new(),
        projects: Vec::with_capacity(project_rows.len()),
        voter_columns: Vec::new(),
        voters: Vec::with_capacity(vote_rows.len()),
    };
    let mut index: HashMap<String, u32> = HashMap::with_capacity(project_rows.len());

    if let Some(header) = project_header {
        let names: Vec<String> = header.cells.iter().map(|c| c.trim().to_owned()).collect();
        let cost_at = names
            .iter()
            .skip(1)
            .position(|n| n == "cost")
            .map(|p| p + 1)
            .ok_or_else(|| {
                ParseError::new(header.line, "the PROJECTS header has no cost column")
            })?;
        for (at, name) in names.iter().enumerate() {
            if at != 0 && at != cost_at && !election.project_columns.contains(name) {
                election.project_columns.push(name.clone());
            }
        }
        for row in project_rows {
            if row.cells.len() > names.len() {
                return Err(ParseError::new(
                    row.line,
                    format!(
                        "{} cells but the PROJECTS header has {} columns",
                        row.cells.len(),
                        names.len()
                    ),
                ));
            }
            let id = row.cells[0].trim();
            if id.is_empty() || id.eq_ignore_ascii_case("none") {
                return Err(ParseError::new(row.line, "a project without an id"));
            }
            if index.contains_key(id) {
                return Err(ParseError::new(
                    row.line,
                    format!("project {id:?} appears twice"),
                ));
            }
            let cost_text = row.cells.get(cost_at).map(|c| c.trim()).unwrap_or("");
            if cost_text.is_empty() || cost_text.eq_ignore_ascii_case("none") {
                return Err(ParseError::new(
                    row.line,
                    format!("project {id:?} has no cost"),
                ));
            }
            let cost = Rational::parse(cost_text)
                .map_err(|e| ParseError::new(row.line, format!("cost of project {id:?}: {e}")))?;
            if cost.is_negative() {
                return Err(ParseError::new(
                    row.line,
                    format!("project {id:?} has a negative cost {cost_text}"),
                ));
            }
            let mut fields = BTreeMap::new();
            for (at, cell) in row.cells.iter().enumerate() {
                if at == 0 || at == cost_at {
                    continue;
                }
                let value = cell.trim();
                if !value.eq_ignore_ascii_case("none") {
                    fields.insert(names[at].clone(), value.to_owned());
                }
            }
            let position = u32::try_from(election.projects.len())
                .map_err(|_| ParseError::new(row.line, "too many projects"))?;
            index.insert(id.to_owned(), position);
            election.projects.push(Project {
                id: id.to_owned(),
                cost,
                fields,
            });
        }
    } else if !project_rows.is_empty() {
        return Err(ParseError::new(
            project_rows[0].line,
            "PROJECTS has no header",
        ));
    }

    if let Some(header) = vote_header {
        parse_votes(&mut election, &index, header, &vote_rows)?;
    }
    Ok(election)
}

fn parse_votes(
    election: &mut Election,
    index: &HashMap<String, u32>,
    header: &csv::Row,
    rows: &[&csv::Row],
) -> Result<(), ParseError> {
    let names: Vec<String> = header.cells.iter().map(|c| c.trim().to_owned()).collect();
    let find = |name: &str| names.iter().position(|n| n == name);
    let vote_at = find("vote")
        .ok_or_else(|| ParseError::new(header.line, "the VOTES header has no vote column"))?;
    let id_at = find("voter_id");
    let points_at = find("points");
    let vote_type = election.vote_type;
    if vote_type.has_points() && points_at.is_none() && !rows.is_empty() {
        return Err(ParseError::new(
            header.line,
            format!("a {vote_type} file needs a points column in VOTES"),
        ));
    }
    // A column's position in the file -> its position in `voter_columns`.
    let mut column_of = vec![usize::MAX; names.len()];
    for (at, name) in names.iter().enumerate() {
        // Every `points` column is left out, not only the one read: a second one kept as an
        // extra column would be written back where the reader takes the points from, and
        // an approval or ordinal file's points mean nothing.
        if Some(at) == id_at || at == vote_at || name == "points" {
            continue;
        }
        column_of[at] = match election.voter_columns.iter().position(|c| c == name) {
            Some(existing) => existing,
            None => {
                election.voter_columns.push(name.clone());
                election.voter_columns.len() - 1
            }
        };
    }
    let width = election.voter_columns.len();
    // Per column, the values read so far, shared between voters (up to a bound, beyond which
    // values are simply copied: ids and free text do not repeat).
    const INTERN_LIMIT: usize = 4096;
    let mut interned: Vec<HashMap<&str, Arc<str>>> = vec![HashMap::new(); names.len()];
    let mut seen: Vec<u32> = vec![u32::MAX; election.projects.len()];
    for (row_number, row) in rows.iter().enumerate() {
        let stamp = u32::try_from(row_number).unwrap_or(u32::MAX - 1);
        if row.cells.len() > names.len() {
            return Err(ParseError::new(
                row.line,
                format!(
                    "{} cells but the VOTES header has {} columns",
                    row.cells.len(),
                    names.len()
                ),
            ));
        }
        let mut ballot = Ballot::default();
        let vote = missing(row.cells.get(vote_at));
        let points: Vec<&str> = match points_at {
            Some(at) if vote_type.has_points() => {
                let text = missing(row.cells.get(at));
                if text.is_empty() {
                    Vec::new()
                } else {
                    text.split(',').collect()
                }
            }
            _ => Vec::new(),
        };
        let entries = vote.split(',').map(str::trim).filter(|s| !s.is_empty());
        for (k, name) in entries.enumerate() {
            let &p = index.get(name).ok_or_else(|| {
                ParseError::new(
                    row.line,
                    format!("the vote names {name:?}, which is not a project in PROJECTS"),
                )
            })?;
            if seen[p as usize] == stamp {
                if vote_type.is_approval() {
                    continue;
                }
                return Err(ParseError::new(
                    row.line,
                    format!("the vote names project {name:?} twice"),
                ));
            }
            seen[p as usize] = stamp;
            ballot.projects.push(p);
            if vote_type.has_points() {
                let text = points.get(k).ok_or_else(|| {
                    ParseError::new(row.line, "fewer points than projects in the vote")
                })?;
                let value = Rational::parse(text)
                    .map_err(|e| ParseError::new(row.line, format!("points: {e}")))?;
                if vote_type == VoteType::Cumulative && value.is_negative() {
                    return Err(ParseError::new(
                        row.line,
                        format!("negative points {text} on a cumulative ballot"),
                    ));
                }
                ballot.points.push(value);
            }
        }
        if vote_type.has_points() && points.len() > ballot.projects.len() {
            return Err(ParseError::new(
                row.line,
                "more points than projects in the vote",
            ));
        }
        let mut fields = vec![None; width];
        for (at, cell) in row.cells.iter().enumerate() {
            let slot = column_of[at];
            if slot == usize::MAX {
                continue;
            }
            let value = cell.trim();
            if !value.eq_ignore_ascii_case("none") {
                let map = &mut interned[at];
                fields[slot] = Some(match map.get(value) {
                    Some(shared) => Arc::clone(shared),
                    None if map.len() < INTERN_LIMIT => {
                        let shared: Arc<str> = Arc::from(value);
                        map.insert(value, Arc::clone(&shared));
                        shared
                    }
                    None => Arc::from(value),
                });
            }
        }
        let id = id_at
            .map(|at| missing(row.cells.get(at)).to_owned())
            .unwrap_or_default();
        election.voters.push(Voter { id, ballot, fields });
    }
    Ok(())
}

/// A cell's text, with `none` and absent cells both read as empty.
fn missing<'a>(cell: Option<&'a std::borrow::Cow<'_, str>>) -> &'a str {
    let text = cell.map_or("", |c| c.trim());
    if text.eq_ignore_ascii_case("none") {
        ""
    } else {
        text
    }
}

/// Writes an election as a Pabulib file (LF line ends, no BOM).
pub fn write(election: &Election) -> String {
    let mut out =
        String::with_capacity(64 * (election.voters.len() + election.projects.len()) + 1024);
    let row = |out: &mut String, cells: &[&str]| {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            csv::write_cell(out, cell);
        }
        out.push('\n');
    };
    row(&mut out, &["META"]);
    row(&mut out, &["key", "value"]);
    for (key, value) in &election.meta {
        row(&mut out, &[key, value]);
    }
    row(&mut out, &["PROJECTS"]);
    let mut header = vec!["project_id", "cost"];
    header.extend(election.project_columns.iter().map(String::as_str));
    row(&mut out, &header);
    for project in &election.projects {
        let cost = project.cost.to_string();
        let mut cells = vec![project.id.as_str(), cost.as_str()];
        cells.extend(
            election
                .project_columns
                .iter()
                .map(|c| project.fields.get(c).map_or("none", String::as_str)),
        );
        row(&mut out, &cells);
    }
    row(&mut out, &["VOTES"]);
    let points = election.vote_type.has_points();
    let mut header = vec!["voter_id", "vote"];
    if points {
        header.push("points");
    }
    header.extend(election.voter_columns.iter().map(String::as_str));
    row(&mut out, &header);
    let mut vote = String::new();
    let columns = election.voter_columns.len();
    for voter in &election.voters {
        vote.clear();
        for (i, id) in election.ballot_ids(&voter.ballot).enumerate() {
            if i > 0 {
                vote.push(',');
            }
            vote.push_str(id);
        }
        let point_text = if points {
            voter
                .ballot
                .points
                .iter()
                .map(Rational::to_string)
                .collect::<Vec<_>>()
                .join(",")
        } else {
            String::new()
        };
        // A row of empty cells is skipped by the reader; `none` keeps an anonymous voter
        // with an empty ballot and reads back as an empty id.
        let blank = voter.id.is_empty()
            && vote.is_empty()
            && (0..columns).all(|i| voter.fields.get(i).and_then(Option::as_deref) == Some(""));
        let id = if blank { "none" } else { voter.id.as_str() };
        let mut cells = vec![id, vote.as_str()];
        if points {
            cells.push(point_text.as_str());
        }
        cells.extend((0..columns).map(|i| {
            voter
                .fields
                .get(i)
                .and_then(Option::as_deref)
                .unwrap_or("none")
        }));
        row(&mut out, &cells);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
