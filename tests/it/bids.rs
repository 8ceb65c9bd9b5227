//! Committee members bid on the papers they may see: never a conflicted, own or withdrawn
//! paper, and no author names under double-blind review.

use serde_json::{Value, json};

use crate::support::review::{id_of, join, person, submit, venue};
use crate::support::{TestApp, csrf_of, json_of};

async fn bids(app: &TestApp, c: &reqwest::Client, query: &str) -> Vec<Value> {
    let res = c.get(app.at(&format!("/api/v1/venues/conf/bids{query}"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    json_of(res).await.as_array().unwrap().clone()
}

fn ids(list: &[Value]) -> Vec<i64> {
    list.iter().map(|p| p["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn members_bid_only_on_papers_they_may_see() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    let (_, author) = person(&app, "author@example.cn", "作者甲", "某大学").await;
    let (r1, c1) = person(&app, "r1@example.org", "审一", "").await;
    let (_, c2) = person(&app, "r2@example.org", "审二", "").await;
    let (_, c3) = person(&app, "r3@example.org", "审三", "").await;
    for (e, c) in [("r1@example.org", &c1), ("r2@example.org", &c2), ("r3@example.org", &c3)] {
        join(&app, &chair, "conf", e, c).await;
    }
    let p1 = id_of(&submit(&app, &author, "conf", &[("作者甲", "author@example.cn", "某大学")], &[r1]).await);
    // r2 is an author of p2; p3 gets withdrawn.
    let p2 = id_of(
        &submit(
            &app,
            &author,
            "conf",
            &[("作者甲", "author@example.cn", "某大学"), ("审二", "r2@example.org", "")],
            &[],
        )
        .await,
    );
    let p3 = id_of(&submit(&app, &author, "conf", &[("作者甲", "author@example.cn", "某大学")], &[]).await);
    let csrf = csrf_of(&author, &app.at(&format!("/submissions/{p3}"))).await;
    let res = author
        .post(app.at(&format!("/submissions/{p3}/withdraw")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    assert_eq!(
        ids(&bids(&app, &c1, "").await),
        vec![p2],
        "conflicted and withdrawn papers are not listed"
    );
    assert_eq!(ids(&bids(&app, &c2, "").await), vec![p1], "nobody bids on their own paper");
    let all = bids(&app, &c3, "").await;
    assert_eq!(ids(&all), vec![p1, p2]);
    assert!(all.iter().all(|p| p["authors"].is_null()), "double-blind: no author names");
    let raw = c3
        .get(app.at("/api/v1/venues/conf/bids"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!raw.contains("作者甲") && !raw.contains("author@example.cn"));

    // Saving, clearing and refusing bids.
    let put = |c: &reqwest::Client, id: i64, bid: Value| {
        c.put(app.at(&format!("/api/v1/venues/conf/bids/{id}")))
            .json(&json!({"bid": bid}))
            .send()
    };
    assert_eq!(
        put(&c1, p1, json!("eager")).await.unwrap().status(),
        404,
        "a conflicted paper does not exist for them"
    );
    assert_eq!(put(&c2, p2, json!("eager")).await.unwrap().status(), 404);
    assert_eq!(put(&c1, p3, json!("eager")).await.unwrap().status(), 404);
    let res = put(&c1, p2, json!("maybe")).await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["bid"].as_str().unwrap().contains("eager"));
    let res = put(&c1, p2, json!("eager")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["bid"], "eager");
    assert_eq!(ids(&bids(&app, &c1, "?bid=eager").await), vec![p2]);
    assert!(bids(&app, &c1, "?bid=none").await.is_empty());
    assert_eq!(put(&c1, p2, Value::Null).await.unwrap().status(), 200);
    assert_eq!(ids(&bids(&app, &c1, "?bid=none").await), vec![p2]);
    assert_eq!(bids(&app, &c3, "?q=同行评议").await.len(), 2);
    assert!(bids(&app, &c3, "?q=quantum").await.is_empty());

    // Outsiders and authors are not committee members: 404.
    for c in [&author, &app.client()] {
        let res = c.get(app.at("/api/v1/venues/conf/bids")).send().await.unwrap();
        assert!(res.status() == 404 || res.status() == 401, "{}", res.status());
        let res = c
            .put(app.at(&format!("/api/v1/venues/conf/bids/{p1}")))
            .json(&json!({"bid": "eager"}))
            .send()
            .await
            .unwrap();
        assert!(res.status() == 404 || res.status() == 401, "{}", res.status());
    }

    // Under single-blind review the names are shown.
    let deadline = (chrono::Utc::now() + chrono::Duration::days(7))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let res = chair
        .put(app.at("/api/v1/venues/conf/call"))
        .json(&json!({"paper_deadline": deadline, "anonymity": "single_blind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let all = bids(&app, &c3, "").await;
    assert_eq!(all[0]["authors"][0]["name_zh"], "作者甲");
}

#[tokio::test]
async fn the_bidding_page_saves_without_javascript_and_hides_names() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    let (_, author) = person(&app, "author@example.cn", "作者甲", "某大学").await;
    let (_, r) = person(&app, "r@example.org", "审稿人", "").await;
    join(&app, &chair, "conf", "r@example.org", &r).await;
    let p = id_of(&submit(&app, &author, "conf", &[("作者甲", "author@example.cn", "某大学")], &[]).await);
    let venue_page = r.get(app.at("/venues/conf")).send().await.unwrap().text().await.unwrap();
    assert!(venue_page.contains("id=\"bids-link\""));
    let html = r
        .get(app.at("/venues/conf/bids"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("id=\"paper-{p}\"")) && !html.contains("作者甲") && html.contains("In a pinch"));
    let csrf = csrf_of(&r, &app.at("/venues/conf/bids")).await;
    let res = r
        .post(app.at(&format!("/venues/conf/bids/{p}")))
        .form(&[("csrf", csrf.as_str()), ("bid", "willing")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = r.get(app.at("/venues/conf/bids")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<option value=\"willing\" selected>"), "{html}");
    assert!(html.contains("1 / 1"));
    // The author is not on the committee.
    let res = author.get(app.at("/venues/conf/bids")).send().await.unwrap();
    assert_eq!(res.status(), 404);
}

/// SQLite used to answer "database is locked" (500) to concurrent writers: a deferred
/// transaction that reads and then writes cannot wait for the write lock. Writers now queue.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_members_bidding_at_the_same_moment_all_succeed() {
    let app = TestApp::new().await;
    let chair = venue(&app, "surge").await;
    let (_, author) = person(&app, "author@surge.cn", "作者", "某大学").await;
    let mut papers = Vec::new();
    for _ in 0..2 {
        papers.push(id_of(
            &submit(&app, &author, "surge", &[("作者", "author@surge.cn", "某大学")], &[]).await,
        ));
    }
    let mut members = Vec::new();
    for i in 0..24 {
        let email = format!("m{i}@surge.org");
        let (_, c) = person(&app, &email, &format!("成员{i}"), "").await;
        join(&app, &chair, "surge", &email, &c).await;
        members.push(c);
    }
    let mut tasks = Vec::new();
    for c in &members {
        for &p in &papers {
            let (c, url) = (c.clone(), app.at(&format!("/api/v1/venues/surge/bids/{p}")));
            tasks.push(tokio::spawn(async move {
                let res = c.put(url).json(&json!({"bid": "eager"})).send().await.unwrap();
                (res.status(), res.text().await.unwrap())
            }));
        }
    }
    let mut failures = Vec::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        if status != 200 {
            failures.push(format!("{status}: {body}"));
        }
    }
    assert!(failures.is_empty(), "{} of 48 parallel bids failed: {failures:?}", failures.len());
    for c in &members {
        let res = c.get(app.at("/api/v1/venues/surge/bids?bid=eager")).send().await.unwrap();
        assert_eq!(json_of(res).await.as_array().unwrap().len(), 2);
    }
}
