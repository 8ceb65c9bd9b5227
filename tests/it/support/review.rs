//! Builders for review tests: venues with open calls, people with profiles, committee members,
//! submissions through the form.

use chrono::{Duration, Utc};
use reqwest::Client;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::{PASSWORD, TestApp, csrf_of, json_of, link_in};
use xuehui::files::pdf::sample;

/// A venue with an open call without extra questions; returns the chair's client.
pub async fn venue(app: &TestApp, slug: &str) -> reqwest::Client {
    let chair = crate::venues::venue_with_chair(app, slug).await;
    let deadline = (Utc::now() + Duration::days(7))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let res = chair
        .put(app.at(&format!("/api/v1/venues/{slug}/call")))
        .json(&json!({"paper_deadline": deadline, "anonymity": "double_blind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    open_call(app, &chair, slug).await;
    chair
}

/// The chair opens the venue's call (it starts as a draft only its chairs see).
pub async fn open_call(app: &TestApp, chair: &Client, slug: &str) {
    let res = chair.post(app.at(&format!("/api/v1/venues/{slug}/open"))).send().await.unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// A logged-in browser for a new account with a profile.
pub async fn person(app: &TestApp, email: &str, name_zh: &str, affiliation: &str) -> (i64, reqwest::Client) {
    let id = app.user(email, false);
    let c = app.client();
    assert_eq!(app.page_login(&c, email, PASSWORD).await.status(), 303);
    let csrf = csrf_of(&c, &app.at("/profile")).await;
    let res = c
        .post(app.at("/profile"))
        .form(&[("csrf", csrf.as_str()), ("name_zh", name_zh), ("affiliation", affiliation)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    (id, c)
}

/// Invites `email` to the committee as a reviewer and accepts with `client`.
pub async fn join(app: &TestApp, chair: &reqwest::Client, slug: &str, email: &str, client: &reqwest::Client) {
    join_as(app, chair, slug, email, client, "reviewer").await;
}

/// Submits through the form: authors as (name, e-mail, affiliation); returns the response.
pub async fn submit(
    app: &TestApp,
    c: &reqwest::Client,
    slug: &str,
    authors: &[(&str, &str, &str)],
    conflicts: &[i64],
) -> reqwest::Response {
    submit_with(app, c, slug, &[], authors, conflicts).await
}

/// Like `submit`, with form fields (`title_zh`, `title_en`, `abstract_text`, `keywords`)
/// replacing the defaults.
pub async fn submit_with(
    app: &TestApp,
    c: &reqwest::Client,
    slug: &str,
    fields: &[(&str, &str)],
    authors: &[(&str, &str, &str)],
    conflicts: &[i64],
) -> reqwest::Response {
    post_paper(
        app,
        c,
        &format!("/venues/{slug}/submit"),
        fields,
        authors,
        conflicts,
        sample(1, "p", None),
    )
    .await
}

/// The author's new version of `paper` with `pdf` (authors as for `submit`).
pub async fn revise_pdf(app: &TestApp, c: &reqwest::Client, paper: i64, authors: &[(&str, &str, &str)], pdf: Vec<u8>) -> reqwest::Response {
    post_paper(app, c, &format!("/submissions/{paper}/edit"), &[], authors, &[], pdf).await
}

/// Posts the submission form at `path` (a new paper or a new version).
async fn post_paper(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
    authors: &[(&str, &str, &str)],
    conflicts: &[i64],
    pdf: Vec<u8>,
) -> reqwest::Response {
    // The session's token (a paper that can no longer be edited has no form to take it from).
    let csrf = csrf_of(c, &app.at("/profile")).await;
    let field = |name: &str, default: &str| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
            .unwrap_or(default.to_string())
    };
    let mut form = Form::new()
        .text("csrf", csrf)
        .text("title_zh", field("title_zh", "学术评价研究"))
        .text("title_en", field("title_en", ""))
        .text("abstract_text", field("abstract_text", "完善同行评议的学术评价体系"))
        .text("keywords", field("keywords", ""))
        .text("track", "main")
        .text("corresponding", "0")
        .text("presenter", "0");
    for (i, (name, email, aff)) in authors.iter().enumerate() {
        form = form
            .text(format!("author{i}_name_zh"), name.to_string())
            .text(format!("author{i}_email"), email.to_string())
            .text(format!("author{i}_affiliation"), aff.to_string());
    }
    for u in conflicts {
        form = form.text("conflict", u.to_string());
    }
    form = form.part("pdf", Part::bytes(pdf).file_name("p.pdf").mime_str("application/pdf").unwrap());
    c.post(app.at(path))
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

pub fn id_of(res: &reqwest::Response) -> i64 {
    res.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Invites `email` in `role` (`reviewer` or `area_chair`) and accepts with `client`.
pub async fn join_as(app: &TestApp, chair: &reqwest::Client, slug: &str, email: &str, client: &reqwest::Client, role: &str) {
    let res = chair
        .post(app.at(&format!("/api/v1/venues/{slug}/committee")))
        .json(&json!({"invitees": [{"email": email}], "role": role}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let link = link_in(&app.last_mail_to(email).unwrap().1);
    let token = link.rsplit("/invitations/").next().unwrap();
    let csrf = csrf_of(client, &app.at(&format!("/invitations/{token}"))).await;
    let res = client
        .post(app.at(&format!("/invitations/{token}/accept")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}

/// Assigns a member to a paper by hand.
pub async fn assign(app: &TestApp, chair: &reqwest::Client, slug: &str, paper: i64, user: i64, role: &str) {
    let res = chair
        .post(app.at(&format!("/api/v1/venues/{slug}/assignments")))
        .json(&json!({"submission_id": paper, "user_id": user, "role": role}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "assign: {}", res.text().await.unwrap());
}

/// Everyone around one double-blind paper in review.
pub struct Scene {
    /// Venue URL name.
    pub slug: String,
    /// The paper.
    pub paper: i64,
    /// Chair (a site administrator).
    pub chair: reqwest::Client,
    /// Submitting author.
    pub author: reqwest::Client,
    /// Co-author with an account.
    pub coauthor: reqwest::Client,
    /// Two assigned reviewers.
    pub reviewer_a: (i64, reqwest::Client),
    /// The second assigned reviewer.
    pub reviewer_b: (i64, reqwest::Client),
    /// A committee member not assigned to the paper.
    pub unassigned: reqwest::Client,
    /// An assigned member with a confirmed conflict.
    pub conflicted: reqwest::Client,
    /// The paper's area chair.
    pub area_chair: (i64, reqwest::Client),
    /// Chair of another venue.
    pub other_chair: reqwest::Client,
}

/// Builds the scene: a venue, a two-author paper, its committee and assignments.
pub async fn scene(app: &TestApp, slug: &str) -> Scene {
    let chair = venue(app, slug).await;
    let (_, author) = person(app, &format!("li.hua@{slug}-uni.edu.cn"), "李华", "Uni A").await;
    let (_, coauthor) = person(app, &format!("wang.fang@{slug}-uni.edu.cn"), "王芳", "Uni A").await;
    let mut people = Vec::new();
    for (who, role) in [
        ("ra", "reviewer"),
        ("rb", "reviewer"),
        ("ru", "reviewer"),
        ("rc", "reviewer"),
        ("ac", "area_chair"),
    ] {
        let email = format!("{who}@{slug}-review.org");
        let (id, c) = person(app, &email, &format!("审稿{who}"), &format!("Lab {who}")).await;
        join_as(app, &chair, slug, &email, &c, role).await;
        people.push((id, c));
    }
    let res = submit(
        app,
        &author,
        slug,
        &[
            ("李华", &format!("li.hua@{slug}-uni.edu.cn"), "Uni A"),
            ("王芳", &format!("wang.fang@{slug}-uni.edu.cn"), "Uni A"),
        ],
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    let paper = id_of(&res);
    confirm_authorship(app, &coauthor, paper).await;
    make_reviewer_copy(app, paper).await;
    for (i, role) in [(0, "reviewer"), (1, "reviewer"), (3, "reviewer"), (4, "area_chair")] {
        assign(app, &chair, slug, paper, people[i].0, role).await;
    }
    let res = chair
        .post(app.at(&format!("/api/v1/venues/{slug}/conflicts")))
        .json(&json!({"submission_id": paper, "user_id": people[3].0, "reason": "former student"}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "conflict: {}", res.text().await.unwrap());
    // Another venue with its own chair (not a site administrator).
    let _other = venue(app, &format!("{slug}-other")).await;
    let other_id = app.user(&format!("chair@{slug}-other.org"), false);
    {
        let mut conn = app.state.db.conn().unwrap();
        let v = xuehui::venues::store::by_slug(&mut conn, &format!("{slug}-other")).unwrap();
        xuehui::auth::roles::grant(
            &mut conn,
            other_id,
            xuehui::auth::roles::Role::Chair,
            xuehui::auth::roles::Scope::Venue,
            v.id,
        )
        .unwrap();
    }
    let other_chair = app.client();
    app.api_login(&other_chair, &format!("chair@{slug}-other.org")).await;
    let mut it = people.into_iter();
    let reviewer_a = it.next().unwrap();
    let reviewer_b = it.next().unwrap();
    let unassigned = it.next().unwrap().1;
    let conflicted = it.next().unwrap().1;
    let area_chair = it.next().unwrap();
    Scene {
        slug: slug.into(),
        paper,
        chair,
        author,
        coauthor,
        reviewer_a,
        reviewer_b,
        unassigned,
        conflicted,
        area_chair,
        other_chair,
    }
}

/// Makes the reviewers' anonymised copy of `paper`'s current PDF, as the worker's job does.
pub async fn make_reviewer_copy(app: &TestApp, paper: i64) {
    let file = {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::submissions::store::get(&mut conn, paper).unwrap().pdf_file_id.unwrap()
    };
    xuehui::files::copies::make(&app.state, file).await.unwrap();
}

/// A time `offset` from now as a venue form field (Asia/Shanghai).
pub fn local(offset: Duration) -> String {
    (Utc::now() + offset)
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A complete review of the default form.
pub fn complete(overall: i64, summary: &str) -> Value {
    json!({"overall": overall, "confidence": 3, "summary": summary, "weaknesses": "Needs a larger study.",
           "to_committee": "I believe I know the group behind this."})
}

/// Saves a review through the API.
pub async fn put_review(app: &TestApp, c: &Client, paper: i64, answers: Value, submit: bool) -> reqwest::Response {
    c.put(app.at(&format!("/api/v1/submissions/{paper}/review")))
        .json(&json!({"answers": answers, "submit": submit}))
        .send()
        .await
        .unwrap()
}

/// A paper with its reviews as `c` reads them (asserts 200).
pub async fn reviews_of(app: &TestApp, c: &Client, paper: i64) -> Value {
    let res = c.get(app.at(&format!("/api/v1/submissions/{paper}/reviews"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    json_of(res).await
}

/// Changes the review phase as the chair.
pub async fn set_phase(app: &TestApp, s: &Scene, body: Value) -> reqwest::Response {
    s.chair
        .put(app.at(&format!("/api/v1/venues/{}/review-phase", s.slug)))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// Sets (or with `null` clears) a paper's decision through the API.
pub async fn decide(app: &TestApp, c: &Client, paper: i64, label: Value) -> reqwest::Response {
    c.put(app.at(&format!("/api/v1/submissions/{paper}/decision")))
        .json(&json!({ "label": label, "missing_reviews_ok": true }))
        .send()
        .await
        .unwrap()
}

/// Tells the authors of the venue's decided papers (asserts 200); returns the counts.
pub async fn notify_authors(app: &TestApp, chair: &Client, slug: &str) -> Value {
    let res = chair
        .post(app.at(&format!("/api/v1/venues/{slug}/decisions/notify")))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    json_of(res).await
}

/// A second chair of venue `slug` (not a site administrator), logged in.
pub async fn co_chair(app: &TestApp, slug: &str, email: &str) -> (i64, reqwest::Client) {
    let (id, c) = person(app, email, "副主席", "Uni C").await;
    let mut conn = app.state.db.conn().unwrap();
    let v = xuehui::venues::store::by_slug(&mut conn, slug).unwrap();
    xuehui::auth::roles::grant(
        &mut conn,
        id,
        xuehui::auth::roles::Role::Chair,
        xuehui::auth::roles::Scope::Venue,
        v.id,
    )
    .unwrap();
    (id, c)
}

/// The logged-in co-author confirms being an author of `paper` (listing alone gives no rights).
pub async fn confirm_authorship(app: &TestApp, c: &reqwest::Client, paper: i64) {
    let res = c
        .post(app.at(&format!("/api/v1/submissions/{paper}/authorship")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204, "confirm authorship");
}

/// The authors' consent to a public PDF, as their page's form sends it.
pub async fn consent(app: &TestApp, c: &reqwest::Client, paper: i64, on: bool) -> u16 {
    let csrf = csrf_of(c, &app.at("/")).await;
    let mut form = vec![("csrf", csrf.as_str())];
    if on {
        form.push(("pdf_public", "yes"));
    }
    c.post(app.at(&format!("/submissions/{paper}/public-pdf")))
        .form(&form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// The scene's paper authors, as the submission form takes them.
pub fn scene_authors(slug: &str) -> Vec<(String, String, String)> {
    vec![
        ("李华".into(), format!("li.hua@{slug}-uni.edu.cn"), "Uni A".into()),
        ("王芳".into(), format!("wang.fang@{slug}-uni.edu.cn"), "Uni A".into()),
    ]
}

/// The author uploads `pdf` as a new version of the scene's paper.
pub async fn revise(app: &TestApp, s: &Scene, pdf: Vec<u8>) {
    let authors = scene_authors(&s.slug);
    let authors: Vec<(&str, &str, &str)> = authors.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str())).collect();
    let res = revise_pdf(app, &s.author, s.paper, &authors, pdf).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
}
