//! The main heading of a page. It names the browser tab (WCAG 2.4.2) and, after a client-side
//! navigation, takes the focus so screen-reader and keyboard users start at the new page as
//! they would after a full load.

use leptos::html::H1;
use leptos::prelude::*;

/// Set when the route changes; taken by the next page heading that appears.
#[derive(Clone, Copy)]
pub struct PendingFocus(pub RwSignal<bool>);

#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    super::status::page_shown();
    let node = NodeRef::<H1>::new();
    let pending = use_context::<PendingFocus>();
    Effect::new(move |_| {
        document().set_title(&format!("{} — Cairn", text.get()));
    });
    Effect::new(move |_| {
        if let (Some(h1), Some(PendingFocus(pending))) = (node.get(), pending)
            && pending.get_untracked()
        {
            pending.set(false);
            // The heading may not be in the document yet when this runs; focus it once it is.
            request_animation_frame(move || {
                let _ = h1.focus();
            });
        }
    });
    view! { <h1 tabindex="-1" node_ref=node>{text}</h1> }
}

/// Moves the focus to the element with this id once it is in the document: after a step of a
/// form changes, so keyboard and screen-reader users start where the new content does.
pub fn focus_later(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id)
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    });
}
