//! Chairs propose an optimal assignment, see why one is impossible, commit it (reviewers are
//! mailed), and change it by hand; conflicts are never assigned.

use serde_json::{Value, json};

use crate::support::review::{id_of, join, person, submit, venue};
use crate::support::{PASSWORD, TestApp, csrf_of, json_of};

async fn run(app: &TestApp, chair: &reqwest::Client, mode: &str) -> Value {
    let res = chair
        .post(app.at("/api/v1/venues/conf/assignment-runs"))
        .json(&json!({"mode": mode}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    json_of(res).await
}

async fn settings(app: &TestApp, chair: &reqwest::Client, k: i32, max: i32) {
    let mut s = json_of(chair.get(app.at("/api/v1/venues/conf/review-settings")).send().await.unwrap()).await;
    s["reviewers_per_paper"] = json!(k);
    s["max_load"] = json!(max);
    let res = chair
        .put(app.at("/api/v1/venues/conf/review-settings"))
        .json(&s)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn propose_commit_adjust_and_explain() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    let (_, author) = person(&app, "author@example.cn", "作者", "").await;
    let mut ids = vec![];
    for (e, name) in [("r1@example.org", "审一"), ("r2@example.org", "审二"), ("r3@example.org", "审三")] {
        let (id, c) = person(&app, e, name, "").await;
        join(&app, &chair, "conf", e, &c).await;
        ids.push((id, c));
    }
    let r1 = ids[0].0;
    let p1 = id_of(&submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[r1]).await);
    let p2 = id_of(&submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[]).await);
    let _p3 = id_of(&submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[]).await);
    let res = ids[1]
        .1
        .put(app.at(&format!("/api/v1/venues/conf/bids/{p2}")))
        .json(&json!({"bid": "eager"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    settings(&app, &chair, 2, 2).await;

    let proposal = run(&app, &chair, "max_total").await;
    assert_eq!(proposal["status"], "proposed", "{proposal}");
    let papers = proposal["proposal"]["papers"].as_array().unwrap();
    assert_eq!(papers.len(), 3);
    for p in papers {
        let reviewers: Vec<i64> = p["reviewers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["user_id"].as_i64().unwrap())
            .collect();
        assert_eq!(reviewers.len(), 2);
        if p["id"] == p1 {
            assert!(!reviewers.contains(&r1), "a conflicted reviewer is never proposed");
        }
    }
    assert!(
        proposal["proposal"]["loads"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["load"].as_i64().unwrap() <= 2)
    );
    // Nothing is assigned before the commit.
    let list = json_of(chair.get(app.at("/api/v1/venues/conf/assignments")).send().await.unwrap()).await;
    assert!(list.as_array().unwrap().is_empty());
    let id = proposal["id"].as_i64().unwrap();
    let res = chair
        .post(app.at(&format!("/api/v1/venues/conf/assignment-runs/{id}/commit")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let list = json_of(chair.get(app.at("/api/v1/venues/conf/assignments")).send().await.unwrap()).await;
    assert_eq!(list.as_array().unwrap().len(), 6);
    let (subject, body) = app.last_mail_to("r2@example.org").expect("an assignment mail");
    assert!(subject.contains("review") || subject.contains("评审"), "{subject}");
    assert!(body.contains("学术评价研究"));
    let res = chair
        .post(app.at(&format!("/api/v1/venues/conf/assignment-runs/{id}/commit")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "a proposal is committed once");

    // By hand: a conflict is refused; removing one leaves a gap the incremental mode fills alone.
    let res = chair
        .post(app.at("/api/v1/venues/conf/assignments"))
        .json(&json!({"submission_id": p1, "user_id": r1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let first = list[0]["id"].as_i64().unwrap();
    let res = chair
        .delete(app.at(&format!("/api/v1/venues/conf/assignments/{first}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let inc = run(&app, &chair, "incremental").await;
    assert_eq!(inc["proposal"]["changes"], json!([5, 0, 1]), "{inc}");

    // Three reviewers per paper cannot be had for paper 1: the chair is told which and why.
    settings(&app, &chair, 3, 3).await;
    let bad = run(&app, &chair, "max_total").await;
    assert_eq!(bad["status"], "infeasible");
    let reasons = bad["proposal"]["reasons"].as_array().unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r["en"].as_str().unwrap().contains("#1") && r["en"].as_str().unwrap().contains("needs 3")),
        "{reasons:?}"
    );
    let bad_id = bad["id"].as_i64().unwrap();
    let res = chair
        .post(app.at(&format!("/api/v1/venues/conf/assignment-runs/{bad_id}/commit")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);

    // The page shows the reasons in Chinese.
    let c = app.client();
    assert_eq!(app.page_login(&c, "admin-conf@example.org", PASSWORD).await.status(), 303);
    let html = c
        .get(app.at("/venues/conf/assignment"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("没有满足全部约束的分配") && html.contains("需要 3 位"), "{html}");

    // Members and authors reach none of it.
    for who in [&ids[1].1, &author] {
        assert_eq!(
            who.get(app.at("/api/v1/venues/conf/assignments")).send().await.unwrap().status(),
            404
        );
        let res = who
            .post(app.at("/api/v1/venues/conf/assignment-runs"))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        assert_eq!(who.get(app.at("/venues/conf/assignment")).send().await.unwrap().status(), 404);
    }
}

#[tokio::test]
async fn the_assignment_page_runs_and_commits() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    let (_, author) = person(&app, "author@example.cn", "作者", "").await;
    let (_, r) = person(&app, "r@example.org", "审稿人", "").await;
    join(&app, &chair, "conf", "r@example.org", &r).await;
    submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[]).await;
    settings(&app, &chair, 1, 6).await;
    let c = app.client();
    assert_eq!(app.page_login(&c, "admin-conf@example.org", PASSWORD).await.status(), 303);
    let csrf = csrf_of(&c, &app.at("/venues/conf/assignment")).await;
    let res = c
        .post(app.at("/venues/conf/assignment/run"))
        .form(&[("csrf", csrf.as_str()), ("role", "reviewer"), ("mode", "fair")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = c
        .get(app.at("/venues/conf/assignment"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("data-status=\"proposed\"") && html.contains("Fairest") && html.contains("id=\"commit\""),
        "{html}"
    );
    let action = html
        .split("action=\"/venues/conf/assignment/runs/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let res = c
        .post(app.at(&format!("/venues/conf/assignment/runs/{action}")))
        .form(&[("csrf", csrf.as_str()), ("checked", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = c
        .get(app.at("/venues/conf/assignment"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("This proposal has been committed.") && html.contains("审稿人"));
}

#[tokio::test]
async fn a_members_own_load_limit_overrides_the_venues() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    let (_, author) = person(&app, "author@example.cn", "作者", "").await;
    let (busy, c_busy) = person(&app, "busy@example.org", "忙碌", "").await;
    let (free, c_free) = person(&app, "free@example.org", "空闲", "").await;
    join(&app, &chair, "conf", "busy@example.org", &c_busy).await;
    join(&app, &chair, "conf", "free@example.org", &c_free).await;
    let p = id_of(&submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[]).await);
    let res = c_busy
        .put(app.at(&format!("/api/v1/venues/conf/bids/{p}")))
        .json(&json!({"bid": "eager"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    settings(&app, &chair, 1, 6).await;
    let first = run(&app, &chair, "max_total").await;
    assert_eq!(first["proposal"]["papers"][0]["reviewers"][0]["user_id"], busy);

    let members = json_of(chair.get(app.at("/api/v1/venues/conf/committee")).send().await.unwrap()).await;
    let id = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "busy@example.org")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let res = chair
        .put(app.at(&format!("/api/v1/venues/conf/committee/{id}/loads")))
        .json(&json!({"min_load": 3, "max_load": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = chair
        .put(app.at(&format!("/api/v1/venues/conf/committee/{id}/loads")))
        .json(&json!({"max_load": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let second = run(&app, &chair, "max_total").await;
    assert_eq!(second["proposal"]["papers"][0]["reviewers"][0]["user_id"], free, "{second}");
}

#[tokio::test]
async fn one_paper_can_need_more_reviewers_than_the_others() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    let (_, author) = person(&app, "author@example.cn", "作者", "").await;
    for e in ["a@example.org", "b@example.org", "c@example.org"] {
        let (_, c) = person(&app, e, "审", "").await;
        join(&app, &chair, "conf", e, &c).await;
    }
    let p1 = id_of(&submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[]).await);
    let p2 = id_of(&submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[]).await);
    settings(&app, &chair, 1, 6).await;
    let res = chair
        .put(app.at(&format!("/api/v1/venues/conf/papers/{p1}/demand")))
        .json(&json!({"reviewers": 99}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = chair
        .put(app.at(&format!("/api/v1/venues/conf/papers/{p1}/demand")))
        .json(&json!({"reviewers": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let r = run(&app, &chair, "max_total").await;
    let count = |id: i64| {
        r["proposal"]["papers"].as_array().unwrap().iter().find(|p| p["id"] == id).unwrap()["reviewers"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!((count(p1), count(p2)), (3, 1));
    let res = chair
        .put(app.at(&format!("/api/v1/venues/conf/papers/{p1}/demand")))
        .json(&json!({"reviewers": null}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let r = run(&app, &chair, "max_total").await;
    assert_eq!(r["proposal"]["papers"][0]["reviewers"].as_array().unwrap().len(), 1);
    // Another venue's chair cannot set it.
    let (_, other) = person(&app, "x@example.org", "外人", "").await;
    let res = other
        .put(app.at(&format!("/api/v1/venues/conf/papers/{p1}/demand")))
        .json(&json!({"reviewers": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn the_page_shows_what_a_commit_changes_asks_for_a_check_and_mails_reviewers_who_lose_papers() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    let (_, author) = person(&app, "author@example.cn", "作者", "").await;
    for (e, name) in [("r1@example.org", "审一"), ("r2@example.org", "审二"), ("r3@example.org", "审三")] {
        let (_, c) = person(&app, e, name, "").await;
        join(&app, &chair, "conf", e, &c).await;
    }
    for _ in 0..2 {
        submit(&app, &author, "conf", &[("作者", "author@example.cn", "")], &[]).await;
    }
    settings(&app, &chair, 2, 2).await;
    let id = run(&app, &chair, "max_total").await["id"].as_i64().unwrap();
    let html = crate::support::page_text(&app, &chair, "/venues/conf/assignment", "en").await;
    assert!(
        html.contains("id=\"changes-added\"") && html.contains("adds 4 assignments"),
        "the page lists the changes"
    );
    // Without the tick nothing is committed.
    let csrf = csrf_of(&chair, &app.at("/venues/conf/assignment")).await;
    let commit = |checked: bool| {
        let mut form = vec![("csrf", csrf.clone())];
        if checked {
            form.push(("checked", "yes".to_string()));
        }
        chair
            .post(app.at(&format!("/venues/conf/assignment/runs/{id}/commit")))
            .form(&form)
            .send()
    };
    let res = commit(false).await.unwrap();
    assert_eq!(res.headers()["location"], "/venues/conf/assignment#changes");
    let list = json_of(chair.get(app.at("/api/v1/venues/conf/assignments")).send().await.unwrap()).await;
    assert!(list.as_array().unwrap().is_empty());
    assert_eq!(commit(true).await.unwrap().status(), 303);
    let list = json_of(chair.get(app.at("/api/v1/venues/conf/assignments")).send().await.unwrap()).await;
    assert_eq!(list.as_array().unwrap().len(), 4);

    // One reviewer per paper now: the next commit removes two pairs, and says so to those reviewers.
    settings(&app, &chair, 1, 2).await;
    let id = run(&app, &chair, "max_total").await["id"].as_i64().unwrap();
    let html = crate::support::page_text(&app, &chair, "/venues/conf/assignment", "en").await;
    assert!(
        html.contains("id=\"changes-removed\"") && html.contains("removes 2"),
        "removals are listed"
    );
    let csrf = csrf_of(&chair, &app.at("/venues/conf/assignment")).await;
    let res = chair
        .post(app.at(&format!("/venues/conf/assignment/runs/{id}/commit")))
        .form(&[("csrf", csrf.as_str()), ("checked", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let told = ["r1@example.org", "r2@example.org", "r3@example.org"]
        .iter()
        .filter(|e| app.mails_to(e).iter().any(|(subject, _)| subject.contains("不再")))
        .count();
    assert!(told >= 1, "reviewers who lost papers are mailed");
}
