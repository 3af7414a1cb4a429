//! The portal feed of open and upcoming rounds, as JSON and as an iCalendar file that people
//! can subscribe to.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use cairn_shared::api::RoundSummary;
use cairn_shared::round::Phase;
use chrono::{DateTime, Utc};

use super::AppState;
use crate::error::{ApiResult, Json};
use crate::services::rounds;

async fn open_and_upcoming(state: &AppState) -> ApiResult<Vec<RoundSummary>> {
    Ok(rounds::list_public(&state.db)
        .await?
        .into_iter()
        .filter(|r| r.phase <= Phase::Voting)
        .collect())
}

/// Open and upcoming rounds
#[utoipa::path(
    get,
    path = "/api/feed.json",
    tag = "feeds",
    responses((status = 200, description = "Rounds in voting or before it, newest voting first", body = Vec<RoundSummary>))
)]
pub async fn feed_json(State(state): State<AppState>) -> ApiResult<Json<Vec<RoundSummary>>> {
    Ok(Json(open_and_upcoming(&state).await?))
}

/// RFC 5545 text: escape `\`, `;`, `,` and line breaks.
fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

fn ics_time(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Lines longer than 75 octets are folded, as RFC 5545 asks.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

pub fn calendar(rounds: &[RoundSummary], now: DateTime<Utc>) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cairn//Participatory budgeting//EN\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:Cairn: open and upcoming votes\r\n",
    );
    for r in rounds {
        let (Some(start), Some(end)) = (r.timeline.voting_opens, r.timeline.voting_closes) else {
            continue;
        };
        out.push_str("BEGIN:VEVENT\r\n");
        for line in [
            format!("UID:round-{}@cairn", r.id),
            format!("DTSTAMP:{}", ics_time(now)),
            format!("DTSTART:{}", ics_time(start)),
            format!("DTEND:{}", ics_time(end)),
            format!("SUMMARY:{}", ics_text(&format!("Vote: {}", r.title))),
            format!(
                "DESCRIPTION:{}",
                ics_text(&format!("{} — {}", r.organisation.name, r.summary))
            ),
            format!("URL:/rounds/{}", r.id),
        ] {
            out.push_str(&fold(&line));
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// Open and upcoming votes as a calendar
///
/// An iCalendar (RFC 5545) file with one event per round whose voting dates are set, for
/// calendar applications to subscribe to.
#[utoipa::path(
    get,
    path = "/api/feed.ics",
    tag = "feeds",
    responses((status = 200, description = "The calendar", body = String, content_type = "text/calendar"))
)]
pub async fn feed_ics(State(state): State<AppState>) -> ApiResult<impl IntoResponse> {
    let rounds = open_and_upcoming(&state).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        calendar(&rounds, Utc::now()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(ics_text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        let long = "X".repeat(200);
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
