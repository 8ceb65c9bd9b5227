//! Search outages: `/healthz` reports the engine beside the database, index jobs queued while
//! Meilisearch is down are applied as soon as it is back, and `serve` stops cleanly with
//! Meilisearch configured. The cases that need a Meilisearch server start their own (the
//! binary `scripts/test` puts in `target/meilisearch`, or `meilisearch` on PATH), because they
//! stop and restart it; without one they are skipped with a notice.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::review::scene;
use crate::support::{TestApp, json_of};

const KEY: &str = "xuehui-outage-test-master-key-32-chars";

/// A Meilisearch server of this test's own, on a fixed port and data folder so that it can be
/// stopped and started again with its indexes.
struct MeiliServer {
    bin: PathBuf,
    port: u16,
    db: tempfile::TempDir,
    child: Option<Child>,
}

impl MeiliServer {
    /// Starts one, or `None` when no Meilisearch binary is at hand.
    fn start(test: &str) -> Option<MeiliServer> {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/meilisearch");
        let bin = if shipped.exists() {
            shipped
        } else if let Ok(out) = Command::new("sh").args(["-c", "command -v meilisearch"]).output()
            && out.status.success()
        {
            PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
        } else {
            eprintln!("NOTICE: {test} skipped: no target/meilisearch and no meilisearch on PATH");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut m = MeiliServer {
            bin,
            port,
            db: tempfile::tempdir().unwrap(),
            child: None,
        };
        m.resume();
        Some(m)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts the server (again) and waits until it answers.
    fn resume(&mut self) {
        let child = Command::new(&self.bin)
            .arg("--db-path")
            .arg(self.db.path().join("db"))
            .args(["--http-addr", &format!("127.0.0.1:{}", self.port)])
            .args(["--master-key", KEY, "--no-analytics", "--env", "development"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("meilisearch starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "Meilisearch did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the server (its data stays).
    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for MeiliServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn meili_config(url: String) -> xuehui::config::MeiliConfig {
    xuehui::config::MeiliConfig {
        url,
        key: Some(xuehui::config::Secret::new(KEY.to_string())),
        index_prefix: "xh_outage_".into(),
    }
}

async fn health(app: &TestApp) -> (u16, Value) {
    let res = app.client().get(app.at("/healthz")).send().await.unwrap();
    (res.status().as_u16(), json_of(res).await)
}

#[tokio::test]
async fn healthz_reports_the_search_engine_apart_from_the_database() {
    let app = TestApp::new().await;
    let (code, body) = health(&app).await;
    assert_eq!(code, 200);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["search"], "ok");
    assert_eq!(body["search_engine"], "embedded");

    // Nothing listens on port 9: search is down, the service is degraded but still in
    // rotation (the database answers).
    let app = TestApp::with(|c| c.meili = Some(meili_config("http://127.0.0.1:9".into()))).await;
    let (code, body) = health(&app).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["status"], "degraded");
    assert_eq!(body["database"], "ok");
    assert_eq!(body["search"], "unavailable");
    assert_eq!(body["search_engine"], "meilisearch");
    assert!(!body["search_error"].as_str().unwrap_or_default().is_empty(), "{body}");
}

#[tokio::test]
async fn an_index_job_queued_while_meilisearch_is_down_is_applied_soon_after_it_is_back() {
    let Some(mut meili) = MeiliServer::start("an_index_job_queued_while_meilisearch_is_down") else {
        return;
    };
    let url = meili.url();
    // A retry a minute away: only waking the job gets it applied within the test's patience.
    let app = TestApp::with(move |c| {
        c.meili = Some(meili_config(url));
        c.jobs.backoff_base_ms = 60_000;
        c.jobs.backoff_max_ms = 60_000;
    })
    .await;
    meili.stop();
    let s = scene(&app, "outage").await;
    app.run_jobs().await;
    let (code, body) = health(&app).await;
    assert_eq!((code, body["status"].as_str()), (200, Some("degraded")), "{body}");
    let res = s.chair.get(app.at("/api/v1/search")).send().await.unwrap();
    assert_eq!(res.status(), 503, "the API says search is unavailable");

    meili.resume();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        app.run_jobs().await;
        let res = s.chair.get(app.at("/api/v1/search")).send().await.unwrap();
        if res.status() == 200 {
            let r = json_of(res).await;
            if r["hits"].as_array().unwrap().iter().any(|h| h["id"] == s.paper) {
                break;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the paper was not indexed soon after Meilisearch came back"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let (code, body) = health(&app).await;
    assert_eq!(
        (code, body["status"].as_str(), body["search"].as_str()),
        (200, Some("ok"), Some("ok"))
    );
}

/// Whether an HTTP server on `port` answers `/healthz`.
fn answers(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reply = String::new();
    s.write_all(b"GET /healthz HTTP/1.0\r\n\r\n").is_ok() && s.read_to_string(&mut reply).is_ok() && reply.starts_with("HTTP/1")
}

#[test]
fn serve_with_meilisearch_stops_cleanly_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    // An unreachable server is enough: the engine and its runtime exist either way.
    let mut child = Command::new(env!("CARGO_BIN_EXE_xuehui"))
        .arg("serve")
        .env("XUEHUI_DATA_DIR", dir.path())
        .env("XUEHUI_DATABASE_URL", format!("sqlite://{}", dir.path().join("x.db").display()))
        .env("XUEHUI_BIND", format!("127.0.0.1:{port}"))
        .env("XUEHUI_MEILI_URL", "http://127.0.0.1:9")
        .env("XUEHUI_LOG", "error")
        .env_remove("XUEHUI_SECRET_KEY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    // Answering a request, not only listening: the server then handles signals.
    while !answers(port) {
        assert!(Instant::now() < deadline, "serve did not start");
        assert!(child.try_wait().unwrap().is_none(), "serve exited early");
        std::thread::sleep(Duration::from_millis(100));
    }
    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
