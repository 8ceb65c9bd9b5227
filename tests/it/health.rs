//! `/healthz` reports the database, the file store and the job queue.

use actix_web::{App, test as atest, web};

use crate::support::{TestApp, json_of};

#[tokio::test]
async fn healthz_reports_database_and_queue() {
    let app = TestApp::new().await;
    let res = app.client().get(app.at("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body = json_of(res).await;
    assert_eq!(body["status"], "ok");
    assert_eq!(body["jobs"]["failed"], 0);
    assert_eq!(body["files"], "ok");
    let backend = if app.state.files.bucket().is_some() { "s3" } else { "local" };
    assert_eq!(body["files_backend"], backend);
}

#[tokio::test]
async fn an_unreachable_bucket_leaves_the_process_in_rotation_as_degraded_and_says_why() {
    let app = TestApp::with(|c| {
        c.s3 = Some(crate::support::unreachable_bucket());
    })
    .await;
    let started = std::time::Instant::now();
    let res = app.client().get(app.at("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200, "every process shares the outage: none leaves rotation");
    let body = json_of(res).await;
    assert_eq!(body["status"], "degraded");
    assert_eq!(body["database"], "ok");
    assert_eq!((&body["files"], &body["files_backend"]), (&"unavailable".into(), &"s3".into()));
    assert!(body["files_error"].as_str().is_some_and(|e| !e.is_empty()), "{body}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "answered in {:?}",
        started.elapsed()
    );
}

#[actix_web::test]
async fn healthz_is_503_when_the_database_is_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    let config = crate::support::test_config(dir.path(), "postgres://nobody@127.0.0.1:9/none");
    let state = xuehui::web::AppState::new(config, true).unwrap();
    let srv = atest::init_service(
        App::new()
            .app_data(web::Data::new(state))
            .route("/healthz", web::get().to(xuehui::web::health::healthz)),
    )
    .await;
    let res = atest::call_service(&srv, atest::TestRequest::get().uri("/healthz").to_request()).await;
    assert_eq!(res.status(), 503);
    let body: serde_json::Value = atest::read_body_json(res).await;
    assert_eq!(body["status"], "unavailable");
}

#[test]
fn an_unknown_database_scheme_names_the_accepted_ones() {
    let err = xuehui::db::Db::connect("mysql://root@localhost/x", 1, true).err().expect("refused");
    let msg = err.to_string();
    assert!(
        msg.contains("mysql") && msg.contains("sqlite://") && msg.contains("postgres://"),
        "{msg}"
    );
}
