//! Charts as SVG that scales to any width, each with its numbers in a table beside it, so
//! what a chart shows is never only visible (WCAG 1.1.1) and never only told by colour.

use leptos::prelude::*;

use crate::i18n::use_locale;

/// One bar: what it is, how long it is, and that number as it should be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// Horizontal bars, one row each: the label and value are text (so they zoom and wrap like
/// any text), the bar is an SVG rectangle scaled to the largest value.
#[component]
pub fn BarChart(
    #[prop(into)] caption: String,
    /// Heading of the value column in the table alternative.
    #[prop(into)]
    value_heading: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    let locale = use_locale();
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let rows = bars.clone();
    view! {
        <figure class="chart">
            <figcaption>{caption.clone()}</figcaption>
            // The table below carries the same numbers for assistive technology.
            <ul class="bars" aria-hidden="true">
                {rows
                    .into_iter()
                    .map(|bar| {
                        let width = if max > 0.0 { (bar.value / max * 100.0).max(0.5) } else { 0.0 };
                        view! {
                            <li>
                                <span class="bar-label">{bar.label}</span>
                                <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" focusable="false">
                                    <rect x="0" y="0" width=format!("{width:.2}") height="6"></rect>
                                </svg>
                                <span class="bar-value">{bar.shown}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <details>
                <summary>{locale.text("chart-show-numbers")}</summary>
                <DataTable caption=caption headings=vec![String::new(), value_heading] rows=bars.into_iter().map(|b| vec![b.label, b.shown]).collect()/>
            </details>
        </figure>
    }
}

/// A plain data table; the first cell of each row is its header.
#[component]
pub fn DataTable(
    #[prop(into)] caption: String,
    headings: Vec<String>,
    rows: Vec<Vec<String>>,
) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>{headings.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let mut cells = row.into_iter();
                            let head = cells.next().unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row">{head}</th>
                                    {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One project in the votes-against-cost chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub label: String,
    pub cost: f64,
    pub votes: f64,
    /// Funded points are filled discs, the others rings: shape, not only colour.
    pub funded: bool,
}

const W: f64 = 400.0;
const H: f64 = 240.0;
const PAD: f64 = 36.0;

/// Votes (up) against cost (across), one mark per project.
#[component]
pub fn ScatterChart(
    #[prop(into)] caption: String,
    #[prop(into)] x_label: String,
    #[prop(into)] y_label: String,
    #[prop(into)] summary: String,
    points: Vec<Point>,
) -> impl IntoView {
    let max_x = points
        .iter()
        .map(|p| p.cost)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let max_y = points
        .iter()
        .map(|p| p.votes)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let x = move |v: f64| PAD + v / max_x * (W - 2.0 * PAD);
    let y = move |v: f64| H - PAD - v / max_y * (H - 2.0 * PAD);
    let marks = points
        .into_iter()
        .map(|p| {
            let class = if p.funded { "point funded" } else { "point" };
            view! {
                <circle class=class cx=format!("{:.1}", x(p.cost)) cy=format!("{:.1}", y(p.votes)) r="5">
                    <title>{p.label}</title>
                </circle>
            }
        })
        .collect_view();
    view! {
        <figure class="chart scatter">
            <figcaption>{caption}</figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary focusable="false">
                <line class="axis" x1=PAD y1=H - PAD x2=W - PAD y2=H - PAD></line>
                <line class="axis" x1=PAD y1=PAD x2=PAD y2=H - PAD></line>
                <text class="axis-label" x=W / 2.0 y=H - 8.0 text-anchor="middle">{x_label}</text>
                <text class="axis-label" x="12" y=H / 2.0 text-anchor="middle" transform=format!("rotate(-90 12 {})", H / 2.0)>{y_label}</text>
                {marks}
            </svg>
        </figure>
    }
}
