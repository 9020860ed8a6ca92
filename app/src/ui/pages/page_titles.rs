//! The titles of the pages whose title is known from the address alone. The shell sets them, so a
//! page's own code only sets a title that comes with its data (a program's name).

use crate::domain::help::situation::Situation;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// The title of the page at `path`, when the page has a fixed one.
pub fn title_of(path: &str) -> Option<&'static str> {
    match path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path)
    {
        "/" => Some(""),
        "/programs" => Some("Программы"),
        "/register" => Some("Регистрация"),
        "/register/already" => Some("У вас уже есть аккаунт"),
        "/register/new" => Some("Регистрация"),
        "/confirm-email" => Some("Подтверждение почты"),
        "/login" => Some("Вход"),
        "/logout" => Some("Выход"),
        "/reset-password" => Some("Восстановление пароля"),
        "/reset-password/new" => Some("Новый пароль"),
        "/cabinet" => Some("Личный кабинет"),
        "/cabinet/password" => Some("Смена пароля"),
        "/cabinet/children/new" => Some("Добавить ребенка"),
        "/cabinet/applications" => Some("Мои заявки"),
        "/cabinet/notifications" => Some("Уведомления"),
        "/apply" => Some("Подать заявку"),
        "/role" => Some("Роль"),
        "/help" => Some("Помощь"),
        "/cabinet/requests" => Some("Мои обращения"),
        "/cabinet/requests/new" => Some("Новое обращение"),
        "/cabinet/children/correction" => Some("Исправить данные ребенка"),
        "/operator/applications" => Some("Заявки учреждения"),
        "/operator/requests" => Some("Обращения"),
        "/operator/families" => Some("Поиск семьи"),
        "/operator/duplicates" => Some("Очередь дублей"),
        "/operator/corrections" => Some("Исправления данных"),
        "/operator/corrections/edit" => Some("Исправление данных ребенка"),
        "/operator/municipality-changes" => Some("Смена муниципалитета"),
        "/admin/cancel-reasons" => Some("Причины отмены"),
        "/admin/hotline" => Some("Горячая линия МОЦ"),
        "/admin/operators" => Some("Операторы"),
        "/admin/audit" => Some("Журнал действий"),
        "/operator/programs" => Some("Программы учреждения"),
        "/operator/programs/edit" => Some("Программа"),
        "/operator/programs/group" => Some("Группа"),
        "/moc/programs" => Some("Модерация программ"),
        "/operator/programs/import" => Some("Загрузка программ"),
        _ => None,
    }
}

/// The title of the page at `path` when it is known without asking the server: a fixed page's, or a
/// help situation's topic (or «not found» for an unknown one). A program's page sets its own once
/// the program has arrived.
pub fn known_title_of(path: &str) -> Option<&'static str> {
    title_of(path).or_else(|| {
        path.strip_prefix("/help/").map(|slug| {
            Situation::from_slug(slug).map_or(super::not_found::TITLE, Situation::topic)
        })
    })
}

/// The document title of the page being shown when it is known from the address; nothing on other
/// pages, whose own `<Title>` applies.
#[component]
pub fn PageTitle() -> impl IntoView {
    let location = use_location();
    move || {
        location
            .pathname
            .with(|path| known_title_of(path))
            .map(|text| view! { <Title text=text /> })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_pages_and_help_situations_have_their_titles() {
        assert_eq!(known_title_of("/"), Some(""));
        assert_eq!(known_title_of("/login"), Some("Вход"));
        assert_eq!(known_title_of("/login/"), Some("Вход"));
        assert_eq!(
            known_title_of("/operator/applications"),
            Some("Заявки учреждения")
        );
        assert_eq!(known_title_of("/help/forgot-email"), Some("Не помню почту"));
        for situation in Situation::ALL {
            let path = format!("/help/{}", situation.slug());
            assert_eq!(known_title_of(&path), Some(situation.topic()));
        }
    }

    #[test]
    fn an_unknown_help_situation_is_not_found() {
        assert_eq!(
            known_title_of("/help/no-such-situation"),
            Some("Страница не найдена")
        );
    }

    #[test]
    fn pages_whose_title_comes_with_their_data_or_that_do_not_exist_have_none() {
        assert_eq!(known_title_of("/programs/9"), None);
        assert_eq!(known_title_of("/nope"), None);
    }
}
