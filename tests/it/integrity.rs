//! Research integrity, text and overlap: every paper's PDF is read and compared with every
//! other paper of the installation; each venue's chairs (and each journal's editors) see the
//! overlaps of their own papers, and only what they may see of the other side.

use reqwest::Client;
use serde_json::{Value, json};

use crate::support::journal::{manuscript_meta, office, open_journal, submit_manuscript};
use crate::support::pdf::with_text;
use crate::support::review::{co_chair, person, venue};
use crate::support::upload::{api_token, submit_paper};
use crate::support::{TestApp, json_of};

const WORDS: &[&str] = &[
    "catalyst",
    "surface",
    "electron",
    "transfer",
    "stable",
    "measured",
    "operando",
    "spectra",
    "hydrogen",
    "current",
    "density",
    "we",
    "show",
    "that",
    "the",
    "active",
    "site",
    "changes",
    "during",
    "reaction",
    "model",
    "predicts",
    "energy",
    "barrier",
    "lower",
    "than",
    "expected",
    "samples",
    "were",
    "prepared",
    "by",
    "deposition",
    "on",
    "carbon",
    "support",
    "and",
    "annealed",
    "at",
    "high",
    "temperature",
    "results",
    "agree",
    "with",
    "theory",
    "within",
    "error",
];
const HANZI: &str = "催化剂表面电子转移稳定测量原位光谱氢气电流密度我们发现活性位点在反应过程中发生变化模型预测能量势垒低于预期样品通过沉积制备于碳载体并在高温下退火结果与理论在误差范围内一致";

/// `n` paragraphs of generated English (from `seed`), about 90 words each.
pub fn english(seed: u64, n: usize) -> Vec<String> {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            (0..90)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    WORDS[(x >> 33) as usize % WORDS.len()]
                })
                .collect::<Vec<_>>()
                .join(" ")
                + "."
        })
        .collect()
}

/// `n` paragraphs of generated Chinese (from `seed`), about 150 characters each.
pub fn chinese(seed: u64, n: usize) -> Vec<String> {
    let chars: Vec<char> = HANZI.chars().collect();
    let mut x = seed.wrapping_mul(2862933555777941757).wrapping_add(3037000493);
    (0..n)
        .map(|_| {
            let mut p: String = (0..150)
                .map(|_| {
                    x = x.wrapping_mul(2862933555777941757).wrapping_add(3037000493);
                    chars[(x >> 33) as usize % chars.len()]
                })
                .collect();
            p.push('。');
            p
        })
        .collect()
}

/// Two venues, each with a plain chair (not a site administrator), and an author.
struct Two {
    chair_a: Client,
    chair_b: Client,
    chair_b_id: i64,
    author: Client,
}

async fn two_venues(app: &TestApp) -> Two {
    let _admin_a = venue(app, "alpha").await;
    let _admin_b = venue(app, "beta").await;
    let (_, chair_a) = co_chair(app, "alpha", "chair.a@uni-a.example").await;
    let (chair_b_id, chair_b) = co_chair(app, "beta", "chair.b@uni-b.example").await;
    let (_, author) = person(app, "author@uni-c.example", "作者", "Uni C").await;
    Two {
        chair_a,
        chair_b,
        chair_b_id,
        author,
    }
}

async fn get(app: &TestApp, c: &Client, path: &str) -> (u16, Value) {
    let res = c.get(app.at(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, json_of(res).await)
}

/// The HTML of a page as `c` reads it.
async fn html(app: &TestApp, c: &Client, path: &str) -> String {
    c.get(app.at(path)).send().await.unwrap().text().await.unwrap()
}

async fn post(app: &TestApp, c: &Client, path: &str, body: Value) -> (u16, Value) {
    let res = c.post(app.at(path)).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, json_of(res).await)
}

async fn put_policy(app: &TestApp, c: &Client, slug: &str, policy: &str) -> (u16, Value) {
    let res = c
        .put(app.at(&format!("/api/v1/venues/{slug}/integrity/policy")))
        .json(&json!({"dual_submission": policy}))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, json_of(res).await)
}

/// The author sends the same text (from `seed`) to alpha and to beta; the jobs run.
async fn same_text_to_both(app: &TestApp, t: &Two, seed: u64) -> Vec<String> {
    let text = english(seed, 8);
    submit_paper(&t.author, &app.url, "alpha", "author@uni-c.example", &with_text("One", &text)).await;
    submit_paper(&t.author, &app.url, "beta", "author@uni-c.example", &with_text("Two", &text)).await;
    app.run_jobs().await;
    text
}

/// The near-copy: the same ten paragraphs, the last one rewritten.
fn near_copy(paragraphs: &[String]) -> Vec<String> {
    let mut v = paragraphs.to_vec();
    let last = v.len() - 1;
    v[last] = english(999, 1).remove(0);
    v
}

#[tokio::test]
async fn a_near_copy_sent_to_two_venues_is_flagged_on_both_sides_without_the_other_venues_paper() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    let text = english(1, 10);
    let a = with_text("Operando study of single atom catalysts", &text);
    let b = with_text("A different title for the same work", &near_copy(&text));
    let (paper_a, _) = submit_paper(&t.author, &app.url, "alpha", "author@uni-c.example", &a).await;
    let (paper_b, _) = submit_paper(&t.author, &app.url, "beta", "author@uni-c.example", &b).await;
    app.run_jobs().await;

    let (s, listing) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    assert_eq!(s, 200, "{listing}");
    let flags = listing["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{listing}");
    let f = &flags[0];
    assert_eq!(f["own"]["id"], paper_a);
    assert_eq!(f["shown"], "confidential");
    assert_eq!(f["other"]["standing"], "under_review");
    assert!(
        !f["other"]["place_en"].as_str().unwrap().is_empty(),
        "the other venue is named: {f}"
    );
    assert!(f["other"]["paper"].is_null(), "the other venue's paper stays confidential: {f}");
    assert!(f["own_permille"].as_i64().unwrap() > 800, "{f}");
    assert_eq!(listing["texts"]["extracted"], 1);
    // Nothing of beta's paper reaches alpha's chair: not its title, not its id.
    assert!(!listing.to_string().contains("A different title"), "{listing}");

    let id_a = f["id"].as_i64().unwrap();
    let (s, detail) = get(&app, &t.chair_a, &format!("/api/v1/venues/alpha/integrity/flags/{id_a}")).await;
    assert_eq!(s, 200, "{detail}");
    let passages = detail["passages"].as_array().unwrap();
    assert!(!passages.is_empty());
    assert!(passages.iter().all(|p| p["other"].is_null()), "{detail}");
    assert!(passages[0]["own"].as_str().unwrap().contains(&text[0][..40]), "{detail}");

    // Beta's chair sees the same overlap from beta's side.
    let (s, listing_b) = get(&app, &t.chair_b, "/api/v1/venues/beta/integrity/flags").await;
    assert_eq!(s, 200);
    let fb = &listing_b["flags"][0];
    assert_eq!(fb["own"]["id"], paper_b);
    assert!(!listing_b.to_string().contains("Operando study"), "{listing_b}");
    let id_b = fb["id"].as_i64().unwrap();

    // Changing an id in the address reaches nothing of the other side.
    for (c, path) in [
        (&t.chair_a, format!("/api/v1/venues/alpha/integrity/flags/{id_b}")),
        (&t.chair_a, format!("/api/v1/venues/beta/integrity/flags/{id_b}")),
        (&t.chair_a, "/api/v1/venues/beta/integrity/flags".to_string()),
        (&t.chair_b, format!("/api/v1/venues/beta/integrity/flags/{id_a}")),
        (&t.author, "/api/v1/venues/alpha/integrity/flags".to_string()),
        (&t.author, format!("/api/v1/venues/alpha/integrity/flags/{id_a}")),
    ] {
        let (s, body) = get(&app, c, &path).await;
        assert_eq!(s, 404, "{path}: {body}");
    }
    let (s, _) = post(
        &app,
        &t.chair_b,
        &format!("/api/v1/venues/beta/integrity/flags/{id_a}/dismiss"),
        json!({"reason": "x"}),
    )
    .await;
    assert_eq!(s, 404);
    let anon = Client::new()
        .get(app.at("/api/v1/venues/alpha/integrity/flags"))
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);

    // Authors hear nothing: no mail mentions an overlap.
    for (subject, body) in app.mails_to("author@uni-c.example") {
        let m = format!("{subject}\n{body}");
        assert!(!m.to_lowercase().contains("overlap") && !m.contains("重合"), "{m}");
    }
}

#[tokio::test]
async fn chinese_text_copied_into_an_english_paper_is_found_and_unrelated_papers_are_not_flagged() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    let zh = chinese(7, 6);
    let mut mixed = english(3, 4);
    mixed.extend(zh[1..5].iter().cloned());
    let (_, _) = submit_paper(&t.author, &app.url, "alpha", "author@uni-c.example", &with_text("单原子催化", &zh)).await;
    let (_, _) = submit_paper(&t.author, &app.url, "beta", "author@uni-c.example", &with_text("Mixed", &mixed)).await;
    let (_, _) = submit_paper(
        &t.author,
        &app.url,
        "beta",
        "author@uni-c.example",
        &with_text("Unrelated", &english(11, 8)),
    )
    .await;
    app.run_jobs().await;
    let (_, listing) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    let flags = listing["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{listing}");
    let own = flags[0]["own_permille"].as_i64().unwrap();
    assert!((500..=800).contains(&own), "four of six paragraphs: {own}");
    let (_, listing_b) = get(&app, &t.chair_b, "/api/v1/venues/beta/integrity/flags").await;
    assert_eq!(listing_b["flags"].as_array().unwrap().len(), 1, "only the mixed paper: {listing_b}");
}

#[tokio::test]
async fn the_venue_policy_decides_whether_concurrent_submissions_are_listed() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    same_text_to_both(&app, &t, 21).await;

    let (s, p) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/policy").await;
    assert_eq!((s, p["dual_submission"].as_str()), (200, Some("forbidden")));
    let (status, body) = put_policy(&app, &t.chair_a, "alpha", "sometimes").await;
    assert_eq!(status, 422);
    assert!(body["fields"]["dual_submission"].is_string());
    let (status, body) = put_policy(&app, &t.chair_a, "alpha", "allowed").await;
    assert_eq!(status, 200, "{body}");
    let (_, listing) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    assert_eq!(listing["flags"].as_array().unwrap().len(), 0, "{listing}");
    assert_eq!(listing["allowed_by_policy"], 1);
    // Beta still forbids it and still sees the overlap.
    let (_, listing_b) = get(&app, &t.chair_b, "/api/v1/venues/beta/integrity/flags").await;
    assert_eq!(listing_b["flags"].as_array().unwrap().len(), 1);
    // Another venue's chair cannot change alpha's policy.
    let (status, body) = put_policy(&app, &t.chair_b, "alpha", "forbidden").await;
    assert_eq!(status, 404, "{body}");
}

#[tokio::test]
async fn a_chair_dismisses_a_flag_with_a_reason_and_every_step_is_audited() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    same_text_to_both(&app, &t, 31).await;
    let (_, listing) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    let id = listing["flags"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/venues/alpha/integrity/flags/{id}");

    let (s, body) = post(&app, &t.chair_a, &format!("{path}/dismiss"), json!({"reason": "  "})).await;
    assert_eq!(s, 422, "{body}");
    assert!(body["fields"]["reason"].is_string());
    let (s, body) = post(&app, &t.chair_a, &format!("{path}/dismiss"), json!({})).await;
    assert_eq!(s, 400, "a body without a reason is malformed: {body}");
    let (s, body) = post(
        &app,
        &t.chair_a,
        &format!("{path}/dismiss"),
        json!({"reason": "The beta paper is the authors' declared extended abstract."}),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["state"], "dismissed");
    let (s, _) = post(&app, &t.chair_a, &format!("{path}/dismiss"), json!({"reason": "again"})).await;
    assert_eq!(s, 409);
    // Beta's side is its own: still open there.
    let (_, listing_b) = get(&app, &t.chair_b, "/api/v1/venues/beta/integrity/flags").await;
    assert_eq!(listing_b["flags"][0]["state"], "open");
    let (s, body) = post(&app, &t.chair_a, &format!("{path}/reopen"), json!({})).await;
    assert_eq!((s, body["state"].as_str()), (200, Some("open")));

    // The page shows the audit log: reads, the dismissal with its reason, the reopening.
    let page = html(&app, &t.chair_a, "/venues/alpha/integrity").await;
    assert!(page.contains("declared extended abstract"), "{page}");
    let conn = &mut app.state.db.conn().unwrap();
    let venue = xuehui::venues::store::by_slug(conn, "alpha").unwrap();
    let lines = xuehui::integrity::store::audit_of(conn, xuehui::integrity::store::Owner::Venue(venue.id), 50).unwrap();
    let actions: Vec<&str> = lines.iter().rev().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["read_flags", "dismiss", "reopen", "read_flags"], "{actions:?}");
}

#[tokio::test]
async fn a_scan_without_text_is_recorded_as_such_and_a_revision_without_the_copy_clears_the_flag() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    let text = english(41, 8);
    let (scan, _) = submit_paper(
        &t.author,
        &app.url,
        "alpha",
        "author@uni-c.example",
        &xuehui::files::pdf::sample(3, "scan", None),
    )
    .await;
    let (paper, _) = submit_paper(&t.author, &app.url, "alpha", "author@uni-c.example", &with_text("One", &text)).await;
    submit_paper(&t.author, &app.url, "beta", "author@uni-c.example", &with_text("Two", &text)).await;
    app.run_jobs().await;
    let (_, listing) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    assert_eq!(listing["texts"]["no_text"], 1, "{listing}");
    assert_eq!(listing["flags"].as_array().unwrap().len(), 1);
    let conn = &mut app.state.db.conn().unwrap();
    let doc = xuehui::integrity::store::of_source(conn, xuehui::integrity::model::DocumentKind::Paper, scan)
        .unwrap()
        .unwrap();
    assert_eq!(doc.state, xuehui::integrity::model::TextState::NoText);

    // A new version with other text: the overlap is gone on both sides.
    let token = api_token(&t.author, &app.url).await;
    let form = crate::support::upload::paper_form("author@uni-c.example", &with_text("One, rewritten", &english(42, 8)));
    let res = Client::new()
        .put(app.at(&format!("/api/v1/submissions/{paper}")))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    app.run_jobs().await;
    let (_, listing) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    assert_eq!(listing["flags"][0]["state"], "cleared", "{listing}");
    let (_, listing_b) = get(&app, &t.chair_b, "/api/v1/venues/beta/integrity/flags").await;
    assert_eq!(listing_b["flags"][0]["state"], "cleared", "{listing_b}");
}

#[tokio::test]
async fn a_chair_who_wrote_a_flagged_paper_does_not_see_its_flag() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    let text = english(51, 8);
    // Beta's chair is an author of the alpha paper: alpha's other chair sees the flag, and beta's
    // chair sees beta's side only.
    {
        let conn = &mut app.state.db.conn().unwrap();
        let alpha = xuehui::venues::store::by_slug(conn, "alpha").unwrap();
        use xuehui::auth::roles::{Role, Scope, grant};
        grant(conn, t.chair_b_id, Role::Chair, Scope::Venue, alpha.id).unwrap();
    }
    submit_paper(&t.author, &app.url, "beta", "author@uni-c.example", &with_text("Two", &text)).await;
    submit_paper(&t.chair_b, &app.url, "alpha", "chair.b@uni-b.example", &with_text("One", &text)).await;
    app.run_jobs().await;
    let (_, listing) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    assert_eq!(listing["flags"].as_array().unwrap().len(), 1, "{listing}");
    let id = listing["flags"][0]["id"].as_i64().unwrap();
    let (_, hidden) = get(&app, &t.chair_b, "/api/v1/venues/alpha/integrity/flags").await;
    assert_eq!(hidden["flags"].as_array().unwrap().len(), 0, "{hidden}");
    let (s, _) = get(&app, &t.chair_b, &format!("/api/v1/venues/alpha/integrity/flags/{id}")).await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn a_journal_manuscript_copying_a_conference_paper_is_flagged_for_its_editors_only() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    let o = office(&app).await;
    let section = open_journal(&app, &o).await;
    let journal = o.journal;
    let (_, li) = crate::support::catalogue::account(&app, "li@uni.example").await;
    let text = chinese(61, 6);
    submit_paper(&t.author, &app.url, "alpha", "author@uni-c.example", &with_text("会议论文", &text)).await;
    let token = api_token(&li, &app.url).await;
    let meta = manuscript_meta(section, "li@uni.example", 1);
    let form = reqwest::multipart::Form::new().text("metadata", meta.to_string()).part(
        "pdf",
        reqwest::multipart::Part::bytes(with_text("期刊稿件", &text))
            .file_name("ms.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    );
    let (s, body) = submit_manuscript(&app, &token, journal, form).await;
    assert_eq!(s, 201, "{body}");
    app.run_jobs().await;

    let path = format!("/api/v1/journals/{journal}/integrity/flags");
    let (s, listing) = get(&app, &o.chief, &path).await;
    assert_eq!(s, 200, "{listing}");
    assert_eq!(listing["flags"].as_array().unwrap().len(), 1, "{listing}");
    assert_eq!(listing["flags"][0]["other"]["standing"], "under_review");
    assert!(listing["flags"][0]["other"]["paper"].is_null(), "{listing}");
    let (s, _) = get(&app, &o.section, &path).await;
    assert_eq!(s, 403, "a section editor knows the journal but not its integrity flags");
    for c in [&o.other_chief, &o.stranger, &li] {
        let (s, _) = get(&app, c, &path).await;
        assert_eq!(s, 404);
    }
    // The conference side sees the journal's manuscript as confidential.
    let (_, la) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    assert_eq!(la["flags"][0]["shown"], "confidential", "{la}");
    assert!(!la.to_string().contains("期刊稿件"));
}

#[tokio::test]
async fn the_chairs_pages_list_the_flags_and_show_the_passages_in_both_languages() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    let text = same_text_to_both(&app, &t, 71).await;
    // The chair reads Chinese by default; first in English.
    let csrf = crate::support::csrf_of(&t.chair_a, &app.at("/")).await;
    let res = t
        .chair_a
        .post(app.at("/lang"))
        .form(&[("csrf", csrf.as_str()), ("lang", "en"), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = t.chair_a.get(app.at("/venues/alpha/integrity")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let list = page.text().await.unwrap();
    assert!(list.contains("id=\"flags\"") && list.contains("under review"), "{list}");
    let at = list
        .find("href=\"/venues/alpha/integrity/flags/")
        .unwrap_or_else(|| panic!("a flag link: {list}"))
        + 6;
    let href = list[at..at + list[at..].find('"').unwrap()].to_string();
    let flag = html(&app, &t.chair_a, &href).await;
    assert!(flag.contains("id=\"confidential-note\""), "{flag}");
    assert!(flag.contains(&text[0][..30]), "{flag}");
    // Dismiss through the form, with its CSRF token.
    let csrf = crate::support::extract_csrf(&flag).unwrap();
    let res = t
        .chair_a
        .post(app.at(&format!("{href}/dismiss")))
        .form(&[("csrf", csrf.as_str()), ("reason", "Checked with the authors.")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection());
    let after = html(&app, &t.chair_a, &href).await;
    assert!(after.contains("Checked with the authors."), "{after}");
    // In Chinese.
    let csrf = crate::support::csrf_of(&t.chair_a, &app.at("/")).await;
    t.chair_a
        .post(app.at("/lang"))
        .form(&[("csrf", csrf.as_str()), ("lang", "zh-CN"), ("next", "/")])
        .send()
        .await
        .unwrap();
    let zh = html(&app, &t.chair_a, "/venues/alpha/integrity").await;
    assert!(zh.contains("诚信检查") && zh.contains("审稿中") && zh.contains("已排除"), "{zh}");
}

#[tokio::test]
async fn under_the_declared_policy_authors_name_related_submissions_and_chairs_read_them_beside_the_flag() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    let (status, body) = put_policy(&app, &t.chair_a, "alpha", "declared").await;
    assert_eq!(status, 200, "{body}");
    // The form asks for them only where the policy says so.
    let form_a = html(&app, &t.author, "/venues/alpha/submit").await;
    assert!(form_a.contains("name=\"related_submissions\""), "{form_a}");
    let form_b = html(&app, &t.author, "/venues/beta/submit").await;
    assert!(!form_b.contains("name=\"related_submissions\""));

    let text = english(81, 8);
    let token = api_token(&t.author, &app.url).await;
    let form = |related: &str, title: &str| {
        let meta = json!({"title_en": title, "abstract_text": "摘要", "track": "main",
                          "authors": [{"name_latin": "Li Hua", "email": "author@uni-c.example"}], "corresponding": 0, "presenter": 0,
                          "related_submissions": related});
        reqwest::multipart::Form::new().text("metadata", meta.to_string()).part(
            "pdf",
            reqwest::multipart::Part::bytes(with_text(title, &text))
                .file_name("p.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        )
    };
    let bad = crate::support::upload::post_paper(&app.url, "alpha", &token, form("a\u{202e}b", "One")).await;
    assert_eq!(bad.status(), 422);
    assert!(json_of(bad).await["fields"]["related_submissions"].is_string());
    let ok = crate::support::upload::post_paper(&app.url, "alpha", &token, form("Sent to Beta 2027 on 1 March, as \"Two\".", "One")).await;
    assert_eq!(ok.status(), 201);
    submit_paper(&t.author, &app.url, "beta", "author@uni-c.example", &with_text("Two", &text)).await;
    app.run_jobs().await;

    let (_, listing) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    let f = &listing["flags"][0];
    assert_eq!(f["shown"], "confidential", "{listing}");
    assert_eq!(f["declaration"], "Sent to Beta 2027 on 1 March, as \"Two\".");
    let page = html(&app, &t.chair_a, &format!("/venues/alpha/integrity/flags/{}", f["id"])).await;
    assert!(page.contains("id=\"declaration\""), "{page}");
    // Beta's side sees no declaration: it is alpha's paper's, not beta's.
    let (_, listing_b) = get(&app, &t.chair_b, "/api/v1/venues/beta/integrity/flags").await;
    assert_eq!(listing_b["flags"][0]["declaration"], "");
}

#[tokio::test]
async fn a_rescan_of_the_whole_installation_finds_the_same_overlaps_as_the_checks_at_upload() {
    let app = TestApp::new().await;
    let t = two_venues(&app).await;
    let text = english(91, 8);
    submit_paper(&t.author, &app.url, "alpha", "author@uni-c.example", &with_text("One", &text)).await;
    submit_paper(&t.author, &app.url, "beta", "author@uni-c.example", &with_text("Two", &text)).await;
    submit_paper(
        &t.author,
        &app.url,
        "beta",
        "author@uni-c.example",
        &with_text("Three", &english(92, 8)),
    )
    .await;
    app.run_jobs().await;
    let conn = &mut app.state.db.conn().unwrap();
    use diesel::RunQueryDsl;
    let before = diesel::delete(xuehui::db::schema::integrity_flags::table).execute(conn).unwrap();
    assert_eq!(before, 2, "one overlap, one flag per side");
    let report = xuehui::integrity::rescan::run(conn).unwrap();
    assert_eq!((report.compared, report.flagged), (1, 1), "{report:?}");
    // Read seven rows at a time, so that hashes fall across pages: the same result.
    let paged = xuehui::integrity::rescan::run_paged(conn, 7).unwrap();
    assert_eq!((paged.rows, paged.compared, paged.flagged), (report.rows, 1, 1), "{paged:?}");
    let (_, listing) = get(&app, &t.chair_a, "/api/v1/venues/alpha/integrity/flags").await;
    assert_eq!(listing["flags"].as_array().unwrap().len(), 1, "{listing}");
}
