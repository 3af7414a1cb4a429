//! What officers change: a round's settings, its areas and categories, its projects, and
//! imports of projects (CSV or Pabulib). Every change is refused once voting opens (the ballot
//! must not change under voters) and every change is audited in its own transaction.

use std::collections::{HashMap, HashSet};

use cairn_shared::api::{
    Feasibility, ImportReport, ImportRequest, LineError, ProjectInput, RoundSettings,
};
use cairn_shared::ballot::{BallotMarks, BallotRules};
use cairn_shared::code::{normalise_receipt, receipt_from_random};
use cairn_shared::money::Money;
use cairn_shared::pabulib::{self, VoteType};
use cairn_shared::round::Phase;
use cairn_shared::rules::{Rule, TieBreak};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;

use crate::db::entities::{ballot, category, district, organisation, project, round};
use crate::error::{ApiError, ApiResult};
use crate::secrets;
use crate::services::audit::{self, Actor};
use crate::services::rounds::{self, feasibility_str, parse_round_id};

const MAX_TEXT: usize = 20_000;

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::Invalid {
        message: message.into(),
        violations: vec![],
    }
}

/// Every problem with a round's settings that would stop it working, as one 422.
pub fn check_settings(settings: &RoundSettings) -> ApiResult<()> {
    let mut problems = Vec::new();
    if settings.title.trim().is_empty() || settings.title.len() > 200 {
        problems.push("give the round a title of at most 200 characters".to_owned());
    }
    if settings.description.len() > MAX_TEXT || settings.summary.len() > 1_000 {
        problems.push("the summary or description is too long".into());
    }
    if settings.currency.len() != 3 || !settings.currency.bytes().all(|b| b.is_ascii_uppercase()) {
        problems.push("the currency must be a three-letter code such as GBP".into());
    }
    if settings.rule.parse::<Rule>().is_err() {
        problems.push(format!("unknown counting rule {:?}", settings.rule));
    } else if settings.rule == "phragmen"
        && !matches!(settings.ballot, BallotRules::Approval { .. })
    {
        problems.push("Phragmén counts approval ballots only".into());
    }
    if settings.tie_break.parse::<TieBreak>().is_err() {
        problems.push(format!("unknown tie-break {:?}", settings.tie_break));
    }
    for violation in settings.ballot.check() {
        problems.push(format!("ballot rules: {}", violation.key));
    }
    if settings.districts.is_empty() {
        problems.push("add at least one area (a round with one area is fine)".into());
    }
    let mut seen = HashSet::new();
    for d in &settings.districts {
        if !is_slug(&d.id) || !seen.insert(d.id.as_str()) {
            problems.push(format!(
                "area id {:?} must be unique and use only a-z, 0-9 and -",
                d.id
            ));
        }
        if d.name.trim().is_empty() {
            problems.push(format!("area {:?} needs a name", d.id));
        }
        if d.budget.minor() <= 0 {
            problems.push(format!("area {:?} needs a budget above zero", d.id));
        }
    }
    let mut seen = HashSet::new();
    for c in &settings.categories {
        if !is_slug(&c.id) || !seen.insert(c.id.as_str()) || c.name.trim().is_empty() {
            problems.push(format!(
                "category {:?} needs a unique id (a-z, 0-9, -) and a name",
                c.id
            ));
        }
    }
    let t = &settings.timeline;
    if let (Some(open), Some(close)) = (t.voting_opens, t.voting_closes)
        && close <= open
    {
        problems.push("voting must close after it opens".into());
    }
    if settings
        .districts
        .iter()
        .try_fold(Money::ZERO, |sum, d| sum.checked_add(d.budget))
        .is_none()
    {
        problems.push("the budgets are too large".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(invalid(format!(
            "The round cannot be saved: {}.",
            problems.join("; ")
        )))
    }
}

/// The round's row, if it belongs to the officer's organisation (others' rounds do not exist).
pub async fn own_round(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    round_id: &str,
) -> ApiResult<round::Model> {
    let pk = parse_round_id(round_id)?;
    of_organisation(round::Entity::find_by_id(pk), db, organisation_id, round_id).await
}

async fn of_organisation(
    query: sea_orm::Select<round::Entity>,
    db: &impl ConnectionTrait,
    organisation_id: i32,
    round_id: &str,
) -> ApiResult<round::Model> {
    query
        .one(db)
        .await?
        .filter(|r| r.organisation_id == organisation_id)
        .ok_or_else(|| ApiError::not_found(format_args!("round {round_id:?}")))
}

/// [`own_round`] inside a transaction that changes the round, holding its row until commit
/// (`FOR UPDATE` on PostgreSQL; SQLite's write transactions already exclude each other). Edits
/// of one round then happen one after another: two projects saved at once cannot take the same
/// number, and none can slip in after a concurrent move to voting has locked the round.
async fn own_round_locked(
    txn: &impl ConnectionTrait,
    organisation_id: i32,
    round_id: &str,
) -> ApiResult<round::Model> {
    let pk = parse_round_id(round_id)?;
    let query = round::Entity::find_by_id(pk).lock_exclusive();
    of_organisation(query, txn, organisation_id, round_id).await
}

fn ensure_editable(row: &round::Model) -> ApiResult<Phase> {
    let phase: Phase = row
        .phase
        .parse()
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?;
    if phase.is_locked() {
        return Err(ApiError::Conflict(
            "Voting has opened: the round's rules, budget and projects can no longer change."
                .into(),
        ));
    }
    Ok(phase)
}

fn apply_settings(active: &mut round::ActiveModel, s: &RoundSettings) -> ApiResult<()> {
    let budget = s.districts.iter().fold(Money::ZERO, |sum, d| {
        sum.checked_add(d.budget).unwrap_or(sum)
    });
    active.title = Set(s.title.trim().to_owned());
    active.summary = Set(s.summary.clone());
    active.description = Set(s.description.clone());
    active.currency = Set(s.currency.clone());
    active.budget_minor = Set(budget.minor());
    active.ballot_rules =
        Set(serde_json::to_string(&s.ballot).map_err(|e| ApiError::Internal(e.into()))?);
    active.rule = Set(s.rule.clone());
    active.tie_break = Set(s.tie_break.clone());
    active.live_results_public = Set(s.live_results_public);
    active.revote_allowed = Set(s.revote_allowed);
    active.min_age = Set(s.min_age.map(i32::from));
    active.district_bound_codes = Set(s.district_bound_codes);
    active.proposals_open_at = Set(s.timeline.proposals_open);
    active.voting_opens_at = Set(s.timeline.voting_opens);
    active.voting_closes_at = Set(s.timeline.voting_closes);
    active.results_due_at = Set(s.timeline.results_due);
    active.updated_at = Set(Utc::now());
    Ok(())
}

/// Brings the round's areas and categories in line with the settings, matching by id.
async fn sync_areas(txn: &impl ConnectionTrait, pk: i32, s: &RoundSettings) -> ApiResult<()> {
    let existing: HashMap<String, district::Model> = district::Entity::find()
        .filter(district::Column::RoundId.eq(pk))
        .all(txn)
        .await?
        .into_iter()
        .map(|d| (d.slug.clone(), d))
        .collect();
    for (position, d) in s.districts.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        match existing.get(&d.id) {
            Some(row) => {
                let mut active: district::ActiveModel = row.clone().into();
                active.name = Set(d.name.trim().to_owned());
                active.budget_minor = Set(d.budget.minor());
                active.position = Set(position);
                active.update(txn).await?;
            }
            None => {
                district::ActiveModel {
                    round_id: Set(pk),
                    slug: Set(d.id.clone()),
                    name: Set(d.name.trim().to_owned()),
                    budget_minor: Set(d.budget.minor()),
                    position: Set(position),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
    }
    for (slug, row) in &existing {
        if s.districts.iter().any(|d| &d.id == slug) {
            continue;
        }
        let used = project::Entity::find()
            .filter(project::Column::DistrictId.eq(row.id))
            .count(txn)
            .await?;
        if used > 0 {
            return Err(ApiError::Conflict(format!(
                "The area {slug:?} still has {used} projects; move or remove them first."
            )));
        }
        district::Entity::delete_by_id(row.id).exec(txn).await?;
    }
    let categories: HashMap<String, category::Model> = category::Entity::find()
        .filter(category::Column::RoundId.eq(pk))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| (c.slug.clone(), c))
        .collect();
    for c in &s.categories {
        match categories.get(&c.id) {
            Some(row) => {
                let mut active: category::ActiveModel = row.clone().into();
                active.name = Set(c.name.trim().to_owned());
                active.update(txn).await?;
            }
            None => {
                category::ActiveModel {
                    round_id: Set(pk),
                    slug: Set(c.id.clone()),
                    name: Set(c.name.trim().to_owned()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
    }
    for (slug, row) in &categories {
        if !s.categories.iter().any(|c| &c.id == slug) {
            // Projects in a removed category keep their place, uncategorised.
            project::Entity::update_many()
                .col_expr(
                    project::Column::CategoryId,
                    sea_orm::sea_query::Expr::value(Option::<i32>::None),
                )
                .filter(project::Column::CategoryId.eq(row.id))
                .exec(txn)
                .await?;
            category::Entity::delete_by_id(row.id).exec(txn).await?;
        }
    }
    Ok(())
}

/// Creates a draft round; returns its id.
pub async fn create_round(
    db: &DatabaseConnection,
    actor: &Actor,
    organisation_id: i32,
    settings: &RoundSettings,
) -> ApiResult<String> {
    check_settings(settings)?;
    let now = Utc::now();
    let mut active = round::ActiveModel {
        organisation_id: Set(organisation_id),
        phase: Set(Phase::Draft.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    apply_settings(&mut active, settings)?;
    let txn = crate::db::begin_write(db).await?;
    let row = active.insert(&txn).await?;
    sync_areas(&txn, row.id, settings).await?;
    audit::append(
        &txn,
        actor,
        "round.create",
        Some(row.id),
        json!({ "title": row.title }),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id.to_string())
}

pub async fn update_round(
    db: &DatabaseConnection,
    actor: &Actor,
    organisation_id: i32,
    round_id: &str,
    settings: &RoundSettings,
) -> ApiResult<()> {
    check_settings(settings)?;
    let txn = crate::db::begin_write(db).await?;
    let row = own_round_locked(&txn, organisation_id, round_id).await?;
    ensure_editable(&row)?;
    let pk = row.id;
    let mut active: round::ActiveModel = row.into();
    apply_settings(&mut active, settings)?;
    active.update(&txn).await?;
    sync_areas(&txn, pk, settings).await?;
    audit::append(
        &txn,
        actor,
        "round.update",
        Some(pk),
        json!({ "settings": settings }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn check_project(input: &ProjectInput) -> Vec<String> {
    let mut problems = Vec::new();
    if input.title.trim().is_empty() || input.title.len() > 200 {
        problems.push("a title of at most 200 characters is needed".to_owned());
    }
    if input.cost.is_negative() {
        problems.push("the cost cannot be negative".into());
    }
    if input.description.len() > MAX_TEXT || input.summary.len() > 1_000 {
        problems.push("the summary or description is too long".into());
    }
    if let Some(id) = &input.id
        && (id.len() > 64 || id.contains([';', '"']) || !pabulib::is_usable_project_id(id))
    {
        problems.push(
            "a project id must be 1–64 characters without ; , \" or line breaks, and not \"none\", \"meta\", \"projects\" or \"votes\"".into(),
        );
    }
    if let Some(url) = &input.image_url
        && !url.is_empty()
        && !(url.starts_with("https://") || url.starts_with('/'))
    {
        problems.push("an image address must start with https:// or /".into());
    }
    if input.feasibility == Feasibility::NotFeasible
        && input
            .feasibility_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
    {
        problems.push("say why a project is not feasible".into());
    }
    problems
}

/// Creates (`public_id` None) or replaces a project; returns its public id.
pub async fn save_project(
    db: &DatabaseConnection,
    actor: &Actor,
    organisation_id: i32,
    round_id: &str,
    public_id: Option<&str>,
    input: ProjectInput,
) -> ApiResult<String> {
    let problems = check_project(&input);
    if !problems.is_empty() {
        return Err(invalid(format!(
            "The project cannot be saved: {}.",
            problems.join("; ")
        )));
    }
    let txn = crate::db::begin_write(db).await?;
    let row = own_round_locked(&txn, organisation_id, round_id).await?;
    ensure_editable(&row)?;
    let id = upsert_project(&txn, row.id, public_id, &input).await?;
    audit::append(
        &txn,
        actor,
        if public_id.is_some() {
            "project.update"
        } else {
            "project.create"
        },
        Some(row.id),
        json!({ "project": id, "input": input }),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

async fn upsert_project(
    txn: &impl ConnectionTrait,
    round_pk: i32,
    public_id: Option<&str>,
    input: &ProjectInput,
) -> ApiResult<String> {
    let district = district::Entity::find()
        .filter(district::Column::RoundId.eq(round_pk))
        .filter(district::Column::Slug.eq(&input.district))
        .one(txn)
        .await?
        .ok_or_else(|| invalid(format!("This round has no area {:?}.", input.district)))?;
    let category = match input.category.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(slug) => Some(
            category::Entity::find()
                .filter(category::Column::RoundId.eq(round_pk))
                .filter(category::Column::Slug.eq(slug))
                .one(txn)
                .await?
                .ok_or_else(|| invalid(format!("This round has no category {slug:?}.")))?
                .id,
        ),
    };
    let existing = project::Entity::find()
        .filter(project::Column::RoundId.eq(round_pk))
        .order_by_asc(project::Column::Position)
        .all(txn)
        .await?;
    let now = Utc::now();
    let target = match public_id {
        Some(id) => Some(
            existing
                .iter()
                .find(|p| p.public_id == id)
                .ok_or_else(|| ApiError::not_found(format_args!("project {id:?} in this round")))?
                .clone(),
        ),
        None => None,
    };
    let new_id = match (&target, &input.id) {
        (Some(t), _) => t.public_id.clone(),
        (None, Some(id)) => {
            let id = id.trim().to_owned();
            if existing.iter().any(|p| p.public_id == id) {
                return Err(ApiError::Conflict(format!(
                    "This round already has a project with id {id:?}."
                )));
            }
            id
        }
        (None, None) => {
            // The next free number: short ids that read well on a ballot.
            let mut n = existing.len() + 1;
            while existing.iter().any(|p| p.public_id == n.to_string()) {
                n += 1;
            }
            n.to_string()
        }
    };
    let mut active: project::ActiveModel = match target {
        Some(row) => row.into(),
        None => project::ActiveModel {
            round_id: Set(round_pk),
            public_id: Set(new_id.clone()),
            position: Set(i32::try_from(existing.len()).unwrap_or(i32::MAX)),
            created_at: Set(now),
            ..Default::default()
        },
    };
    active.district_id = Set(district.id);
    active.category_id = Set(category);
    active.title = Set(input.title.trim().to_owned());
    active.summary = Set(input.summary.clone());
    active.description = Set(input.description.clone());
    active.cost_minor = Set(input.cost.minor());
    active.image_url = Set(input.image_url.clone().filter(|u| !u.is_empty()));
    active.location = Set(input.location.clone().filter(|l| !l.is_empty()));
    active.feasibility = Set(feasibility_str(input.feasibility).to_owned());
    active.feasibility_reason = Set(input.feasibility_reason.clone().filter(|r| !r.is_empty()));
    active.withdrawn = Set(input.withdrawn);
    active.updated_at = Set(now);
    active.save(txn).await?;
    Ok(new_id)
}

/// Projects from a CSV file with a header row. Columns (any order, case-insensitive): `title`
/// and `cost` are required; `id`, `district`, `category`, `summary`, `description`,
/// `location`, `image_url`, `feasibility`, `feasibility_reason` are optional.
pub fn parse_csv(content: &str, default_district: &str) -> (Vec<ProjectInput>, Vec<LineError>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(content.trim_start_matches('\u{feff}').as_bytes());
    let mut errors = Vec::new();
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.to_lowercase()).collect(),
        Err(e) => {
            errors.push(LineError {
                line: 1,
                message: format!("the header row cannot be read: {e}"),
            });
            return (Vec::new(), errors);
        }
    };
    for required in ["title", "cost"] {
        if !headers.iter().any(|h| h == required) {
            errors.push(LineError {
                line: 1,
                message: format!("the header row has no {required:?} column"),
            });
        }
    }
    if !errors.is_empty() {
        return (Vec::new(), errors);
    }
    let column = |name: &str| headers.iter().position(|h| h == name);
    let mut projects = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(LineError {
                    line: e.position().map_or(0, |p| p.line() as usize),
                    message: format!("this row cannot be read: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |name: &str| {
            column(name)
                .and_then(|i| record.get(i))
                .map(str::to_owned)
                .filter(|v| !v.is_empty())
        };
        let cost = match get("cost").as_deref().map(Money::parse) {
            Some(Ok(cost)) => cost,
            Some(Err(e)) => {
                errors.push(LineError {
                    line,
                    message: format!("the cost is not an amount: {e}"),
                });
                continue;
            }
            None => {
                errors.push(LineError {
                    line,
                    message: "the cost is missing".into(),
                });
                continue;
            }
        };
        let feasibility = match get("feasibility").as_deref() {
            None | Some("feasible" | "yes") => Feasibility::Feasible,
            Some("not-feasible" | "not feasible" | "no") => Feasibility::NotFeasible,
            Some("pending") => Feasibility::Pending,
            Some(other) => {
                errors.push(LineError {
                    line,
                    message: format!(
                        "feasibility {other:?} is not one of feasible, not-feasible, pending"
                    ),
                });
                continue;
            }
        };
        let input = ProjectInput {
            id: get("id"),
            district: get("district").unwrap_or_else(|| default_district.to_owned()),
            category: get("category"),
            title: get("title").unwrap_or_default(),
            summary: get("summary").unwrap_or_default(),
            description: get("description").unwrap_or_default(),
            cost,
            image_url: get("image_url"),
            location: get("location"),
            feasibility,
            feasibility_reason: get("feasibility_reason"),
            withdrawn: false,
        };
        let problems = check_project(&input);
        if problems.is_empty() {
            projects.push(input);
        } else {
            errors.push(LineError {
                line,
                message: problems.join("; "),
            });
        }
    }
    (projects, errors)
}

/// Projects (and ballots) of a Pabulib file.
fn parse_pabulib(
    content: &str,
    district: &str,
) -> Result<(pabulib::Election, Vec<ProjectInput>), LineError> {
    let election = pabulib::parse(content).map_err(|e| LineError {
        line: e.line(),
        message: e.problem().to_owned(),
    })?;
    let mut projects = Vec::new();
    for p in election.projects() {
        let cost = p.cost().to_money().ok_or_else(|| LineError {
            line: 0,
            message: format!(
                "project {}'s cost {} is not an amount of money in pence",
                p.id(),
                p.cost()
            ),
        })?;
        projects.push(ProjectInput {
            id: Some(p.id().to_owned()),
            district: district.to_owned(),
            category: None,
            title: p
                .field("name")
                .or_else(|| p.field("title"))
                .unwrap_or(p.id())
                .to_owned(),
            summary: String::new(),
            description: p.field("description").unwrap_or_default().to_owned(),
            cost,
            image_url: None,
            location: None,
            feasibility: Feasibility::Feasible,
            feasibility_reason: None,
            withdrawn: false,
        });
    }
    Ok((election, projects))
}

/// Imports projects into a round (that has not opened voting). With `dry_run`, or when any
/// line is wrong, nothing is saved and the report lists every problem.
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    organisation_id: i32,
    round_id: &str,
    request: ImportRequest,
) -> ApiResult<ImportReport> {
    let row = own_round(db, organisation_id, round_id).await?;
    ensure_editable(&row)?;
    let detail = rounds::get_any(db, round_id).await?;
    let default_district = match (&request.district, detail.districts.as_slice()) {
        (Some(d), _) => d.clone(),
        (None, [only]) => only.id.clone(),
        (None, _) => String::new(),
    };
    let (projects, mut errors, ballots) = match request.format.as_str() {
        "csv" => {
            let (projects, errors) = parse_csv(&request.content, &default_district);
            (projects, errors, 0)
        }
        "pabulib" | "pb" => match parse_pabulib(&request.content, &default_district) {
            Ok((election, projects)) => (projects, Vec::new(), election.voters().len() as u64),
            Err(e) => (Vec::new(), vec![e], 0),
        },
        other => {
            return Err(ApiError::BadRequest(format!(
                "Unknown import format {other:?}: use \"csv\" or \"pabulib\"."
            )));
        }
    };
    for (i, p) in projects.iter().enumerate() {
        if !detail.districts.iter().any(|d| d.id == p.district) {
            errors.push(LineError {
                line: i + 2,
                message: if p.district.is_empty() {
                    "say which area the project is in (a district column, or choose one)".into()
                } else {
                    format!("this round has no area {:?}", p.district)
                },
            });
        }
        if let Some(id) = &p.id
            && detail.projects.iter().any(|existing| &existing.id == id)
        {
            errors.push(LineError {
                line: i + 2,
                message: format!("the round already has a project with id {id:?}"),
            });
        }
    }
    let save = errors.is_empty() && !request.dry_run && !projects.is_empty();
    if save {
        let txn = crate::db::begin_write(db).await?;
        // Checked again under the lock: voting may have opened since the file was read.
        let row = own_round_locked(&txn, organisation_id, round_id).await?;
        ensure_editable(&row)?;
        for p in &projects {
            upsert_project(&txn, row.id, None, p).await?;
        }
        audit::append(
            &txn,
            actor,
            "project.import",
            Some(row.id),
            json!({ "format": request.format, "projects": projects.len() }),
        )
        .await?;
        txn.commit().await?;
    }
    Ok(ImportReport {
        saved: save,
        projects,
        ballots,
        errors,
    })
}

fn meta_u32(election: &pabulib::Election, key: &str) -> Option<u32> {
    election.meta_value(key).and_then(|v| v.trim().parse().ok())
}

fn meta_date(election: &pabulib::Election, key: &str) -> Option<DateTime<Utc>> {
    let text = election.meta_value(key)?;
    chrono::NaiveDate::parse_from_str(text.trim(), "%d.%m.%Y")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

/// `cairn import FILE.pb`: a new round with one area, the file's projects and, if it has votes,
/// its ballots as paper ballots (the round is then closed, ready to publish). Returns the id.
pub async fn import_pabulib_round(
    db: &DatabaseConnection,
    actor: &Actor,
    content: &str,
) -> Result<String, ImportError> {
    let (election, projects) = parse_pabulib(content, "all").map_err(ImportError::File)?;
    let budget = election.budget().to_money().ok_or_else(|| {
        ImportError::File(LineError {
            line: 0,
            message: format!("the budget {} is not an amount in pence", election.budget()),
        })
    })?;
    let n = u32::try_from(election.projects().len()).unwrap_or(u32::MAX);
    let ballot = match election.vote_type() {
        VoteType::Cumulative => BallotRules::Cumulative {
            max_sum_points: meta_u32(&election, "max_sum_points").unwrap_or(10),
            max_points: meta_u32(&election, "max_points")
                .or_else(|| meta_u32(&election, "max_sum_points"))
                .unwrap_or(10),
            min_points: meta_u32(&election, "min_points").unwrap_or(0),
        },
        VoteType::Ordinal => BallotRules::Ordinal {
            min_length: meta_u32(&election, "min_length").unwrap_or(1),
            max_length: meta_u32(&election, "max_length").unwrap_or(n).max(1),
        },
        VoteType::Approval | VoteType::Choose1 => BallotRules::Approval {
            min_length: meta_u32(&election, "min_length").unwrap_or(0),
            max_length: meta_u32(&election, "max_length"),
            cost_limit: None,
            min_spend_percent: None,
        },
        other => {
            return Err(ImportError::File(LineError {
                line: 0,
                message: format!("{other} ballots cannot be imported as a round"),
            }));
        }
    };
    let title = election
        .meta_value("description")
        .map(str::to_owned)
        .unwrap_or_else(|| "Imported round".into());
    let organisation_id = match organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .one(db)
        .await
        .map_err(ApiError::from)?
    {
        Some(org) => org.id,
        None => {
            let unit = election.meta_value("unit").unwrap_or("Imported");
            organisation::ActiveModel {
                slug: Set("imported".into()),
                name: Set(unit.to_owned()),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await
            .map_err(ApiError::from)?
            .id
        }
    };
    let settings = RoundSettings {
        title: title.chars().take(200).collect(),
        summary: String::new(),
        description: format!(
            "Imported from a Pabulib file ({} ballots).",
            election.voters().len()
        ),
        currency: election
            .meta_value("currency")
            .filter(|c| c.len() == 3)
            .unwrap_or("GBP")
            .to_uppercase(),
        ballot,
        rule: if election.vote_type() == VoteType::Ordinal || election.vote_type().has_points() {
            "greedy".into()
        } else {
            "mes-add1".into()
        },
        tie_break: "lexico".into(),
        live_results_public: true,
        revote_allowed: false,
        min_age: None,
        district_bound_codes: false,
        timeline: cairn_shared::api::Timeline {
            voting_opens: meta_date(&election, "date_begin"),
            voting_closes: meta_date(&election, "date_end"),
            ..Default::default()
        },
        districts: vec![cairn_shared::api::District {
            id: "all".into(),
            name: election
                .meta_value("subunit")
                .or_else(|| election.meta_value("unit"))
                .unwrap_or("Whole area")
                .to_owned(),
            budget,
        }],
        categories: Vec::new(),
    };
    let round_id = create_round(db, actor, organisation_id, &settings).await?;
    let round_pk = parse_round_id(&round_id)?;
    let txn = crate::db::begin_write(db).await.map_err(ApiError::from)?;
    for p in &projects {
        upsert_project(&txn, round_pk, None, p).await?;
    }
    let district_pk = district::Entity::find()
        .filter(district::Column::RoundId.eq(round_pk))
        .one(&txn)
        .await
        .map_err(ApiError::from)?
        .map(|d| d.id)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("imported round has no area")))?;
    let voters = election.voters();
    let mut rows = Vec::with_capacity(voters.len());
    for voter in voters {
        let b = voter.ballot();
        let ids: Vec<String> = election.ballot_ids(b).map(str::to_owned).collect();
        let marks = match election.vote_type() {
            VoteType::Ordinal => BallotMarks::Ranking(ids),
            VoteType::Cumulative | VoteType::Scoring => BallotMarks::Points(
                ids.into_iter()
                    .zip(b.points())
                    .map(|(id, p)| {
                        let points = p.to_money().map(|m| m.minor() / 100).unwrap_or(0);
                        (id, u32::try_from(points).unwrap_or(0))
                    })
                    .collect(),
            ),
            _ => BallotMarks::Approvals(ids),
        };
        let mut receipt = [0u8; 16];
        secrets::random_bytes(&mut receipt).map_err(|e| ApiError::Internal(e.into()))?;
        rows.push(ballot::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            round_id: Set(round_pk),
            district_id: Set(district_pk),
            receipt_hash: Set(secrets::hash_receipt(&normalise_receipt(
                &receipt_from_random(receipt),
            ))),
            marks: Set(serde_json::to_string(&marks).map_err(|e| ApiError::Internal(e.into()))?),
            method: Set("paper".into()),
            answers: Set(None),
            cast_on: Set(None),
        });
    }
    for chunk in rows.chunks(500) {
        ballot::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await
            .map_err(ApiError::from)?;
    }
    let phase = if voters.is_empty() {
        Phase::Draft
    } else {
        Phase::Closed
    };
    round::Entity::update_many()
        .col_expr(
            round::Column::Phase,
            sea_orm::sea_query::Expr::value(phase.as_str()),
        )
        .filter(round::Column::Id.eq(round_pk))
        .exec(&txn)
        .await
        .map_err(ApiError::from)?;
    audit::append(
        &txn,
        actor,
        "round.import",
        Some(round_pk),
        json!({ "projects": projects.len(), "ballots": voters.len(), "phase": phase.as_str() }),
    )
    .await?;
    txn.commit().await.map_err(ApiError::from)?;
    Ok(round_id)
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("line {}: {}", .0.line, .0.message)]
    File(LineError),
    #[error("{0}")]
    Api(#[from] ApiError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_ids_that_would_not_survive_the_pabulib_export_are_refused() {
        let with_id = |id: &str| {
            let mut input: ProjectInput = serde_json::from_value(
                serde_json::json!({"district": "all", "title": "Benches", "cost": 100}),
            )
            .expect("a project");
            input.id = Some(id.to_owned());
            check_project(&input)
        };
        for bad in [
            "votes",
            "Meta",
            " PROJECTS ",
            "none",
            "a\rb",
            "a,b",
            "a;b",
            "",
            "  ",
        ] {
            assert_eq!(with_id(bad).len(), 1, "{bad:?}");
        }
        for good in ["1", "park-benches", "Île 7"] {
            assert!(with_id(good).is_empty(), "{good:?}");
        }
    }

    #[test]
    fn csv_import_reports_every_bad_line() {
        let csv = "title,cost,district,feasibility\n\
                   Benches,1200.50,park,\n\
                   ,300,park,\n\
                   Lights,lots,park,\n\
                   \"Trees, many\",\"2,000\",,maybe\n\
                   Path,900,,\n";
        let (projects, errors) = parse_csv(csv, "centre");
        let titles: Vec<_> = projects.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Benches", "Path"]);
        assert_eq!(projects[0].cost, Money::from_minor(120_050));
        assert_eq!(projects[1].district, "centre");
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5], "{errors:?}");
    }

    #[test]
    fn csv_import_needs_title_and_cost_columns() {
        let (projects, errors) = parse_csv("name,price\nA,1\n", "x");
        assert!(projects.is_empty());
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.line == 1));
    }
}
