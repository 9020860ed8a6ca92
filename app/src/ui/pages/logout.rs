use crate::api::accounts::logout;
use crate::ui::forms::FormSubmission;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The header's «Выйти» posts here: the session ends and the home page opens.
#[component]
pub fn LogoutPage() -> impl IntoView {
    let submitted = use_context::<FormSubmission>().is_some();
    let done = Resource::new(
        || (),
        move |_| async move {
            if submitted {
                logout().await.is_ok()
            } else {
                false
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                if done.await {
                    view! { <Redirect path="/" /> }.into_any()
                } else {
                    view! {
                        <h1>"Выйти из аккаунта?"</h1>
                        <form method="post" action="/logout" class="card">
                            <button type="submit" class="button button-primary">"Выйти"</button>
                        </form>
                    }
                        .into_any()
                }
            })}
        </Suspense>
    }
}
