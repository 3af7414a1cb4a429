//! The officers' commands: `officer add`, `round open|close|publish`, `import`, `export` and
//! `audit verify`. Each does exactly what the web console does, through the same services, and
//! is audited as `cli:<user>`.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use cairn_shared::api::{NewOfficer, Role};
use cairn_shared::round::Phase;

use crate::db;
use crate::services::audit::{self, Actor};
use crate::services::{lifecycle, manage, officers, results, rounds};

fn fail(err: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {err}");
    ExitCode::FAILURE
}

pub async fn officer_add(db_url: &str, email: &str, role: &str) -> ExitCode {
    let Some(role) = Role::parse(role) else {
        return fail("the role must be admin or officer");
    };
    let mut password = String::new();
    if let Err(err) = std::io::stdin().read_to_string(&mut password) {
        return fail(format!(
            "cannot read the password from standard input: {err}"
        ));
    }
    // One trailing newline is how `echo` and terminals end input, not part of the password.
    let password = password.strip_suffix('\n').unwrap_or(&password);
    let password = password.strip_suffix('\r').unwrap_or(password).to_owned();
    let db = match db::connect_and_migrate(db_url).await {
        Ok(db) => db,
        Err(err) => return fail(err),
    };
    let new = NewOfficer {
        email: email.to_owned(),
        name: String::new(),
        role,
        password,
    };
    match officers::add(&db, &Actor::command_line(), None, new).await {
        Ok(row) => {
            println!("{}", row.email);
            ExitCode::SUCCESS
        }
        Err(err) => fail(err),
    }
}

pub async fn round_move(db_url: &str, round_id: &str, to: Phase, rule: Option<&str>) -> ExitCode {
    let db = match db::connect_and_migrate(db_url).await {
        Ok(db) => db,
        Err(err) => return fail(err),
    };
    let actor = Actor::command_line();
    let result = if to == Phase::Published {
        lifecycle::publish(&db, &actor, round_id, rule, None).await
    } else {
        lifecycle::move_to(&db, &actor, round_id, to)
            .await
            .map(|_| ())
    };
    if let Err(err) = result {
        return fail(err);
    }
    if to == Phase::Published {
        match published_summary(&db, round_id).await {
            Ok(text) => print!("{text}"),
            Err(err) => return fail(err),
        }
    } else {
        println!("round {round_id} is now {to}");
    }
    ExitCode::SUCCESS
}

async fn published_summary(
    db: &sea_orm::DatabaseConnection,
    round_id: &str,
) -> Result<String, crate::error::ApiError> {
    let round = rounds::get_any(db, round_id).await?;
    let pk = rounds::parse_round_id(round_id)?;
    let result = results::published(db, &round, pk).await?;
    let mut out = format!(
        "round {round_id} published ({}, tie-break {})\n",
        result.rule, result.tie_break
    );
    for d in &result.districts {
        out.push_str(&format!(
            "{}: {} ballots, funded {} for {} of {}; ballots.pb sha256 {}\n",
            d.id,
            d.ballots,
            if d.selected.is_empty() {
                "nothing".to_owned()
            } else {
                d.selected.join(", ")
            },
            d.spent,
            d.budget,
            d.export_sha256
        ));
    }
    Ok(out)
}

pub async fn import(db_url: &str, file: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(err) => return fail(format!("cannot read {}: {err}", file.display())),
    };
    let db = match db::connect_and_migrate(db_url).await {
        Ok(db) => db,
        Err(err) => return fail(err),
    };
    match manage::import_pabulib_round(&db, &Actor::command_line(), &text).await {
        Ok(id) => {
            println!("{id}");
            ExitCode::SUCCESS
        }
        Err(manage::ImportError::File(line)) => {
            eprintln!(
                "error: {}: line {}: {}",
                file.display(),
                line.line,
                line.message
            );
            ExitCode::from(2)
        }
        Err(manage::ImportError::Api(err)) => fail(err),
    }
}

/// Prints the published `ballots.pb` of a round; before publication, a fresh anonymised export
/// of the ballots so far (its voter order differs on every call).
pub async fn export(db_url: &str, round_id: &str, district: Option<&str>) -> ExitCode {
    let db = match db::connect_and_migrate(db_url).await {
        Ok(db) => db,
        Err(err) => return fail(err),
    };
    let result = async {
        let round = rounds::get_any(&db, round_id).await?;
        let pk = rounds::parse_round_id(round_id)?;
        if round.phase == Phase::Published {
            return Ok(results::published_export(&db, &round, pk, district)
                .await?
                .0);
        }
        let slug = match (district, round.districts.as_slice()) {
            (Some(d), _) => d.to_owned(),
            (None, [only]) => only.id.clone(),
            (None, _) => {
                return Err(crate::error::ApiError::BadRequest(
                    "this round has several areas: choose one with --district".into(),
                ));
            }
        };
        let district_pk = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            crate::db::entities::district::Entity::find()
                .filter(crate::db::entities::district::Column::RoundId.eq(pk))
                .filter(crate::db::entities::district::Column::Slug.eq(&slug))
                .one(&db)
                .await?
                .ok_or_else(|| crate::error::ApiError::not_found(format_args!("area {slug:?}")))?
                .id
        };
        let ballots = results::district_ballots(&db, district_pk).await?;
        results::export_file(&round, &slug, &ballots)
    }
    .await;
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(err) => fail(err),
    }
}

pub async fn audit_verify(db_url: &str) -> ExitCode {
    let db = match db::connect_and_migrate(db_url).await {
        Ok(db) => db,
        Err(err) => return fail(err),
    };
    match audit::verify(&db).await {
        Ok(Ok(count)) => {
            let head = audit::recent(&db, None, 1)
                .await
                .ok()
                .and_then(|rows| rows.into_iter().next())
                .map(|row| row.hash)
                .unwrap_or_else(|| "(empty)".into());
            // The head hash is worth writing down elsewhere: a chain cut short at the end
            // verifies, but no longer ends in the hash you noted.
            println!("audit log intact: {count} entries; head {head}");
            ExitCode::SUCCESS
        }
        Ok(Err(broken)) => {
            eprintln!("audit log BROKEN: {broken}");
            ExitCode::from(3)
        }
        Err(err) => fail(err),
    }
}
