//! Database outages: a lost connection answers 503 with Retry-After and heals on the next
//! request; a server fault answers 500 with a request id and no details; `serve` started while
//! the database is down says what is wrong and starts once it is reachable.

use diesel::{Connection, PgConnection, RunQueryDsl};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TestApp, TestDb, db::pg_admin_url, json_of};

/// The database name at the end of a PostgreSQL URL.
fn database_of(url: &str) -> &str {
    url.rsplit_once('/').expect("database part").1
}

/// Ends every connection the service holds to its database, as a server restart would.
fn terminate_connections(admin: &str, db_url: &str) -> usize {
    let mut conn = PgConnection::establish(admin).expect("admin connection");
    #[derive(diesel::QueryableByName)]
    struct Ended {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        #[allow(dead_code)]
        ended: bool,
    }
    let rows: Vec<Ended> = diesel::sql_query(format!(
        "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity \
         WHERE datname = '{}' AND pid <> pg_backend_pid()",
        database_of(db_url)
    ))
    .load(&mut conn)
    .expect("terminate");
    rows.len()
}

#[tokio::test]
async fn a_lost_database_connection_answers_503_and_the_next_request_succeeds() {
    let Some(admin) = pg_admin_url() else {
        eprintln!("skipped: connection loss is a PostgreSQL matter (set XUEHUI_TEST_DATABASE_URL)");
        return;
    };
    let app = TestApp::new().await;
    let chair = crate::venues::venue_with_chair(&app, "outage-conf").await;
    let venue = app.at("/api/v1/venues/outage-conf");
    assert_eq!(chair.get(&venue).send().await.unwrap().status(), 200);

    let ended = terminate_connections(&admin, &app.state.config.database_url);
    assert!(ended > 0, "the pool held connections");

    let res = chair.get(&venue).send().await.unwrap();
    assert_eq!(res.status(), 503, "a dead connection is an outage, not a bug");
    let retry = res.headers().get("retry-after").expect("Retry-After").to_str().unwrap().to_string();
    assert!(retry.parse::<u32>().unwrap() > 0);
    let header_id = res.headers().get("x-request-id").unwrap().to_str().unwrap().to_string();
    let body = json_of(res).await;
    assert_eq!(body["error"], "unavailable");
    assert_eq!(body["request_id"], header_id.as_str());
    assert!(!body.to_string().contains("terminat"), "no details leak: {body}");

    // The pool has dropped the dead connection and tests the others: every request now succeeds.
    for _ in 0..5 {
        assert_eq!(chair.get(&venue).send().await.unwrap().status(), 200);
    }
}

#[tokio::test]
async fn a_server_fault_answers_500_with_a_request_id_and_no_details() {
    let app = TestApp::new().await;
    let chair = crate::venues::venue_with_chair(&app, "fault-conf").await;
    let venue_id: i64 = {
        use diesel::prelude::*;
        use xuehui::db::schema::venues;
        let mut conn = app.state.db.conn().unwrap();
        venues::table
            .filter(venues::slug.eq("fault-conf"))
            .select(venues::id)
            .first(&mut conn)
            .unwrap()
    };
    {
        // A stored form that no longer parses: the kind of fault only a bug or a bad manual
        // edit causes.
        use diesel::prelude::*;
        use xuehui::db::schema::review_forms;
        let mut conn = app.state.db.conn().unwrap();
        diesel::insert_into(review_forms::table)
            .values((
                review_forms::venue_id.eq(venue_id),
                review_forms::fields.eq("{not json"),
                review_forms::updated_at.eq(chrono::Utc::now().naive_utc()),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    let res = chair.get(app.at("/api/v1/venues/fault-conf/review-form")).send().await.unwrap();
    assert_eq!(res.status(), 500);
    let header_id = res.headers().get("x-request-id").unwrap().to_str().unwrap().to_string();
    let body = json_of(res).await;
    assert_eq!(body["error"], "internal");
    assert_eq!(body["request_id"], header_id.as_str(), "the id to quote is the logged one");
    let text = body.to_string();
    assert!(
        !text.contains("stored review form") && !text.contains("expected"),
        "no details: {text}"
    );

    let res = chair
        .get(app.at("/venues/fault-conf/review-setup"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 500);
    let header_id = res.headers().get("x-request-id").unwrap().to_str().unwrap().to_string();
    let html = res.text().await.unwrap();
    assert!(html.contains(&header_id), "the error page shows the request id");
    assert!(!html.contains("stored review form"), "no details on the page");
}

/// Forwards loopback connections on `listener` to `target`, from the moment it is started.
fn forward(listener: TcpListener, target: String) {
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { break };
            let Ok(server) = TcpStream::connect(&target) else { continue };
            for (mut from, mut to) in [(client.try_clone().unwrap(), server.try_clone().unwrap()), (server, client)] {
                std::thread::spawn(move || {
                    let mut buf = [0u8; 16 * 1024];
                    while let Ok(n) = from.read(&mut buf) {
                        if n == 0 || to.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                    let _ = to.shutdown(std::net::Shutdown::Both);
                });
            }
        }
    });
}

/// The status line of a plain GET on loopback, if the server answers.
fn status_line(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut head = String::new();
    let mut byte = [0u8; 1];
    while s.read(&mut byte).ok()? == 1 && byte[0] != b'\n' {
        head.push(byte[0] as char);
    }
    Some(head)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn serve_started_while_the_database_is_down_says_why_and_gives_up_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let dead = format!("postgres://xuehui:s3cret@127.0.0.1:{}/xuehui", free_port());
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_xuehui"))
        .arg("serve")
        .env("XUEHUI_DATA_DIR", dir.path())
        .env("XUEHUI_DATABASE_URL", &dead)
        .env("XUEHUI_DATABASE_WAIT_SECS", "2")
        .env("XUEHUI_BIND", format!("127.0.0.1:{}", free_port()))
        .env("XUEHUI_LOG", "warn")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "it kept trying for the configured time"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot reach the database at postgres://xuehui:***@127.0.0.1"),
        "{stderr}"
    );
    assert!(stderr.to_lowercase().contains("refused"), "the real cause is named: {stderr}");
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(log.contains("retrying"), "it said it was retrying: {log}");
    for noise in ["s3cret", "multiconnection", "stack backtrace", "panicked"] {
        assert!(!stderr.contains(noise), "no {noise:?} in: {stderr}");
    }
}

#[test]
fn serve_waits_for_the_database_and_starts_when_it_answers() {
    let Some(admin) = pg_admin_url() else {
        eprintln!("skipped: needs a PostgreSQL server (set XUEHUI_TEST_DATABASE_URL)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::postgres(&admin);
    // The service is pointed at a port where the database will appear in two seconds.
    let gate = free_port();
    let real = db
        .url
        .split('@')
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_string();
    let url = db.url.replace(&real, &format!("127.0.0.1:{gate}"));
    let http = free_port();
    let log_path = dir.path().join("serve.out");
    let err_path = dir.path().join("serve.err");
    let mut child = Command::new(env!("CARGO_BIN_EXE_xuehui"))
        .arg("serve")
        .env("XUEHUI_DATA_DIR", dir.path())
        .env("XUEHUI_DATABASE_URL", &url)
        .env("XUEHUI_DATABASE_WAIT_SECS", "60")
        .env("XUEHUI_BIND", format!("127.0.0.1:{http}"))
        .env("XUEHUI_LOG", "info")
        .stdout(Stdio::from(std::fs::File::create(&log_path).unwrap()))
        .stderr(Stdio::from(std::fs::File::create(&err_path).unwrap()))
        .spawn()
        .unwrap();
    // What serve said, for a failure message that explains itself.
    let said = || {
        let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap_or_default();
        format!("stdout:\n{}\nstderr:\n{}", read(&log_path), read(&err_path))
    };
    std::thread::sleep(Duration::from_secs(2));
    assert!(child.try_wait().unwrap().is_none(), "still waiting, not exited: {}", said());
    forward(TcpListener::bind(("127.0.0.1", gate)).unwrap(), real);
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut healthy = None;
    while Instant::now() < deadline && healthy.is_none() {
        std::thread::sleep(Duration::from_millis(300));
        if let Some(status) = child.try_wait().unwrap() {
            panic!("serve exited ({status}) instead of starting: {}", said());
        }
        healthy = status_line(http, "/healthz").filter(|l| l.contains(" 200 "));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(healthy.is_some(), "serve started once the database answered: {}", said());
}
