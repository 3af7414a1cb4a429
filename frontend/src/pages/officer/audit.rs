//! The audit log: every officer action, newest first, with the hash that chains it to the one
//! before. `cairn audit verify` checks the chain; this page is for reading it.

use cairn_shared::api::Officer;
use leptos::prelude::*;

use super::ConsoleNav;
use crate::api;
use crate::components::heading::PageTitle;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_locale;

#[component]
pub fn AuditPage() -> impl IntoView {
    super::with_officer(false, |officer| view! { <Audit officer/> }.into_any())
}

#[component]
fn Audit(officer: Officer) -> impl IntoView {
    let locale = use_locale();
    let query = leptos_router::hooks::use_query_map();
    let round = query.with_untracked(|q| q.get("round"));
    let entries = LocalResource::new(move || {
        let round = round.clone();
        async move { api::audit_log(round.as_deref()).await }
    });
    view! {
        <PageTitle text=locale.text("officer-audit")/>
        <ConsoleNav officer/>
        <p class="hint">{locale.text("audit-hint")}</p>
        <Suspense fallback=|| view! { <Loading key="loading-audit"/> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(list) if list.is_empty() => view! { <p>{locale.text("audit-empty")}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll" tabindex="0">
                            <table class="audit">
                                <caption>{locale.text("officer-audit")}</caption>
                                <thead><tr>
                                    <th scope="col">"#"</th>
                                    <th scope="col">{locale.text("audit-when")}</th>
                                    <th scope="col">{locale.text("audit-who")}</th>
                                    <th scope="col">{locale.text("audit-what")}</th>
                                    <th scope="col">{locale.text("officer-round")}</th>
                                    <th scope="col">{locale.text("audit-detail")}</th>
                                    <th scope="col">{locale.text("audit-hash")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|e| {
                                        let at = e.at;
                                        view! {
                                            <tr>
                                                <th scope="row">{e.seq}</th>
                                                <td><time datetime=e.at.to_rfc3339()>{move || locale.moment(at)}</time></td>
                                                <td>{e.actor}</td>
                                                <td><code>{e.action}</code></td>
                                                <td>{e.round.unwrap_or_default()}</td>
                                                <td><code class="detail">{e.detail.to_string()}</code></td>
                                                <td><code class="digest">{e.hash.chars().take(12).collect::<String>()}"…"</code></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
