//! Delivery updates for funded projects, so the public can follow what was done.

use cairn_shared::api::{DeliveryStatus, DeliveryUpdate, NewDeliveryUpdate};
use cairn_shared::round::Phase;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;

use crate::db::entities::{delivery_update, project, round_result};
use crate::error::{ApiError, ApiResult};
use crate::services::audit::{self, Actor};

pub async fn list(db: &impl ConnectionTrait, round_pk: i32) -> ApiResult<Vec<DeliveryUpdate>> {
    let projects: std::collections::HashMap<i32, String> = project::Entity::find()
        .filter(project::Column::RoundId.eq(round_pk))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.public_id))
        .collect();
    let rows = delivery_update::Entity::find()
        .filter(delivery_update::Column::ProjectId.is_in(projects.keys().copied()))
        .order_by_desc(delivery_update::Column::On)
        .order_by_desc(delivery_update::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(DeliveryUpdate {
                project: projects.get(&row.project_id)?.clone(),
                status: DeliveryStatus::parse(&row.status)?,
                note: row.note,
                on: row.on,
            })
        })
        .collect())
}

/// Posts an update on a funded project of a published round.
pub async fn post(
    db: &DatabaseConnection,
    actor: &Actor,
    round: &cairn_shared::api::RoundDetail,
    round_pk: i32,
    update: NewDeliveryUpdate,
) -> ApiResult<()> {
    if round.phase != Phase::Published {
        return Err(ApiError::Conflict(
            "Delivery updates follow published results.".into(),
        ));
    }
    let note = update.note.trim().to_owned();
    if note.is_empty() || note.len() > 5_000 {
        return Err(ApiError::BadRequest(
            "Write a note of up to 5,000 characters about the project's progress.".into(),
        ));
    }
    let funded = round_result::Entity::find()
        .filter(round_result::Column::RoundId.eq(round_pk))
        .all(db)
        .await?
        .iter()
        .filter_map(|r| serde_json::from_str::<cairn_shared::api::DistrictResult>(&r.outcome).ok())
        .any(|d| d.selected.contains(&update.project));
    if !funded {
        return Err(ApiError::Conflict(format!(
            "Project {:?} was not funded in this round; only funded projects have delivery updates.",
            update.project
        )));
    }
    let project = project::Entity::find()
        .filter(project::Column::RoundId.eq(round_pk))
        .filter(project::Column::PublicId.eq(&update.project))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found(format_args!("project {:?}", update.project)))?;
    let on = update.on.unwrap_or_else(|| Utc::now().date_naive());
    let txn = crate::db::begin_write(db).await?;
    delivery_update::ActiveModel {
        project_id: Set(project.id),
        status: Set(update.status.as_str().to_owned()),
        note: Set(note.clone()),
        on: Set(on),
        author: Set(actor.0.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        actor,
        "delivery.update",
        Some(round_pk),
        json!({ "project": update.project, "status": update.status.as_str(), "on": on }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
