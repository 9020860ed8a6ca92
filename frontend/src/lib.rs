//! The browser side: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The lazy routes (operator pages) hydrate once their chunk has arrived: hydrate_body cannot wait.
    leptos::mount::hydrate_lazy(app::App);
}
