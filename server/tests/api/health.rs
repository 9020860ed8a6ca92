use crate::helpers::{spawn_app, Backend};
use crate::on_both_backends;

on_both_backends!(the_health_check_answers_when_the_database_does);

async fn the_health_check_answers_when_the_database_does(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app.get("/healthz").await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
    app.db.close().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status().as_u16(), 503);
    app.finish().await;
}
