//! The durable job queue: exactly-once across workers, retries with backoff, parking failed
//! jobs, operator retry, and jobs that live and die with their transaction.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::json;
use xuehui::db::{Db, transaction};
use xuehui::error::AppError;
use xuehui::jobs::{Registry, Worker, store};

use crate::support::{PASSWORD, TestApp, csrf_of};

fn counting_worker(app: &TestApp, seen: Arc<Mutex<HashMap<i64, u32>>>) -> Worker {
    // Each worker gets its own pool, as a separate process would.
    let db = Db::connect(&app.state.config.database_url, 4, false).unwrap();
    let mut reg = Registry::new();
    reg.register("test.count", move |payload| {
        let seen = seen.clone();
        async move {
            let n = payload["n"].as_i64().unwrap();
            *seen.lock().unwrap().entry(n).or_default() += 1;
            Ok(())
        }
    });
    Worker::new(db, app.state.config.jobs.clone(), reg)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_run_each_of_1000_jobs_exactly_once() {
    let app = TestApp::new().await;
    {
        let mut conn = app.state.db.conn().unwrap();
        transaction(&mut conn, |c| {
            for n in 0..1000 {
                store::enqueue(c, "test.count", &json!({ "n": n }))?;
            }
            Ok(())
        })
        .unwrap();
    }
    let seen = Arc::new(Mutex::new(HashMap::new()));
    let (a, b) = (counting_worker(&app, seen.clone()), counting_worker(&app, seen.clone()));
    let (ra, rb) = tokio::join!(
        tokio::spawn(async move { a.drain().await.unwrap() }),
        tokio::spawn(async move { b.drain().await.unwrap() })
    );
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    assert_eq!(ra + rb, 1000, "worker A ran {ra}, worker B ran {rb}");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1000);
    assert!(seen.values().all(|&c| c == 1), "a job ran twice");
    let mut conn = app.state.db.conn().unwrap();
    let counts = store::counts(&mut conn).unwrap();
    assert_eq!((counts.queued, counts.running, counts.failed), (0, 0, 0));
}

#[tokio::test]
async fn a_job_enqueued_in_a_rolled_back_transaction_never_runs() {
    let app = TestApp::new().await;
    let mut conn = app.state.db.conn().unwrap();
    let r: Result<(), AppError> = transaction(&mut conn, |c| {
        store::enqueue(c, "test.count", &json!({"n": 1}))?;
        Err(AppError::Conflict("changed my mind".into()))
    });
    assert!(r.is_err());
    assert_eq!(store::counts(&mut conn).unwrap().queued, 0);
}

#[tokio::test]
async fn a_failing_job_is_retried_with_backoff_then_parked_and_an_admin_can_retry_it() {
    let app = TestApp::new().await;
    let fail = Arc::new(Mutex::new(true));
    let calls = Arc::new(Mutex::new(0u32));
    let mut reg = Registry::new();
    let (f2, c2) = (fail.clone(), calls.clone());
    reg.register("test.flaky", move |_| {
        let (fail, calls) = (f2.clone(), c2.clone());
        async move {
            *calls.lock().unwrap() += 1;
            if *fail.lock().unwrap() {
                anyhow::bail!("remote said no")
            }
            Ok(())
        }
    });
    let worker = Worker::new(app.state.db.clone(), app.state.config.jobs.clone(), reg);
    let id = {
        let mut conn = app.state.db.conn().unwrap();
        store::enqueue_with(&mut conn, "test.flaky", &json!({}), 3).unwrap()
    };
    assert!(worker.run_one().await.unwrap());
    // Backed off: not due again at once.
    assert!(!worker.run_one().await.unwrap(), "retry must wait for the backoff");
    let job = {
        let mut conn = app.state.db.conn().unwrap();
        store::list(&mut conn, xuehui::jobs::model::QUEUED, 10).unwrap().remove(0)
    };
    assert_eq!(job.attempts, 1);
    assert_eq!(job.last_error.as_deref(), Some("remote said no"));
    assert!(job.run_at > chrono::Utc::now().naive_utc());
    for _ in 0..50 {
        worker.run_one().await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let mut conn = app.state.db.conn().unwrap();
        if store::counts(&mut conn).unwrap().failed == 1 {
            break;
        }
    }
    assert_eq!(*calls.lock().unwrap(), 3, "three tries, then parked");

    // The admin page lists it; its retry button runs it again.
    let (c, html) = admin_jobs_page(&app).await;
    assert!(html.contains(&format!("id=\"job-{id}\"")) && html.contains("remote said no"));
    let csrf = csrf_of(&c, &app.at("/admin/jobs")).await;
    let res = c
        .post(app.at(&format!("/admin/jobs/{id}/retry")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    *fail.lock().unwrap() = false;
    assert_eq!(worker.drain().await.unwrap(), 1);
    let mut conn = app.state.db.conn().unwrap();
    let counts = store::counts(&mut conn).unwrap();
    assert_eq!((counts.queued, counts.failed), (0, 0));
}

#[tokio::test]
async fn a_job_whose_worker_died_is_taken_over_after_its_lease() {
    let app = TestApp::new().await;
    let mut conn = app.state.db.conn().unwrap();
    store::enqueue(&mut conn, "test.count", &json!({"n": 7})).unwrap();
    let claimed = store::claim(&mut conn, "crashed-worker", chrono::Duration::milliseconds(200)).unwrap();
    assert!(claimed.is_some());
    assert!(
        store::claim(&mut conn, "other", chrono::Duration::seconds(60)).unwrap().is_none(),
        "leased"
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    let again = store::claim(&mut conn, "other", chrono::Duration::seconds(60))
        .unwrap()
        .expect("lease expired");
    assert_eq!(again.attempts, 2);
    assert_eq!(again.locked_by.as_deref(), Some("other"));
}

#[tokio::test]
async fn unknown_job_kinds_fail_visibly() {
    let app = TestApp::new().await;
    {
        let mut conn = app.state.db.conn().unwrap();
        store::enqueue_with(&mut conn, "no.such.kind", &json!({}), 1).unwrap();
    }
    app.run_jobs().await;
    let mut conn = app.state.db.conn().unwrap();
    let failed = store::list(&mut conn, xuehui::jobs::model::FAILED, 10).unwrap();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].last_error.as_deref().unwrap().contains("no handler"));
}

#[tokio::test]
async fn a_password_reset_mail_is_claimed_before_a_backlog_of_index_jobs() {
    let app = TestApp::new().await;
    app.user("hurry@example.org", false);
    // A big import left thousands of index updates waiting, all due earlier than the mail.
    {
        let mut conn = app.state.db.conn().unwrap();
        transaction(&mut conn, |c| {
            for n in 0..2000 {
                store::enqueue(c, "search.index", &json!({ "journal": n }))?;
            }
            Ok(())
        })
        .unwrap();
    }
    let c = app.client();
    let csrf = csrf_of(&c, &app.at("/password/forgot")).await;
    let res = c
        .post(app.at("/password/forgot"))
        .form(&[("csrf", csrf.as_str()), ("email", "hurry@example.org")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let mut conn = app.state.db.conn().unwrap();
    let first = store::claim(&mut conn, "w", chrono::Duration::seconds(60)).unwrap().unwrap();
    assert_eq!(first.kind, "mail.send", "user-facing mail first");
    assert!(first.priority > store::priority_of("search.index"));
    let next = store::claim(&mut conn, "w", chrono::Duration::seconds(60)).unwrap().unwrap();
    assert_eq!(next.kind, "search.index");
    // Among equals the earliest due still goes first.
    assert_eq!(next.payload, json!({ "journal": 0 }).to_string());
}

#[tokio::test]
async fn mail_keeps_retrying_through_a_long_outage_until_sent_or_cancelled() {
    let app = TestApp::new().await;
    // Every mail is queued without a try limit.
    app.user("someone@example.org", false);
    let c = app.client();
    let csrf = csrf_of(&c, &app.at("/password/forgot")).await;
    let res = c
        .post(app.at("/password/forgot"))
        .form(&[("csrf", csrf.as_str()), ("email", "someone@example.org")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    {
        let mut conn = app.state.db.conn().unwrap();
        let mails: Vec<_> = store::list(&mut conn, xuehui::jobs::model::QUEUED, 50)
            .unwrap()
            .into_iter()
            .filter(|j| j.kind == "mail.send")
            .collect();
        assert!(
            !mails.is_empty() && mails.iter().all(|j| j.max_attempts == store::UNLIMITED),
            "{mails:?}"
        );
        // Out of the way of the worker below, which knows no mail.
        for j in mails {
            store::cancel(&mut conn, j.id).unwrap();
        }
    }
    // A job without a limit fails far more often than the default limit and is still queued.
    let calls = Arc::new(Mutex::new(0u32));
    let mut reg = Registry::new();
    let c2 = calls.clone();
    reg.register("test.relay_down", move |_| {
        let calls = c2.clone();
        async move {
            *calls.lock().unwrap() += 1;
            anyhow::bail!("relay unreachable")
        }
    });
    let mut cfg = app.state.config.jobs.clone();
    cfg.backoff_base_ms = 1;
    cfg.backoff_max_ms = 1;
    let worker = Worker::new(app.state.db.clone(), cfg, reg);
    let id = {
        let mut conn = app.state.db.conn().unwrap();
        store::enqueue_with(&mut conn, "test.relay_down", &json!({}), store::UNLIMITED).unwrap()
    };
    for _ in 0..400 {
        worker.run_one().await.unwrap();
        if *calls.lock().unwrap() >= 3 * store::DEFAULT_MAX_ATTEMPTS as u32 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert!(*calls.lock().unwrap() >= 3 * store::DEFAULT_MAX_ATTEMPTS as u32);
    {
        let mut conn = app.state.db.conn().unwrap();
        let counts = store::counts(&mut conn).unwrap();
        assert_eq!(counts.failed, 0, "never parked");
    }
    // The admin sees it failing and may cancel it.
    let (admin, html) = admin_jobs_page(&app).await;
    assert!(html.contains(&format!("id=\"job-{id}\"")) && html.contains("still retrying") && html.contains("relay unreachable"));
    let csrf = csrf_of(&admin, &app.at("/admin/jobs")).await;
    let res = admin
        .post(app.at(&format!("/admin/jobs/{id}/cancel")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let mut conn = app.state.db.conn().unwrap();
    assert!(
        store::list(&mut conn, xuehui::jobs::model::QUEUED, 500)
            .unwrap()
            .iter()
            .all(|j| j.id != id)
    );
}

/// A site administrator's browser and the job queue page it sees, in English.
async fn admin_jobs_page(app: &TestApp) -> (reqwest::Client, String) {
    app.user("ops@example.org", true);
    let c = app.client();
    app.page_login(&c, "ops@example.org", PASSWORD).await;
    let html = c
        .get(app.at("/admin/jobs"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (c, html)
}
