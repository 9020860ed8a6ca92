//! Every page but «not found» is a lazy route: its WebAssembly (the page and the server functions it
//! calls) is split by the release build (`cargo leptos build --split`) into a chunk fetched when the
//! page first opens. A parent's phone thus downloads the app's shell and the one page it shows, and
//! never the pages of operators, МОЦ or administrators. On the server they render as any other page.

use crate::domain::help::situation::Situation;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use leptos_router::{lazy_route, LazyRoute};

/// Declares a lazy route that shows a page component.
macro_rules! lazy_route_of {
    ($route:ident => $page:path) => {
        #[doc = concat!("The lazy route of [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

/// Declares the lazy routes of pages with a fixed address and title, and [`title_of`] for them.
macro_rules! titled_pages {
    ($($route:ident => $page:path, $path:literal, $title:literal;)+) => {
        $(lazy_route_of!($route => $page);)+

        /// The title of the page at `path`, when the page has a fixed one. The shell sets these
        /// from the address, so the tab is right at once, also while a lazy page's chunk is still
        /// on its way after a click (a program's page sets its own once its data are in).
        pub fn title_of(path: &str) -> Option<&'static str> {
            match path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path) {
                $($path => Some($title),)+
                _ => None,
            }
        }
    };
}

titled_pages! {
    Home => super::home::HomePage, "/", "";
    Programs => super::programs::ProgramsPage, "/programs", "Программы";
    RegisterGate => super::register_gate::RegisterGatePage, "/register", "Регистрация";
    RegisterAlready => super::register_gate::RegisterAlreadyPage, "/register/already", "У вас уже есть аккаунт";
    RegisterWizard => super::register_wizard::RegisterWizardPage, "/register/new", "Регистрация";
    ConfirmEmail => super::confirm_email::ConfirmEmailPage, "/confirm-email", "Подтверждение почты";
    Login => super::login::LoginPage, "/login", "Вход";
    Logout => super::logout::LogoutPage, "/logout", "Выход";
    ResetRequest => super::reset_password::ResetRequestPage, "/reset-password", "Восстановление пароля";
    ResetNewPassword => super::reset_password::ResetNewPasswordPage, "/reset-password/new", "Новый пароль";
    Cabinet => super::cabinet::CabinetPage, "/cabinet", "Личный кабинет";
    ChangePassword => super::change_password::ChangePasswordPage, "/cabinet/password", "Смена пароля";
    AddChild => super::add_child::AddChildPage, "/cabinet/children/new", "Добавить ребенка";
    MyApplications => super::my_applications::MyApplicationsPage, "/cabinet/applications", "Мои заявки";
    Notifications => super::notifications::NotificationsPage, "/cabinet/notifications", "Уведомления";
    Apply => super::apply::ApplyPage, "/apply", "Подать заявку";
    Role => super::role::RolePage, "/role", "Роль";
    Help => super::help::HelpPage, "/help", "Помощь";
    MyRequests => super::my_requests::MyRequestsPage, "/cabinet/requests", "Мои обращения";
    NewRequest => super::my_requests::NewRequestPage, "/cabinet/requests/new", "Новое обращение";
    CorrectionRequest => super::correction_request::CorrectionRequestPage, "/cabinet/children/correction", "Исправить данные ребенка";
    OperatorApplications => super::operator_applications::OperatorApplicationsPage, "/operator/applications", "Заявки учреждения";
    OperatorRequests => super::operator_requests::OperatorRequestsPage, "/operator/requests", "Обращения";
    OperatorFamilies => super::operator_families::OperatorFamiliesPage, "/operator/families", "Поиск семьи";
    OperatorDuplicates => super::operator_duplicates::OperatorDuplicatesPage, "/operator/duplicates", "Очередь дублей";
    OperatorCorrections => super::operator_corrections::OperatorCorrectionsPage, "/operator/corrections", "Исправления данных";
    CorrectionEdit => super::operator_corrections::CorrectionEditPage, "/operator/corrections/edit", "Исправление данных ребенка";
    MunicipalityChanges => super::municipality_changes::MunicipalityChangesPage, "/operator/municipality-changes", "Смена муниципалитета";
    AdminReasons => super::admin_reasons::AdminReasonsPage, "/admin/cancel-reasons", "Причины отмены";
    AdminHotline => super::admin_hotline::AdminHotlinePage, "/admin/hotline", "Горячая линия МОЦ";
    AdminOperators => super::admin_operators::AdminOperatorsPage, "/admin/operators", "Операторы";
    AuditLog => super::audit_log::AuditLogPage, "/admin/audit", "Журнал действий";
}

lazy_route_of!(Program => super::program::ProgramPage);
lazy_route_of!(HelpSituation => super::help::HelpSituationPage);

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

/// The document title of the page being shown when it is known from the address. It is in the
/// main bundle, so it does not wait for the page's chunk; nothing on other pages, whose own
/// `<Title>` applies.
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
