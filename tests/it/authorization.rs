//! Attacks on the one authorization shape (`guard`): a chair who wrote a paper or is
//! conflicted with it is, for that paper, an author or nobody — in assignments, runs,
//! affinities, demand and conflicts — and bodies are not read before the caller is known.

use serde_json::{Value, json};

use crate::support::review::{co_chair, id_of, join, person, submit, venue};
use crate::support::{TestApp, csrf_of, json_of};

/// A venue with three reviewers and two papers: `own` written by the co-chair, `other` not.
struct Venue {
    chair: reqwest::Client,
    co_chair: (i64, reqwest::Client),
    reviewers: Vec<(i64, reqwest::Client)>,
    own: i64,
    other: i64,
}

async fn setup(app: &TestApp) -> Venue {
    let chair = venue(app, "conf").await;
    let co_chair = co_chair(app, "conf", "cochair@uni-c.edu.cn").await;
    let mut reviewers = vec![];
    for (e, name) in [("r1@lab1.org", "审一"), ("r2@lab2.org", "审二"), ("r3@lab3.org", "审三")] {
        let (id, c) = person(app, e, name, "").await;
        join(app, &chair, "conf", e, &c).await;
        reviewers.push((id, c));
    }
    let (_, author) = person(app, "author@uni-a.edu.cn", "作者", "Uni A").await;
    // The co-chair is a co-author of one paper.
    let own = id_of(
        &submit(
            app,
            &author,
            "conf",
            &[
                ("作者", "author@uni-a.edu.cn", "Uni A"),
                ("副主席", "cochair@uni-c.edu.cn", "Uni C"),
            ],
            &[],
        )
        .await,
    );
    let other = id_of(&submit(app, &author, "conf", &[("作者", "author@uni-a.edu.cn", "Uni A")], &[]).await);
    Venue {
        chair,
        co_chair,
        reviewers,
        own,
        other,
    }
}

fn papers_in(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| a["submission_id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_chair_who_wrote_a_paper_neither_picks_nor_sees_its_reviewers() {
    let app = TestApp::new().await;
    let v = setup(&app).await;
    let (r1, r2) = (v.reviewers[0].0, v.reviewers[1].0);
    let co = &v.co_chair.1;
    // The other chair assigns reviewers to both papers.
    for (p, r) in [(v.own, r1), (v.other, r2)] {
        let res = v
            .chair
            .post(app.at("/api/v1/venues/conf/assignments"))
            .json(&json!({"submission_id": p, "user_id": r}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
    }
    // The co-chair's lists leave their own paper out.
    let list = json_of(co.get(app.at("/api/v1/venues/conf/assignments")).send().await.unwrap()).await;
    assert_eq!(papers_in(&list), vec![v.other], "{list}");
    let all = json_of(v.chair.get(app.at("/api/v1/venues/conf/assignments")).send().await.unwrap()).await;
    assert_eq!(papers_in(&all).len(), 2);
    // ... and every change to it is refused as if it did not exist.
    let res = co
        .post(app.at("/api/v1/venues/conf/assignments"))
        .json(&json!({"submission_id": v.own, "user_id": v.reviewers[2].0}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let own_assignment = all.as_array().unwrap().iter().find(|a| a["submission_id"] == v.own).unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        delete(co, &app, &format!("/api/v1/venues/conf/assignments/{own_assignment}")).await,
        404
    );
    let res = co
        .put(app.at(&format!("/api/v1/venues/conf/papers/{}/demand", v.own)))
        .json(&json!({"reviewers": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    // Affinities: none shown for the paper, none importable for it.
    let aff = json_of(co.get(app.at("/api/v1/venues/conf/affinities")).send().await.unwrap()).await;
    let own_number = json_of(v.chair.get(app.at(&format!("/api/v1/submissions/{}", v.own))).send().await.unwrap()).await["number"]
        .as_i64()
        .unwrap();
    assert!(aff.as_array().unwrap().iter().all(|r| r["paper"] != own_number), "{aff}");
    assert!(!aff.as_array().unwrap().is_empty());
    let res = co
        .post(app.at("/api/v1/venues/conf/affinities"))
        .header("content-type", "text/csv")
        .body(format!("paper,reviewer,score\n{own_number},r3@lab3.org,1.0\n"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    // A solver run assigns every paper, but the co-chair's view has no trace of their own.
    let res = co
        .post(app.at("/api/v1/venues/conf/assignment-runs"))
        .json(&json!({"mode": "max_total"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let run = json_of(res).await;
    let proposal = &run["proposal"];
    let ids: Vec<i64> = proposal["papers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![v.other], "{run}");
    let loads: i64 = proposal["loads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["load"].as_i64().unwrap())
        .sum();
    let shown: usize = proposal["papers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["reviewers"].as_array().unwrap().len())
        .sum();
    assert_eq!(loads as usize, shown, "loads must not count the hidden paper: {run}");
    let seen_by_chair = json_of(
        v.chair
            .get(app.at(&format!("/api/v1/venues/conf/assignment-runs/{}", run["id"])))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(seen_by_chair["proposal"]["papers"].as_array().unwrap().len(), 2);
    // The assignment page does not name the paper's reviewers either.
    let page = co.get(app.at("/venues/conf/assignment")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        !html.contains(&format!("/submissions/{}\"", v.own)),
        "own paper listed on the assignment page"
    );
    // On the paper itself the co-chair is nothing until they confirm their authorship, then
    // an author: reviewers are letters, not names.
    let path = app.at(&format!("/api/v1/submissions/{}/reviews", v.own));
    assert_eq!(co.get(&path).send().await.unwrap().status(), 404);
    crate::support::review::confirm_authorship(&app, co, v.own).await;
    let reviews = json_of(
        co.get(app.at(&format!("/api/v1/submissions/{}/reviews", v.own)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(reviews["reviews"]["relation"], "author", "{reviews}");
}

#[tokio::test]
async fn a_conflicted_co_chair_cannot_see_or_lift_their_conflict() {
    let app = TestApp::new().await;
    let v = setup(&app).await;
    let (co_id, co) = (v.co_chair.0, &v.co_chair.1);
    // The other chair records the co-chair's conflict with the other paper.
    let res = v
        .chair
        .post(app.at("/api/v1/venues/conf/conflicts"))
        .json(&json!({"submission_id": v.other, "user_id": co_id, "reason": "same lab"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let all = json_of(v.chair.get(app.at("/api/v1/venues/conf/conflicts")).send().await.unwrap()).await;
    let own_conflict = all.as_array().unwrap().iter().find(|c| c["user_id"] == co_id).unwrap()["id"]
        .as_i64()
        .unwrap();
    // The co-chair sees neither the conflict nor anything of the paper ...
    let theirs = json_of(co.get(app.at("/api/v1/venues/conf/conflicts")).send().await.unwrap()).await;
    assert!(theirs.as_array().unwrap().iter().all(|c| c["submission_id"] != v.other), "{theirs}");
    for path in [
        format!("/api/v1/submissions/{}", v.other),
        format!("/api/v1/submissions/{}/reviews", v.other),
        format!("/api/v1/submissions/{}/discussion", v.other),
    ] {
        assert_eq!(co.get(app.at(&path)).send().await.unwrap().status(), 404, "{path}");
    }
    // ... and cannot dismiss it, by API or by page.
    assert_eq!(
        post(co, &app, &format!("/api/v1/venues/conf/conflicts/{own_conflict}/dismiss")).await,
        404
    );
    let still = json_of(
        v.chair
            .get(app.at("/api/v1/venues/conf/conflicts?status=confirmed"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(still.as_array().unwrap().iter().any(|c| c["id"] == own_conflict));
    // A suggestion about themselves on a paper they do see: they may confirm it, never dismiss it.
    let (_, author) = person(&app, "third@uni-d.edu.cn", "第三", "Uni D").await;
    let third = id_of(&submit(&app, &author, "conf", &[("第三", "third@uni-d.edu.cn", "Uni D")], &[]).await);
    let suggestion = {
        let mut conn = app.state.db.conn().unwrap();
        let venue = xuehui::venues::store::by_slug(&mut conn, "conf").unwrap();
        xuehui::review::conflicts::store::put(
            &mut conn,
            venue.id,
            third,
            co_id,
            xuehui::review::conflicts::model::SUGGESTED,
            xuehui::review::conflicts::model::FROM_SYSTEM,
            "",
            None,
        )
        .unwrap();
        xuehui::review::conflicts::store::for_pair(&mut conn, third, co_id)
            .unwrap()
            .unwrap()
            .id
    };
    assert_eq!(
        post(co, &app, &format!("/api/v1/venues/conf/conflicts/{suggestion}/dismiss")).await,
        409
    );
    assert_eq!(
        post(co, &app, &format!("/api/v1/venues/conf/conflicts/{suggestion}/confirm")).await,
        200
    );
}

#[tokio::test]
async fn authors_who_declare_conflicts_with_the_whole_committee_are_flagged_and_chairs_decide() {
    let app = TestApp::new().await;
    let v = setup(&app).await;
    let (_, author) = person(&app, "greedy@uni-e.edu.cn", "作者乙", "Uni E").await;
    let everyone: Vec<i64> = v.reviewers.iter().map(|r| r.0).collect();
    let paper = id_of(&submit(&app, &author, "conf", &[("作者乙", "greedy@uni-e.edu.cn", "Uni E")], &everyone).await);
    // The declarations are kept as declared, not confirmed ...
    let list = json_of(
        v.chair
            .get(app.at("/api/v1/venues/conf/conflicts?status=declared"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let declared: Vec<&Value> = list.as_array().unwrap().iter().filter(|c| c["submission_id"] == paper).collect();
    assert_eq!(declared.len(), 3, "{list}");
    assert!(declared.iter().all(|c| c["source"] == "author"));
    // ... and the paper is flagged to the chairs, in the API and on the page.
    let unusual = json_of(v.chair.get(app.at("/api/v1/venues/conf/conflicts/unusual")).send().await.unwrap()).await;
    assert_eq!(unusual, json!([{"submission_id": paper, "declared": 3, "committee": 3}]));
    let html = v
        .chair
        .get(app.at("/venues/conf/conflicts"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"unusual-declarations\""), "no flag on the conflicts page");
    // A chair dismisses one; that member can then be assigned to the paper.
    let id = declared[0]["id"].as_i64().unwrap();
    let member = declared[0]["user_id"].as_i64().unwrap();
    let res = v
        .chair
        .post(app.at(&format!("/api/v1/venues/conf/conflicts/{id}/dismiss")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = v
        .chair
        .post(app.at("/api/v1/venues/conf/assignments"))
        .json(&json!({"submission_id": paper, "user_id": member}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let unusual = json_of(v.chair.get(app.at("/api/v1/venues/conf/conflicts/unusual")).send().await.unwrap()).await;
    assert_eq!(unusual[0]["declared"], 2);
}

#[tokio::test]
async fn uploads_are_not_read_before_the_caller_is_known_to_be_allowed() {
    let app = TestApp::new().await;
    let v = setup(&app).await;
    let reviewer = &v.reviewers[0].1;
    let token = json_of(
        reviewer
            .post(app.at("/api/v1/tokens"))
            .json(&json!({"name": "probe"}))
            .send()
            .await
            .unwrap(),
    )
    .await["secret"]
        .as_str()
        .unwrap()
        .to_string();
    // Announce 150 MB, send 64 KiB, and wait: the answer must come without the rest.
    for (path, status) in [
        ("/api/v1/venues/conf/affinities", "404"),
        ("/api/v1/journals/import", "403"),
        ("/api/v1/catalogues/1/indicator-values", "404"),
    ] {
        let answer = answer_to_endless_upload(&app, &token, path).await;
        assert!(answer.starts_with(&format!("HTTP/1.1 {status}")), "{path}: {answer}");
    }
    // A chair's upload declared larger than the limit is refused before it is read.
    let res = v
        .chair
        .post(app.at("/api/v1/venues/conf/affinities"))
        .header("content-type", "text/csv")
        .header("content-length", (xuehui::review::affinity::import::MAX_BYTES + 1).to_string())
        .body(vec![b'x'; 16])
        .send()
        .await;
    // Either the server refuses at once (422) or closes the connection on the lying length.
    if let Ok(res) = res {
        assert_eq!(res.status(), 422);
    }
}

fn row(table: &Value, paper: i64) -> &Value {
    let rows = table.get("rows").and_then(|r| r.as_array()).or_else(|| table.as_array()).unwrap();
    rows.iter().find(|r| r["submission_id"] == paper).unwrap()
}

#[tokio::test]
async fn a_removed_member_loses_every_paper_and_their_review_stops_counting() {
    use crate::support::review::{complete, put_review, scene};
    let app = TestApp::new().await;
    let s = scene(&app, "rm").await;
    let (a_id, a) = (&s.reviewer_a.0, &s.reviewer_a.1);
    assert_eq!(put_review(&app, a, s.paper, complete(2, "A's view"), true).await.status(), 200);
    let res = a
        .post(app.at(&format!("/api/v1/submissions/{}/discussion", s.paper)))
        .json(&json!({"body": "I found a flaw in section 3."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let before = json_of(s.chair.get(app.at("/api/v1/venues/rm/decisions")).send().await.unwrap()).await;
    assert_eq!(row(&before, s.paper)["done"], 1, "{before}");

    // The chair removes reviewer A from the committee and is told what ended.
    let members = json_of(s.chair.get(app.at("/api/v1/venues/rm/committee")).send().await.unwrap()).await;
    let member = members.as_array().unwrap().iter().find(|m| m["user_id"] == *a_id).unwrap()["id"]
        .as_i64()
        .unwrap();
    let res = s
        .chair
        .delete(app.at(&format!("/api/v1/venues/rm/committee/{member}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let summary = json_of(res).await;
    assert_eq!(summary["assignments_ended"], 1, "{summary}");
    assert_eq!(summary["reviews_set_aside"], 1, "{summary}");

    // Everything of the paper is closed to them: reviews, discussion, the PDF, writing.
    for path in [
        format!("/api/v1/submissions/{}/reviews", s.paper),
        format!("/api/v1/submissions/{}/discussion", s.paper),
        format!("/submissions/{}/review/paper.pdf", s.paper),
        format!("/submissions/{}/review", s.paper),
    ] {
        assert_eq!(a.get(app.at(&path)).send().await.unwrap().status(), 404, "{path}");
    }
    assert_eq!(put_review(&app, a, s.paper, complete(1, "again"), true).await.status(), 404);
    let res = a
        .post(app.at(&format!("/api/v1/submissions/{}/discussion", s.paper)))
        .json(&json!({"body": "still here?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let tasks = json_of(a.get(app.at("/api/v1/me/reviews")).send().await.unwrap()).await;
    assert_eq!(tasks.as_array().unwrap().len(), 0, "{tasks}");

    // Their review no longer counts, and chairs see it marked; their post keeps its label.
    let after = json_of(s.chair.get(app.at("/api/v1/venues/rm/decisions")).send().await.unwrap()).await;
    assert_eq!(row(&after, s.paper)["done"], 0, "{after}");
    let reviews = json_of(
        s.chair
            .get(app.at(&format!("/api/v1/submissions/{}/reviews", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let theirs = reviews["reviews"]["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reviewer_id"] == *a_id)
        .unwrap()
        .clone();
    assert_eq!(theirs["set_aside"], true, "{reviews}");
    let posts = json_of(
        s.chair
            .get(app.at(&format!("/api/v1/submissions/{}/discussion", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let post = &posts["posts"][0];
    assert_eq!(
        (post["role"].as_str(), post["letter"].as_str()),
        (Some("reviewer"), Some("A")),
        "{posts}"
    );
    // Another reviewer does not see the set-aside review.
    let b = &s.reviewer_b.1;
    assert_eq!(put_review(&app, b, s.paper, complete(4, "B's view"), true).await.status(), 200);
    let seen = json_of(
        b.get(app.at(&format!("/api/v1/submissions/{}/reviews", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        seen["reviews"]["reviews"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["set_aside"] == false),
        "{seen}"
    );
}

#[tokio::test]
async fn an_unassigned_reviewers_posts_keep_their_label_and_their_review_is_set_aside() {
    use crate::support::review::{complete, put_review, scene};
    let app = TestApp::new().await;
    let s = scene(&app, "un").await;
    let (b_id, b) = (s.reviewer_b.0, &s.reviewer_b.1);
    assert_eq!(put_review(&app, b, s.paper, complete(5, "B likes it"), true).await.status(), 200);
    let res = b
        .post(app.at(&format!("/api/v1/submissions/{}/discussion", s.paper)))
        .json(&json!({"body": "Strong accept from me."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let list = json_of(s.chair.get(app.at("/api/v1/venues/un/assignments")).send().await.unwrap()).await;
    let id = list.as_array().unwrap().iter().find(|x| x["user_id"] == b_id).unwrap()["id"]
        .as_i64()
        .unwrap();
    let res = s
        .chair
        .delete(app.at(&format!("/api/v1/venues/un/assignments/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let posts = json_of(
        s.chair
            .get(app.at(&format!("/api/v1/submissions/{}/discussion", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        posts["posts"][0]["role"], "reviewer",
        "an unassigned reviewer's post must not read as a chair's: {posts}"
    );
    let table = json_of(s.chair.get(app.at("/api/v1/venues/un/decisions")).send().await.unwrap()).await;
    assert_eq!(row(&table, s.paper)["done"], 0, "{table}");
    assert!(row(&table, s.paper)["aggregate"]["mean"].is_null(), "{table}");
}

#[tokio::test]
async fn a_forwarded_committee_invitation_makes_nobody_else_a_member() {
    use crate::support::{csrf_of, link_in};
    let app = TestApp::new().await;
    let chair = venue(&app, "inv").await;
    let res = chair
        .post(app.at("/api/v1/venues/inv/committee"))
        .json(&json!({"invitees": [{"email": "invited@lab.org"}], "role": "reviewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let link = link_in(&app.last_mail_to("invited@lab.org").unwrap().1);
    let token = link.rsplit("/invitations/").next().unwrap().to_string();
    // Someone the link was forwarded to tries to accept with their own account.
    let (_, stranger) = person(&app, "stranger@elsewhere.org", "路人", "").await;
    assert_eq!(post(&stranger, &app, &format!("/api/v1/invitations/{token}/accept")).await, 409);
    let csrf = csrf_of(&stranger, &app.at(&format!("/invitations/{token}"))).await;
    let res = stranger
        .post(app.at(&format!("/invitations/{token}/accept")))
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("This invitation was sent to another e-mail address")
    );
    let me = json_of(stranger.get(app.at("/api/v1/me")).send().await.unwrap()).await;
    assert!(me["roles"].as_array().unwrap().iter().all(|r| r["role"] != "reviewer"), "{me}");
    let list = json_of(chair.get(app.at("/api/v1/venues/inv/committee")).send().await.unwrap()).await;
    assert_eq!(list[0]["status"], "invited");
    // The invited person, with the invited address, accepts.
    let (_, invited) = person(&app, "invited@lab.org", "受邀者", "").await;
    assert_eq!(post(&invited, &app, &format!("/api/v1/invitations/{token}/accept")).await, 200);
}

#[tokio::test]
async fn listing_a_reviewer_as_co_author_gives_them_no_rights_and_is_flagged_to_the_chair() {
    use crate::support::review::scene;
    let app = TestApp::new().await;
    let s = scene(&app, "co").await;
    let (ra_id, ra) = (s.reviewer_a.0, &s.reviewer_a.1);
    // The author lists reviewer A, assigned to their paper, as a co-author of it.
    let (a_email, r_email) = ("li.hua@co-uni.edu.cn", "ra@co-review.org");
    let res = list_as_coauthor(&app, &s, "学术评价研究", a_email, r_email).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    // The reviewer gained no author rights: no withdrawal, no author view, still a reviewer.
    assert_eq!(post(ra, &app, &format!("/api/v1/submissions/{}/withdraw", s.paper)).await, 404);
    assert_eq!(
        ra.get(app.at(&format!("/api/v1/submissions/{}", s.paper)))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let reviews = json_of(
        ra.get(app.at(&format!("/api/v1/submissions/{}/reviews", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(reviews["reviews"]["relation"], "reviewer", "{reviews}");
    // The chair is shown a suggested conflict to decide on.
    let list = json_of(
        s.chair
            .get(app.at("/api/v1/venues/co/conflicts?status=suggested"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let flagged = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["user_id"] == ra_id && c["submission_id"] == s.paper);
    assert!(flagged.is_some_and(|c| c["reason"] == "author:"), "{list}");
    // Conflict detection does not turn a bare listing into a confirmed conflict either.
    let res = s.chair.post(app.at("/api/v1/venues/co/conflicts/detect")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let list = json_of(s.chair.get(app.at("/api/v1/venues/co/conflicts")).send().await.unwrap()).await;
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["user_id"] == ra_id && c["submission_id"] == s.paper)
        .unwrap();
    assert_eq!(row["status"], "suggested", "{list}");
    // The listed person was told once; later updates do not mail them the submitter's text.
    let listed_mails = |app: &TestApp| {
        app.mails_to(r_email)
            .iter()
            .filter(|(subject, _)| subject.contains("Submission") || subject.contains("投稿"))
            .count()
    };
    assert_eq!(listed_mails(&app), 1);
    let res = list_as_coauthor(&app, &s, "学术评价研究（修订）", a_email, r_email).await;
    assert_eq!(res.status(), 303);
    assert_eq!(listed_mails(&app), 1);
}

/// Sends the head of a 150 MB CSV upload and 64 KiB of it, then waits for the answer.
async fn answer_to_endless_upload(app: &TestApp, token: &str, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut tcp = tokio::net::TcpStream::connect(app.url.trim_start_matches("http://")).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: text/csv\r\nContent-Length: {}\r\n\r\n",
        150 * 1024 * 1024
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    tcp.write_all(&vec![b'x'; 64 * 1024]).await.unwrap();
    let mut answer = vec![0u8; 1024];
    let n = tokio::time::timeout(std::time::Duration::from_secs(20), tcp.read(&mut answer))
        .await
        .unwrap_or_else(|_| panic!("the server waited for the body of an unauthorized upload to {path}"))
        .unwrap();
    String::from_utf8_lossy(&answer[..n]).to_string()
}

/// The scene's author edits their paper to list `author` and then `coauthor`.
async fn list_as_coauthor(
    app: &TestApp,
    s: &crate::support::review::Scene,
    title: &str,
    author: &str,
    coauthor: &str,
) -> reqwest::Response {
    let csrf = crate::support::csrf_of(&s.author, &app.at(&format!("/submissions/{}/edit", s.paper))).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("title_zh", title.to_string())
        .text("abstract_text", "完善同行评议的学术评价体系")
        .text("track", "main")
        .text("corresponding", "0")
        .text("presenter", "0")
        .text("author0_name_zh", "李华")
        .text("author0_email", author.to_string())
        .text("author1_name_zh", "合作者")
        .text("author1_email", coauthor.to_string());
    s.author
        .post(app.at(&format!("/submissions/{}/edit", s.paper)))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The status of a bodiless POST by `c`.
async fn post(c: &reqwest::Client, app: &TestApp, path: &str) -> u16 {
    c.post(app.at(path)).send().await.unwrap().status().as_u16()
}

/// The status of a DELETE by `c`.
async fn delete(c: &reqwest::Client, app: &TestApp, path: &str) -> u16 {
    c.delete(app.at(path)).send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn a_chair_who_wrote_a_paper_gets_no_preview_of_its_decision_mail_nor_its_confirmation() {
    let app = TestApp::new().await;
    let v = setup(&app).await;
    let co = &v.co_chair.1;
    // Both papers have an assigned reviewer who has not reviewed; the other chair decides both.
    for (p, r) in [(v.own, v.reviewers[0].0), (v.other, v.reviewers[1].0)] {
        let res = v
            .chair
            .post(app.at("/api/v1/venues/conf/assignments"))
            .json(&json!({"submission_id": p, "user_id": r}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        let res = crate::support::review::decide(&app, &v.chair, p, json!("reject")).await;
        assert_eq!(res.status(), 200);
    }
    // The co-chair's dry run counts only the paper they did not write.
    let plan = json_of(
        co.post(app.at("/api/v1/venues/conf/decisions/notify"))
            .json(&json!({"dry_run": true}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(plan["papers"], 1, "{plan}");
    assert!(!plan.to_string().contains("cochair@uni-c.edu.cn"), "{plan}");
    // The confirmation page for deciding on missing reviews refuses their own paper outright.
    let url = app.at("/venues/conf/decisions");
    let csrf = csrf_of(co, &url).await;
    let own = v.own.to_string();
    let res = co
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("back", ""),
            (&format!("was_{own}"), "reject"),
            (&format!("d_{own}"), "accept_oral"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "as if the paper did not exist");
    let page = co.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains(&format!("row-{own}")));
    let t = json_of(
        v.chair
            .get(app.at("/api/v1/venues/conf/decisions?decision=reject"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(t["rows"].as_array().unwrap().len(), 2, "the own paper's decision is unchanged: {t}");
    // Nor can they send its mail: the real send tells only the other paper's author.
    let sent = json_of(
        co.post(app.at("/api/v1/venues/conf/decisions/notify"))
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(sent["papers"], 1);
}
