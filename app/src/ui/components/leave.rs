//! Sending the browser to another page from inside an island, where there is no client router.

use leptos::prelude::*;

/// Sends the browser to `path`: while the server renders, a redirect of the response; in a hydrated
/// island (say, a session that expired before the form was sent), a plain page load.
#[component]
pub fn Leave(path: &'static str) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
        ().into_any()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        view! { <leptos_router::components::Redirect path /> }.into_any()
    }
}
