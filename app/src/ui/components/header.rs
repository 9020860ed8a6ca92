use crate::api::accounts::current_user;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The site header: the name that leads home, the catalogue, and the account: «Войти» or the
/// cabinet and «Выйти». (The role switch joins it with the operators' workspace.)
#[component]
pub fn SiteHeader() -> impl IntoView {
    let location = use_location();
    // Asked again on every navigation, so that logging in or out shows at once.
    let me = Resource::new(move || location.pathname.get(), |_| current_user());
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"К"</span>
                <span class="brand-name">"Кружок"</span>
            </a>
            <nav class="site-nav" aria-label="Основная навигация">
                <a href="/programs">"Программы"</a>
                <a href="/help">"Помощь"</a>
                <Transition fallback=|| view! { <a href="/login">"Войти"</a> }>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(Some(me)) => {
                                let unread = me.unread;
                                let (roles, active) = (me.roles.clone(), me.active_role);
                                let workspace = me.workspace.clone();
                                let label = if unread > 0 {
                                    format!("Уведомления, непрочитанных: {unread}")
                                } else {
                                    "Уведомления".to_owned()
                                };
                                view! {
                                    {workspace
                                        .into_iter()
                                        .map(|(href, name)| view! { <a href=href class="nav-workspace">{name}</a> })
                                        .collect_view()}
                                    <a href="/cabinet">"Кабинет"</a>
                                    <a
                                        href="/cabinet/notifications"
                                        class="nav-notifications"
                                        aria-label=label
                                    >
                                        <span aria-hidden="true">"🔔"</span>
                                        {(unread > 0).then(|| view! { <span class="badge" aria-hidden="true">{unread}</span> })}
                                    </a>
                                    {(!roles.is_empty()).then(|| view! { <RoleSwitch roles active /> })}
                                    <form method="post" action="/logout" class="inline-form">
                                        <button type="submit" class="link-button">"Выйти"</button>
                                    </form>
                                }
                                    .into_any()
                            }
                            _ => view! { <a href="/login">"Войти"</a> }.into_any(),
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}

/// The role switch of a person with roles beyond «родитель»: a plain form, so that it works the
/// same with and without JavaScript (the server switches and redirects to the role's workspace).
#[component]
fn RoleSwitch(
    roles: Vec<crate::contract::accounts::RoleChoice>,
    active: Option<i64>,
) -> impl IntoView {
    view! {
        <form method="post" action="/role" class="role-switch">
            <label for="role-select" class="visually-hidden">"Роль"</label>
            <select id="role-select" name="role">
                <option value="parent" selected=active.is_none()>"Родитель"</option>
                {roles
                    .into_iter()
                    .map(|r| {
                        let selected = active == Some(r.id);
                        view! { <option value=r.id.to_string() selected=selected>{r.label}</option> }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="link-button">"Сменить роль"</button>
        </form>
    }
}
