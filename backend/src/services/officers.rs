//! Officer accounts: creating them (admins, and `cairn officer add`), signing in, listing.

use cairn_shared::api::{self, Role};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;

use crate::auth::password;
use crate::db::entities::{officer, organisation};
use crate::error::{ApiError, ApiResult};
use crate::services::audit::{self, Actor};

pub fn normalise_email(email: &str) -> ApiResult<String> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !email.contains(char::is_whitespace);
    if valid {
        Ok(email)
    } else {
        Err(ApiError::BadRequest(
            "Give an email address such as name@council.gov.uk.".into(),
        ))
    }
}

pub async fn to_api(db: &impl ConnectionTrait, row: &officer::Model) -> ApiResult<api::Officer> {
    let organisation = organisation::Entity::find_by_id(row.organisation_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("officer without organisation")))?;
    Ok(api::Officer {
        id: row.id.to_string(),
        email: row.email.clone(),
        name: row.name.clone(),
        role: Role::parse(&row.role).unwrap_or(Role::Officer),
        organisation: api::Organisation {
            id: organisation.slug,
            name: organisation.name,
        },
        active: row.active,
    })
}

/// Creates an officer in `organisation` (the only one, or the first, when `None`).
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    organisation: Option<i32>,
    new: api::NewOfficer,
) -> ApiResult<officer::Model> {
    let email = normalise_email(&new.email)?;
    let name = new.name.trim().to_owned();
    let hash = password::hash(new.password).await.map_err(|e| match e {
        password::PasswordError::TooShort => ApiError::BadRequest(format!(
            "Choose a password of at least {} characters.",
            password::MIN_LENGTH
        )),
        other => ApiError::Internal(other.into()),
    })?;
    let organisation_id = match organisation {
        Some(id) => id,
        None => {
            organisation::Entity::find()
                .order_by_asc(organisation::Column::Id)
                .one(db)
                .await?
                .ok_or_else(|| {
                    ApiError::Conflict(
                        "There is no organisation yet: create a round or start with --demo first."
                            .into(),
                    )
                })?
                .id
        }
    };
    let txn = crate::db::begin_write(db).await?;
    if officer::Entity::find()
        .filter(officer::Column::Email.eq(&email))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict(format!(
            "There is already an officer with the email {email}."
        )));
    }
    let row = officer::ActiveModel {
        organisation_id: Set(organisation_id),
        email: Set(email.clone()),
        name: Set(if name.is_empty() { email.clone() } else { name }),
        password_hash: Set(hash),
        role: Set(new.role.as_str().to_owned()),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        actor,
        "officer.add",
        None,
        json!({ "email": email, "role": new.role.as_str() }),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// The officer these credentials belong to, if they are right and the account is active.
pub async fn check_credentials(
    db: &DatabaseConnection,
    email: &str,
    password_text: String,
) -> ApiResult<Option<officer::Model>> {
    let email = email.trim().to_lowercase();
    let row = officer::Entity::find()
        .filter(officer::Column::Email.eq(email))
        .one(db)
        .await?
        .filter(|o| o.active);
    let hash = row.as_ref().map(|o| o.password_hash.clone());
    Ok(if password::verify(password_text, hash).await {
        row
    } else {
        None
    })
}

pub async fn list(db: &DatabaseConnection, organisation: i32) -> ApiResult<Vec<api::Officer>> {
    let rows = officer::Entity::find()
        .filter(officer::Column::OrganisationId.eq(organisation))
        .order_by_asc(officer::Column::Email)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        out.push(to_api(db, row).await?);
    }
    Ok(out)
}
