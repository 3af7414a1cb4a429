//! The chosen language, as a reactive context over `cairn_shared::i18n`'s translations. Every
//! visible string comes from `locales/*.ftl`; a missing translation falls back to English, and
//! a missing key shows the key itself so it is noticed rather than hidden.

use std::cell::RefCell;

use cairn_shared::i18n::{FluentValue, LOCALES, Translations, format_money, negotiate};
use cairn_shared::money::Money;
use leptos::prelude::*;

const STORAGE_KEY: &str = "cairn-lang";
/// The same choice as a cookie, so that the server writes the home page's first screen in it.
const COOKIE: &str = "cairn-lang";

/// The chosen language, shared through context. `Copy`, so every component can hold one.
#[derive(Clone, Copy)]
pub struct Locale {
    pub lang: RwSignal<&'static str>,
}

thread_local! {
    // Bundles are not `Send`; the browser runs one thread, so they live here rather than in a context.
    static TRANSLATIONS: RefCell<Translations> = RefCell::new(Translations::load());
}

/// Every available language: (tag, its own name for itself).
pub fn languages() -> Vec<(&'static str, String)> {
    TRANSLATIONS.with_borrow(Translations::languages)
}

/// After a panic the app has stopped (the Wasm aborts): tells the reader in plain words, in the
/// page's language, at the top of the page. A page's module that could not be fetched ends
/// here, so does any bug. Touches nothing that the panic may have left borrowed.
pub fn show_crash_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lang = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_default();
    let text = TRANSLATIONS
        .try_with(|t| {
            t.try_borrow()
                .ok()
                .map(|t| t.translate(&lang, "error-crashed", None))
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| {
            "Something went wrong and this page stopped working. Please reload it.".to_owned()
        });
    let Ok(notice) = document.create_element("p") else {
        return;
    };
    notice.set_class_name("notice error");
    let _ = notice.set_attribute("role", "alert");
    notice.set_text_content(Some(&text));
    let parent = document
        .get_element_by_id("main")
        .or_else(|| document.body().map(Into::into));
    if let Some(parent) = parent {
        let _ = parent.prepend_with_node_1(&notice);
    }
}

fn translate(lang: &str, key: &str) -> String {
    TRANSLATIONS.with_borrow(|t| t.translate(lang, key, None))
}

impl Locale {
    /// The saved choice, else the browser's preference, else English.
    pub fn detect() -> Self {
        let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let preferred = web_sys::window().and_then(|w| w.navigator().language());
        let lang = negotiate([stored, preferred].iter().flatten().map(String::as_str));
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
            remember_in_cookie(lang);
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
        translate(self.lang.get(), key)
    }

    /// A translated string as a signal: every text in a view shares this one type, so the
    /// Wasm carries one copy of the code that renders and updates it, not one per string.
    pub fn text(&self, key: &'static str) -> Signal<String> {
        let locale = *self;
        Signal::derive(move || locale.t(key))
    }

    /// A translated string with named values.
    pub fn tr(&self, key: &str, values: &[(&str, FluentValue<'static>)]) -> String {
        let lang = self.lang.get();
        TRANSLATIONS.with_borrow(|t| t.tr(lang, key, values))
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
        let lang = self.lang.get();
        TRANSLATIONS.with_borrow(|t| t.day(lang, date))
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

/// Sets the `cairn-lang` cookie: a preference, not a secret, read by the server (`SameSite=Lax`
/// so that it comes with a link followed from elsewhere).
fn remember_in_cookie(lang: &str) {
    use wasm_bindgen::JsCast;
    if let Some(document) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let secure = if document
            .location()
            .is_some_and(|l| l.protocol().ok().as_deref() == Some("https:"))
        {
            "; Secure"
        } else {
            ""
        };
        let _ = document.set_cookie(&format!(
            "{COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax{secure}"
        ));
    }
}
