//! Cairn in the browser: Leptos, rendered on the client, compiled to WebAssembly by Trunk.

mod api;
mod app;
mod components;
mod i18n;
mod pages;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        i18n::show_crash_notice();
    }));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // The server writes the home page's first screen into the HTML (the same markup the app
    // renders); the app replaces it, and whatever someone had already reached keeps the focus.
    let focused = document
        .active_element()
        .filter(|e| e.closest("#first-screen").ok().flatten().is_some())
        .and_then(|e| {
            let id = e.id();
            if id.is_empty() {
                Some(format!("a[href=\"{}\"]", e.get_attribute("href")?))
            } else {
                Some(format!("#{id}"))
            }
        });
    for placeholder in ["loading", "first-screen"] {
        if let Some(element) = document.get_element_by_id(placeholder) {
            element.remove();
        }
    }
    leptos::mount::mount_to_body(app::App);
    if let Some(selector) = focused
        && let Ok(Some(element)) = document.query_selector(&selector)
        && let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element)
    {
        let _ = element.focus();
    }
    // For tests and scripts: the app, not the first screen, is on the page.
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-app", "ready");
    }
}
