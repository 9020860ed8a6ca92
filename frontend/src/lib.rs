//! The browser side: hydrates the server-rendered page.

use leptos::prelude::document;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Every page is a lazy route: hydration waits for the page's chunk, which `hydrate_body` cannot.
    // The browser's own executor: Leptos's is set up inside `hydrate_from_async`, after this starts.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = document().body() else {
            return;
        };
        let app = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        // Only now is the whole page, shell and page alike, in the WebAssembly's hands. End-to-end
        // tests wait for this mark before they click, so that no click lands between the two.
        let _ = body.set_attribute("data-hydrated", "true");
        app.forget();
    });
}
