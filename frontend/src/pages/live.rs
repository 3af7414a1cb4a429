//! The live tally: the counts stream from the server as server-sent events and the page
//! updates in place, without reloading and without polling.

use cairn_shared::api::{LiveTally, RoundDetail};
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Event, EventSource, MessageEvent};

use crate::api;
use crate::components::chart::{Bar, BarChart};
use crate::components::heading::PageTitle;
use crate::i18n::use_locale;

/// Screen readers hear the running total at most this often, so the page stays usable.
const ANNOUNCE_EVERY_MS: f64 = 15_000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Connection {
    Connecting,
    Live,
    Lost,
}

#[component]
pub fn LivePage() -> impl IntoView {
    super::with_round_from_route(|round| view! { <Live round/> }.into_any())
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Subscribes to the round's events for as long as the page is shown.
fn subscribe(round: &str, tally: RwSignal<Option<LiveTally>>, connection: RwSignal<Connection>) {
    let Ok(source) = EventSource::new(&api::events_url(round)) else {
        connection.set(Connection::Lost);
        return;
    };
    let on_tally = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(data) = event.data().as_string()
            && let Ok(counts) = serde_json::from_str::<LiveTally>(&data)
        {
            connection.set(Connection::Live);
            tally.set(Some(counts));
        }
    });
    // The browser reconnects by itself; the page only says so meanwhile.
    let on_error = Closure::<dyn FnMut(Event)>::new(move |_| connection.set(Connection::Lost));
    let _ = source.add_event_listener_with_callback("tally", on_tally.as_ref().unchecked_ref());
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let held = StoredValue::new_local(Some((source, on_tally, on_error)));
    on_cleanup(move || {
        if let Some((source, _, _)) = held.try_update_value(|h| h.take()).flatten() {
            source.close();
        }
    });
}

#[component]
fn Live(round: RoundDetail) -> impl IntoView {
    let locale = use_locale();
    let tally = RwSignal::new(None::<LiveTally>);
    let connection = RwSignal::new(Connection::Connecting);
    let announced = RwSignal::new(None::<u64>);
    let last_announced = StoredValue::new(f64::NEG_INFINITY);
    let visible = round.counts_visible();
    if visible {
        subscribe(&round.id, tally, connection);
    }
    Effect::new(move |_| {
        if let Some(t) = tally.get()
            && now_ms() - last_announced.get_value() >= ANNOUNCE_EVERY_MS
        {
            last_announced.set_value(now_ms());
            announced.set(Some(t.ballots));
        }
    });
    let id = round.id.clone();
    let title = round.title.clone();
    let round = StoredValue::new(round);
    let status = move || match connection.get() {
        Connection::Connecting => locale.t("live-connecting"),
        Connection::Live => locale.t("live-connected"),
        Connection::Lost => locale.t("live-lost"),
    };
    view! {
        <p><A href=format!("/rounds/{id}")>{move || locale.tr("back-to-round", &[("round", title.clone().into())])}</A></p>
        <PageTitle text=Signal::derive(move || locale.tr("live-title", &[("round", round.with_value(|r| r.title.clone()).into())]))/>
        {if visible {
            view! {
                <p class="live-state">{status}</p>
                <p role="status" class="live-total">
                    {move || announced.get().map(|n| locale.tr("live-total", &[("ballots", n.into())]))}
                </p>
                {move || match tally.get() {
                    None => view! { <p class="loading">{locale.t("live-waiting")}</p> }.into_any(),
                    Some(t) => view! {
                        <p class="live-now">{locale.tr("live-total", &[("ballots", t.ballots.into())])}</p>
                        {t.districts
                            .into_iter()
                            .map(|d| {
                                let (name, bars) = round.with_value(|r| {
                                    let name = r.districts.iter().find(|x| x.id == d.id).map(|x| x.name.clone()).unwrap_or_else(|| d.id.clone());
                                    let mut bars: Vec<Bar> = d
                                        .projects
                                        .iter()
                                        .map(|p| Bar {
                                            label: r.projects.iter().find(|x| x.id == p.id).map(|x| x.title.clone()).unwrap_or_else(|| p.id.clone()),
                                            value: p.votes as f64,
                                            shown: p.votes.to_string(),
                                        })
                                        .collect();
                                    bars.sort_by(|a, b| b.value.total_cmp(&a.value));
                                    (name, bars)
                                });
                                view! {
                                    <section>
                                        <h2>{name.clone()}</h2>
                                        <p>{locale.tr("live-district-ballots", &[("ballots", d.ballots.into())])}</p>
                                        <BarChart caption=locale.tr("live-chart", &[("district", name.into())]) value_heading=locale.t("results-votes") bars/>
                                    </section>
                                }
                            })
                            .collect_view()}
                    }.into_any(),
                }}
            }.into_any()
        } else {
            view! { <p class="notice">{locale.text("live-hidden")}</p> }.into_any()
        }}
    }
}
