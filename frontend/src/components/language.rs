use leptos::prelude::*;

use crate::i18n::{languages, use_locale};

/// A labelled select of every language there is a translation file for.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="lang-switch">
            <label for="language">{locale.text("choose-language")}</label>
            <select id="language" on:change=move |ev| locale.set(&event_target_value(&ev))>
                {languages()
                    .into_iter()
                    .map(|(tag, name)| {
                        view! { <option value=tag lang=tag selected=move || locale.lang.get() == tag>{name}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
