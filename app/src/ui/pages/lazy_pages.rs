//! The pages of operators, МОЦ, the regional operator and the administrator, as lazy routes: their
//! WebAssembly (the page and the server functions it calls) is split from the parent's bundle by
//! the release build (`cargo leptos build --split`) and fetched the first time such a page opens, so
//! a parent's phone never downloads it. On the server they render as any other page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use leptos_router::{lazy_route, LazyRoute};

/// Declares, for each page component, a lazy route that shows it, and the page's title.
macro_rules! lazy_pages {
    ($($route:ident => $page:path, $path:literal, $title:literal;)+) => {
        $(
            #[doc = concat!("The lazy route of [`", stringify!($page), "`] at `", $path, "`.")]
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
        )+

        /// The title of the lazy page at `path`. A `<Title>` inside a lazy view registers after the
        /// server has already written the document's head, so these titles are set outside it.
        pub fn title_of(path: &str) -> Option<&'static str> {
            match path {
                $($path => Some($title),)+
                _ => None,
            }
        }
    };
}

lazy_pages! {
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

/// The document title of the lazy page being shown, in the main bundle so that the server writes it
/// into the head; nothing on other pages, whose own `<Title>` applies.
#[component]
pub fn LazyPageTitle() -> impl IntoView {
    let location = use_location();
    move || {
        location
            .pathname
            .with(|path| title_of(path))
            .map(|text| view! { <Title text=text /> })
    }
}
