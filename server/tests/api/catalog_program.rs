use crate::helpers::{spawn_seeded_app, Backend};
use crate::on_both_backends;
use app::contract::catalog::{ProgramDetails, ProgramPage};
use app::error::AppError;

on_both_backends!(
    a_program_comes_with_its_organization_and_groups,
    an_unknown_program_is_not_found,
);

async fn a_program_comes_with_its_organization_and_groups(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let list: ProgramPage = app
        .get_json("/api/catalog/programs?q=робототехника+lego", 200)
        .await;
    let summary = list
        .items
        .iter()
        .find(|p| p.group_count == 3)
        .expect("a program with three groups");
    let program: ProgramDetails = app
        .get_json(&format!("/api/catalog/program?id={}", summary.id), 200)
        .await;
    assert_eq!(program.title, "Робототехника LEGO");
    assert!(program.organization.address.contains("г. Иваново"));
    assert!(program.organization.phone.starts_with("+7 (4932)"));
    assert!(!program.organization.opening_hours.is_empty());
    assert_eq!(program.groups.len(), 3);
    let free: u32 = program.groups.iter().map(|g| g.free_seats).sum();
    assert_eq!(free, summary.free_seats);
    for group in &program.groups {
        assert!(group.free_seats <= group.capacity);
        assert!(program.age_min <= group.age_min && group.age_max <= program.age_max);
        assert!(group.enrolment_opens <= group.enrolment_closes);
    }
    app.finish().await;
}

async fn an_unknown_program_is_not_found(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let error: AppError = app.get_json("/api/catalog/program?id=999999", 404).await;
    assert_eq!(error, AppError::NotFound);
    app.finish().await;
}
