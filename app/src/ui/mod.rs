//! The user interface: the HTML shell, the routes, pages and components.

pub mod components;
pub mod forms;
pub mod pages;

use components::header::SiteHeader;
use components::hydration::HydrationScript;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};
use pages::lazy_pages::*;
use pages::not_found::NotFound;

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
    // True while the router fetches what a page needs before showing it: an operator's page
    // fetches its WebAssembly the first time it opens, which takes a moment on a slow network.
    let (routing, set_routing) = signal(false);
    view! {
        <Stylesheet id="leptos" href="/pkg/kruzhok.css" />
        // The text is the bottom of the title stack: while a page's own title is not yet in (its
        // chunk or data still on the way), the tab reads «Кружок» rather than nothing.
        <Title
            text=""
            formatter=|title: String| {
                if title.is_empty() { "Кружок".to_owned() } else { format!("{title} — Кружок") }
            }
        />
        <Router set_is_routing=set_routing>
            <a class="skip-link" href="#main">
                "Перейти к содержанию"
            </a>
            <p class="routing" role="status">
                {move || routing.get().then_some("Загружаем страницу…")}
            </p>
            <SiteHeader />
            <PageTitle />
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view={Lazy::<Home>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/programs") view={Lazy::<Programs>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/programs/:id") view={Lazy::<Program>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/register") view={Lazy::<RegisterGate>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/register/already") view={Lazy::<RegisterAlready>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/register/new") view={Lazy::<RegisterWizard>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/confirm-email") view={Lazy::<ConfirmEmail>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/login") view={Lazy::<Login>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/logout") view={Lazy::<Logout>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view={Lazy::<ResetRequest>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/reset-password/new") view={Lazy::<ResetNewPassword>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/cabinet") view={Lazy::<Cabinet>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/password") view={Lazy::<ChangePassword>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/children/new") view={Lazy::<AddChild>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/applications") view={Lazy::<MyApplications>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/notifications") view={Lazy::<Notifications>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/apply") view={Lazy::<Apply>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/operator/applications") view={Lazy::<OperatorApplications>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/role") view={Lazy::<Role>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/cancel-reasons") view={Lazy::<AdminReasons>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/hotline") view={Lazy::<AdminHotline>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/help") view={Lazy::<Help>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/help/:situation") view={Lazy::<HelpSituation>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/requests") view={Lazy::<MyRequests>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/requests/new") view={Lazy::<NewRequest>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/operator/requests") view={Lazy::<OperatorRequests>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/operator/families") view={Lazy::<OperatorFamilies>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/operator/duplicates") view={Lazy::<OperatorDuplicates>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/cabinet/children/correction") view={Lazy::<CorrectionRequest>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/operator/corrections") view={Lazy::<OperatorCorrections>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/operator/corrections/edit") view={Lazy::<CorrectionEdit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/operator/municipality-changes") view={Lazy::<MunicipalityChanges>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view={Lazy::<AuditLog>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/admin/operators") view={Lazy::<AdminOperators>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Кружок — запись детей на программы дополнительного образования г.о. Иваново"</p>
            </footer>
        </Router>
    }
}
