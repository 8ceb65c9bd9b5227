//! Chairs tune review settings and see affinities built from bids, topics and text in Chinese
//! and English, or import them from openreview-matcher's CSV (all rows or none).

use serde_json::{Value, json};

use crate::support::review::{id_of, join, person, submit, venue};
use crate::support::{TestApp, json_of};

#[tokio::test]
async fn affinities_follow_bids_and_expertise_or_an_imported_file() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    let (_, author) = person(&app, "author@example.cn", "作者", "").await;
    let (_, zh) = person(&app, "zh@example.cn", "评议专家", "").await;
    let (_, en) = person(&app, "en@example.org", "Materials Expert", "").await;
    join(&app, &chair, "conf", "zh@example.cn", &zh).await;
    join(&app, &chair, "conf", "en@example.org", &en).await;
    let p1 = id_of(&submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[]).await);
    let _p2 = id_of(&submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[]).await);
    let res = zh
        .put(app.at("/api/v1/me/expertise"))
        .json(&json!({"keywords": "同行评议, 学术评价体系"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = en
        .put(app.at("/api/v1/me/expertise"))
        .json(&json!({"keywords": "graph neural networks, materials"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let rows = json_of(chair.get(app.at("/api/v1/venues/conf/affinities?paper=1")).send().await.unwrap()).await;
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0]["reviewer"], "zh@example.cn",
        "the Chinese peer-review expert fits the peer-review paper: {rows:?}"
    );
    assert!(rows[0]["text"].as_f64().unwrap() > rows[1]["text"].as_f64().unwrap());

    // An eager bid lifts the other member above.
    let res = en
        .put(app.at(&format!("/api/v1/venues/conf/bids/{p1}")))
        .json(&json!({"bid": "eager"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let rows = json_of(chair.get(app.at("/api/v1/venues/conf/affinities?paper=1")).send().await.unwrap()).await;
    assert_eq!(rows[0]["reviewer"], "en@example.org");
    assert_eq!(rows[0]["bid"], "eager");

    // Settings are checked and kept.
    let mut s = json_of(chair.get(app.at("/api/v1/venues/conf/review-settings")).send().await.unwrap()).await;
    assert_eq!(s["reviewers_per_paper"], 3);
    s["min_load"] = json!(5);
    s["max_load"] = json!(2);
    let res = chair
        .put(app.at("/api/v1/venues/conf/review-settings"))
        .json(&s)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["max_load"].is_string());
    s["min_load"] = json!(1);
    s["use_imported"] = json!(true);
    let res = chair
        .put(app.at("/api/v1/venues/conf/review-settings"))
        .json(&s)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // A file with a bad row changes nothing and names every problem.
    let bad =
        "paper,reviewer,score\n1,zh@example.cn,0.123456789012\n7,zh@example.cn,0.5\n2,nobody@example.org,0.5\n2,en@example.org,lots\n";
    let res = chair
        .post(app.at("/api/v1/venues/conf/affinities"))
        .header("content-type", "text/csv")
        .body(bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let report = json_of(res).await;
    let lines: Vec<i64> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, vec![3, 4, 5]);
    assert_eq!(report["errors"][0]["message"], "No paper has this number at this venue.");
    let rows = json_of(chair.get(app.at("/api/v1/venues/conf/affinities?paper=1")).send().await.unwrap()).await;
    assert!(
        rows.as_array().unwrap().iter().all(|r| r["score"] == 0.0),
        "nothing imported: {rows}"
    );

    let good = "1,zh@example.cn,0.123456789012\n1,en@example.org,0.25\n2,en@example.org,0.75\n";
    let res = chair
        .post(app.at("/api/v1/venues/conf/affinities"))
        .header("content-type", "text/csv")
        .body(good)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["applied"], 3);
    let rows = json_of(chair.get(app.at("/api/v1/venues/conf/affinities?paper=1")).send().await.unwrap()).await;
    assert_eq!(rows[0]["reviewer"], "en@example.org");
    let zh_row: &Value = rows.as_array().unwrap().iter().find(|r| r["reviewer"] == "zh@example.cn").unwrap();
    assert_eq!(zh_row["score"].as_f64().unwrap(), 0.123456789012, "full precision");

    // A form-like content type is refused (no cross-site posts with the chair's cookie).
    let res = chair
        .post(app.at("/api/v1/venues/conf/affinities"))
        .header("content-type", "text/plain")
        .body(good)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);

    // Only the chairs.
    for c in [&zh, &author] {
        for path in ["/api/v1/venues/conf/affinities", "/api/v1/venues/conf/review-settings"] {
            assert_eq!(c.get(app.at(path)).send().await.unwrap().status(), 404);
        }
        let res = c
            .post(app.at("/api/v1/venues/conf/affinities"))
            .header("content-type", "text/csv")
            .body(good)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
}
