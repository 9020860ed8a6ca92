//! The script that hydrates a page's islands, in place of Leptos's `HydrationScripts`.
//!
//! Only the few forms that answer as the user types are islands; every other page is plain
//! server-rendered HTML whose forms post and whose links load the next page. The script therefore
//! fetches the WebAssembly only on a page that has an island, so most of a parent's pages download
//! none at all. Leptos's own script would also emit `<link rel="preload">` for the JavaScript and
//! the WebAssembly, which a browser follows even with JavaScript off. One inline module script runs
//! only where scripts run, after the document is parsed; it marks the body `data-hydrated` once the
//! islands (if any) are live, which end-to-end tests wait for before they click.

use leptos::config::LeptosOptions;
use leptos::nonce::use_nonce;
use leptos::prelude::*;

#[component]
pub fn HydrationScript(options: LeptosOptions) -> impl IntoView {
    // Islands mode: what renders outside an island is never hydrated, so nothing of it (resources
    // included) is serialized for the browser; each island switches this on for itself.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    view! { <script type="module" nonce=use_nonce()>{island_script(&pkg)}</script> }
}

/// The script for the JavaScript and WebAssembly at `pkg` (`.js`, `.wasm`).
fn island_script(pkg: &str) -> String {
    format!(
        "const d=()=>document.body.setAttribute('data-hydrated','true');\
         const i=[...document.querySelectorAll('leptos-island')];\
         if(!i.length)d();\
         else{{const w=fetch({wasm:?});\
         import({js:?}).then(m=>m.default({{module_or_path:w}}).then(()=>{{\
         m.hydrate();\
         for(const e of i)m[e.dataset.component]?.(e);\
         d();}}))}}",
        wasm = format!("{pkg}.wasm"),
        js = format!("{pkg}.js"),
    )
}

#[cfg(test)]
mod tests {
    use super::island_script;

    #[test]
    fn the_webassembly_is_fetched_only_where_an_island_is() {
        let script = island_script("/pkg/kruzhok");
        let guard = script.find("if(!i.length)").unwrap();
        let fetch = script.find("fetch(\"/pkg/kruzhok.wasm\")").unwrap();
        assert!(guard < fetch);
        assert!(script.contains("import(\"/pkg/kruzhok.js\")"));
    }
}
