//! Form pieces: every control has a visible label tied to it, hints are announced with the
//! control, and failures are spoken as alerts.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_locale;

/// A control's label and, if it has one, its hint; the id of the hint for `aria-describedby`.
fn label_and_hint(
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
) -> (impl IntoView, Option<String>) {
    let locale = use_locale();
    let hint_id = format!("{id}-hint");
    let described = hint.map(|_| hint_id.clone());
    let view = view! {
        <label for=id>{locale.text(label)}</label>
        {hint.map(|key| view! { <p class="hint" id=hint_id>{locale.text(key)}</p> })}
    };
    (view, described)
}

/// A labelled text input bound to `value`.
#[component]
pub fn TextField(
    id: &'static str,
    /// Translation key of the label.
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let (head, described) = label_and_hint(id, label, hint);
    view! {
        <div class="field">
            {head}
            <input
                id=id
                type=kind
                required=required
                autocomplete=autocomplete
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// A labelled multi-line text box bound to `value`.
#[component]
pub fn TextArea(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let (head, described) = label_and_hint(id, label, hint);
    view! {
        <div class="field">
            {head}
            <textarea
                id=id
                rows=rows
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// A labelled checkbox bound to `value`.
#[component]
pub fn CheckField(id: &'static str, label: &'static str, value: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="field check">
            <input
                id=id
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <label for=id>{move || locale.t(label)}</label>
        </div>
    }
}

/// A labelled select of `(value, text)` options bound to `value`.
#[component]
pub fn SelectField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="field">
            <label for=id>{move || locale.t(label)}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                {move || options
                    .get()
                    .into_iter()
                    .map(|(v, text)| {
                        let selected = value.get_untracked() == v;
                        view! { <option value=v selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// What happened to the last submission: nothing yet, in progress, done (with a message
/// key), or failed (with the server's words).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Outcome {
    #[default]
    Idle,
    Busy,
    Done(String),
    Failed(ApiError),
}

/// Announces an [`Outcome`]: progress and success politely, failure as an alert.
#[component]
pub fn OutcomeNotice(outcome: RwSignal<Outcome>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div role="status" aria-live="polite">
            {move || match outcome.get() {
                Outcome::Idle | Outcome::Failed(_) => None,
                Outcome::Busy => Some(view! { <p class="loading">{locale.t("working")}</p> }.into_any()),
                // Empty when the page says it elsewhere (see the console's `Reload`).
                Outcome::Done(text) if text.is_empty() => None,
                Outcome::Done(text) => Some(view! { <p class="notice ok">{text}</p> }.into_any()),
            }}
        </div>
        <div role="alert">
            {move || match outcome.get() {
                Outcome::Failed(error) => Some(view! {
                    <div class="notice error">
                        <p>{error_text(locale, &error)}</p>
                        {match error {
                            ApiError::Status { violations, .. } if !violations.is_empty() => Some(view! {
                                <ul>{violations.into_iter().map(|v| view! { <li>{super::marks::violation_text(locale, &v, "")}</li> }).collect_view()}</ul>
                            }),
                            _ => None,
                        }}
                    </div>
                }),
                _ => None,
            }}
        </div>
    }
}

pub fn error_text(locale: crate::i18n::Locale, error: &ApiError) -> String {
    match error {
        ApiError::Network => locale.t("error-network"),
        ApiError::Status { message, .. } => message.clone(),
    }
}

/// Runs `work` unless one is already running, recording its outcome.
pub fn submit<F, T>(outcome: RwSignal<Outcome>, work: F, done: impl FnOnce(T) -> String + 'static)
where
    F: Future<Output = Result<T, ApiError>> + 'static,
    T: 'static,
{
    if outcome.get_untracked() == Outcome::Busy {
        return;
    }
    outcome.set(Outcome::Busy);
    leptos::task::spawn_local(async move {
        outcome.set(match work.await {
            Ok(value) => Outcome::Done(done(value)),
            Err(error) => Outcome::Failed(error),
        });
    });
}
