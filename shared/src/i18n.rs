//! Translations with Project Fluent, and the formats that go with them. Every visible string
//! comes from `frontend/locales/*.ftl` (listed by `build.rs`, so a new language is a new file);
//! a missing translation falls back to English, and a missing key shows the key itself so it
//! is noticed rather than hidden. The browser's app renders every page with these, and the
//! server renders the home page's first screen with the same ones.

use chrono::Datelike;
pub use fluent_bundle::{FluentArgs, FluentValue};
use fluent_bundle::{FluentBundle, FluentResource};

use crate::money::Money;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// Every language's messages, parsed once.
pub struct Translations {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
}

impl Default for Translations {
    fn default() -> Self {
        Self::load()
    }
}

impl Translations {
    pub fn load() -> Self {
        let bundles = LOCALES
            .iter()
            .filter_map(|(tag, source)| {
                let langid: unic_langid::LanguageIdentifier = tag.parse().ok()?;
                let resource = FluentResource::try_new((*source).to_owned())
                    .unwrap_or_else(|(partial, _errors)| partial);
                let mut bundle = FluentBundle::new(vec![langid]);
                // Isolation marks help right-to-left text; for these languages they only
                // confuse screen readers and search.
                bundle.set_use_isolating(false);
                bundle.add_resource(resource).ok()?;
                Some((*tag, bundle))
            })
            .collect();
        Translations { bundles }
    }

    /// Every available language: (tag, its own name for itself), English first.
    pub fn languages(&self) -> Vec<(&'static str, String)> {
        self.bundles
            .iter()
            .map(|(tag, _)| (*tag, self.translate(tag, "language-name", None)))
            .collect()
    }

    /// The message `key` in `lang`, else in English, else the key itself.
    pub fn translate(&self, lang: &str, key: &str, args: Option<&FluentArgs>) -> String {
        let lookup = |tag: &str| {
            let (_, bundle) = self.bundles.iter().find(|(t, _)| *t == tag)?;
            let pattern = bundle.get_message(key)?.value()?;
            let mut errors = Vec::new();
            Some(
                bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned(),
            )
        };
        lookup(lang)
            .or_else(|| lookup("en"))
            .unwrap_or_else(|| key.to_owned())
    }

    /// A message with named values.
    pub fn tr(&self, lang: &str, key: &str, values: &[(&str, FluentValue<'static>)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(*name, value.clone());
        }
        self.translate(lang, key, Some(&args))
    }

    /// A calendar day in words, e.g. `4 December 2026`.
    pub fn day(&self, lang: &str, date: chrono::NaiveDate) -> String {
        let month = self.translate(lang, &format!("month-{}", date.month()), None);
        self.tr(
            lang,
            "date-format",
            &[
                ("day", date.day().to_string().into()),
                ("month", month.into()),
                ("year", date.year().to_string().into()),
            ],
        )
    }
}

/// The first of `wanted` (language tags, most wanted first, e.g. `gd-GB`) that has a
/// translation, by primary subtag; else English.
pub fn negotiate<'a>(wanted: impl IntoIterator<Item = &'a str>) -> &'static str {
    wanted
        .into_iter()
        .find_map(|tag| {
            let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
            LOCALES
                .iter()
                .map(|(t, _)| *t)
                .find(|t| t.eq_ignore_ascii_case(primary))
        })
        .unwrap_or("en")
}

/// Money with the currency symbol and digit grouping, e.g. `£150,000` or `£6,800.50`.
pub fn format_money(amount: Money, currency: &str) -> String {
    let (prefix, suffix) = match currency {
        "GBP" => ("£", ""),
        "EUR" => ("€", ""),
        "USD" => ("$", ""),
        other => ("", other),
    };
    let minor = amount.minor();
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let whole = group_thousands(abs / 100);
    let cents = if abs.is_multiple_of(100) {
        String::new()
    } else {
        format!(".{:02}", abs % 100)
    };
    let space = if suffix.is_empty() { "" } else { "\u{a0}" };
    format!("{sign}{prefix}{whole}{cents}{space}{suffix}")
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_and_exact() {
        assert_eq!(format_money(Money::from_major(150_000), "GBP"), "£150,000");
        assert_eq!(format_money(Money::from_minor(680_050), "GBP"), "£6,800.50");
        assert_eq!(format_money(Money::from_major(999), "EUR"), "€999");
        assert_eq!(
            format_money(Money::from_major(1_234_567), "PLN"),
            "1,234,567\u{a0}PLN"
        );
        assert_eq!(format_money(Money::from_minor(-5), "GBP"), "-£0.05");
    }

    #[test]
    fn english_comes_first_and_falls_back() {
        let t = Translations::load();
        assert_eq!(LOCALES[0].0, "en");
        assert_eq!(t.translate("gd", "no-such-key", None), "no-such-key");
        assert_eq!(t.translate("xx", "site-name", None), "Cairn");
        let languages = t.languages();
        assert_eq!(languages[0], ("en", "English".to_owned()));
        assert!(languages.iter().any(|(tag, _)| *tag == "gd"));
    }

    #[test]
    fn days_are_written_in_words_in_each_language() {
        let t = Translations::load();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default();
        assert_eq!(t.day("en", day), "4 December 2026");
        let gaelic = t.day("gd", day);
        assert!(
            gaelic.contains("2026") && !gaelic.contains("December"),
            "{gaelic}"
        );
    }

    #[test]
    fn the_wanted_language_is_found_by_its_primary_subtag() {
        assert_eq!(negotiate(["gd-GB", "en"]), "gd");
        assert_eq!(negotiate(["fr-FR", "GD"]), "gd");
        assert_eq!(negotiate(["fr", "de"]), "en");
        assert_eq!(negotiate([]), "en");
    }

    #[test]
    fn every_language_has_every_english_key() {
        let keys_of = |source: &str| -> Vec<String> {
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
            resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect()
        };
        let keys = keys_of(LOCALES[0].1);
        assert!(keys.len() > 20);
        for (tag, source) in LOCALES.iter().skip(1) {
            let have = keys_of(source);
            let missing: Vec<_> = keys.iter().filter(|k| !have.contains(k)).collect();
            assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        }
    }
}
