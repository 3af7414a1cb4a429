//! Voting codes in the console. The server shows a batch's codes exactly once, in the answer
//! that issues them, and keeps only keyed hashes: this page offers them as a CSV file and a
//! printable sheet straight away, and says plainly that they cannot be shown again.

use cairn_shared::api::{IssuedCodes, NewCodeBatch, OfficerRound, RevokeCode};
use leptos::prelude::*;

use super::manage::Reload;
use crate::api;
use crate::components::form::{Outcome, OutcomeNotice, SelectField, TextField, submit};
use crate::i18n::use_locale;

/// The codes as a CSV file: one per line under a header, with the batch and area beside each.
pub fn codes_csv(issued: &IssuedCodes) -> String {
    let mut out = String::from("code,batch,area\r\n");
    for code in &issued.codes {
        out.push_str(&format!(
            "{code},{},{}\r\n",
            csv_cell(&issued.batch.label),
            csv_cell(issued.batch.district.as_deref().unwrap_or(""))
        ));
    }
    out
}

fn csv_cell(text: &str) -> String {
    // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
    let safe = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// A `blob:` address for a download made in the browser.
fn download_url(text: &str, mime: &str) -> Option<String> {
    let parts = js_sys_array(text);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let array = web_sys::js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(text));
    array.into()
}

#[component]
pub fn Codes(round: OfficerRound, reload: Reload) -> impl IntoView {
    let locale = use_locale();
    let detail = round.round;
    let districts = StoredValue::new(detail.districts.clone());
    let round_id = StoredValue::new(detail.id.clone());
    let round_title = detail.title.clone();
    let count = RwSignal::new("100".to_owned());
    let label = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let issued = reload.issued;
    let outcome = RwSignal::new(Outcome::Idle);
    let revoke_outcome = RwSignal::new(Outcome::Idle);
    let revoke = RwSignal::new(String::new());
    let area_options = Signal::derive(move || {
        let mut options = vec![(String::new(), locale.t("codes-any-area"))];
        districts.with_value(|d| options.extend(d.iter().map(|d| (d.id.clone(), d.name.clone()))));
        options
    });
    let area_name = move |id: &Option<String>| match id {
        None => locale.t("codes-any-area"),
        Some(id) => districts.with_value(|d| {
            d.iter()
                .find(|d| &d.id == id)
                .map(|d| d.name.clone())
                .unwrap_or_else(|| id.clone())
        }),
    };
    let issue = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(n) = count.get_untracked().trim().parse::<u32>() else {
            outcome.set(Outcome::Failed(api::ApiError::Status {
                status: 400,
                code: "bad-request".into(),
                message: locale.t("codes-bad-count"),
                violations: Vec::new(),
            }));
            return;
        };
        let chosen = area.get_untracked();
        let batch = NewCodeBatch {
            count: n,
            district: (!chosen.is_empty()).then_some(chosen),
            label: label.get_untracked(),
        };
        submit(
            outcome,
            async move { api::issue_codes(&round_id.get_value(), &batch).await },
            move |codes: IssuedCodes| {
                let n = codes.codes.len();
                issued.set(Some(codes));
                reload.done(locale.tr("codes-issued", &[("count", n.into())]))
            },
        );
    };
    let do_revoke = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = RevokeCode {
            code: revoke.get_untracked(),
        };
        submit(
            revoke_outcome,
            async move { api::revoke_code(&round_id.get_value(), &code).await },
            move |()| {
                revoke.set(String::new());
                reload.done(locale.t("codes-revoked"))
            },
        );
    };
    let batches = round.code_batches.clone();
    view! {
        <section aria-labelledby="codes-heading">
            <h2 id="codes-heading">{locale.text("codes-title")}</h2>
            {(!batches.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <caption>{locale.text("codes-batches")}</caption>
                        <thead><tr>
                            <th scope="col">{locale.text("codes-label")}</th>
                            <th scope="col">{locale.text("project-area")}</th>
                            <th scope="col">{locale.text("codes-size")}</th>
                            <th scope="col">{locale.text("codes-used")}</th>
                            <th scope="col">{locale.text("codes-revoked-count")}</th>
                        </tr></thead>
                        <tbody>
                            {batches.into_iter().map(|b| view! {
                                <tr>
                                    <th scope="row">{b.label.clone()}</th>
                                    <td>{area_name(&b.district)}</td>
                                    <td class="num">{b.size}</td>
                                    <td class="num">{b.used}</td>
                                    <td class="num">{b.revoked}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <h3>{locale.text("codes-new")}</h3>
            <form on:submit=issue>
                <TextField id="codes-count" label="codes-count" value=count kind="number" required=true/>
                <SelectField id="codes-area" label="codes-area" value=area options=area_options/>
                <TextField id="codes-label" label="codes-label" value=label hint="codes-label-hint"/>
                <p><button type="submit">{locale.text("codes-issue")}</button></p>
            </form>
            <OutcomeNotice outcome/>
            {move || issued.get().map(|codes| {
                let csv = download_url(&codes_csv(&codes), "text/csv");
                let file = format!("voting-codes-{}.csv", codes.batch.id);
                let title = round_title.clone();
                view! {
                    <div class="notice">
                        <p><strong>{locale.t("codes-once")}</strong></p>
                        <p class="actions">
                            {csv.map(|href| view! { <a class="button" href=href download=file>{locale.t("codes-download")}</a> })}
                            <button type="button" class="secondary" on:click=|_| { let _ = window().print(); }>{locale.t("codes-print")}</button>
                        </p>
                    </div>
                    <section class="print-sheet" aria-label=locale.t("codes-sheet")>
                        {codes.codes.iter().map(|code| view! {
                            <article class="code-card">
                                <p class="code-round">{title.clone()}</p>
                                <p class="code-value"><code>{code.clone()}</code></p>
                                <p class="code-help">{locale.t("codes-card-help")}</p>
                            </article>
                        }).collect_view()}
                    </section>
                }
            })}
            <h3>{locale.text("codes-revoke-title")}</h3>
            <form on:submit=do_revoke>
                <TextField id="codes-revoke" label="vote-code" value=revoke required=true hint="codes-revoke-hint"/>
                <p><button type="submit" class="danger">{locale.text("codes-revoke")}</button></p>
            </form>
            <OutcomeNotice outcome=revoke_outcome/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cairn_shared::api::CodeBatch;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_cell("Library, Elgin"), "\"Library, Elgin\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn csv_has_one_line_per_code() {
        let issued = IssuedCodes {
            batch: CodeBatch {
                id: "7".into(),
                label: "Post, ward 1".into(),
                district: Some("north".into()),
                size: 2,
                used: 0,
                revoked: 0,
                created_at: chrono::DateTime::UNIX_EPOCH,
            },
            codes: vec!["AAAAAA-BBBBBB-CCCCCC".into(), "DDDDDD-EEEEEE-FFFFFF".into()],
        };
        assert_eq!(
            codes_csv(&issued),
            "code,batch,area\r\nAAAAAA-BBBBBB-CCCCCC,\"Post, ward 1\",north\r\nDDDDDD-EEEEEE-FFFFFF,\"Post, ward 1\",north\r\n"
        );
    }
}
