//! Crashes: a real `xuehui serve` process is killed with SIGKILL in the middle of concurrent
//! submissions and started again on the same data. Nothing it acknowledged is lost, no stored
//! file is left without a row, and the jobs it held are taken over at once, not after their
//! five-minute lease.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::prelude::*;
use reqwest::multipart::{Form, Part};
use serde_json::json;
use xuehui::db::schema::{files, jobs, submissions, workers};
use xuehui::files::pdf::sample;

use crate::support::{PASSWORD, TestApp};

/// A `xuehui serve` child on the test's database and data folder; killed when dropped.
struct Served {
    child: Child,
    url: String,
}

impl Served {
    fn start(app: &TestApp, log: &Path) -> Served {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = std::fs::File::create(log).unwrap();
        let child = app
            .xuehui_command(&app.data_dir())
            .arg("serve")
            .env("XUEHUI_BIND", format!("127.0.0.1:{port}"))
            .env("XUEHUI_JOB_POLL_MS", "50")
            // Nothing else uploads while the restarted process sweeps, so no age is needed;
            // the periodic sweep is kept out of the way.
            .env("XUEHUI_FILES_ORPHAN_AGE_SECS", "0")
            .env("XUEHUI_FILES_SWEEP_INTERVAL_SECS", "86400")
            .env("XUEHUI_LOG", "info")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start xuehui serve");
        Served {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    async fn wait_ready(&mut self) {
        // Generous: on a loaded CI machine a start can take ten times what it takes here, and
        // this test is about what survives a kill, not how fast the start is (it reports that).
        let deadline = Instant::now() + Duration::from_secs(90);
        while Instant::now() < deadline {
            if let Ok(res) = reqwest::get(format!("{}/healthz", self.url)).await
                && res.status().is_success()
            {
                return;
            }
            assert!(self.child.try_wait().unwrap().is_none(), "xuehui serve exited");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("xuehui serve did not come up");
    }

    fn kill(&mut self) {
        // Child::kill sends SIGKILL: no destructor, no clean shutdown runs.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.kill();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return vec![];
    };
    rd.filter_map(|e| e.ok())
        .flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] })
        .collect()
}

/// The filled-in submission form; `None` when the server went away before answering.
async fn submission_form(client: &reqwest::Client, base: &str, slug: &str, n: usize) -> Option<Form> {
    let res = client.get(format!("{base}/venues/{slug}/submit")).send().await.ok()?;
    let page = res.text().await.ok()?;
    let csrf = crate::support::extract_csrf(&page)?;
    let mut form = Form::new();
    for (k, v) in [
        ("csrf", csrf),
        ("title_zh", format!("崩溃测试 {n}")),
        ("title_en", format!("Crash test {n}")),
        ("abstract_text", "进程被杀死时的投稿".into()),
        ("keywords", "crash".into()),
        ("track", "main".into()),
        ("corresponding", "0".into()),
        ("presenter", "0".into()),
        ("author0_name_zh", "李华".into()),
        ("author0_email", "li@example.cn".into()),
    ] {
        form = form.text(k, v);
    }
    // Every paper differs, so each one is its own stored file.
    let pdf = sample(2, &format!("Crash test paper number {n}"), None);
    Some(form.part("pdf", Part::bytes(pdf).file_name("paper.pdf").mime_str("application/pdf").unwrap()))
}

/// What one kill round saw.
#[derive(Debug)]
struct Round {
    /// Submissions answered 303 before the kill.
    acknowledged: usize,
    /// Submissions cut off or refused.
    cut: usize,
    /// Temporary files the killed process left.
    tmp_left: usize,
    /// Rows whose file had not been published when the process died.
    unpublished: usize,
    /// Jobs leased to the dead worker.
    held: i64,
    /// From restart to answering requests.
    restart: Duration,
    /// From answering requests to an empty queue of due jobs.
    drained: Duration,
}

/// Starts `xuehui serve`, then `rounds` times: fires `per_round` concurrent submissions, kills
/// the process with SIGKILL mid-way, starts it again and checks that nothing acknowledged is
/// lost, no file is orphaned and the dead worker's jobs run at once.
async fn kill_rounds(rounds: usize, per_round: usize) -> Vec<Round> {
    let app = TestApp::new().await;
    let admin = crate::venues::venue_with_chair(&app, "crash").await;
    let deadline = (Utc::now() + chrono::Duration::days(7))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let res = admin
        .put(app.at("/api/v1/venues/crash/call"))
        .json(&json!({"paper_deadline": deadline, "anonymity": "single_blind", "page_limit": 5, "max_file_mb": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    crate::support::review::open_call(&app, &admin, "crash").await;
    app.user("li@example.cn", false);
    let author = app.client();
    assert_eq!(app.page_login(&author, "li@example.cn", PASSWORD).await.status(), 303);

    let logs = app.data_dir();
    let store = app.state.files.clone();
    let mut conn = app.state.db.conn().unwrap();
    let mut served = Served::start(&app, &logs.join("serve-0.log"));
    served.wait_ready().await;
    // One form first, so the session's CSRF token is settled before the concurrent posts.
    submission_form(&author, &served.url, "crash", 0).await.expect("the form");
    let mut figures = Vec::new();
    let mut all_acknowledged = Vec::new();
    for round in 0..rounds {
        let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel();
        let mut tasks = Vec::new();
        for n in 0..per_round {
            let (client, base, done) = (author.clone(), served.url.clone(), done_tx.clone());
            tasks.push(tokio::spawn(async move {
                let res = match submission_form(&client, &base, "crash", round * per_round + n).await {
                    Some(form) => client.post(format!("{base}/venues/crash/submit")).multipart(form).send().await.ok(),
                    None => None,
                };
                let _ = done.send(());
                match res {
                    Some(r) if r.status() == 303 => {
                        let loc = r.headers()["location"].to_str().unwrap().to_string();
                        Some(loc.rsplit('/').next().unwrap().parse::<i64>().unwrap())
                    }
                    _ => None,
                }
            }));
        }
        // The kill comes at a different point each round.
        for _ in 0..(per_round / 6 + round * 5 % (per_round / 2).max(1)).max(1) {
            done_rx.recv().await;
        }
        served.kill();
        let mut acknowledged = Vec::new();
        for t in tasks {
            acknowledged.extend(t.await.unwrap());
        }
        assert!(
            !acknowledged.is_empty() && acknowledged.len() < per_round,
            "killed mid-way: {} of {per_round} acknowledged",
            acknowledged.len()
        );

        // The dead process's worker row is still there; make sure it holds a job, as it would
        // have had it been killed while sending a mail.
        let dead: String = workers::table.select(workers::id).first(&mut conn).expect("the dead worker's row");
        let leased = |conn: &mut xuehui::db::AnyConnection| -> i64 {
            jobs::table.filter(jobs::locked_by.eq(&dead)).count().get_result(conn).unwrap()
        };
        let held = leased(&mut conn);
        if held == 0 {
            xuehui::jobs::store::enqueue(&mut conn, xuehui::files::sweep::JOB_KIND, &json!({"slot": 0})).unwrap();
            xuehui::jobs::store::claim(&mut conn, &dead, chrono::Duration::minutes(5)).unwrap();
        }
        assert!(leased(&mut conn) > 0, "a job is leased to the dead worker");
        let left_by_kill = walk(&store.tmp_dir());
        let tmp_left = left_by_kill.len();
        let unpublished = files::table
            .select(files::sha256)
            .load::<String>(&mut conn)
            .unwrap()
            .iter()
            .filter(|sha| !store.exists_blocking(sha).unwrap())
            .count();

        let restarted = Instant::now();
        served = Served::start(&app, &logs.join(format!("serve-{}.log", round + 1)));
        served.wait_ready().await;
        let restart = restarted.elapsed();

        // Every acknowledged submission is there with its file.
        for id in &acknowledged {
            let (sha, size): (String, i64) = submissions::table
                .inner_join(files::table.on(submissions::pdf_file_id.eq(files::id.nullable())))
                .filter(submissions::id.eq(id))
                .select((files::sha256, files::size_bytes))
                .first(&mut conn)
                .unwrap_or_else(|e| panic!("acknowledged submission {id} lost: {e}"));
            let bytes = store.read_blocking(&sha).unwrap_or_else(|e| panic!("file of submission {id}: {e}"));
            assert_eq!(bytes.len() as i64, size);
            let res = author.get(format!("{}/submissions/{id}", served.url)).send().await.unwrap();
            assert_eq!(res.status(), 200, "submission {id} page");
        }

        // After the start-up sweep: no temporary file, no stored file without a row, no row
        // without its file.
        let referenced: HashSet<String> = files::table.select(files::sha256).load(&mut conn).unwrap().into_iter().collect();
        // The restarted worker may already be downloading a stored file to read it (integrity
        // checks); what the dead process left must be gone.
        let still: Vec<_> = left_by_kill.iter().filter(|p| p.exists()).collect();
        assert!(still.is_empty(), "temporary files left by the kill: {still:?}");
        for sha in store.stored_blocking().unwrap() {
            assert!(referenced.contains(&sha), "orphaned stored file {sha}");
        }
        for sha in &referenced {
            assert!(store.exists_blocking(sha).unwrap(), "a row's file {sha} is missing");
        }

        // The restarted process takes over the dead one's jobs at once: every receipt goes out
        // within seconds, far inside the five-minute lease.
        let ready = Instant::now();
        let until = ready + Duration::from_secs(60);
        loop {
            let due = jobs::run_at.le(Utc::now().naive_utc());
            let left: i64 = jobs::table.filter(due).count().get_result(&mut conn).unwrap();
            if left == 0 {
                break;
            }
            assert!(Instant::now() < until, "{left} jobs still waiting 60 s after the restart");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let drained = ready.elapsed();
        let dead_left: i64 = workers::table.filter(workers::id.eq(&dead)).count().get_result(&mut conn).unwrap();
        assert_eq!(dead_left, 0, "the dead worker's row is removed");
        all_acknowledged.extend(acknowledged.iter().copied());
        let receipts = app.mails_to("li@example.cn").len();
        assert!(
            receipts >= all_acknowledged.len(),
            "{receipts} receipts for {} acknowledged submissions",
            all_acknowledged.len()
        );
        let r = Round {
            acknowledged: acknowledged.len(),
            cut: per_round - acknowledged.len(),
            tmp_left,
            unpublished,
            held,
            restart,
            drained,
        };
        eprintln!("round {round}: {r:?}");
        figures.push(r);
    }
    figures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_loses_nothing_it_acknowledged_and_leaves_no_files_or_locked_jobs() {
    kill_rounds(1, 32).await;
}

/// Kill after kill: a few short rounds on every test run, and as many as
/// `scripts/faults/kill-during-submissions` asks for (`XUEHUI_FAULT_ROUNDS` and
/// `XUEHUI_FAULT_SUBMISSIONS`, bounded) when it measures the long version.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_kills_during_submissions() {
    let env = |name: &str, default: usize| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let rounds = env("XUEHUI_FAULT_ROUNDS", 2).clamp(1, 200);
    let per_round = env("XUEHUI_FAULT_SUBMISSIONS", 16).clamp(8, 200);
    let started = Instant::now();
    let figures = kill_rounds(rounds, per_round).await;
    let sum = |f: fn(&Round) -> usize| figures.iter().map(f).sum::<usize>();
    let max = |f: fn(&Round) -> Duration| figures.iter().map(f).max().unwrap_or_default();
    eprintln!(
        "SUMMARY rounds={rounds} per_round={per_round} acknowledged={} cut={} lost=0 orphans_after_sweep=0 \
         tmp_left_by_kills={} unpublished_at_kill={} jobs_held_by_dead={} max_restart_ms={} max_drain_ms={} total_s={}",
        sum(|r| r.acknowledged),
        sum(|r| r.cut),
        sum(|r| r.tmp_left),
        sum(|r| r.unpublished),
        figures.iter().map(|r| r.held).sum::<i64>(),
        max(|r| r.restart).as_millis(),
        max(|r| r.drained).as_millis(),
        started.elapsed().as_secs()
    );
}

/// A file in `dir` whose modification time is `age` ago.
fn file_aged(path: &Path, bytes: &[u8], age: Duration) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(std::time::SystemTime::now() - age).unwrap();
}

#[tokio::test]
async fn the_sweep_removes_old_orphans_and_leftovers_and_keeps_referenced_and_young_files() {
    let app = TestApp::new().await;
    let uid = app.user("owner@example.org", false);
    let store = xuehui::files::FileStore::new(&app.data_dir());
    let hour = Duration::from_secs(3600);
    let two_hours = Duration::from_secs(7200);
    let sha = |c: char| c.to_string().repeat(64);
    let mut conn = app.state.db.conn().unwrap();
    let row = |conn: &mut _, sha256: &str, size_bytes: i64, name: &str| {
        let f = xuehui::files::model::NewFile {
            sha256,
            size_bytes,
            content_type: "application/pdf",
            original_name: name,
            page_count: Some(1),
            uploaded_by: Some(uid),
        };
        xuehui::files::model::insert(conn, &f).unwrap();
    };
    // An old file two rows share (content addressing), an old orphan, a young orphan.
    for _ in 0..2 {
        row(&mut conn, &sha('a'), 3, "p.pdf");
    }
    file_aged(&store.path_of(&sha('a')), b"old", two_hours);
    file_aged(&store.path_of(&sha('b')), b"orphan", two_hours);
    file_aged(&store.path_of(&sha('c')), b"in flight", Duration::from_secs(60));
    // Temporary leftovers: an old partial upload, a young one, and a complete upload whose row
    // committed but which was never published (its stored file is missing).
    file_aged(&store.tmp_dir().join("0123.part"), b"partial", two_hours);
    file_aged(&store.tmp_dir().join("4567.part"), b"receiving", Duration::from_secs(5));
    row(&mut conn, &sha('d'), 11, "q.pdf");
    file_aged(
        &store.tmp_dir().join(format!("{}-89ab", sha('d'))),
        b"unpublished",
        Duration::from_secs(5),
    );

    let report = xuehui::files::sweep::sweep(&mut conn, &store, hour).unwrap();
    assert_eq!(
        (report.orphans_removed, report.tmp_removed, report.published),
        (1, 1, 1),
        "{report:?}"
    );
    assert_eq!(std::fs::read(store.path_of(&sha('a'))).unwrap(), b"old", "a referenced file stays");
    assert!(!store.path_of(&sha('b')).exists(), "an old orphan goes");
    assert!(
        store.path_of(&sha('c')).exists(),
        "a young orphan may belong to a transaction in flight"
    );
    assert_eq!(
        std::fs::read(store.path_of(&sha('d'))).unwrap(),
        b"unpublished",
        "a committed upload is published"
    );
    let tmp: Vec<String> = walk(&store.tmp_dir())
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    assert_eq!(tmp, vec!["4567.part".to_string()], "only the young upload is left in tmp");

    // Once old enough, the young leftovers go too; a second sweep changes nothing else.
    let report = xuehui::files::sweep::sweep(&mut conn, &store, Duration::ZERO).unwrap();
    assert_eq!(
        (report.orphans_removed, report.tmp_removed, report.published),
        (1, 1, 0),
        "{report:?}"
    );
    assert!(store.path_of(&sha('a')).exists() && store.path_of(&sha('d')).exists());
}

#[tokio::test]
async fn a_failed_submission_leaves_no_rows_and_no_files() {
    let app = TestApp::new().await;
    let admin = crate::venues::venue_with_chair(&app, "fail").await;
    // The call is over, so the submission is refused after its file has been received.
    let res = admin
        .put(app.at("/api/v1/venues/fail/call"))
        .json(&json!({"paper_deadline": "2020-01-01T00:00", "anonymity": "single_blind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    crate::support::review::open_call(&app, &admin, "fail").await;
    app.user("li@example.cn", false);
    let author = app.client();
    assert_eq!(app.page_login(&author, "li@example.cn", PASSWORD).await.status(), 303);
    let page = author
        .get(app.at("/venues/fail/submit"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::support::extract_csrf(&page).unwrap_or_default();
    let form = Form::new()
        .text("csrf", csrf)
        .text("title_zh", "迟到")
        .text("author0_email", "li@example.cn")
        .part(
            "pdf",
            Part::bytes(sample(1, "Late", None))
                .file_name("late.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    let res = author.post(app.at("/venues/fail/submit")).multipart(form).send().await.unwrap();
    assert!(res.status().is_client_error(), "refused: {}", res.status());
    let mut conn = app.state.db.conn().unwrap();
    let rows: i64 = files::table.count().get_result(&mut conn).unwrap();
    assert_eq!(rows, 0);
    let left = walk(&app.data_dir().join("files"));
    assert!(left.is_empty(), "files left behind: {left:?}");
    assert_eq!(app.state.files.stored_blocking().unwrap(), Vec::<String>::new(), "nothing stored");
}

#[tokio::test]
async fn the_sweep_removes_old_orphans_from_the_bucket_and_keeps_referenced_and_young_ones() {
    let app = TestApp::new().await;
    let store = app.state.files.clone();
    if store.bucket().is_none() {
        eprintln!("NOTICE: the bucket sweep is skipped: XUEHUI_TEST_S3_ENDPOINT is not set");
        return;
    }
    let uid = app.user("owner@example.org", false);
    let kept = store.put_bytes(b"referenced").unwrap();
    let orphan = store.put_bytes(b"orphan").unwrap();
    let mut conn = app.state.db.conn().unwrap();
    let f = xuehui::files::model::NewFile {
        sha256: &kept,
        size_bytes: 10,
        content_type: "application/pdf",
        original_name: "p.pdf",
        page_count: Some(1),
        uploaded_by: Some(uid),
    };
    xuehui::files::model::insert(&mut conn, &f).unwrap();

    // Young: an upload whose transaction may still be running keeps its object.
    let report = xuehui::files::sweep::sweep(&mut conn, &store, Duration::from_secs(3600)).unwrap();
    assert_eq!(report.orphans_removed, 0, "{report:?}");
    assert!(store.exists_blocking(&orphan).unwrap());
    // Old enough: the orphan goes, the referenced object stays.
    let report = xuehui::files::sweep::sweep(&mut conn, &store, Duration::ZERO).unwrap();
    assert_eq!(report.orphans_removed, 1, "{report:?}");
    assert!(!store.exists_blocking(&orphan).unwrap(), "the orphan is gone from the bucket");
    assert_eq!(store.read_blocking(&kept).unwrap(), b"referenced");
    assert_eq!(store.stored_blocking().unwrap(), vec![kept]);
}

fn second_worker(app: &TestApp, ran: std::sync::Arc<std::sync::atomic::AtomicUsize>) -> xuehui::jobs::Worker {
    let mut reg = xuehui::jobs::Registry::new();
    reg.register("test.crash", move |_| {
        let ran = ran.clone();
        async move {
            ran.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(())
        }
    });
    let mut cfg = app.state.config.jobs.clone();
    cfg.heartbeat_secs = 1;
    cfg.dead_after_secs = 3;
    xuehui::jobs::Worker::new(app.state.db.clone(), cfg, reg)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_held_by_a_worker_that_stopped_heartbeating_elsewhere_is_taken_over() {
    use diesel::dsl::insert_into;
    let app = TestApp::new().await;
    let mut conn = app.state.db.conn().unwrap();
    let id = xuehui::jobs::store::enqueue(&mut conn, "test.crash", &json!({})).unwrap();
    // A worker on another machine claimed it with a five-minute lease; its heartbeat is fresh.
    let now = Utc::now().naive_utc();
    insert_into(workers::table)
        .values((
            workers::id.eq("far-away-1-ab"),
            workers::host.eq("far-away"),
            workers::pid.eq(1_i64),
            workers::started_at.eq(now),
            workers::heartbeat_at.eq(now),
        ))
        .execute(&mut conn)
        .unwrap();
    let claimed = xuehui::jobs::store::claim(&mut conn, "far-away-1-ab", chrono::Duration::minutes(5)).unwrap();
    assert_eq!(claimed.map(|j| j.id), Some(id));

    let ran = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let w = second_worker(&app, ran.clone());
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        w.run_until(async {
            let _ = stop_rx.await;
        })
        .await;
    });
    // While the other worker lives, its job is left alone.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(ran.load(std::sync::atomic::Ordering::SeqCst), 0, "a live worker's job is not taken");
    // It stops heartbeating (the machine died): within seconds the job runs here.
    let until = Instant::now() + Duration::from_secs(10);
    while ran.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        assert!(Instant::now() < until, "the dead worker's job was not taken over");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let gone: i64 = workers::table
        .filter(workers::id.eq("far-away-1-ab"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(gone, 0, "the dead worker's row is removed");

    // A clean stop removes the worker's own row too.
    let _ = stop_tx.send(());
    task.await.unwrap();
    let left: i64 = workers::table.count().get_result(&mut conn).unwrap();
    assert_eq!(left, 0, "a stopped worker leaves no row");
}
