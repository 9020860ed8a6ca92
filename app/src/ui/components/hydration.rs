//! The script that hydrates a page, in place of Leptos's `HydrationScripts`, which also emits
//! `<link rel="preload">` for the JavaScript and the WebAssembly: a browser follows those even with
//! JavaScript off, and a parent's phone would download the whole WebAssembly for a page that never
//! runs it. One inline module script runs only where scripts run; it starts fetching the
//! WebAssembly at once, beside the JavaScript that instantiates it, so nothing waits on a round
//! trip more than it did with the preload links.

use leptos::config::LeptosOptions;
use leptos::nonce::use_nonce;
use leptos::prelude::*;

#[component]
pub fn HydrationScript(options: LeptosOptions) -> impl IntoView {
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let script = format!(
        "const w=fetch({wasm:?});import({js:?}).then(m=>m.default({{module_or_path:w}}).then(()=>m.hydrate()));",
        wasm = format!("{pkg}.wasm"),
        js = format!("{pkg}.js"),
    );
    view! { <script type="module" nonce=use_nonce()>{script}</script> }
}
