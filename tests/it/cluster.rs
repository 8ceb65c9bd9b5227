//! A cluster on loopback: two `xuehui serve` processes and one `xuehui worker` against one
//! PostgreSQL, one S3-compatible bucket and one Meilisearch, behind nginx as the load balancer.
//! Runs in the PostgreSQL pass of `scripts/test`, which starts the bucket and Meilisearch and
//! installs nginx; skipped with a notice elsewhere.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde_json::json;
use xuehui::db::schema::{jobs, mails, venues};
use xuehui::files::pdf::sample;

use crate::support::{TestApp, json_of};

/// A child process, stopped when dropped: with `stop` when given (nginx, whose workers would
/// outlive a killed master), else killed.
struct Proc {
    child: Child,
    url: String,
    stop: Option<Command>,
}

impl Drop for Proc {
    fn drop(&mut self) {
        if let Some(stop) = &mut self.stop
            && stop.status().is_ok_and(|s| s.success())
        {
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

use crate::support::free_port;

/// What the cluster needs besides PostgreSQL and the bucket: a Meilisearch server and nginx.
struct Parts {
    meili_url: String,
    meili_key: String,
    nginx: PathBuf,
}

fn parts(app: &TestApp) -> Option<Parts> {
    let missing = |what: &str| {
        eprintln!("NOTICE: the cluster test is skipped: {what}");
        None
    };
    if !app.state.config.database_url.starts_with("postgres") {
        return missing("it runs on PostgreSQL (XUEHUI_TEST_DATABASE_URL)");
    }
    if app.state.config.s3.is_none() {
        return missing("XUEHUI_TEST_S3_ENDPOINT is not set");
    }
    let Ok(meili_url) = std::env::var("XUEHUI_TEST_MEILI_URL") else {
        return missing("XUEHUI_TEST_MEILI_URL is not set");
    };
    let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    let Some(nginx) = nginx else {
        return missing("nginx is not installed");
    };
    Some(Parts {
        meili_url,
        meili_key: std::env::var("XUEHUI_TEST_MEILI_KEY").unwrap_or_default(),
        nginx,
    })
}

/// Starts `xuehui <command>` as a cluster member with its own data folder under `root`.
fn member(app: &TestApp, parts: &Parts, command: &str, name: &str, root: &Path) -> Proc {
    let port = free_port();
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let log = std::fs::File::create(dir.join("log.txt")).unwrap();
    let child = app
        .xuehui_command(&dir)
        .arg(command)
        .env("XUEHUI_CLUSTER", "true")
        .env("XUEHUI_BIND", format!("127.0.0.1:{port}"))
        .env("XUEHUI_MEILI_URL", &parts.meili_url)
        .env("XUEHUI_MEILI_KEY", &parts.meili_key)
        .env("XUEHUI_MEILI_INDEX_PREFIX", format!("cluster{port}_"))
        .env("XUEHUI_JOB_POLL_MS", "50")
        .env("XUEHUI_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start xuehui");
    Proc {
        child,
        url: format!("http://127.0.0.1:{port}"),
        stop: None,
    }
}

async fn wait_healthy(url: &str, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(res) = reqwest::get(format!("{url}/healthz")).await
            && res.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} did not start: {}", std::fs::read_to_string(log).unwrap_or_default());
}

/// nginx on a free port, balancing over `upstreams` with the configuration the README gives
/// (`deploy/nginx/xuehui.conf`), its addresses replaced by the test's.
fn balancer(parts: &Parts, upstreams: &[&Proc], root: &Path) -> Proc {
    let port = free_port();
    let dir = root.join("nginx");
    std::fs::create_dir_all(&dir).unwrap();
    let shipped = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx/xuehui.conf")).unwrap();
    let servers: String = upstreams
        .iter()
        .map(|p| format!("    server {} max_fails=1 fail_timeout=10s;\n", p.url.trim_start_matches("http://")))
        .collect();
    let example_servers =
        "    server 127.0.0.1:8081 max_fails=1 fail_timeout=10s;\n    server 127.0.0.1:8082 max_fails=1 fail_timeout=10s;\n";
    assert!(
        shipped.contains(example_servers) && shipped.contains("listen 127.0.0.1:8080;"),
        "the shipped example changed"
    );
    let site = shipped
        .replace(example_servers, &servers)
        .replace("listen 127.0.0.1:8080;", &format!("listen 127.0.0.1:{port};"));
    std::fs::write(dir.join("xuehui.conf"), site).unwrap();
    let d = dir.display();
    let conf = format!(
        "worker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
         events {{ worker_connections 1024; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
         include {d}/xuehui.conf;\n}}\n"
    );
    let conf_path = dir.join("nginx.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let child = Command::new(&parts.nginx)
        .arg("-p")
        .arg(&dir)
        .arg("-c")
        .arg(&conf_path)
        .args(["-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("stderr.txt")).unwrap())
        .spawn()
        .expect("start nginx");
    // `nginx -s stop` ends the master and its workers.
    let mut stop = Command::new(&parts.nginx);
    stop.arg("-p").arg(&dir).arg("-c").arg(&conf_path).args(["-s", "stop"]);
    stop.stdout(Stdio::null()).stderr(Stdio::null());
    Proc {
        child,
        url: format!("http://127.0.0.1:{port}"),
        stop: Some(stop),
    }
}

/// The subjects of the `.eml` files in the members' mail folders.
fn mailed_subjects(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for member in std::fs::read_dir(root).unwrap() {
        let Ok(mails) = std::fs::read_dir(member.unwrap().path().join("mail")) else {
            continue;
        };
        for mail in mails {
            let text = std::fs::read_to_string(mail.unwrap().path()).unwrap_or_default();
            if let Some(line) = text.lines().find(|l| l.starts_with("Subject: ")) {
                found.push(line["Subject: ".len()..].to_string());
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_web_processes_and_a_worker_behind_nginx_share_sessions_files_and_jobs_and_survive_a_kill() {
    let app = TestApp::new().await;
    let Some(parts) = parts(&app) else {
        return;
    };
    let chair = crate::support::review::venue(&app, "cluster").await;
    drop(chair);
    app.user("author@example.org", false);
    let root = app.data_dir().join("cluster");
    let a = member(&app, &parts, "serve", "web-a", &root);
    let b = member(&app, &parts, "serve", "web-b", &root);
    let worker = member(&app, &parts, "worker", "worker", &root);
    wait_healthy(&a.url, &root.join("web-a/log.txt")).await;
    wait_healthy(&b.url, &root.join("web-b/log.txt")).await;
    let lb = balancer(&parts, &[&a, &b], &root);
    wait_healthy(&lb.url, &root.join("nginx/error.log")).await;

    // A session made by one process is good on the other (cookies ignore ports).
    let author = app.client();
    crate::support::api_login_at(&author, &a.url, "author@example.org").await;
    let me = json_of(author.get(format!("{}/api/v1/me", b.url)).send().await.unwrap()).await;
    assert_eq!(me["email"], "author@example.org", "B knows A's session: {me}");
    assert_eq!(
        reqwest::get(format!("{}/api/v1/me", b.url)).await.unwrap().status(),
        401,
        "and nobody else is logged in"
    );

    // A paper uploaded through A is downloaded through B, byte for byte (the bucket holds it).
    let pdf = sample(2, "Cluster paper", None);
    let (id, file) = crate::support::upload::submit_paper(&author, &a.url, "cluster", "author@example.org", &pdf).await;
    let res = author.get(format!("{}/submissions/{id}/files/{file}", b.url)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf, "the same bytes through the other process");

    // 1,000 mails queued at once go out exactly once among the three workers.
    let mut conn = app.state.db.conn().unwrap();
    conn.transaction::<_, xuehui::error::AppError, _>(|c| {
        for i in 0..1000 {
            let mail = xuehui::mail::Mail {
                to: format!("reader{i}@example.org"),
                to_name: String::new(),
                lang: xuehui::web::i18n::Lang::En,
                template: "cluster",
                vars: json!({}),
            };
            let id = xuehui::mail::outbox::insert(c, &mail, &format!("cluster mail {i:04}"), "one of a thousand")?;
            xuehui::mail::job::enqueue(c, id)?;
        }
        Ok(())
    })
    .unwrap();
    let until = Instant::now() + Duration::from_secs(180);
    loop {
        let unsent: i64 = mails::table.filter(mails::sent_at.is_null()).count().get_result(&mut conn).unwrap();
        let waiting: i64 = jobs::table
            .filter(jobs::kind.eq(xuehui::mail::SEND_JOB))
            .count()
            .get_result(&mut conn)
            .unwrap();
        if unsent == 0 && waiting == 0 {
            break;
        }
        assert!(Instant::now() < until, "{unsent} mails unsent after 3 minutes");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut sent: BTreeMap<String, usize> = BTreeMap::new();
    for subject in mailed_subjects(&root).into_iter().filter(|s| s.starts_with("cluster mail ")) {
        *sent.entry(subject).or_default() += 1;
    }
    assert_eq!(sent.len(), 1000, "every mail went out");
    let twice: Vec<_> = sent.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "mails sent more than once: {twice:?}");
    drop(worker);

    // Killing one web process loses no acknowledged request: venues are created through the
    // balancer while A dies; every one that got 201 is in the database, and the balancer
    // keeps answering through B.
    app.user("admin-lb@example.org", true);
    let admin = app.client();
    crate::support::api_login_at(&admin, &lb.url, "admin-lb@example.org").await;
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut tasks = Vec::new();
    for n in 0..120 {
        let (client, base, done) = (admin.clone(), lb.url.clone(), done_tx.clone());
        tasks.push(tokio::spawn(async move {
            let slug = format!("lb-{n:03}");
            let res = client
                .post(format!("{base}/api/v1/venues"))
                .json(&crate::venues::venue_body(&slug))
                .send()
                .await;
            let _ = done.send(());
            match res {
                Ok(r) if r.status() == 201 => Some(slug),
                _ => None,
            }
        }));
    }
    for _ in 0..30 {
        done_rx.recv().await;
    }
    let mut a = a;
    a.child.kill().unwrap();
    a.child.wait().unwrap();
    let mut acknowledged = Vec::new();
    for t in tasks {
        acknowledged.extend(t.await.unwrap());
    }
    assert!(acknowledged.len() >= 30, "{} acknowledged", acknowledged.len());
    for slug in &acknowledged {
        let n: i64 = venues::table.filter(venues::slug.eq(slug)).count().get_result(&mut conn).unwrap();
        assert_eq!(n, 1, "acknowledged venue {slug} is in the database");
    }
    for n in 0..20 {
        let res = admin
            .post(format!("{}/api/v1/venues", lb.url))
            .json(&crate::venues::venue_body(&format!("after-{n:02}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "after the kill, B answers through the balancer");
    }
    eprintln!(
        "SUMMARY cluster: acknowledged {} of 120 during the kill, 20 of 20 after it; 1000 mails sent once each",
        acknowledged.len()
    );
}

#[test]
fn cluster_mode_refuses_single_machine_settings_with_what_to_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xuehui"))
        .arg("serve")
        .env_clear()
        .env("XUEHUI_CLUSTER", "true")
        .env("XUEHUI_DATA_DIR", dir.path())
        .env("XUEHUI_SECRET_KEY", "k".repeat(64))
        .env("XUEHUI_DATABASE_URL", "postgres://127.0.0.1:9/none")
        .env("XUEHUI_S3_BUCKET", "papers")
        .env("XUEHUI_S3_ENDPOINT", "http://127.0.0.1:9")
        .env("XUEHUI_S3_ACCESS_KEY_ID", "id")
        .env("XUEHUI_S3_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("embedded") && err.contains("XUEHUI_MEILI_URL") && err.contains("cluster search is Meilisearch"),
        "{err}"
    );
    assert!(
        !err.contains("SQLite") && !err.contains("XUEHUI_S3_BUCKET"),
        "only the search engine is wrong: {err}"
    );

    // Without a shared secret key each process would sign cookies with its own.
    let out = Command::new(env!("CARGO_BIN_EXE_xuehui"))
        .arg("serve")
        .env_clear()
        .env("XUEHUI_CLUSTER", "true")
        .env("XUEHUI_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("XUEHUI_SECRET_KEY"), "{err}");
    assert!(!dir.path().join("secret.key").exists(), "no key is generated for one process");
}
