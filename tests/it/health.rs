//! `/healthz` reports the database and the job queue.

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
