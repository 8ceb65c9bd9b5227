//! Conflicts of interest: authors declare them when submitting, members declare their own, the
//! system proposes them and chairs confirm or dismiss; decisions survive later detection runs.

use serde_json::{Value, json};

use crate::support::review::{id_of, join, person, submit, venue};
use crate::support::{PASSWORD, TestApp, csrf_of, json_of};

async fn conflicts(app: &TestApp, chair: &reqwest::Client, slug: &str) -> Vec<Value> {
    json_of(chair.get(app.at(&format!("/api/v1/venues/{slug}/conflicts"))).send().await.unwrap())
        .await
        .as_array()
        .unwrap()
        .clone()
}

fn of(list: &[Value], user: i64) -> Option<&Value> {
    list.iter().find(|c| c["user_id"] == user)
}

#[tokio::test]
async fn declared_detected_and_decided_conflicts() {
    let app = TestApp::new().await;
    let chair = venue(&app, "conf").await;
    let other_chair = venue(&app, "old").await;
    let (_, author) = person(&app, "zhang@cs.pku.edu.cn", "张三", "北京大学").await;
    let (r_domain, c1) = person(&app, "r1@math.pku.edu.cn", "审一", "北京大学数学学院").await;
    let (r_aff, c2) = person(&app, "r2@gmail.com", "审二", " 北京大学 ").await;
    let (r_coauthor, c3) = person(&app, "r3@zju.edu.cn", "审三", "浙江大学").await;
    let (r_stranger, c4) = person(&app, "r4@qq.com", "审四", "复旦大学").await;
    let (r_declared, c5) = person(&app, "r5@ustc.edu.cn", "审五", "中国科学技术大学").await;
    for (email, c) in [
        ("r1@math.pku.edu.cn", &c1),
        ("r2@gmail.com", &c2),
        ("r3@zju.edu.cn", &c3),
        ("r4@qq.com", &c4),
        ("r5@ustc.edu.cn", &c5),
    ] {
        join(&app, &chair, "conf", email, c).await;
    }
    // r3 once wrote a paper with the author, at another venue.
    let res = submit(
        &app,
        &c3,
        "old",
        &[("审三", "r3@zju.edu.cn", "浙江大学"), ("张三", "zhang@cs.pku.edu.cn", "北京大学")],
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    drop(other_chair);

    // The form lists the committee; only its members can be declared.
    let html = author
        .get(app.at("/venues/conf/submit"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!("name=\"conflict\" value=\"{r_declared}\"")) && html.contains("审五"));
    let (outsider, _) = person(&app, "outsider@example.org", "外人", "").await;
    let res = submit(&app, &author, "conf", &[("张三", "zhang@cs.pku.edu.cn", "北京大学")], &[outsider]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Only members of the programme committee"));
    let res = submit(&app, &author, "conf", &[("张三", "zhang@cs.pku.edu.cn", "北京大学")], &[r_declared]).await;
    assert_eq!(res.status(), 303);
    let paper = id_of(&res);
    let list = conflicts(&app, &chair, "conf").await;
    assert_eq!(of(&list, r_declared).unwrap()["status"], "declared");
    assert_eq!(of(&list, r_declared).unwrap()["source"], "author");

    // Detection proposes; the chair decides.
    let res = chair.post(app.at("/api/v1/venues/conf/conflicts/detect")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["suggested"], 3);
    let list = conflicts(&app, &chair, "conf").await;
    assert!(
        of(&list, r_domain).unwrap()["reason"]
            .as_str()
            .unwrap()
            .contains("same_domain:pku.edu.cn")
    );
    assert!(
        of(&list, r_aff).unwrap()["reason"]
            .as_str()
            .unwrap()
            .contains("same_affiliation:北京大学")
    );
    assert!(
        of(&list, r_coauthor).unwrap()["reason"]
            .as_str()
            .unwrap()
            .contains("coauthor:zhang@cs.pku.edu.cn")
    );
    assert!(of(&list, r_stranger).is_none());
    for c in [r_domain, r_aff, r_coauthor] {
        assert_eq!(of(&list, c).unwrap()["status"], "suggested");
    }
    let id = |u: i64| of(&list, u).unwrap()["id"].as_i64().unwrap();
    let res = chair
        .post(app.at(&format!("/api/v1/venues/conf/conflicts/{}/confirm", id(r_domain))))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(res).await["status"], "confirmed");
    let res = chair
        .post(app.at(&format!("/api/v1/venues/conf/conflicts/{}/dismiss", id(r_aff))))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(res).await["status"], "dismissed");
    // The chairs' page shows the co-authorship suggestion, in Chinese.
    let c = app.client();
    assert_eq!(app.page_login(&c, "admin-conf@example.org", PASSWORD).await.status(), 303);
    let html = c
        .get(app.at("/venues/conf/conflicts"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("曾与其合作发表论文") && html.contains("data-status=\"suggested\""),
        "{html}"
    );
    let csrf = csrf_of(&c, &app.at("/venues/conf/conflicts")).await;
    let res = c
        .post(app.at(&format!("/venues/conf/conflicts/{}/confirm", id(r_coauthor))))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    // A second run keeps every decision.
    let res = chair.post(app.at("/api/v1/venues/conf/conflicts/detect")).send().await.unwrap();
    assert_eq!(json_of(res).await["suggested"], 0);
    let list = conflicts(&app, &chair, "conf").await;
    assert_eq!(of(&list, r_aff).unwrap()["status"], "dismissed");
    assert_eq!(of(&list, r_coauthor).unwrap()["status"], "confirmed");

    // Members declare their own; others cannot, and not on another venue's paper.
    let res = c4
        .post(app.at("/api/v1/venues/conf/my-conflicts"))
        .header("content-type", "application/json")
        .body(json!({"submission_id": paper, "reason": "former student"}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204, "{}", res.text().await.unwrap());
    let list = conflicts(&app, &chair, "conf").await;
    assert_eq!(of(&list, r_stranger).unwrap()["source"], "reviewer");
    let outsider_client = app.client();
    app.api_login(&outsider_client, "outsider@example.org").await;
    let res = outsider_client
        .post(app.at("/api/v1/venues/conf/my-conflicts"))
        .json(&json!({"submission_id": paper}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let old_paper = json_of(c3.get(app.at("/api/v1/me/submissions")).send().await.unwrap()).await[0]["id"]
        .as_i64()
        .unwrap();
    let res = c4
        .post(app.at("/api/v1/venues/conf/my-conflicts"))
        .header("content-type", "application/json")
        .body(json!({"submission_id": old_paper}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // Authors edit their declarations with the paper.
    let html = author
        .get(app.at(&format!("/submissions/{paper}/edit")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("value=\"{r_declared}\" checked")),
        "declared conflicts are shown ticked"
    );

    // Nobody but the chairs reads the list.
    for c in [&c1, &author, &outsider_client] {
        let res = c.get(app.at("/api/v1/venues/conf/conflicts")).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let res = c
            .post(app.at("/api/v1/venues/conf/conflicts/detect"))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        assert!(res.status() == 404 || res.status() == 403, "{}", res.status());
    }
}
