//! Participation statistics with small groups suppressed: a count under [`SUPPRESS_BELOW`]
//! could point at a person, so it is shown as `null`.

use std::collections::BTreeMap;

use cairn_shared::api::{Answers, Cell, Participation, RoundDetail};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::db::entities::{ballot, district};
use crate::error::ApiResult;

pub const SUPPRESS_BELOW: u64 = 10;

fn cells(groups: BTreeMap<String, u64>) -> Vec<Cell> {
    groups
        .into_iter()
        .map(|(group, n)| Cell {
            group,
            ballots: (n >= SUPPRESS_BELOW).then_some(n),
        })
        .collect()
}

pub async fn participation(
    db: &impl ConnectionTrait,
    round: &RoundDetail,
    round_pk: i32,
) -> ApiResult<Participation> {
    let slugs: std::collections::HashMap<i32, String> = district::Entity::find()
        .filter(district::Column::RoundId.eq(round_pk))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.slug))
        .collect();
    type Row = (i32, String, Option<String>, Option<chrono::NaiveDate>);
    let rows: Vec<Row> = ballot::Entity::find()
        .select_only()
        .column(ballot::Column::DistrictId)
        .column(ballot::Column::Method)
        .column(ballot::Column::Answers)
        .column(ballot::Column::CastOn)
        .filter(ballot::Column::RoundId.eq(round_pk))
        .into_tuple()
        .all(db)
        .await?;
    let mut by_district: BTreeMap<String, u64> =
        round.districts.iter().map(|d| (d.id.clone(), 0)).collect();
    let mut by_method = BTreeMap::from([("online".to_owned(), 0), ("paper".to_owned(), 0)]);
    let mut by_age = BTreeMap::new();
    let mut by_gender = BTreeMap::new();
    let mut by_day = BTreeMap::new();
    for (district, method, answers, day) in &rows {
        if let Some(slug) = slugs.get(district) {
            *by_district.entry(slug.clone()).or_default() += 1;
        }
        *by_method.entry(method.clone()).or_default() += 1;
        let answers: Answers = answers
            .as_deref()
            .and_then(|a| serde_json::from_str(a).ok())
            .unwrap_or_default();
        *by_age
            .entry(answers.age_band.unwrap_or_else(|| "not answered".into()))
            .or_default() += 1;
        *by_gender
            .entry(answers.gender.unwrap_or_else(|| "not answered".into()))
            .or_default() += 1;
        if let Some(day) = day {
            *by_day.entry(day.to_string()).or_default() += 1;
        }
    }
    Ok(Participation {
        ballots: rows.len() as u64,
        suppressed_below: SUPPRESS_BELOW,
        by_district: cells(by_district),
        by_method: cells(by_method),
        by_age_band: cells(by_age),
        by_gender: cells(by_gender),
        by_day: cells(by_day),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_groups_are_suppressed() {
        let out = cells(BTreeMap::from([
            ("a".into(), 9),
            ("b".into(), 10),
            ("c".into(), 0),
        ]));
        assert_eq!(out[0].ballots, None);
        assert_eq!(out[1].ballots, Some(10));
        assert_eq!(out[2].ballots, None);
    }
}
