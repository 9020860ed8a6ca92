//! «Программы»: the institution operator's programs with their state of moderation, МОЦ's comment
//! on a returned one, and a copy for the next school year. Each program opens in its own page
//! (`program_edit`), each group in another (`group_edit`). Plain HTML forms: no WebAssembly.

pub mod group_edit;
pub mod import;
pub mod program_edit;

use crate::api::programs::{copy_program, my_programs, CopyProgram};
use crate::contract::programs::ProgramItem;
use crate::error::AppError;
use crate::ui::forms::{answer_posted, posted_as};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn OperatorProgramsPage() -> impl IntoView {
    let copied = answer_posted(posted_as::<CopyProgram>("copy"), |f: CopyProgram| {
        copy_program(f.id)
    });
    let list = Resource::new(
        || (),
        move |_| async move {
            let _ = copied.await;
            my_programs().await
        },
    );
    view! {
        <h1>"Программы учреждения"</h1>
        <Transition fallback=|| view! { <p class="loading">"Загружаем программы…"</p> }>
            {move || Suspend::new(async move {
                let outcome = copied.await;
                match list.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(list) => view! {
                        {outcome.map(|o| match o {
                            Ok(saved) => view! {
                                <p class="notice notice-ok" role="status">
                                    {saved.message} " "
                                    <a href=format!("/operator/programs/edit?id={}", saved.id)>"Открыть копию"</a>
                                </p>
                            }.into_any(),
                            Err(e) => view! { <p class="notice notice-error" role="alert">{e.to_string()}</p> }.into_any(),
                        })}
                        <p class="lead">{list.organization_name}</p>
                        <p>"Новая программа и изменения описания, возраста и стоимости опубликованной программы проходят модерацию МОЦ. Группы (места, расписание, сроки приема) меняются сразу."</p>
                        <p class="inline-actions">
                            <a class="button button-primary" href="/operator/programs/edit">"Новая программа"</a>
                            <a class="button button-secondary" href="/operator/programs/import">"Загрузить из файла"</a>
                        </p>
                        {if list.items.is_empty() {
                            view! { <p>"Программ пока нет."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="application-list">
                                    {list.items.into_iter().map(|item| view! { <li class="application"><Item item /></li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }
                        .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Item(item: ProgramItem) -> impl IntoView {
    let href = format!("/operator/programs/edit?id={}", item.id);
    view! {
        <p class="application-title"><a href=href>{item.title}</a></p>
        <p class="tags"><span class="tag">{item.state}</span><span class="tag">{format!("Групп: {}", item.groups)}</span></p>
        {item.comment.map(|c| view! { <p class="notice notice-important">"Комментарий МОЦ: " {c}</p> })}
        {(!item.archived).then(|| view! {
            <form method="post" action="/operator/programs" class="inline-form">
                <input type="hidden" name="form" value="copy" />
                <input type="hidden" name="id" value=item.id.to_string() />
                <button type="submit" class="button button-secondary">"Копия на следующий учебный год"</button>
            </form>
        })}
    }
}
