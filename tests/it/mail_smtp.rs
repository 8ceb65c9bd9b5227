//! Mail delivery: `.eml` files by default, and through a real SMTP server (Debian's
//! python3-aiosmtpd), including a server that is down when the mail is queued.

use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use xuehui::config::{MailTransport, SmtpConfig, SmtpTls};

use crate::support::{PASSWORD, TestApp};

/// A real SMTP server storing what it receives in a Maildir; stopped on drop.
struct SmtpSink {
    child: Child,
    maildir: PathBuf,
}

fn python() -> String {
    std::env::var("XUEHUI_TEST_PYTHON").unwrap_or_else(|_| {
        if Path::new("/usr/bin/python3").exists() {
            "/usr/bin/python3".into()
        } else {
            "python3".into()
        }
    })
}

impl SmtpSink {
    fn start(port: u16, dir: &Path) -> SmtpSink {
        let maildir = dir.join("maildir");
        let child = Command::new(python())
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd (install Debian's python3-aiosmtpd; scripts/test does)");
        let sink = SmtpSink { child, maildir };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not start on port {port}; is python3-aiosmtpd installed?"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        sink
    }

    fn messages(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return vec![];
        };
        entries.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The text body of a single-part message, decoded from base64 or quoted-printable.
fn decoded_body(msg: &str) -> String {
    use base64::Engine;
    let (headers, body) = msg.split_once("\n\n").or_else(|| msg.split_once("\r\n\r\n")).unwrap_or((msg, ""));
    if headers.to_ascii_lowercase().contains("content-transfer-encoding: base64") {
        let compact: String = body.split_whitespace().collect();
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(compact).unwrap()).unwrap()
    } else {
        body.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
    }
}

use crate::support::free_port;

async fn wait_for<F: FnMut() -> bool>(what: &str, mut f: F) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_queued_while_the_smtp_server_is_down_is_delivered_after_it_comes_back() {
    let port = free_port();
    let app = TestApp::with(|c| {
        c.mail = MailTransport::Smtp(SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: SmtpTls::None,
            username: None,
            password: None,
            timeout_secs: 5,
        });
    })
    .await;
    let res = app
        .client()
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"email": "outage@example.org", "password": PASSWORD, "name_zh": "韩梅梅"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "sign-up succeeds although mail cannot go out");

    let worker = app.worker();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let w = worker.clone();
    let running = tokio::spawn(async move {
        w.run_until(async {
            let _ = stop_rx.await;
        })
        .await;
    });

    // The worker tries, fails, and keeps the mail queued.
    let db = app.state.db.clone();
    wait_for("a failed delivery attempt", || {
        let mut c = db.conn().unwrap();
        xuehui::jobs::store::list(&mut c, xuehui::jobs::model::QUEUED, 10)
            .unwrap()
            .iter()
            .any(|j| j.attempts >= 1 && j.last_error.is_some())
    })
    .await;
    let mut conn = app.state.db.conn().unwrap();
    assert!(
        xuehui::mail::outbox::to_address(&mut conn, "outage@example.org").unwrap()[0]
            .sent_at
            .is_none()
    );

    // The server comes back; the retry delivers.
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(port, dir.path());
    wait_for("delivery to the SMTP server", || {
        sink.messages().iter().any(|m| m.contains("outage@example.org"))
    })
    .await;
    let msg = sink.messages().into_iter().find(|m| m.contains("outage@example.org")).unwrap();
    assert!(msg.contains("Subject:"));
    assert!(decoded_body(&msg).contains("/verify?token="), "the body carries the link: {msg}");
    wait_for("the outbox to record delivery", || {
        let mut c = db.conn().unwrap();
        xuehui::mail::outbox::to_address(&mut c, "outage@example.org").unwrap()[0]
            .sent_at
            .is_some()
    })
    .await;
    stop_tx.send(()).unwrap();
    running.await.unwrap();
    assert_eq!(xuehui::jobs::store::counts(&mut conn).unwrap().queued, 0);
}

#[tokio::test]
async fn by_default_each_mail_becomes_an_eml_file_in_the_data_folder() {
    let app = TestApp::new().await;
    app.client()
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"email": "files@example.org", "password": PASSWORD, "name_latin": "File Reader", "preferred_lang": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(app.run_jobs().await, 1);
    let dir = app.data_dir().join("mail");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().unwrap(), "eml");
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        eml.contains("To: \"File Reader\" <files@example.org>") || eml.contains("files@example.org"),
        "{eml}"
    );
    assert!(eml.contains("Confirm your e-mail address"));
}
