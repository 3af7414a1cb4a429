//! The console's home: the organisation's rounds, by phase, with what to do next.

use cairn_shared::api::Officer;
use leptos::prelude::*;
use leptos_router::components::A;

use super::ConsoleNav;
use crate::api;
use crate::components::heading::PageTitle;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_locale;
use crate::pages::PhaseBadge;

#[component]
pub fn DashboardPage() -> impl IntoView {
    super::with_officer(false, |officer| view! { <Dashboard officer/> }.into_any())
}

#[component]
fn Dashboard(officer: Officer) -> impl IntoView {
    let locale = use_locale();
    let rounds = LocalResource::new(api::officer_rounds);
    view! {
        <PageTitle text=locale.text("officer-dashboard")/>
        <ConsoleNav officer/>
        <Suspense fallback=|| view! { <Loading key="loading-rounds"/> }>
            {move || Suspend::new(async move {
                match rounds.await {
                    Ok(list) if list.is_empty() => view! {
                        <p>{locale.text("officer-no-rounds")}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <div class="table-scroll" tabindex="0">
                            <table>
                                <caption>{locale.text("officer-rounds")}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{locale.text("officer-round")}</th>
                                        <th scope="col">{locale.text("officer-phase")}</th>
                                        <th scope="col">{locale.text("round-budget")}</th>
                                        <th scope="col">{locale.text("round-projects")}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|r| {
                                        let phase = r.phase;
                                        let budget = r.budget;
                                        let currency = r.currency.clone();
                                        let projects = r.projects;
                                        view! {
                                            <tr>
                                                <th scope="row"><A href=format!("/officer/rounds/{}", r.id)>{r.title}</A></th>
                                                <td><PhaseBadge phase/></td>
                                                <td class="num">{move || locale.money(budget, &currency)}</td>
                                                <td class="num">{projects}</td>
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
        <p><A href="/officer/rounds/new" attr:class="button">{locale.text("officer-new-round")}</A></p>
    }
}
