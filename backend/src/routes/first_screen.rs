//! The home page's first screen, written by the server into the app's `index.html`.
//!
//! On a slow connection the Wasm app takes many seconds to arrive: on Chromium's Slow 3G
//! profile the portal was usable only after 13.6 s, 9 s of it the Wasm (BENCHMARKS.md). So for
//! `/` the server sends the portal itself: the page layout, the heading and every public round
//! as a card with its link, in the visitor's language (the `cairn-lang` cookie the app sets,
//! else `Accept-Language`, else English), with the app's own translations and formats
//! (`cairn_shared::i18n`). It is the same markup the app renders, so nothing moves when the
//! app takes over. The round list also goes into the page as JSON
//! (`<script type="application/json" id="first-screen-data">`, never executed, so the
//! Content-Security-Policy need not allow it), which the app reads instead of asking again.
//!
//! Every other path gets `index.html` as built, with its "Loading Cairn…" line.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use cairn_shared::api::RoundSummary;
use cairn_shared::i18n::{Translations, format_money, negotiate};
use cairn_shared::round::{Phase, Stage};

use super::AppState;
use crate::services::rounds;

/// The element of the built `index.html` that the first screen replaces.
const LOADING: &str = "<p id=\"loading\"";

thread_local! {
    // Fluent bundles are not `Sync`: each runtime thread parses the translations once.
    static TRANSLATIONS: Translations = Translations::load();
}

/// `index.html` with the portal written in, or as built if the rounds cannot be read (the app
/// then loads them itself and shows any error in words).
pub async fn portal(state: &AppState, index: &str, headers: &HeaderMap) -> Response {
    let lang = language(headers);
    let mut response = match rounds::list_public(&state.db).await {
        Ok(rounds) => Html(write_into(index, lang, &rounds)).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "the first screen's rounds");
            Html(index.to_owned()).into_response()
        }
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    response
}

/// The visitor's language: the app's cookie, else the browser's languages in order of
/// preference.
fn language(headers: &HeaderMap) -> &'static str {
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix("cairn-lang="));
    let mut accepted: Vec<(f32, &str)> = headers
        .get_all(header::ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.parse::<f32>().ok())?;
            (q > 0.0 && tag != "*").then_some((q, tag))
        })
        .collect();
    // Stable: equal weights keep the order they were sent in.
    accepted.sort_by(|a, b| b.0.total_cmp(&a.0));
    negotiate(
        cookie
            .into_iter()
            .chain(accepted.into_iter().map(|(_, tag)| tag)),
    )
}

fn write_into(index: &str, lang: &'static str, rounds: &[RoundSummary]) -> String {
    let (screen, title) = TRANSLATIONS.with(|t| {
        let screen = Screen { t, lang };
        (screen.page(rounds), screen.text("portal-title"))
    });
    let data = serde_json::to_string(rounds)
        .unwrap_or_else(|_| "[]".to_owned())
        // Inside a script element, `</script>` would end it; JSON allows `<` escaped.
        .replace('<', "\\u003c");
    let mut page = index.replacen("<html lang=\"en\">", &format!("<html lang=\"{lang}\">"), 1);
    if let (Some(start), Some(end)) = (page.find("<title>"), page.find("</title>")) {
        page.replace_range(start + "<title>".len()..end, &format!("{title} — Cairn"));
    }
    let Some(start) = page.find(LOADING) else {
        return page;
    };
    let end = page[start..]
        .find("</p>")
        .map_or(start, |i| start + i + "</p>".len());
    page.replace_range(
        start..end,
        &format!(
            "{screen}<script type=\"application/json\" id=\"first-screen-data\">{data}</script>"
        ),
    );
    page
}

/// Writes the app's layout and portal (`frontend/src/app.rs`, `pages/portal.rs`) as HTML.
struct Screen<'a> {
    t: &'a Translations,
    lang: &'static str,
}

impl Screen<'_> {
    fn text(&self, key: &str) -> String {
        escape(&self.t.translate(self.lang, key, None))
    }

    fn page(&self, rounds: &[RoundSummary]) -> String {
        let languages: String = self
            .t
            .languages()
            .into_iter()
            .map(|(tag, name)| {
                let selected = if tag == self.lang { " selected" } else { "" };
                format!(
                    "<option value=\"{tag}\" lang=\"{tag}\"{selected}>{}</option>",
                    escape(&name)
                )
            })
            .collect();
        let sections: String = Stage::PORTAL
            .into_iter()
            .map(|stage| self.section(stage, rounds))
            .collect();
        // The language list is the app's; it works once the app has loaded.
        format!(
            "<div id=\"first-screen\">\
             <a class=\"skip-link\" href=\"#main\">{skip}</a>\
             <header class=\"site-header\"><div class=\"inner\">\
             <a href=\"/\" class=\"brand\" aria-current=\"page\"><span aria-hidden=\"true\">◆</span>{site}</a>\
             <nav aria-label=\"{nav}\"><ul>\
             <li><a href=\"/\" aria-current=\"page\">{rounds_link}</a></li>\
             <li><a href=\"/receipt\">{receipt}</a></li>\
             <li><a href=\"/officer\" rel=\"external\">{officers}</a></li>\
             </ul></nav>\
             <div class=\"lang-switch\"><label for=\"language\">{choose}</label>\
             <select id=\"language\" disabled>{languages}</select></div>\
             </div></header>\
             <main id=\"main\" tabindex=\"-1\">\
             <h1 tabindex=\"-1\">{title}</h1><p class=\"lede\">{lede}</p>{sections}\
             </main>\
             <footer class=\"site-footer\"><div class=\"inner\"><p>{footer}</p></div></footer>\
             </div>",
            skip = self.text("skip-to-content"),
            site = self.text("site-name"),
            nav = self.text("nav-main"),
            rounds_link = self.text("nav-rounds"),
            receipt = self.text("receipt-check"),
            officers = self.text("nav-officers"),
            choose = self.text("choose-language"),
            title = self.text("portal-title"),
            lede = self.text("portal-lede"),
            footer = self.text("footer-text"),
        )
    }

    /// A portal section: the rounds at this stage, or a line saying there are none.
    fn section(&self, stage: Stage, rounds: &[RoundSummary]) -> String {
        let id = stage.section();
        let cards: String = rounds
            .iter()
            .filter(|r| r.phase.stage() == stage)
            .map(|r| format!("<li>{}</li>", self.card(r)))
            .collect();
        let body = if cards.is_empty() {
            format!("<p>{}</p>", self.text(&format!("portal-none-{id}")))
        } else {
            format!("<ul class=\"cards\">{cards}</ul>")
        };
        format!(
            "<section aria-labelledby=\"{id}-heading\"><h2 id=\"{id}-heading\">{}</h2>{body}</section>",
            self.text(&format!("portal-{id}"))
        )
    }

    fn card(&self, round: &RoundSummary) -> String {
        let mut facts = format!(
            "<dt>{}</dt><dd>{}</dd>",
            self.text("round-budget"),
            escape(&format_money(round.budget, &round.currency))
        );
        let dates = [
            (
                round.timeline.voting_opens,
                round.phase < Phase::Voting,
                "round-voting-opens",
            ),
            (
                round.timeline.voting_closes,
                round.phase <= Phase::Voting,
                "round-voting-closes",
            ),
        ];
        for (date, shown, key) in dates {
            if let Some(date) = date.filter(|_| shown) {
                facts.push_str(&format!(
                    "<dt>{}</dt><dd>{}</dd>",
                    self.text(key),
                    escape(&self.t.day(self.lang, date.date_naive()))
                ));
            }
        }
        let count = self.t.tr(
            self.lang,
            "round-count",
            &[("count", round.projects.into())],
        );
        facts.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            self.text("round-projects"),
            escape(&count)
        ));
        format!(
            "<article class=\"card\"><h3><a href=\"/rounds/{id}\">{title}</a></h3>\
             <p class=\"meta\">{organisation}</p><p><span class=\"badge {badge}\">{phase}</span></p>\
             <p>{summary}</p><dl class=\"facts\">{facts}</dl></article>",
            id = escape(&round.id),
            title = escape(&round.title),
            organisation = escape(&round.organisation.name),
            badge = round.phase.stage().badge(),
            phase = self.text(&format!("phase-{}", round.phase.as_str())),
            summary = escape(&round.summary),
        )
    }
}

/// Text made safe for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                name,
                HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")),
            );
        }
        map
    }

    #[test]
    fn the_cookie_wins_then_the_browsers_preference() {
        assert_eq!(language(&headers(&[])), "en");
        assert_eq!(
            language(&headers(&[(
                header::ACCEPT_LANGUAGE,
                "fr;q=0.9, gd-GB, en;q=0.8"
            )])),
            "gd"
        );
        assert_eq!(
            language(&headers(&[(header::ACCEPT_LANGUAGE, "gd;q=0, en")])),
            "en"
        );
        assert_eq!(
            language(&headers(&[
                (header::ACCEPT_LANGUAGE, "en"),
                (header::COOKIE, "a=b; cairn-lang=gd"),
            ])),
            "gd"
        );
        assert_eq!(
            language(&headers(&[(header::COOKIE, "cairn-lang=xx")])),
            "en"
        );
    }

    #[test]
    fn text_cannot_break_out_of_the_markup() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
