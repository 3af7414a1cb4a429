//! One proposal in full: everything a resident needs to decide on it.

use cairn_shared::api::{Feasibility, RoundDetail};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::heading::PageTitle;
use crate::i18n::use_locale;

#[component]
pub fn ProjectPage() -> impl IntoView {
    super::with_round_from_route(|round| view! { <ProjectView round/> }.into_any())
}

#[component]
fn ProjectView(round: RoundDetail) -> impl IntoView {
    let locale = use_locale();
    let params = leptos_router::hooks::use_params_map();
    let wanted = params.with_untracked(|p| p.get("project").unwrap_or_default());
    let Some(project) = round.projects.iter().find(|p| p.id == wanted).cloned() else {
        return view! { <super::not_found::NotFound/> }.into_any();
    };
    let back = format!("/rounds/{}", round.id);
    let round_title = round.title.clone();
    let district = round
        .districts
        .iter()
        .find(|d| d.id == project.district)
        .map(|d| d.name.clone())
        .unwrap_or_default();
    let category = project
        .category
        .as_ref()
        .and_then(|c| round.categories.iter().find(|k| &k.id == c))
        .map(|c| c.name.clone());
    let currency = round.currency.clone();
    let cost = project.cost;
    let status = match (project.withdrawn, project.feasibility) {
        (true, _) => locale.t("project-withdrawn"),
        (false, Feasibility::NotFeasible) => locale.tr(
            "project-not-feasible",
            &[(
                "reason",
                project
                    .feasibility_reason
                    .clone()
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        (false, Feasibility::Pending) => locale.t("project-pending"),
        (false, Feasibility::Feasible) => locale.t("project-on-ballot"),
    };
    let image_alt = locale.tr(
        "project-image",
        &[("project", project.title.clone().into())],
    );
    view! {
        <p><A href=back>{move || locale.tr("back-to-round", &[("round", round_title.clone().into())])}</A></p>
        <PageTitle text=project.title.clone()/>
        <p class="lede">{project.summary.clone()}</p>
        {project.image_url.clone().map(|src| view! { <img class="project-image" src=src alt=image_alt width="640" height="360" loading="lazy"/> })}
        <dl class="facts">
            <dt>{locale.text("project-cost")}</dt>
            <dd class="cost">{move || locale.money(cost, &currency)}</dd>
            <dt>{locale.text("project-area")}</dt>
            <dd>{district}</dd>
            {category.map(|c| view! { <dt>{locale.text("project-category")}</dt><dd>{c}</dd> })}
            {project.location.clone().map(|l| view! { <dt>{locale.text("project-location")}</dt><dd>{l}</dd> })}
            <dt>{locale.text("project-status")}</dt>
            <dd>{status}</dd>
        </dl>
        <h2>{locale.text("project-description")}</h2>
        {project
            .description
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| view! { <p>{p.trim().to_owned()}</p> })
            .collect_view()}
    }
    .into_any()
}
