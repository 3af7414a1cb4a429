//! Administrators manage the organisation's officers: who has access and with what role.

use cairn_shared::api::{NewOfficer, Officer, Role};
use leptos::prelude::*;

use super::ConsoleNav;
use crate::api;
use crate::components::form::{Outcome, OutcomeNotice, SelectField, TextField, submit};
use crate::components::heading::PageTitle;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::use_locale;

#[component]
pub fn OfficersPage() -> impl IntoView {
    super::with_officer(true, |officer| view! { <Officers officer/> }.into_any())
}

#[component]
fn Officers(officer: Officer) -> impl IntoView {
    let locale = use_locale();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        let _ = version.get();
        api::list_officers()
    });
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Officer.as_str().to_owned());
    let outcome = RwSignal::new(Outcome::Idle);
    let role_options = Signal::derive(move || {
        [Role::Officer, Role::Admin]
            .into_iter()
            .map(|r| {
                (
                    r.as_str().to_owned(),
                    locale.t(&format!("role-{}", r.as_str())),
                )
            })
            .collect::<Vec<_>>()
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = NewOfficer {
            email: email.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            role: Role::parse(&role.get_untracked()).unwrap_or(Role::Officer),
            password: password.get_untracked(),
        };
        submit(
            outcome,
            async move { api::add_officer(&new).await },
            move |added: Officer| {
                for field in [email, name, password] {
                    field.set(String::new());
                }
                version.update(|v| *v += 1);
                locale.tr("officers-added", &[("name", added.name.into())])
            },
        );
    };
    view! {
        <PageTitle text=locale.text("officer-officers")/>
        <ConsoleNav officer/>
        <Suspense fallback=|| view! { <Loading key="loading-officers"/> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! {
                        <div class="table-scroll" tabindex="0">
                            <table>
                                <caption>{locale.text("officer-officers")}</caption>
                                <thead><tr>
                                    <th scope="col">{locale.text("officers-name")}</th>
                                    <th scope="col">{locale.text("officer-email")}</th>
                                    <th scope="col">{locale.text("officers-role")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|o| {
                                        let role = o.role;
                                        view! {
                                            <tr>
                                                <th scope="row">{o.name}</th>
                                                <td>{o.email}</td>
                                                <td>{move || locale.t(&format!("role-{}", role.as_str()))}</td>
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
        <h2>{locale.text("officers-add")}</h2>
        <form class="narrow" on:submit=add>
            <TextField id="new-name" label="officers-name" value=name required=true/>
            <TextField id="new-email" label="officer-email" value=email kind="email" required=true/>
            <SelectField id="new-role" label="officers-role" value=role options=role_options/>
            <TextField id="new-password" label="officer-password" value=password kind="password" required=true autocomplete="new-password" hint="officers-password-hint"/>
            <p><button type="submit">{locale.text("officers-add")}</button></p>
        </form>
        <OutcomeNotice outcome/>
    }
}
