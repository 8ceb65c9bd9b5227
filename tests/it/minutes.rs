//! Salon minutes: writers (chairs, lead scientists, rapporteurs) write them; each speaker
//! reviews only their own statements by a deadline; publication waits for change requests and,
//! before the deadline, for every answer; an anonymous speaker appears nowhere public (page,
//! JSON, PDF, search); a society's year of minutes is one PDF with a table of contents; only
//! salons have minutes.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use reqwest::{Client, Method as M};
use serde_json::{Value, json};

use crate::support::participation::{account, call};
use crate::support::{TestApp, csrf_of, page_text, pdf_text};
use xuehui::auth::roles::{Role, Scope};

const INTRO_WORD: &str = "全息宇宙学";
const DRAFT_WORD: &str = "拓扑绝缘体";

/// A salon (kind `salon`, call opened) created by a site administrator who chairs it; answers
/// the chair's client and the venue id.
async fn salon(app: &TestApp, slug: &str, kind: &str, title: (&str, &str)) -> (Client, i64) {
    app.user(&format!("admin-{slug}@example.org"), true);
    let admin = app.client();
    app.api_login(&admin, &format!("admin-{slug}@example.org")).await;
    let mut body = crate::venues::venue_body(slug);
    body["kind"] = json!(kind);
    body["title_zh"] = json!(title.0);
    body["title_en"] = json!(title.1);
    let (st, v) = call(&admin, M::POST, app.at("/api/v1/venues"), body).await;
    assert_eq!(st, 201, "{v}");
    let deadline = (Utc::now() + Duration::days(7))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let (st, v) = call(
        &admin,
        M::PUT,
        app.at(&format!("/api/v1/venues/{slug}/call")),
        json!({"paper_deadline": deadline, "anonymity": "open"}),
    )
    .await;
    assert_eq!(st, 200, "{v}");
    crate::support::review::open_call(app, &admin, slug).await;
    let id = xuehui::venues::store::by_slug(&mut app.state.db.conn().unwrap(), slug).unwrap().id;
    (admin, id)
}

/// `n` confirmed participants `p{i}@{slug}.org`: (user id, logged-in client, address). A salon's
/// participants apply with a viewpoint and the chair approves them on the salon's page.
async fn participants(app: &TestApp, chair: &Client, slug: &str, n: usize) -> Vec<(i64, Client, String)> {
    let (st, f) = call(
        chair,
        M::POST,
        app.at(&format!("/api/v1/venues/{slug}/registration-forms")),
        json!({"approval": true, "categories": [{"name_zh": "与会者", "name_en": "Participant"}]}),
    )
    .await;
    assert_eq!(st, 201, "{f}");
    let (form, cat) = (f["id"].as_i64().unwrap(), f["categories"][0]["id"].as_i64().unwrap());
    let mut out = Vec::new();
    for i in 0..n {
        let email = format!("p{i}@{slug}.org");
        let (user_id, client) = account(app, &email).await;
        let (st, r) = call(
            &client,
            M::POST,
            app.at(&format!("/api/v1/venues/{slug}/registration-forms/{form}/registrations")),
            json!({"category_id": cat, "field": "catalysis", "viewpoint": "A viewpoint.", "institution": format!("Institute {i}")}),
        )
        .await;
        assert_eq!(st, 201, "{r}");
        let id = r["id"].as_i64().unwrap();
        let (st, d) = call(
            chair,
            M::POST,
            app.at(&format!("/api/v1/venues/{slug}/salon/applications/{id}/decision")),
            json!({"approve": true}),
        )
        .await;
        assert_eq!(st, 200, "{d}");
        out.push((user_id, client, email));
    }
    out
}

fn grant(app: &TestApp, user: i64, role: Role, venue: i64) {
    xuehui::auth::roles::grant(&mut app.state.db.conn().unwrap(), user, role, Scope::Venue, venue).unwrap();
}

fn prefer_english(app: &TestApp, user: i64) {
    use xuehui::db::schema::users;
    diesel::update(users::table.find(user))
        .set(users::preferred_lang.eq(Some("en")))
        .execute(&mut app.state.db.conn().unwrap())
        .unwrap();
}

fn api(slug: &str, rest: &str) -> String {
    format!("/api/v1/venues/{slug}/minutes{rest}")
}

async fn get(app: &TestApp, c: &Client, path: &str) -> (u16, Value) {
    call(c, M::GET, app.at(path), json!(null)).await
}

fn intro() -> String {
    format!("本次沙龙讨论{INTRO_WORD}的新进展。{}", "与会者从多个角度交换了看法。".repeat(16))
}

fn in_days(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Moves the review deadline into the past (as if days went by).
fn deadline_passed(app: &TestApp, venue: i64) {
    use xuehui::db::schema::salon_minutes;
    diesel::update(salon_minutes::table.filter(salon_minutes::venue_id.eq(venue)))
        .set(salon_minutes::review_deadline.eq(Some(Utc::now().naive_utc() - Duration::hours(1))))
        .execute(&mut app.state.db.conn().unwrap())
        .unwrap();
}

fn statement_id(draft: &Value, text: &str) -> i64 {
    draft["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text_zh"].as_str().unwrap_or("").contains(text))
        .unwrap_or_else(|| panic!("no statement {text} in {draft}"))["id"]
        .as_i64()
        .unwrap()
}

async fn search_total(app: &TestApp, c: &Client, q: &str) -> u64 {
    let (st, r) = get(app, c, &format!("/api/v1/search?type=minutes&q={q}")).await;
    assert_eq!(st, 200, "{r}");
    r["total"].as_u64().unwrap()
}

struct Scene {
    chair: Client,
    venue: i64,
    slug: String,
    /// Participants: 0 speaks a viewpoint, 1 an anonymous dissent (English mail), 2 nothing.
    people: Vec<(i64, Client, String)>,
    draft: Value,
}

/// A salon whose chair wrote an introduction, a viewpoint by participant 0 and an anonymous
/// dissent by participant 1 (who reads English), and sent them for review.
async fn written(app: &TestApp, slug: &str) -> Scene {
    let (chair, venue) = salon(app, slug, "salon", ("新观点新学说学术沙龙", "New Viewpoints Salon")).await;
    let people = participants(app, &chair, slug, 3).await;
    prefer_english(app, people[1].0);
    let (st, d) = call(
        &chair,
        M::PUT,
        app.at(&api(slug, "/draft")),
        json!({"intro_zh": intro(), "intro_en": "Holography was discussed."}),
    )
    .await;
    assert_eq!(st, 200, "{d}");
    assert_eq!(d["title_en"], "New Viewpoints Salon", "the title defaults to the salon's");
    assert_eq!(d["intro_counts"][1]["length"], "short", "{d}");
    for (speaker, kind, attribution, text) in [
        (people[0].0, "viewpoint", "named", "零号的主要观点甲"),
        (people[1].0, "dissent", "anonymous", "一号的不同观点乙，  原话保留\n第二行"),
    ] {
        let (st, d) = call(
            &chair,
            M::POST,
            app.at(&api(slug, "/statements")),
            json!({"kind": kind, "attribution": attribution, "speaker_id": speaker, "text_zh": text}),
        )
        .await;
        assert_eq!(st, 201, "{d}");
    }
    let (st, draft) = call(
        &chair,
        M::POST,
        app.at(&api(slug, "/review-request")),
        json!({"deadline": in_days(3)}),
    )
    .await;
    assert_eq!(st, 200, "{draft}");
    assert_eq!(draft["status"], "in_review");
    Scene {
        chair,
        venue,
        slug: slug.to_string(),
        people,
        draft,
    }
}

#[tokio::test]
async fn each_speaker_reviews_only_their_own_statements_and_nobody_else_sees_the_draft() {
    let app = TestApp::new().await;
    let s = written(&app, "salon-review").await;
    let slug = &s.slug;
    // Each speaker got one mail in their language.
    let (subject, body) = app.last_mail_to(&s.people[0].2).expect("a review request");
    assert!(subject.contains("请审阅"), "{subject}");
    assert!(body.contains(&format!("/venues/{slug}/minutes/review")), "{body}");
    let (subject, _) = app.last_mail_to(&s.people[1].2).expect("a review request");
    assert!(subject.starts_with("Please review"), "{subject}");
    let asked = |addr: &str| {
        app.mails_to(addr)
            .iter()
            .filter(|(subject, _)| subject.contains("纪要") || subject.contains("minutes"))
            .count()
    };
    assert_eq!(asked(&s.people[0].2), 1, "one mail per speaker");
    assert_eq!(asked(&s.people[2].2), 0, "no statement, no mail");

    // Participant 0 sees their statement and not participant 1's, on the page and in the API.
    let p0 = &s.people[0].1;
    let html = page_text(&app, p0, &format!("/venues/{slug}/minutes/review"), "zh-CN").await;
    assert!(html.contains("零号的主要观点甲"), "{html}");
    assert!(!html.contains("一号的不同观点乙"));
    let (st, own) = get(&app, p0, &api(slug, "/review")).await;
    assert_eq!(st, 200, "{own}");
    assert_eq!(own["statements"].as_array().unwrap().len(), 1);
    assert!(!own.to_string().contains("一号的不同观点乙"));
    // Another's statement id is 404 to them.
    let other = statement_id(&s.draft, "一号");
    let (st, _) = call(
        p0,
        M::POST,
        app.at(&api(slug, &format!("/review/{other}"))),
        json!({"action": "approve"}),
    )
    .await;
    assert_eq!(st, 404);

    // A participant without statements, an outsider, an author of another venue and a
    // reviewer of this one: no draft, no review, no minutes.
    let (outsider_id, outsider) = account(&app, "outsider@example.org").await;
    let (author_id, author) = account(&app, "author@other.org").await;
    grant(&app, author_id, Role::Author, s.venue + 1000);
    let (reviewer_id, reviewer) = account(&app, "reviewer@example.org").await;
    grant(&app, reviewer_id, Role::Reviewer, s.venue);
    let _ = outsider_id;
    for c in [&s.people[2].1, &outsider, &author, &reviewer] {
        for path in [api(slug, "/draft"), api(slug, "/review"), api(slug, "")] {
            let (st, v) = get(&app, c, &path).await;
            assert_eq!(st, 404, "{path}: {v}");
            assert!(!v.to_string().contains("零号"));
        }
        for path in ["/minutes/edit", "/minutes/review", "/minutes"] {
            let res = c.get(app.at(&format!("/venues/{slug}{path}"))).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
        let (st, _) = call(c, M::PUT, app.at(&api(slug, "/draft")), json!({"intro_zh": "篡改"})).await;
        assert_eq!(st, 404);
    }

    // Approving, then a writer's edit reopens the review and mails the speaker again.
    let mine = statement_id(&s.draft, "零号");
    let (st, own) = call(
        p0,
        M::POST,
        app.at(&api(slug, &format!("/review/{mine}"))),
        json!({"action": "approve"}),
    )
    .await;
    assert_eq!(st, 200, "{own}");
    assert_eq!(own["statements"][0]["review"], "approved");
    let before = app.mails_to(&s.people[0].2).len();
    let (st, d) = call(
        &s.chair,
        M::PUT,
        app.at(&api(slug, &format!("/statements/{mine}"))),
        json!({"kind": "viewpoint", "attribution": "named", "speaker_id": s.people[0].0, "text_zh": "零号的主要观点甲（修订）"}),
    )
    .await;
    assert_eq!(st, 200, "{d}");
    let edited = d["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == mine)
        .unwrap()
        .clone();
    assert_eq!(edited["review"], "pending", "{edited}");
    let mails = app.mails_to(&s.people[0].2);
    assert_eq!(mails.len(), before + 1);
    assert!(mails[0].0.contains("有改动"), "{}", mails[0].0);

    // The speaker may switch to anonymous themself.
    let (st, own) = call(
        p0,
        M::POST,
        app.at(&api(slug, &format!("/review/{mine}"))),
        json!({"action": "approve", "attribution": "anonymous"}),
    )
    .await;
    assert_eq!(st, 200, "{own}");
    assert_eq!(own["statements"][0]["attribution"], "anonymous");
}

#[tokio::test]
async fn publication_waits_for_change_requests_silence_counts_after_the_deadline_and_anonymity_holds() {
    let app = TestApp::new().await;
    let s = written(&app, "salon-publish").await;
    let slug = &s.slug;
    let (p0, p1) = (&s.people[0].1, &s.people[1].1);
    let viewpoint = statement_id(&s.draft, "零号");
    let dissent = statement_id(&s.draft, "一号");
    let anonymous_name = format!("Test {}", s.people[1].2);

    // Participant 0 asks for a change: publication is refused while it is open.
    let (st, v) = call(
        p0,
        M::POST,
        app.at(&api(slug, &format!("/review/{viewpoint}"))),
        json!({"action": "change", "comment": "措辞不准确", "proposed_zh": "零号的主要观点甲（本人措辞）"}),
    )
    .await;
    assert_eq!(st, 200, "{v}");
    let (st, v) = call(&s.chair, M::POST, app.at(&api(slug, "/publication")), json!(null)).await;
    assert_eq!(st, 409, "{v}");
    assert!(v["message"].as_str().unwrap().contains("change request"), "{v}");
    let html = page_text(&app, &s.chair, &format!("/venues/{slug}/minutes/edit"), "en").await;
    assert!(html.contains("措辞不准确") && html.contains("id=\"publish-blocker\""), "{html}");

    // Taking the proposed wording resolves it; participant 1 has not answered and the
    // deadline is ahead, so publication still waits.
    let (st, d) = call(
        &s.chair,
        M::POST,
        app.at(&api(slug, &format!("/statements/{viewpoint}/resolution"))),
        json!({"accept": true}),
    )
    .await;
    assert_eq!(st, 200, "{d}");
    assert!(d.to_string().contains("本人措辞"));
    let (st, v) = call(&s.chair, M::POST, app.at(&api(slug, "/publication")), json!(null)).await;
    assert_eq!(st, 409, "{v}");

    // Nothing of the draft is found by search yet.
    let (st, _) = call(
        &s.chair,
        M::PUT,
        app.at(&api(slug, "/draft")),
        json!({"intro_zh": format!("{}{DRAFT_WORD}", intro()), "intro_en": "Holography was discussed."}),
    )
    .await;
    assert_eq!(st, 200);
    app.run_jobs().await;
    assert_eq!(search_total(&app, &s.people[2].1, INTRO_WORD).await, 0, "a draft is not searchable");

    // After the deadline, silence counts as approval.
    deadline_passed(&app, s.venue);
    let (_, d) = get(&app, &s.chair, &api(slug, "/draft")).await;
    let silent = d["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == dissent)
        .unwrap()
        .clone();
    assert_eq!(silent["silent"], true, "{silent}");
    // An approved (here: by silence) dissent is not deleted by a writer.
    let (st, v) = call(
        &s.chair,
        M::DELETE,
        app.at(&api(slug, &format!("/statements/{dissent}"))),
        json!(null),
    )
    .await;
    assert_eq!(st, 409, "{v}");
    let (st, d) = call(&s.chair, M::POST, app.at(&api(slug, "/publication")), json!(null)).await;
    assert_eq!(st, 200, "{d}");
    assert_eq!(d["status"], "published");
    // Late, the review page is closed.
    let (st, _) = get(&app, p1, &api(slug, "/review")).await;
    assert_eq!(st, 404);

    // Public: the page, the JSON and the PDF never name the anonymous speaker.
    let visitor = app.client();
    let (st, m) = get(&app, &visitor, &api(slug, "")).await;
    assert_eq!(st, 200, "{m}");
    assert_eq!(m["dissents"][0]["text_zh"], "一号的不同观点乙，  原话保留\n第二行", "kept verbatim");
    assert!(m["dissents"][0]["speaker"].is_null(), "{m}");
    assert_eq!(m["viewpoints"][0]["text_zh"], "零号的主要观点甲（本人措辞）");
    assert!(!m.to_string().contains(&anonymous_name) && !m.to_string().contains(&s.people[1].2));
    for (lang, marker, someone) in [("zh-CN", "不同观点", "一位与会者"), ("en", "Dissenting view", "a participant")] {
        let html = page_text(&app, &visitor, &format!("/venues/{slug}/minutes"), lang).await;
        assert!(html.contains(marker) && html.contains(someone), "{html}");
        assert!(!html.contains(&anonymous_name) && !html.contains(&s.people[1].2), "{html}");
        assert!(html.contains(&format!("Test {}", s.people[0].2)), "named speakers are named");
    }
    let res = visitor
        .get(app.at(&format!("/venues/{slug}/minutes.pdf")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("Dissenting view") && text.contains("a participant"), "{text}");
        assert!(text.contains("Holography"), "English first: {text}");
        assert!(text.contains("本人措辞"), "no English text: the Chinese one, never blank: {text}");
        assert!(!text.contains(&s.people[1].2) && !text.contains("p1@"), "{text}");
    }
    // The venue page links the minutes.
    let html = page_text(&app, &visitor, &format!("/venues/{slug}"), "en").await;
    assert!(html.contains(&format!("/venues/{slug}/minutes\"")), "{html}");

    // Search finds the published minutes by a word of the introduction, and never by the
    // anonymous speaker.
    app.run_jobs().await;
    assert_eq!(search_total(&app, &visitor, INTRO_WORD).await, 1);
    let (_, r) = get(&app, &visitor, &format!("/api/v1/search?q={INTRO_WORD}")).await;
    assert_eq!(r["hits"][0]["kind"], "minutes", "{r}");
    assert!(!r.to_string().contains(&s.people[1].2));
    assert_eq!(search_total(&app, &visitor, &format!("p1%40{slug}.org")).await, 0);
    let html = page_text(&app, &visitor, &format!("/search?q={INTRO_WORD}"), "en").await;
    assert!(html.contains(&format!("href=\"/venues/{slug}/minutes\"")), "{html}");
    // A rebuild from the database (`xuehui reindex`) keeps them.
    let state = app.state.clone();
    tokio::task::spawn_blocking(move || xuehui::search::reindex::run(&state, None, false).unwrap())
        .await
        .unwrap();
    assert_eq!(search_total(&app, &visitor, INTRO_WORD).await, 1, "rebuilt with the minutes");

    // Published statements stay as they are.
    let (st, _) = call(
        &s.chair,
        M::DELETE,
        app.at(&api(slug, &format!("/statements/{viewpoint}"))),
        json!(null),
    )
    .await;
    assert_eq!(st, 409);
}

#[tokio::test]
async fn minutes_of_a_venue_that_is_not_a_salon_do_not_exist() {
    let app = TestApp::new().await;
    let (chair, _) = salon(&app, "conf-2027", "conference", ("年会", "Annual meeting")).await;
    for path in [api("conf-2027", ""), api("conf-2027", "/draft")] {
        let (st, _) = get(&app, &chair, &path).await;
        assert_eq!(st, 404, "{path}");
    }
    let (st, _) = call(&chair, M::PUT, app.at(&api("conf-2027", "/draft")), json!({"intro_zh": "引言"})).await;
    assert_eq!(st, 404);
    for path in ["/minutes", "/minutes/edit", "/minutes.pdf"] {
        let res = chair.get(app.at(&format!("/venues/conf-2027{path}"))).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn chairs_name_rapporteurs_who_write_and_lead_scientists_write_too() {
    let app = TestApp::new().await;
    let (chair, venue) = salon(&app, "salon-writers", "salon", ("沙龙", "Salon")).await;
    let (rid, rapporteur) = account(&app, "rapporteur@example.org").await;
    prefer_english(&app, rid);
    // Not yet a writer.
    let (st, _) = get(&app, &rapporteur, &api("salon-writers", "/draft")).await;
    assert_eq!(st, 404);
    // Named on the page by the chair.
    let csrf = csrf_of(&chair, &app.at("/venues/salon-writers/minutes/edit")).await;
    let res = chair
        .post(app.at("/venues/salon-writers/minutes/rapporteurs"))
        .form(&[("csrf", csrf.as_str()), ("email", "rapporteur@example.org")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (subject, _) = app.last_mail_to("rapporteur@example.org").expect("told");
    assert!(subject.starts_with("You are a rapporteur"), "{subject}");
    let (st, d) = call(
        &rapporteur,
        M::PUT,
        app.at(&api("salon-writers", "/draft")),
        json!({"intro_en": "Short."}),
    )
    .await;
    assert_eq!(st, 200, "{d}");
    // A rapporteur does not name rapporteurs.
    let (st, _) = call(
        &rapporteur,
        M::POST,
        app.at(&api("salon-writers", "/rapporteurs")),
        json!({"email": "x@example.org"}),
    )
    .await;
    assert_eq!(st, 404);
    // Removed, they are out again.
    let (st, _) = call(
        &chair,
        M::DELETE,
        app.at(&api("salon-writers", &format!("/rapporteurs/{rid}"))),
        json!(null),
    )
    .await;
    assert_eq!(st, 200);
    let (st, _) = get(&app, &rapporteur, &api("salon-writers", "/draft")).await;
    assert_eq!(st, 404);
    // A lead scientist writes; the page shows the workspace in both languages.
    let (lid, lead) = account(&app, "lead@example.org").await;
    grant(&app, lid, Role::LeadScientist, venue);
    let (st, d) = get(&app, &lead, &api("salon-writers", "/draft")).await;
    assert_eq!(st, 200, "{d}");
    for lang in ["zh-CN", "en"] {
        let html = page_text(&app, &lead, "/venues/salon-writers/minutes/edit", lang).await;
        assert!(html.contains("id=\"new-statement\""), "{html}");
    }
    // A speaker must be a participant (or someone outside the list, by name).
    let (outsider, _) = account(&app, "stranger@example.org").await;
    let (st, v) = call(
        &lead,
        M::POST,
        app.at(&api("salon-writers", "/statements")),
        json!({"kind": "viewpoint", "attribution": "named", "speaker_id": outsider, "text_zh": "观点"}),
    )
    .await;
    assert_eq!(st, 422, "{v}");
    let (st, v) = call(
        &lead,
        M::POST,
        app.at(&api("salon-writers", "/statements")),
        json!({"kind": "viewpoint", "attribution": "named", "speaker_name": "特邀嘉宾", "text_zh": "观点"}),
    )
    .await;
    assert_eq!(st, 201, "{v}");
    assert_eq!(v["statements"][0]["review"], "none");
}

#[tokio::test]
async fn the_demo_minutes_and_a_societys_yearly_volume_with_contents() {
    let app = TestApp::new().await;
    let mut ids = Vec::new();
    for (slug, title) in [
        ("salon-a", ("人工智能与科学发现沙龙", "AI and Discovery Salon")),
        ("salon-b", ("量子计算沙龙", "Quantum Computing Salon")),
    ] {
        let (chair, venue) = salon(&app, slug, "salon", title).await;
        let people: Vec<i64> = participants(&app, &chair, slug, 3).await.iter().map(|p| p.0).collect();
        ids.push((venue, people));
    }
    let society = {
        use xuehui::db::schema::{societies, venues};
        let conn = &mut app.state.db.conn().unwrap();
        let id: i64 = diesel::insert_into(societies::table)
            .values((
                societies::slug.eq("test-society"),
                societies::name_zh.eq("测试学会"),
                societies::name_en.eq("Test Society"),
                societies::created_at.eq(Utc::now().naive_utc()),
            ))
            .returning(societies::id)
            .get_result(conn)
            .unwrap();
        for (venue, _) in &ids {
            diesel::update(venues::table.find(*venue))
                .set(venues::society_id.eq(Some(id)))
                .execute(conn)
                .unwrap();
        }
        id
    };
    let _ = society;
    // The demo seed writes and publishes both (the chairs are the site administrators).
    {
        let conn = &mut app.state.db.conn().unwrap();
        for (slug, (venue, people)) in ["salon-a", "salon-b"].iter().zip(&ids) {
            let chair = xuehui::auth::store::by_email(conn, &format!("admin-{slug}@example.org"))
                .unwrap()
                .unwrap();
            xuehui::salons::minutes::demo::seed(conn, *venue, chair.id, people).unwrap();
            xuehui::salons::minutes::demo::seed(conn, *venue, chair.id, people).unwrap();
        }
    }
    let visitor = app.client();
    let (st, m) = get(&app, &visitor, &api("salon-a", "")).await;
    assert_eq!(st, 200, "{m}");
    assert_eq!(m["viewpoints"].as_array().unwrap().len(), 3);
    assert_eq!(m["dissents"].as_array().unwrap().len(), 2, "seeded once");
    assert!(
        m["dissents"][0]["speaker"].is_null() && m["dissents"][1]["speaker"].is_string(),
        "{m}"
    );
    let chars = m["intro_zh"].as_str().unwrap().chars().count();
    assert!((300..=600).contains(&chars), "about 400 characters: {chars}");

    // The volume: a page listing both and one PDF with a table of contents.
    let html = page_text(&app, &visitor, "/societies/test-society/minutes/2027", "en").await;
    assert!(
        html.contains("AI and Discovery Salon") && html.contains("Quantum Computing Salon"),
        "{html}"
    );
    let res = visitor
        .get(app.at("/societies/test-society/minutes/2027.pdf"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&pdf) {
        let contents = text.find("目录").expect("a table of contents");
        let (a, b) = (
            text[contents..]
                .find("人工智能与科学发现沙龙")
                .expect("first salon in the contents"),
            text[contents..].find("量子计算沙龙").expect("second salon in the contents"),
        );
        assert!(a < b, "date order is the venues' order here (same dates: by id)");
        assert!(text.contains("一位与会者") && text.contains("不同观点"), "{text}");
        assert!(text.matches("人工智能与科学发现沙龙").count() >= 2, "listed and printed: {text}");
    }
    for path in [
        "/societies/test-society/minutes/2026",
        "/societies/test-society/minutes/2026.pdf",
        "/societies/nobody/minutes/2027",
        "/societies/test-society/minutes/year",
    ] {
        let res = visitor.get(app.at(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn the_pages_forms_add_statements_show_errors_beside_them_and_take_a_speakers_answer() {
    let app = TestApp::new().await;
    let s = written(&app, "salon-pages").await;
    let slug = &s.slug;
    let edit = format!("/venues/{slug}/minutes/edit");
    let csrf = csrf_of(&s.chair, &app.at(&edit)).await;
    // No text: the form comes back with the message beside it and what was typed.
    let speaker = s.people[2].0.to_string();
    let res = s
        .chair
        .post(app.at(&format!("/venues/{slug}/minutes/statements")))
        .header("accept-language", "en")
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "dissent"),
            ("attribution", "named"),
            ("speaker", speaker.as_str()),
            ("text_zh", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Write the statement in at least one language."), "{html}");
    // Typed again with a text: added, and the speaker (in review already) is asked at once.
    let res = s
        .chair
        .post(app.at(&format!("/venues/{slug}/minutes/statements")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "dissent"),
            ("attribution", "named"),
            ("speaker", speaker.as_str()),
            ("text_zh", "二号的不同观点丙"),
            ("position", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, d) = get(&app, &s.chair, &api(slug, "/draft")).await;
    assert_eq!(d["statements"][0]["text_zh"], "二号的不同观点丙", "placed first: {d}");
    assert!(app.mails_to(&s.people[2].2).iter().any(|(subject, _)| subject.contains("纪要")));

    // The speaker answers on their page: an empty change request is refused there, a proposal taken.
    let p2 = &s.people[2].1;
    let id = statement_id(&d, "二号").to_string();
    let review = format!("/venues/{slug}/minutes/review");
    let csrf = csrf_of(p2, &app.at(&review)).await;
    let url = app.at(&format!("/venues/{slug}/minutes/review/{id}"));
    let res = p2
        .post(&url)
        .form(&[("csrf", csrf.as_str()), ("action", "change")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = p2
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("action", "change"),
            ("proposed_zh", "二号的不同观点丙（原话）"),
            ("attribution", "anonymous"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    for lang in ["zh-CN", "en"] {
        let html = page_text(&app, &s.chair, &edit, lang).await;
        assert!(
            html.contains("二号的不同观点丙（原话）") && html.contains(&format!("id=\"resolve-{id}\"")),
            "{html}"
        );
        let html = page_text(&app, p2, &review, lang).await;
        assert!(html.contains("二号的不同观点丙") && !html.contains("零号"), "{html}");
    }
    // Declined on the page: the text stays and the speaker is asked again, with the reply.
    let csrf = csrf_of(&s.chair, &app.at(&edit)).await;
    let res = s
        .chair
        .post(app.at(&format!("/venues/{slug}/minutes/statements/{id}/resolve")))
        .form(&[("csrf", csrf.as_str()), ("decision", "decline"), ("reply", "请保留会上原话")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (subject, body) = app.last_mail_to(&s.people[2].2).unwrap();
    assert!(subject.contains("有改动") && body.contains("请保留会上原话"), "{subject}\n{body}");
    let (_, d) = get(&app, &s.chair, &api(slug, "/draft")).await;
    assert_eq!(d["statements"][0]["review"], "pending");
    assert_eq!(d["statements"][0]["attribution"], "anonymous", "the speaker's choice stays");
}

#[tokio::test]
async fn a_day_before_the_deadline_speakers_who_have_not_answered_are_reminded_once() {
    use xuehui::db::schema::jobs;
    use xuehui::salons::minutes::reminders::{MinutesReminder, remind};
    let app = TestApp::new().await;
    let s = written(&app, "salon-remind").await;
    let mine = statement_id(&s.draft, "零号");
    let (st, _) = call(
        &s.people[0].1,
        M::POST,
        app.at(&api(&s.slug, &format!("/review/{mine}"))),
        json!({"action": "approve"}),
    )
    .await;
    assert_eq!(st, 200);
    let conn = &mut app.state.db.conn().unwrap();
    let (payload, run_at): (String, chrono::NaiveDateTime) = jobs::table
        .filter(jobs::kind.eq("minutes.remind"))
        .select((jobs::payload, jobs::run_at))
        .first(conn)
        .expect("a reminder is queued");
    let job: MinutesReminder = serde_json::from_str(&payload).unwrap();
    assert!(
        run_at > Utc::now().naive_utc() + Duration::days(1),
        "a day before the deadline, three days ahead"
    );
    let before = app.mails_to(&s.people[1].2).len();
    assert_eq!(
        remind(conn, &app.state, job.clone(), run_at).unwrap(),
        1,
        "only the speaker who has not answered"
    );
    let mails = app.mails_to(&s.people[1].2);
    assert_eq!(mails.len(), before + 1);
    assert!(mails[0].0.starts_with("Reminder:"), "{}", mails[0].0);
    assert!(app.mails_to(&s.people[0].2).iter().all(|(subject, _)| !subject.contains("提醒")));
    // A reminder made for another deadline (it was moved) does nothing.
    let stale = MinutesReminder {
        deadline: job.deadline - 3600,
        ..job
    };
    assert_eq!(remind(conn, &app.state, stale, run_at).unwrap(), 0);
}
