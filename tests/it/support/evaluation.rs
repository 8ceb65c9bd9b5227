//! An evaluation round of society `cast` on a final indicator system, for the evaluation
//! tests (rounds, self-reports, ballots).

use reqwest::Method as M;
use serde_json::{Value, json};

use super::TestApp;
use super::participation::call;
use super::society::society;

/// Society `cast` with a final indicator system; answers the staff client and the system id.
pub async fn with_final_system(app: &TestApp) -> (reqwest::Client, i64) {
    let (_, staff) = society(app, "cast", "staff@cast.org").await;
    let systems = app.at("/api/v1/societies/cast/evaluation-systems");
    let (st, sys) = call(&staff, M::POST, systems.clone(), json!({"name_en": "CAST indicators"})).await;
    assert_eq!(st, 201, "{sys}");
    let id = sys["id"].as_i64().unwrap();
    // A round cannot use a draft.
    let (st, e) = call(&staff, M::POST, app.at("/api/v1/societies/cast/evaluation-rounds"), round_body(id)).await;
    assert_eq!((st, e["fields"]["system_id"].is_string()), (422, true), "{e}");
    let (st, _) = call(&staff, M::POST, format!("{systems}/{id}/finalise"), json!(null)).await;
    assert_eq!(st, 200);
    (staff, id)
}

/// Opens the round `demo-2026` of `cast` on the system; answers the round as the API shows it.
pub async fn new_round(app: &TestApp, staff: &reqwest::Client, system: i64) -> Value {
    let (st, r) = call(
        staff,
        M::POST,
        app.at("/api/v1/societies/cast/evaluation-rounds"),
        round_body(system),
    )
    .await;
    assert_eq!(st, 201, "{r}");
    r
}

pub fn round_body(system: i64) -> Value {
    json!({"slug": "demo-2026", "title_zh": "2026 年示范性会议", "title_en": "2026 demonstrative conferences",
           "system_id": system, "applications_close": "2099-03-31", "scoring_closes": "2099-05-31", "notice_ends": "2099-06-30", "quota": 3})
}
