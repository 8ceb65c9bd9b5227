//! Crossref deposits through the job queue: the journal's office (or a volume's chairs) asks
//! for one, the XML as generated then is kept and queued, and a job sends it with the
//! installation's Crossref account. While Crossref cannot be reached the deposit stays queued
//! and is tried again, with the reason shown (never the password); after the last try it is
//! failed. Without an account, the answer says how to deposit by hand. Nobody else asks.
//!
//! No Crossref is reachable from here and the project does not imitate one: the exchange with
//! a live Crossref (the upload page and the submission log) is covered by the unit tests of
//! `crossref::result` against the documented answers, not end to end.

use diesel::prelude::*;
use xuehui::config::{CrossrefConfig, Secret};
use xuehui::db::schema::{crossref_deposits, jobs};

use crate::support::formats::assert_crossref_valid;
use crate::support::journal::{article_of, published, send_json};
use crate::support::proceedings::published_volume;
use crate::support::{TestApp, extract_csrf, free_port, page_text};

const PASSWORD: &str = "s3cret-crossref-password";

/// An installation whose Crossref account points at a loopback port nothing listens on.
async fn with_unreachable_crossref() -> (TestApp, u16) {
    let port = free_port();
    let app = TestApp::with(|c| {
        c.crossref = Some(CrossrefConfig {
            url: format!("http://127.0.0.1:{port}"),
            login: "office@example.org/xuehui".into(),
            password: Secret::new(PASSWORD),
        });
    })
    .await;
    (app, port)
}

#[tokio::test]
async fn without_an_account_a_deposit_is_refused_with_the_way_to_deposit_by_hand() {
    let app = TestApp::new().await;
    let (o, _, _, issue) = published(&app).await;
    let (status, body) = send_json(o.chief.post(app.at(&format!("/api/v1/issues/{issue}/crossref/deposits")))).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["message"].as_str().unwrap().contains("No Crossref account"), "{body}");
    for (lang, hint) in [("en", "needs a Crossref account"), ("zh", "需要配置 Crossref 账号")] {
        let html = page_text(&app, &o.chief, &format!("/journals/{}/issues/{issue}", o.journal), lang).await;
        assert!(html.contains(hint) && !html.contains("crossref-deposit-form"), "{lang}: {html}");
    }
}

#[tokio::test]
async fn a_deposit_waits_in_the_queue_while_crossref_is_unreachable_and_only_the_office_asks() {
    let (app, port) = with_unreachable_crossref().await;
    let (o, author, ms, issue) = published(&app).await;
    let path = format!("/api/v1/issues/{issue}/crossref/deposits");
    for c in [&author, &o.stranger, &o.other_chief] {
        let (status, body) = send_json(c.post(app.at(&path))).await;
        assert_eq!(status, 404, "{body}");
        let (status, _) = send_json(c.get(app.at(&path))).await;
        assert_eq!(status, 404);
    }
    assert_eq!(send_json(app.client().post(app.at(&path))).await.0, 401);

    let (status, d) = send_json(o.chief.post(app.at(&path))).await;
    assert_eq!(status, 202, "{d}");
    assert_eq!(
        (d["kind"].as_str(), d["status"].as_str(), d["attempts"].as_i64()),
        (Some("issue"), Some("queued"), Some(0))
    );
    let id = d["id"].as_i64().unwrap();
    // What is sent is the deposit as generated when it was asked for, valid against 5.4.0.
    let mut conn = app.state.db.conn().unwrap();
    let (batch, xml): (String, String) = crossref_deposits::table
        .find(id)
        .select((crossref_deposits::batch_id, crossref_deposits::xml))
        .first(&mut conn)
        .unwrap();
    assert_eq!(d["batch_id"].as_str(), Some(batch.as_str()));
    assert!(xml.contains(&format!("<doi_batch_id>{batch}</doi_batch_id>")));
    assert_crossref_valid(&[&xml]);

    // The worker cannot reach Crossref: the deposit stays queued with the reason, and the
    // queue keeps its job for a later try.
    app.run_jobs().await;
    let (_, list) = send_json(o.managing.get(app.at(&path))).await;
    let d = &list[0];
    // The tests' queue retries after milliseconds, so a drain may have tried more than once.
    let tries = d["attempts"].as_i64().unwrap();
    assert!(d["status"] == "queued" && (1..12).contains(&tries), "{list}");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.starts_with("could not connect") && message.contains(&format!("127.0.0.1:{port}")),
        "{message}"
    );
    assert!(!list.to_string().contains(PASSWORD), "the password is never shown: {list}");
    let waiting: Vec<(i32, Option<String>)> = jobs::table
        .filter(jobs::kind.eq("crossref.submit"))
        .select((jobs::attempts, jobs::last_error))
        .load(&mut conn)
        .unwrap();
    assert_eq!(waiting.len(), 1, "one job, kept for another try");
    assert_eq!(i64::from(waiting[0].0), tries);
    assert!(!format!("{waiting:?}").contains(PASSWORD));

    // The issue page shows it, in both languages, with the button to deposit again.
    let page = format!("/journals/{}/issues/{issue}", o.journal);
    for (lang, words) in [
        ("en", ["Crossref deposits", "Waiting to be sent", "could not connect"]),
        ("zh", ["Crossref 提交记录", "等待发送", "could not connect"]),
    ] {
        let html = page_text(&app, &o.chief, &page, lang).await;
        for w in words {
            assert!(html.contains(w), "{lang}: {w}: {html}");
        }
    }
    let html = o.chief.get(app.at(&page)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("crossref-deposit-form"), "{html}");
    let csrf = extract_csrf(&html).unwrap();
    let form = format!("/journals/{}/issues/{issue}/crossref/deposit", o.journal);
    let res = o.chief.post(app.at(&form)).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let text = page_text(&app, &o.chief, &page, "en").await;
    assert!(text.contains("The deposit is queued"), "{text}");
    let res = o
        .stranger
        .post(app.at(&form))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert!(res.status() == 404 || res.status() == 403, "{}", res.status());

    // One article's deposit is listed with the issue's.
    let (article, _) = article_of(&app, &o.chief, ms).await;
    let (status, one) = send_json(o.chief.post(app.at(&format!("{path}?article={article}")))).await;
    assert_eq!(
        (status, one["kind"].as_str(), one["item_id"].as_i64()),
        (202, Some("article"), Some(article))
    );
    let (status, bad) = send_json(o.chief.post(app.at(&format!("{path}?article=x")))).await;
    assert_eq!(status, 422, "{bad}");
    let (_, list) = send_json(o.chief.get(app.at(&path))).await;
    assert_eq!(list.as_array().unwrap().len(), 3, "{list}");
    assert_eq!(list[0]["kind"], "article", "newest first");

    // On the last try the deposit fails and its job ends.
    diesel::update(crossref_deposits::table.find(id))
        .set(crossref_deposits::attempts.eq(11))
        .execute(&mut conn)
        .unwrap();
    diesel::update(jobs::table.filter(jobs::kind.eq("crossref.submit")))
        .set(jobs::run_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1)))
        .execute(&mut conn)
        .unwrap();
    app.run_jobs().await;
    let (status, message): (String, String) = crossref_deposits::table
        .find(id)
        .select((crossref_deposits::status, crossref_deposits::message))
        .first(&mut conn)
        .unwrap();
    assert_eq!(status, "failed");
    assert!(message.starts_with("could not connect"), "{message}");
    let (_, list) = send_json(o.chief.get(app.at(&path))).await;
    let d = list.as_array().unwrap().iter().find(|d| d["id"] == id).unwrap();
    assert_eq!((d["status"].as_str(), d["attempts"].as_i64()), (Some("failed"), Some(12)), "{d}");
    let left: i64 = jobs::table
        .filter(jobs::payload.like(format!("%\"deposit_id\":{id}%")))
        .filter(jobs::state.eq("queued"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(left, 0, "no further try");
}

#[tokio::test]
async fn the_chairs_deposit_a_published_volume_and_nobody_else_does() {
    let (app, _) = with_unreachable_crossref().await;
    let (chair, author, _) = published_volume(&app).await;
    let path = "/api/v1/venues/proc/proceedings/crossref/deposits";
    let (status, _) = send_json(author.post(app.at(path))).await;
    assert_eq!(status, 404);
    assert_eq!(send_json(app.client().post(app.at(path))).await.0, 401);
    let (status, d) = send_json(chair.post(app.at(path))).await;
    assert_eq!((status, d["kind"].as_str()), (202, Some("proceedings")), "{d}");
    app.run_jobs().await;
    let (status, list) = send_json(chair.get(app.at(path))).await;
    assert_eq!((status, list[0]["status"].as_str()), (200, Some("queued")), "{list}");
    assert!(list[0]["attempts"].as_i64().unwrap() >= 1, "{list}");
    let (status, _) = send_json(author.get(app.at(path))).await;
    assert_eq!(status, 404);

    // The proceedings page lists it and queues another with its button.
    let html = page_text(&app, &chair, "/venues/proc/proceedings", "en").await;
    assert!(
        html.contains("crossref-deposit-form") && html.contains("Waiting to be sent"),
        "{html}"
    );
    let csrf = extract_csrf(&html).unwrap();
    let res = chair
        .post(app.at("/venues/proc/proceedings/crossref/deposit"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/venues/proc/proceedings#crossref");
    let (_, list) = send_json(chair.get(app.at(path))).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
}
