//! Reviewers record expertise keywords, earlier papers, and the topics they want at a venue.

use serde_json::json;

use crate::support::review::{join, person, venue};
use crate::support::{TestApp, csrf_of, json_of};

#[tokio::test]
async fn keywords_and_earlier_papers_through_the_api_and_the_page() {
    let app = TestApp::new().await;
    let (_, c) = person(&app, "r@example.cn", "审稿人", "").await;
    let res = c
        .put(app.at("/api/v1/me/expertise"))
        .json(&json!({"keywords": "同行评议，peer review; 学术评价", "papers": [{"title": "", "year": 3000}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["papers"].is_string());
    let res = c
        .put(app.at("/api/v1/me/expertise"))
        .json(&json!({"keywords": "同行评议，peer review; 学术评价",
                      "papers": [{"title": "学术会议质量评估", "abstract_text": "指标体系", "year": 2024}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let v = json_of(res).await;
    assert_eq!(v["keywords"], "同行评议, peer review, 学术评价");
    assert_eq!(v["papers"][0]["title"], "学术会议质量评估");

    // The page adds and removes papers and names bad input.
    let csrf = csrf_of(&c, &app.at("/profile/expertise")).await;
    let res = c
        .post(app.at("/profile/papers"))
        .header("accept-language", "en")
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "Graph models"),
            ("abstract_text", ""),
            ("year", "twenty"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter a year between 1900 and 2100.") && html.contains("value=\"Graph models\""));
    let res = c
        .post(app.at("/profile/papers"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "Graph models"),
            ("abstract_text", ""),
            ("year", "2021"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let v = json_of(c.get(app.at("/api/v1/me/expertise")).send().await.unwrap()).await;
    assert_eq!(v["papers"].as_array().unwrap().len(), 2);
    let mine = v["papers"][0]["id"].as_i64().unwrap();
    // Someone else cannot delete it.
    let (_, other) = person(&app, "other@example.cn", "别人", "").await;
    let csrf_o = csrf_of(&other, &app.at("/profile/expertise")).await;
    let res = other
        .post(app.at(&format!("/profile/papers/{mine}/delete")))
        .form(&[("csrf", csrf_o.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = c
        .post(app.at(&format!("/profile/papers/{mine}/delete")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let v = json_of(c.get(app.at("/api/v1/me/expertise")).send().await.unwrap()).await;
    assert_eq!(v["papers"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn committee_members_choose_topics_of_their_venue() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    venue(&app, "other").await;
    let (_, r) = person(&app, "r@example.cn", "审稿人", "").await;
    join(&app, &chair, "conf", "r@example.cn", &r).await;
    let topics = |slug: &str| {
        let app = &app;
        let slug = slug.to_string();
        async move {
            json_of(app.client().get(app.at(&format!("/api/v1/venues/{slug}"))).send().await.unwrap()).await["topics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["id"].as_i64().unwrap())
                .collect::<Vec<_>>()
        }
    };
    let (mine, foreign) = (topics("conf").await, topics("other").await);
    let res = r
        .put(app.at("/api/v1/venues/conf/my-topics"))
        .json(&json!({"topics": [foreign[0]]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "another venue's topic");
    let res = r
        .put(app.at("/api/v1/venues/other/my-topics"))
        .json(&json!({"topics": [foreign[0]]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "not on that committee");
    // The bidding page's form takes several ticked topics.
    let csrf = csrf_of(&r, &app.at("/venues/conf/bids")).await;
    let body = format!("csrf={csrf}&topic={}&topic={}", mine[0], mine[1]);
    let res = r
        .post(app.at("/venues/conf/my-topics"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let v = json_of(r.get(app.at("/api/v1/venues/conf/my-topics")).send().await.unwrap()).await;
    assert_eq!(v["topics"], json!(mine));
    let html = r.get(app.at("/venues/conf/bids")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("value=\"{}\" checked", mine[0])));
}
