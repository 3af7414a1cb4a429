//! Live counts of a round's ballots, straight from the database so that every replica agrees.

use std::collections::HashMap;

use cairn_shared::api::{DistrictTally, LiveTally, ProjectVotes, RoundDetail};
use cairn_shared::ballot::BallotMarks;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

use crate::db::entities::{ballot, district};
use crate::error::{ApiError, ApiResult};

pub async fn live(
    db: &DatabaseConnection,
    round: &RoundDetail,
    round_pk: i32,
) -> ApiResult<LiveTally> {
    let slugs: HashMap<i32, String> = district::Entity::find()
        .filter(district::Column::RoundId.eq(round_pk))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.slug))
        .collect();
    let rows: Vec<(i32, String)> = ballot::Entity::find()
        .select_only()
        .column(ballot::Column::DistrictId)
        .column(ballot::Column::Marks)
        .filter(ballot::Column::RoundId.eq(round_pk))
        .into_tuple()
        .all(db)
        .await?;
    let mut per_district: HashMap<&str, (u64, HashMap<String, u64>)> = HashMap::new();
    for (district_id, marks) in &rows {
        let slug = slugs
            .get(district_id)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("ballot in an unknown district")))?;
        let marks: BallotMarks =
            serde_json::from_str(marks).map_err(|e| ApiError::Internal(e.into()))?;
        let entry = per_district.entry(slug.as_str()).or_default();
        entry.0 += 1;
        match marks {
            BallotMarks::Approvals(ids) | BallotMarks::Ranking(ids) => {
                for id in ids {
                    *entry.1.entry(id).or_default() += 1;
                }
            }
            BallotMarks::Points(points) => {
                for (id, p) in points {
                    *entry.1.entry(id).or_default() += u64::from(p);
                }
            }
        }
    }
    let districts = round
        .districts
        .iter()
        .map(|d| {
            let (ballots, votes) = per_district.remove(d.id.as_str()).unwrap_or_default();
            DistrictTally {
                id: d.id.clone(),
                ballots,
                projects: round
                    .projects
                    .iter()
                    .filter(|p| p.district == d.id)
                    .map(|p| ProjectVotes {
                        id: p.id.clone(),
                        votes: votes.get(&p.id).copied().unwrap_or(0),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(LiveTally {
        ballots: rows.len() as u64,
        districts,
    })
}
