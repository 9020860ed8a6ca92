//! «Операторы»: administrators give roles — creating the operator's account when there is none —
//! and take them away.

use crate::api::operators::{grant_role, operator_roles, revoke_role};
use crate::contract::operators::{GrantForm, GrantOutcome, OperatorsPage, RevokeForm};
use crate::error::AppError;
use crate::ui::components::error_summary::ErrorSummary;
use crate::ui::components::field::{error_for, CheckField, SelectField, TextField};
use crate::ui::forms::{answer_posted, posted};
use leptos::prelude::*;
use leptos_router::components::Redirect;

fn pairs(choices: &[crate::contract::choice::Choice]) -> Vec<(String, String)> {
    choices
        .iter()
        .map(|c| (c.value.clone(), c.label.clone()))
        .collect()
}

#[component]
pub fn AdminOperatorsPage() -> impl IntoView {
    let submitted = posted::<GrantForm>().filter(|f| !f.grant.is_empty());
    let typed = RwSignal::new(submitted.clone());
    let granted_post = answer_posted(submitted, grant_role);
    let revoked_post = answer_posted(
        posted::<RevokeForm>().filter(|f| !f.revoke.is_empty()),
        revoke_role,
    );
    let list = Resource::new(
        || (),
        move |_| async move {
            let _ = granted_post.await;
            let _ = revoked_post.await;
            operator_roles().await
        },
    );
    view! {
        <h1>"Операторы"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем…"</p> }>
            {move || Suspend::new(async move {
                let outcome = granted_post.await.or(revoked_post.await);
                match list.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(page) => {
                        let (errors, notice) = match outcome {
                            Some(Ok(GrantOutcome::Invalid { errors, .. })) => (errors, None),
                            Some(Ok(GrantOutcome::Done { message })) => (Vec::new(), Some(Ok(message))),
                            Some(Err(e)) => (Vec::new(), Some(Err(e.to_string()))),
                            None => (Vec::new(), None),
                        };
                        let form = typed
                            .get_untracked()
                            .filter(|_| !errors.is_empty())
                            .unwrap_or_default();
                        view! {
                            {notice.map(|n| match n {
                                Ok(m) => view! { <p class="notice notice-ok" role="status">{m}</p> }.into_any(),
                                Err(m) => view! { <p class="notice notice-error" role="alert">{m}</p> }.into_any(),
                            })}
                            {(!errors.is_empty()).then(|| view! { <ErrorSummary errors=errors.clone() /> })}
                            <GrantFields page=page.clone() form errors />
                            <Roles page />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn GrantFields(
    page: OperatorsPage,
    form: GrantForm,
    errors: Vec<crate::domain::field_error::FieldError>,
) -> impl IntoView {
    view! {
        <form method="post" action="/admin/operators" class="card wizard" novalidate>
            <h2>"Выдать роль"</h2>
            <input type="hidden" name="grant" value="1" />
            <TextField name="email" label="Почта оператора" value=form.email error=error_for(&errors, "email") kind="email" autocomplete="off" />
            <SelectField name="role" label="Роль" choices=pairs(&page.kinds) selected=form.role empty="Выберите роль" error=error_for(&errors, "role") />
            <SelectField name="organization" label="Учреждение (для оператора учреждения)" choices=pairs(&page.organizations) selected=form.organization empty="—" error=error_for(&errors, "organization") />
            <SelectField name="municipality" label="Муниципалитет (для оператора МОЦ)" choices=pairs(&page.municipalities) selected=form.municipality empty="—" error=error_for(&errors, "municipality") />
            <CheckField name="resolves_duplicates" label="Может решать, дубль ли запись (очередь дублей)" checked=form.resolves_duplicates == "1" />
            <p class="field-hint">"Если аккаунта с этой почтой нет, он будет создан: заполните поля ниже, и на почту придет ссылка, чтобы задать пароль."</p>
            <TextField name="surname" label="Фамилия (для нового аккаунта)" value=form.surname error=error_for(&errors, "surname") autocomplete="off" />
            <TextField name="given_name" label="Имя (для нового аккаунта)" value=form.given_name error=error_for(&errors, "given_name") autocomplete="off" />
            <TextField name="phone" label="Мобильный телефон (для нового аккаунта)" value=form.phone error=error_for(&errors, "phone") kind="tel" autocomplete="off" />
            <TextField name="admin_password" label="Ваш пароль администратора" value="" error=error_for(&errors, "admin_password") kind="password" autocomplete="current-password" hint="Роль открывает данные семей: подтвердите, что ее выдаете вы" />
            <button type="submit" class="button button-primary">"Выдать роль"</button>
        </form>
    }
    .into_any()
}

#[component]
fn Roles(page: OperatorsPage) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="roles-heading">
            <h2 id="roles-heading">{format!("Выданные роли: {}", page.roles.len())}</h2>
            <ul class="application-list">
                {page
                    .roles
                    .into_iter()
                    .map(|r| view! {
                        <li class="application hours-line">
                            <div>
                                <p class="application-title">{r.role}</p>
                                <p>{format!("{} · {}", r.name, r.email)}</p>
                                {r.resolves_duplicates.then_some(view! { <p class="application-reason">"Решает, дубль ли запись"</p> })}
                            </div>
                            <form method="post" action="/admin/operators">
                                <input type="hidden" name="revoke" value=r.id.to_string() />
                                <button type="submit" class="button button-secondary" aria-label=format!("Снять роль: {}", r.email)>"Снять"</button>
                            </form>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
