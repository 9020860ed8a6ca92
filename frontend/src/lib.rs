//! The browser side: the WebAssembly of the islands, hydrated by the page's script.

// The islands are exported to JavaScript from `app`; naming the crate keeps it linked in.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
