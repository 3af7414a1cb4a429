//! Translations with Project Fluent. Every visible string comes from `locales/*.ftl`; a
//! missing translation falls back to English, and a missing key shows the key itself so it is
//! noticed rather than hidden.

use std::cell::RefCell;

use cairn_shared::money::Money;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use leptos::prelude::*;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

const STORAGE_KEY: &str = "cairn-lang";

/// The chosen language, shared through context. `Copy`, so every component can hold one.
#[derive(Clone, Copy)]
pub struct Locale {
    pub lang: RwSignal<&'static str>,
}

thread_local! {
    // Bundles are not `Send`; the browser runs one thread, so they live here rather than in a context.
    static BUNDLES: RefCell<Vec<(&'static str, FluentBundle<FluentResource>)>> = RefCell::new(load_bundles());
}

fn load_bundles() -> Vec<(&'static str, FluentBundle<FluentResource>)> {
    LOCALES
        .iter()
        .filter_map(|(tag, source)| {
            let langid = tag.parse().ok()?;
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(partial, _errors)| partial);
            let mut bundle = FluentBundle::new(vec![langid]);
            // Isolation marks help right-to-left text; for these languages they only confuse screen readers and search.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).ok()?;
            Some((*tag, bundle))
        })
        .collect()
}

/// Every available language: (tag, its own name for itself).
pub fn languages() -> Vec<(&'static str, String)> {
    LOCALES
        .iter()
        .map(|(tag, _)| (*tag, translate(tag, "language-name", None)))
        .collect()
}

fn translate(lang: &str, key: &str, args: Option<&FluentArgs>) -> String {
    BUNDLES.with_borrow(|bundles| {
        let lookup = |tag: &str| {
            let (_, bundle) = bundles.iter().find(|(t, _)| *t == tag)?;
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
    })
}

impl Locale {
    /// The saved choice, else the browser's preference, else English.
    pub fn detect() -> Self {
        let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let preferred = web_sys::window().and_then(|w| w.navigator().language());
        let lang = [stored, preferred]
            .into_iter()
            .flatten()
            .find_map(|wanted| {
                let primary = wanted
                    .split('-')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                LOCALES
                    .iter()
                    .map(|(tag, _)| *tag)
                    .find(|tag| *tag == primary)
            })
            .unwrap_or("en");
        let locale = Locale {
            lang: RwSignal::new(lang),
        };
        locale.apply(lang);
        locale
    }

    pub fn set(&self, tag: &str) {
        if let Some(lang) = LOCALES.iter().map(|(t, _)| *t).find(|t| *t == tag) {
            if let Some(storage) = storage() {
                // Not being able to remember the choice (private browsing) is no reason to refuse it.
                let _ = storage.set_item(STORAGE_KEY, lang);
            }
            self.apply(lang);
            self.lang.set(lang);
        }
    }

    fn apply(&self, lang: &str) {
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", lang);
        }
    }

    /// A translated string; reactive, so text follows a change of language.
    pub fn t(&self, key: &str) -> String {
        translate(self.lang.get(), key, None)
    }

    /// A translated string as a signal: every text in a view shares this one type, so the
    /// Wasm carries one copy of the code that renders and updates it, not one per string.
    pub fn text(&self, key: &'static str) -> Signal<String> {
        let locale = *self;
        Signal::derive(move || locale.t(key))
    }

    /// A translated string with named values.
    pub fn tr(&self, key: &str, values: &[(&str, FluentValue<'static>)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(*name, value.clone());
        }
        translate(self.lang.get(), key, Some(&args))
    }

    /// Money with the currency symbol and digit grouping, e.g. `£150,000` or `£6,800.50`.
    pub fn money(&self, amount: Money, currency: &str) -> String {
        let _ = self.lang.get();
        format_money(amount, currency)
    }

    /// A date in words, e.g. `4 December 2026`.
    pub fn date(&self, date: chrono::DateTime<chrono::Utc>) -> String {
        self.day(date.date_naive())
    }

    /// A calendar day in words, e.g. `4 December 2026`.
    pub fn day(&self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = translate(self.lang.get(), &format!("month-{}", date.month()), None);
        self.tr(
            "date-format",
            &[
                ("day", date.day().to_string().into()),
                ("month", month.into()),
                ("year", date.year().to_string().into()),
            ],
        )
    }

    #[cfg(feature = "console")]
    /// A moment as a date and a 24-hour time in UTC, e.g. `4 December 2026, 18:05 UTC`.
    pub fn moment(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        use chrono::Timelike;
        self.tr(
            "moment-format",
            &[
                ("date", self.date(at).into()),
                (
                    "time",
                    format!("{:02}:{:02}", at.hour(), at.minute()).into(),
                ),
            ],
        )
    }
}

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_else(Locale::detect)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

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
    }

    #[test]
    fn every_language_has_every_english_key() {
        let english = FluentResource::try_new(LOCALES[0].1.to_owned()).unwrap_or_else(|(r, _)| r);
        let keys: Vec<String> = english
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect();
        assert!(keys.len() > 20);
        for (tag, source) in LOCALES.iter().skip(1) {
            let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
            let have: Vec<String> = resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect();
            let missing: Vec<_> = keys.iter().filter(|k| !have.contains(k)).collect();
            assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        }
    }
}
