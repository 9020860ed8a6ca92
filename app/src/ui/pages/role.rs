//! The role switch: the same person acts as a parent or as an operator. The header's switch posts
//! here; the page also offers the choice itself.

use crate::api::accounts::{current_user, switch_role};
use crate::contract::accounts::SwitchRoleForm;
use crate::error::AppError;
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn RolePage() -> impl IntoView {
    let from_post = answer_posted(posted::<SwitchRoleForm>(), switch_role);
    let me = Resource::new(|| (), |_| current_user());
    view! {
        <h1>"Роль в системе"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                let switched = from_post.await;
                if let Some(Ok(path)) = switched {
                    return view! { <Redirect path=path /> }.into_any();
                }
                let failure = switched.and_then(Result::err);
                match me.await {
                    Ok(Some(me)) => {
                        let active = me.active_role;
                        view! {
                            {failure.map(|e| view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> })}
                            <form method="post" action="/role" class="card">
                                <fieldset class="field">
                                    <legend>"Работать как"</legend>
                                    <div class="field-check">
                                        <input id="field-role" type="radio" name="role" value="parent" checked=active.is_none() />
                                        <label for="field-role">"Родитель (личный кабинет)"</label>
                                    </div>
                                    {me.roles.into_iter().map(|r| {
                                        let id = format!("role-{}", r.id);
                                        view! {
                                            <div class="field-check">
                                                <input id=id.clone() type="radio" name="role" value=r.id.to_string() checked=active == Some(r.id) />
                                                <label for=id>{r.label}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                                <button type="submit" class="button button-primary">"Перейти"</button>
                            </form>
                        }
                            .into_any()
                    }
                    Ok(None) | Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
