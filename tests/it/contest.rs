//! Speech contests of young scientists' forums: chairs set the score form, the talks (accepted
//! papers) and the judges; judges score on a phone page, each seeing only their own scores;
//! the board ranks talks by the trimmed mean; published results are public and the awarded
//! presenters are mailed in their language. Nobody else sees the board or the judging pages.

use reqwest::{Client, Method as M};
use serde_json::{Value, json};

use crate::support::participation::call;
use crate::support::review::{decide, notify_authors, person, submit_with, venue};
use crate::support::{TestApp, csrf_of, page_text};

/// A forum with three accepted, told papers (P1 by 李华, P2 by 王芳, P3 by Alice Smith, who
/// reads English), a rejected one, four judges (J4 conflicted with P2) and the chair.
struct Forum {
    slug: String,
    chair: Client,
    papers: Vec<i64>,
    rejected: i64,
    authors: Vec<(String, Client)>,
    judges: Vec<(i64, String, Client)>,
}

fn api(app: &TestApp, slug: &str, p: &str) -> String {
    app.at(&format!("/api/v1/venues/{slug}/contest{p}"))
}

async fn forum(app: &TestApp, slug: &str) -> Forum {
    let chair = venue(app, slug).await;
    let mut authors = Vec::new();
    let mut papers = Vec::new();
    for (i, (name, title)) in [("李华", "Graph learning"), ("王芳", "Perovskite cells"), ("史爱丽", "Single cells")]
        .iter()
        .enumerate()
    {
        let email = format!("a{i}@{slug}.edu.cn");
        let (_, c) = person(app, &email, name, "Uni").await;
        let res = submit_with(app, &c, slug, &[("title_en", title)], &[(name, &email, "Uni")], &[]).await;
        assert_eq!(res.status(), 303);
        papers.push(crate::support::review::id_of(&res));
        authors.push((email, c));
    }
    // Alice reads English.
    let res = authors[2]
        .1
        .patch(app.at("/api/v1/me"))
        .json(&json!({"name_latin": "Alice Smith", "preferred_lang": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let rejected = crate::support::review::id_of(
        &submit_with(
            app,
            &authors[0].1,
            slug,
            &[("title_en", "Rejected")],
            &[("李华", &authors[0].0, "Uni")],
            &[],
        )
        .await,
    );
    for &p in &papers {
        assert_eq!(decide(app, &chair, p, json!("accept_oral")).await.status(), 200);
    }
    assert_eq!(decide(app, &chair, rejected, json!("reject")).await.status(), 200);
    notify_authors(app, &chair, slug).await;
    let mut judges = Vec::new();
    for j in 1..=4 {
        let email = format!("judge{j}@{slug}.org");
        let (id, c) = person(app, &email, &format!("评委{j}"), "Lab").await;
        judges.push((id, email, c));
    }
    // Judge 4 also reviews for the venue and has a confirmed conflict with P2.
    crate::support::review::join(app, &chair, slug, &judges[3].1, &judges[3].2).await;
    let res = chair
        .post(app.at(&format!("/api/v1/venues/{slug}/conflicts")))
        .json(&json!({"submission_id": papers[1], "user_id": judges[3].0, "reason": "same lab"}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    Forum {
        slug: slug.into(),
        chair,
        papers,
        rejected,
        authors,
        judges,
    }
}

/// Content (10 points, weight 60) and delivery (10 points, weight 40): a total is 6c + 4d.
fn settings() -> Value {
    json!({"method": "trimmed_mean", "trim": 1,
           "criteria": [{"name_zh": "内容", "name_en": "Content", "max": 10, "weight": 60},
                        {"name_zh": "表达", "name_en": "Delivery", "max": 10, "weight": 40}],
           "awards": [{"name_zh": "一等奖", "name_en": "First prize", "count": 1},
                      {"name_zh": "二等奖", "name_en": "Second prize", "count": 1}]})
}

/// Settings, the three talks and the four judges, as the chair does it through the API.
async fn set_up(app: &TestApp, f: &Forum) -> Vec<i64> {
    let (st, v) = call(&f.chair, M::PUT, api(app, &f.slug, ""), settings()).await;
    assert_eq!(st, 200, "{v}");
    let (st, v) = call(&f.chair, M::PUT, api(app, &f.slug, "/entries"), json!({"submissions": f.papers})).await;
    assert_eq!(st, 200, "{v}");
    for (_, email, _) in &f.judges {
        let (st, v) = call(&f.chair, M::POST, api(app, &f.slug, "/judges"), json!({"email": email})).await;
        assert_eq!(st, 201, "{v}");
    }
    v["entries"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect()
}

async fn move_to(app: &TestApp, f: &Forum, state: &str) -> (u16, Value) {
    call(&f.chair, M::POST, api(app, &f.slug, "/state"), json!({ "state": state })).await
}

async fn score(app: &TestApp, f: &Forum, judge: usize, entry: i64, points: [i64; 2]) -> (u16, Value) {
    call(
        &f.judges[judge].2,
        M::PUT,
        api(app, &f.slug, &format!("/entries/{entry}/scores/mine")),
        json!({ "points": points }),
    )
    .await
}

/// Judge 1 scores a talk on the phone page, as a browser would.
async fn score_on_page(app: &TestApp, f: &Forum, entry: i64, points: [&str; 2]) -> reqwest::Response {
    let c = &f.judges[0].2;
    let page = app.at(&format!("/venues/{}/contest/judge/{entry}", f.slug));
    let csrf = csrf_of(c, &page).await;
    c.post(&page)
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("p0", points[0]), ("p1", points[1]), ("comment", "Clear")])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn judges_score_on_their_phones_and_the_trimmed_mean_ranks_the_talks() {
    let app = TestApp::new().await;
    let f = forum(&app, "ysf").await;
    // Only accepted, told papers may enter.
    let (_, v) = call(&f.chair, M::PUT, api(&app, "ysf", ""), settings()).await;
    assert_eq!(v["state"], "setup");
    let (st, v) = call(
        &f.chair,
        M::PUT,
        api(&app, "ysf", "/entries"),
        json!({"submissions": [f.papers[0], f.rejected]}),
    )
    .await;
    assert_eq!(st, 422, "{v}");
    assert!(v["fields"]["submissions[1]"].as_str().unwrap().contains("accepted"), "{v}");
    // An address without an account is refused beside the field.
    let (st, v) = call(&f.chair, M::POST, api(&app, "ysf", "/judges"), json!({"email": "nobody@ysf.org"})).await;
    assert_eq!(st, 422);
    assert!(v["fields"]["email"].as_str().unwrap().contains("no account"), "{v}");
    // Opening needs talks and judges.
    let (st, v) = move_to(&app, &f, "open").await;
    assert_eq!(st, 422, "{v}");
    let entries = set_up(&app, &f).await;
    assert_eq!(entries.len(), 3);
    // Judges are mailed the judging page in their language.
    let (subject, body) = app.last_mail_to("judge1@ysf.org").unwrap();
    assert!(subject.contains("评委"), "{subject}");
    assert!(body.contains("/venues/ysf/contest/judge"), "{body}");
    // No score before scoring opens.
    assert_eq!(score(&app, &f, 1, entries[0], [8, 7]).await.0, 409);
    assert_eq!(move_to(&app, &f, "published").await.0, 422);
    assert_eq!(move_to(&app, &f, "open").await.0, 200);

    // Judge 1 on the phone page: the list, one talk's form, saved, shown as scored.
    let list = page_text(&app, &f.judges[0].2, "/venues/ysf/contest/judge", "en").await;
    assert!(list.contains("Graph learning") && list.contains("not scored"), "{list}");
    let res = score_on_page(&app, &f, entries[0], ["9", "eleven"]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("0 to the criterion"));
    assert_eq!(score_on_page(&app, &f, entries[0], ["9", "9"]).await.status(), 303);
    let list = page_text(&app, &f.judges[0].2, "/venues/ysf/contest/judge", "en").await;
    assert!(list.contains("1 of 3 talks scored"), "{list}");
    let (_, board) = call(&f.chair, M::GET, api(&app, "ysf", "/board"), json!(null)).await;
    let row = board["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == entries[0])
        .unwrap()
        .clone();
    assert_eq!(
        (row["scored"].as_i64(), row["eligible"].as_i64(), row["missing"].as_bool()),
        (Some(1), Some(4), Some(true))
    );
    assert_eq!(row["score"], 90.0);

    // The rest, through the API. Totals (6c + 4d):
    //   P1: 90, 76, 100, 50 → drop 100 and 50 → (90 + 76) / 2 = 83
    //   P2: 70, 80, 72 (judge 4 conflicted) → drop 80 and 70 → 72
    //   P3: 80, 78, 82, 100 → drop 100 and 78 → (80 + 82) / 2 = 81 (the plain mean, 85, would win)
    for (j, e, p) in [
        (1, 0, [8, 7]),
        (2, 0, [10, 10]),
        (3, 0, [5, 5]),
        (0, 1, [7, 7]),
        (1, 1, [8, 8]),
        (2, 1, [6, 9]),
        (0, 2, [8, 8]),
        (1, 2, [9, 6]),
        (2, 2, [7, 10]),
        (3, 2, [10, 10]),
    ] {
        let (st, v) = score(&app, &f, j, entries[e], p).await;
        assert_eq!(st, 200, "{v}");
    }
    // Saving again replaces the judge's own score.
    assert_eq!(score(&app, &f, 3, entries[2], [9, 9]).await.0, 200);
    assert_eq!(score(&app, &f, 3, entries[2], [10, 10]).await.0, 200);
    // Points outside the form are refused by criterion.
    let (st, v) = score(&app, &f, 0, entries[2], [11, 8]).await;
    assert_eq!(st, 422);
    assert!(v["fields"]["points[0]"].is_string(), "{v}");
    // The score form is frozen once scoring started.
    let mut changed = settings();
    changed["criteria"][0]["max"] = json!(20);
    let (st, v) = call(&f.chair, M::PUT, api(&app, "ysf", ""), changed).await;
    assert_eq!(st, 422);
    assert!(v["fields"]["criteria"].as_str().unwrap().contains("no longer change"), "{v}");

    let (st, board) = call(&f.chair, M::GET, api(&app, "ysf", "/board"), json!(null)).await;
    assert_eq!(st, 200);
    let rows = board["rows"].as_array().unwrap();
    let got: Vec<(i64, f64, i64, i64)> = rows
        .iter()
        .map(|r| {
            (
                r["submission_id"].as_i64().unwrap(),
                r["score"].as_f64().unwrap(),
                r["rank"].as_i64().unwrap(),
                r["eligible"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![(f.papers[0], 83.0, 1, 4), (f.papers[2], 81.0, 2, 4), (f.papers[1], 72.0, 3, 3)]
    );
    assert_eq!(rows[0]["award"], 0);
    assert_eq!(rows[1]["award"], 1);
    assert!(rows[2]["award"].is_null());
    assert!(rows.iter().all(|r| r["trimmed"] == true && r["missing"] == false));
    // The board page names the method in words and the judges (to chairs).
    let text = page_text(&app, &f.chair, "/venues/ysf/contest", "en").await;
    assert!(text.contains("the 1 highest and 1 lowest judge totals are dropped"), "{text}");
    assert!(text.contains("评委1"), "{text}");
    let text = page_text(&app, &f.chair, "/venues/ysf/contest", "zh-CN").await;
    assert!(text.contains("去掉 1 个最高分"), "{text}");

    // Closed: no more scores; results still private.
    assert_eq!(move_to(&app, &f, "closed").await.0, 200);
    assert_eq!(score(&app, &f, 0, entries[2], [8, 8]).await.0, 409);
    let anon = app.client();
    assert_eq!(call(&anon, M::GET, api(&app, "ysf", "/results"), json!(null)).await.0, 404);
    assert_eq!(anon.get(app.at("/venues/ysf/contest")).send().await.unwrap().status(), 404);

    // Published: results for everyone, with awards and no judges; the awarded presenters are
    // mailed, each in their language.
    assert_eq!(move_to(&app, &f, "published").await.0, 200);
    let (st, r) = call(&anon, M::GET, api(&app, "ysf", "/results"), json!(null)).await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["rows"][0]["award_en"], "First prize");
    assert_eq!(r["rows"][1]["award_zh"], "二等奖");
    assert_eq!(r["rows"][0]["score"], 83.0);
    let raw = r.to_string();
    assert!(!raw.contains("评委") && !raw.contains("judge") && !raw.contains("totals"), "{raw}");
    let page = page_text(&app, &anon, "/venues/ysf/contest", "zh-CN").await;
    assert!(
        page.contains("一等奖") && page.contains("Graph learning") && !page.contains("评委1"),
        "{page}"
    );
    let (subject, _) = app.last_mail_to(&f.authors[0].0).unwrap();
    assert!(subject.contains("一等奖"), "{subject}");
    let (subject, body) = app.last_mail_to(&f.authors[2].0).unwrap();
    assert!(subject.contains("Second prize"), "{subject}");
    assert!(body.contains("Congratulations"), "{body}");
    assert!(
        !app.mails_to(&f.authors[1].0)
            .iter()
            .any(|(s, _)| s.contains("prize") || s.contains("奖"))
    );
    // Published results stay as they are.
    assert_eq!(call(&f.chair, M::PUT, api(&app, "ysf", ""), settings()).await.0, 409);
    assert_eq!(
        call(&f.chair, M::POST, api(&app, "ysf", "/judges"), json!({"email": "judge1@ysf.org"}))
            .await
            .0,
        409
    );
    let path = format!("/judges/{}", f.judges[0].0);
    assert_eq!(call(&f.chair, M::DELETE, api(&app, "ysf", &path), json!(null)).await.0, 409);
    assert_eq!(move_to(&app, &f, "open").await.0, 422);
    // The venue page links the results for everyone.
    let venue_page = anon.get(app.at("/venues/ysf")).send().await.unwrap().text().await.unwrap();
    assert!(venue_page.contains("/venues/ysf/contest\""), "the venue page links the results");
}

#[tokio::test]
async fn a_conflicted_judge_cannot_score_that_talk_and_judges_see_only_their_own_scores() {
    let app = TestApp::new().await;
    let f = forum(&app, "ysg").await;
    let entries = set_up(&app, &f).await;
    assert_eq!(move_to(&app, &f, "open").await.0, 200);
    assert_eq!(score(&app, &f, 0, entries[1], [9, 9]).await.0, 200);
    // Judge 4 is conflicted with P2: marked on the sheet, refused as if absent.
    let text = page_text(&app, &f.judges[3].2, "/venues/ysg/contest/judge", "en").await;
    assert!(text.contains("conflict — not scored by you"), "{text}");
    assert_eq!(score(&app, &f, 3, entries[1], [1, 1]).await.0, 404);
    let res = f.judges[3]
        .2
        .get(app.at(&format!("/venues/ysg/contest/judge/{}", entries[1])))
        .send()
        .await
        .unwrap();
    let body = res.text().await.unwrap();
    assert!(!body.contains("score-form"), "no form for a conflicted talk");
    // Judge 2 sees their own sheet only: nothing of judge 1's score.
    let (st, sheet) = call(&f.judges[1].2, M::GET, api(&app, "ysg", "/sheet"), json!(null)).await;
    assert_eq!(st, 200);
    assert!(
        sheet["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["scored"] == false && e["points"].is_null()),
        "{sheet}"
    );
    // Judges never see the board or the ranking before publication.
    for (_, _, c) in &f.judges {
        assert_eq!(call(c, M::GET, api(&app, "ysg", "/board"), json!(null)).await.0, 404);
        assert_eq!(c.get(app.at("/venues/ysg/contest")).send().await.unwrap().status(), 404);
        assert_eq!(call(c, M::GET, api(&app, "ysg", "/results"), json!(null)).await.0, 404);
    }
    // The conflicted judge's missing score does not count against the talk.
    let (_, board) = call(&f.chair, M::GET, api(&app, "ysg", "/board"), json!(null)).await;
    let row = board["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == entries[1])
        .unwrap()
        .clone();
    assert_eq!(row["eligible"], 3);
    assert_eq!(
        row["totals"].as_array().unwrap().iter().filter(|t| t["conflict"] == true).count(),
        1
    );
    // The judge finds the contest on their dashboard; a removed judge no longer counts nor enters.
    let dash = page_text(&app, &f.judges[0].2, "/dashboard", "en").await;
    assert!(dash.contains("Speech contests I judge"), "{dash}");
    let (st, _) = call(
        &f.chair,
        M::DELETE,
        api(&app, "ysg", &format!("/judges/{}", f.judges[0].0)),
        json!(null),
    )
    .await;
    assert_eq!(st, 204);
    assert_eq!(call(&f.judges[0].2, M::GET, api(&app, "ysg", "/sheet"), json!(null)).await.0, 404);
    let (_, board) = call(&f.chair, M::GET, api(&app, "ysg", "/board"), json!(null)).await;
    assert!(board["rows"].as_array().unwrap().iter().all(|r| r["scored"] == 0), "{board}");
}

#[tokio::test]
async fn outsiders_get_404_on_the_board_and_judging_pages() {
    let app = TestApp::new().await;
    let f = forum(&app, "ysh").await;
    let entries = set_up(&app, &f).await;
    assert_eq!(move_to(&app, &f, "open").await.0, 200);
    // Another venue with its own (non-administrator) chair and its own judge.
    let other = forum(&app, "ysi").await;
    let other_entries = set_up(&app, &other).await;
    let (other_chair_id, other_chair) = person(&app, "chair@ysi.org", "别的主席", "Uni").await;
    {
        let mut conn = app.state.db.conn().unwrap();
        let v = xuehui::venues::store::by_slug(&mut conn, "ysi").unwrap();
        xuehui::auth::roles::grant(
            &mut conn,
            other_chair_id,
            xuehui::auth::roles::Role::Chair,
            xuehui::auth::roles::Scope::Venue,
            v.id,
        )
        .unwrap();
    }
    let (_, stranger) = person(&app, "stranger@ysh.org", "路人", "Uni").await;
    let outsiders = [&f.authors[0].1, &stranger, &other_chair, &other.judges[0].2];
    for c in outsiders {
        for p in ["", "/board", "/entries", "/judges", "/sheet", "/results"] {
            assert_eq!(call(c, M::GET, api(&app, "ysh", p), json!(null)).await.0, 404, "GET {p}");
        }
        for p in [
            "/contest",
            "/contest/settings",
            "/contest/entries",
            "/contest/judges",
            "/contest/judge",
        ] {
            let res = c.get(app.at(&format!("/venues/ysh{p}"))).send().await.unwrap();
            assert_eq!(res.status(), 404, "{p}");
        }
        let res = c
            .get(app.at(&format!("/venues/ysh/contest/judge/{}", entries[0])))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        assert_eq!(
            call(
                c,
                M::PUT,
                api(&app, "ysh", &format!("/entries/{}/scores/mine", entries[0])),
                json!({"points": [1, 1]})
            )
            .await
            .0,
            404
        );
        assert_eq!(
            call(c, M::POST, api(&app, "ysh", "/state"), json!({"state": "closed"})).await.0,
            404
        );
        assert_eq!(
            call(c, M::POST, api(&app, "ysh", "/judges"), json!({"email": "judge1@ysi.org"}))
                .await
                .0,
            404
        );
    }
    // A judge of this venue cannot score another venue's entry through this venue's address.
    assert_eq!(score(&app, &f, 0, other_entries[0], [5, 5]).await.0, 404);
    // The other venue's chair manages only their own contest.
    assert_eq!(call(&other_chair, M::GET, api(&app, "ysi", "/board"), json!(null)).await.0, 200);
}

#[tokio::test]
async fn the_settings_entries_and_judges_pages_work_without_javascript() {
    let app = TestApp::new().await;
    let f = forum(&app, "ysj").await;
    let c = &f.chair;
    // The standard score form in one click.
    let csrf = csrf_of(c, &app.at("/venues/ysj/contest/settings")).await;
    let res = c
        .post(app.at("/venues/ysj/contest/settings/default"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, v) = call(c, M::GET, api(&app, "ysj", ""), json!(null)).await;
    let names: Vec<&str> = v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name_zh"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["学术创新性", "研究质量", "表达", "答辩"]);
    assert_eq!(v["awards"].as_array().unwrap().len(), 3);
    // A criterion with no maximum is refused beside its row.
    let res = c
        .post(app.at("/venues/ysj/contest/settings"))
        .header("accept-language", "en")
        .form(&[
            ("csrf", csrf.as_str()),
            ("method", "median"),
            ("trim", "1"),
            ("criteria[0].name_zh", "创新"),
            ("criteria[0].max", ""),
            ("criteria[0].weight", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("1 to 1000"));
    // Entries: tick two papers, the second first.
    let form: Vec<(String, String)> = vec![
        ("csrf".into(), csrf.clone()),
        ("papers[0].submission_id".into(), f.papers[0].to_string()),
        ("papers[0].include".into(), "1".into()),
        ("papers[0].order".into(), "2".into()),
        ("papers[1].submission_id".into(), f.papers[2].to_string()),
        ("papers[1].include".into(), "1".into()),
        ("papers[1].order".into(), "1".into()),
        ("papers[2].submission_id".into(), f.papers[1].to_string()),
    ];
    let res = c.post(app.at("/venues/ysj/contest/entries")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let (_, v) = call(c, M::GET, api(&app, "ysj", "/entries"), json!(null)).await;
    let order: Vec<i64> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["submission_id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, vec![f.papers[2], f.papers[0]]);
    assert_eq!(v["candidates"].as_array().unwrap().len(), 1);
    // Judges: an unknown address is refused on the field; a known one is added.
    let res = c
        .post(app.at("/venues/ysj/contest/judges"))
        .form(&[("csrf", csrf.as_str()), ("email", "nobody@ysj.org")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("judge-email-error"));
    let res = c
        .post(app.at("/venues/ysj/contest/judges"))
        .form(&[("csrf", csrf.as_str()), ("email", f.judges[0].1.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // Opening from the board's button; the judge now finds the contest from the venue page.
    let res = c
        .post(app.at("/venues/ysj/contest/state"))
        .form(&[("csrf", csrf.as_str()), ("state", "open")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, v) = call(c, M::GET, api(&app, "ysj", ""), json!(null)).await;
    assert_eq!(v["state"], "open");
    let venue_page = f.judges[0].2.get(app.at("/venues/ysj")).send().await.unwrap().text().await.unwrap();
    assert!(venue_page.contains("/venues/ysj/contest/judge"), "judges find the judging page");
}

#[tokio::test]
async fn the_demo_forum_has_published_contest_results() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let id = |email: &str| {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::auth::store::by_email(&mut conn, email).unwrap().unwrap().id
    };
    let (chair, authors, judges) = (
        id("organiser@xuehui.example"),
        vec![id("author1@xuehui.example"), id("author2@xuehui.example")],
        vec![
            id("reviewer1@xuehui.example"),
            id("reviewer2@xuehui.example"),
            id("reviewer3@xuehui.example"),
        ],
    );
    for _ in 0..2 {
        let mut conn = app.state.db.conn().unwrap();
        let society = xuehui::venues::store::by_slug(&mut conn, "annual-2026")
            .unwrap()
            .society_id
            .unwrap();
        xuehui::db::transaction(&mut conn, |c| {
            xuehui::salons::contest::demo::seed_forum(c, &app.state, society, chair, &authors, &judges)
        })
        .unwrap();
    }
    let (st, r) = call(
        &app.client(),
        M::GET,
        app.at("/api/v1/venues/ysf-2026/contest/results"),
        json!(null),
    )
    .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["rows"].as_array().unwrap().len(), 5);
    assert!(r["rows"].as_array().unwrap().iter().all(|x| x["counted"] == 3), "{r}");
    assert_eq!(r["rows"][0]["award_en"], "First prize");
}
