//! The user interface: the HTML shell, the routes, pages and components.

pub mod components;
pub mod forms;
pub mod pages;

use components::header::SiteHeader;
use components::hydration::HydrationScript;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};
use pages::{
    add_child::AddChildPage, admin_hotline::AdminHotlinePage, admin_operators::AdminOperatorsPage,
    admin_reasons::AdminReasonsPage, apply::ApplyPage, audit_log::AuditLogPage,
    cabinet::CabinetPage, change_password::ChangePasswordPage, confirm_email::ConfirmEmailPage,
    correction_request::CorrectionRequestPage, help::HelpPage, help::HelpSituationPage,
    home::HomePage, login::LoginPage, logout::LogoutPage, moc_programs::ModerationPage,
    municipality_changes::MunicipalityChangesPage, my_applications::MyApplicationsPage,
    my_requests::MyRequestsPage, my_requests::NewRequestPage, not_found::NotFound,
    notifications::NotificationsPage, operator_applications::OperatorApplicationsPage,
    operator_corrections::CorrectionEditPage, operator_corrections::OperatorCorrectionsPage,
    operator_duplicates::OperatorDuplicatesPage, operator_families::OperatorFamiliesPage,
    operator_programs::group_edit::GroupEditPage, operator_programs::import::ProgramImportPage,
    operator_programs::program_edit::ProgramEditPage, operator_programs::OperatorProgramsPage,
    operator_requests::OperatorRequestsPage, page_titles::PageTitle, program::ProgramPage,
    programs::ProgramsPage, register_gate::RegisterAlreadyPage, register_gate::RegisterGatePage,
    register_wizard::RegisterWizardPage, reset_password::ResetNewPasswordPage,
    reset_password::ResetRequestPage, role::RolePage,
};

/// Pages whose forms post to their own address; the server renders them with the posted fields.
pub const FORM_PAGES: &[&str] = &[
    "/register/new",
    "/login",
    "/logout",
    "/reset-password",
    "/reset-password/new",
    "/cabinet/children/new",
    "/cabinet/applications",
    "/apply",
    "/operator/applications",
    "/role",
    "/admin/cancel-reasons",
    "/cabinet/requests",
    "/cabinet/requests/new",
    "/operator/requests",
    "/admin/hotline",
    "/operator/families",
    "/operator/duplicates",
    "/cabinet/children/correction",
    "/operator/corrections",
    "/operator/corrections/edit",
    "/operator/municipality-changes",
    "/admin/operators",
    "/cabinet/password",
    "/operator/programs",
    "/operator/programs/edit",
    "/operator/programs/group",
    "/moc/programs",
    "/operator/programs/import",
];

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="ru">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1d5c96" />
                <link rel="icon" href="/favicon.ico" sizes="any" />
                <HydrationScript options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/kruzhok.css" />
        // The text is the bottom of the title stack: a page without a title of its own (an unknown
        // address, say) reads «Кружок» rather than nothing.
        <Title
            text=""
            formatter=|title: String| {
                if title.is_empty() { "Кружок".to_owned() } else { format!("{title} — Кружок") }
            }
        />
        <Router>
            <a class="skip-link" href="#main">
                "Перейти к содержанию"
            </a>
            <SiteHeader />
            <PageTitle />
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/programs") view=ProgramsPage ssr=SsrMode::Async />
                    <Route path=path!("/programs/:id") view=ProgramPage ssr=SsrMode::Async />
                    <Route path=path!("/register") view=RegisterGatePage ssr=SsrMode::Async />
                    <Route path=path!("/register/already") view=RegisterAlreadyPage ssr=SsrMode::Async />
                    <Route path=path!("/register/new") view=RegisterWizardPage ssr=SsrMode::Async />
                    <Route path=path!("/confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/logout") view=LogoutPage ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view=ResetRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/reset-password/new") view=ResetNewPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet") view=CabinetPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/password") view=ChangePasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/children/new") view=AddChildPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/applications") view=MyApplicationsPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/notifications") view=NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/apply") view=ApplyPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/applications") view=OperatorApplicationsPage ssr=SsrMode::Async />
                    <Route path=path!("/role") view=RolePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/cancel-reasons") view=AdminReasonsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/hotline") view=AdminHotlinePage ssr=SsrMode::Async />
                    <Route path=path!("/help") view=HelpPage ssr=SsrMode::Async />
                    <Route path=path!("/help/:situation") view=HelpSituationPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/requests") view=MyRequestsPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/requests/new") view=NewRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/requests") view=OperatorRequestsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/families") view=OperatorFamiliesPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/duplicates") view=OperatorDuplicatesPage ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/children/correction") view=CorrectionRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/corrections") view=OperatorCorrectionsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/corrections/edit") view=CorrectionEditPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/municipality-changes") view=MunicipalityChangesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/operators") view=AdminOperatorsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/programs") view=OperatorProgramsPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/programs/edit") view=ProgramEditPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/programs/group") view=GroupEditPage ssr=SsrMode::Async />
                    <Route path=path!("/moc/programs") view=ModerationPage ssr=SsrMode::Async />
                    <Route path=path!("/operator/programs/import") view=ProgramImportPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Кружок — запись детей на программы дополнительного образования г.о. Иваново"</p>
            </footer>
        </Router>
    }
}
