//! Shared pieces of the HTTP benchmarks: a database (SQLite file, or a fresh PostgreSQL
//! database when `XUEHUI_BENCH_DATABASE_URL` is set), the release server as its own process,
//! verified accounts with API tokens, and percentiles.

#![allow(dead_code)]

use diesel::{Connection, PgConnection, RunQueryDsl};
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use xuehui::config::{Config, Secret};
use xuehui::web::AppState;

/// The server's secret key in benchmarks.
pub const SECRET: &str = "benchmark-secret-benchmark-secret-benchmark-secret-benchmark-secret";

/// The `p` quantile of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// A process's peak resident memory (VmHWM) in MiB.
pub fn peak_rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// The database URL, and for PostgreSQL the admin URL and database name to drop afterwards.
pub fn database(dir: &std::path::Path, prefix: &str) -> (String, Option<(String, String)>) {
    match std::env::var("XUEHUI_BENCH_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(admin) => {
            let name = format!("{prefix}_{}", xuehui::auth::tokens::random_hex(4));
            let mut c = PgConnection::establish(&admin).expect("PostgreSQL reachable");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut c)
                .expect("create database");
            let base = admin.rsplit_once('/').unwrap().0;
            (format!("{base}/{name}"), Some((admin.clone(), name)))
        }
        None => (format!("sqlite://{}", dir.join("xuehui.db").display()), None),
    }
}

/// Drops the PostgreSQL database made by [`database`].
pub fn drop_database(pg: Option<(String, String)>) {
    if let Some((admin, name)) = pg
        && let Ok(mut c) = PgConnection::establish(&admin)
    {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut c);
    }
}

/// The library's state on `db_url`, migrated and with the demo data.
pub fn demo_state(dir: &std::path::Path, db_url: &str) -> AppState {
    let mut cfg = Config::defaults(dir);
    cfg.database_url = db_url.to_string();
    cfg.secret_key = Secret::new(SECRET);
    cfg.argon2_memory_kib = 1024;
    let state = AppState::new(cfg, false).unwrap();
    xuehui::server::migrate(&state).unwrap();
    xuehui::demo::seed(&state).unwrap();
    state
}

/// Verified accounts for `emails` (password "bench password"), made through the library.
pub fn accounts(state: &AppState, emails: &[String], name: &str) {
    let mut conn = state.db.conn().unwrap();
    let hash = xuehui::auth::password::hash("bench password", 1024).unwrap();
    for e in emails {
        let input = xuehui::auth::validate::SignupInput {
            email: e.clone(),
            password: "bench password".into(),
            profile: xuehui::auth::validate::ProfileInput {
                name_latin: name.into(),
                ..Default::default()
            },
        };
        let acc = xuehui::auth::validate::signup(&input).unwrap();
        xuehui::auth::store::create(&mut conn, &acc, &hash, true).unwrap();
    }
}

/// The server binary (`XUEHUI_BENCH_BIN`, default the release build, built first if missing).
pub fn server_bin() -> String {
    let bin = std::env::var("XUEHUI_BENCH_BIN").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/xuehui").into());
    if !std::path::Path::new(&bin).exists() {
        let ok = Command::new("cargo")
            .args(["build", "--release"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo");
        assert!(ok.success(), "release build failed");
    }
    bin
}

/// Starts `xuehui serve` on a free loopback port and waits for `/healthz`; answers the process and its base URL.
pub async fn start_server(dir: &std::path::Path, db_url: &str, http: &reqwest::Client) -> (Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let server = Command::new(server_bin())
        .arg("serve")
        .env("XUEHUI_DATA_DIR", dir)
        .env("XUEHUI_DATABASE_URL", db_url)
        .env("XUEHUI_BIND", format!("127.0.0.1:{port}"))
        .env("XUEHUI_SECRET_KEY", SECRET)
        .env("XUEHUI_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("server starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    while http.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (server, base)
}

/// Logs each account in and makes it an API token (not measured).
pub async fn tokens(base: &str, emails: &[String]) -> Vec<String> {
    let mut tokens = Vec::new();
    for e in emails {
        let c = reqwest::Client::builder().cookie_store(true).build().unwrap();
        let r = c
            .post(format!("{base}/api/v1/session"))
            .json(&json!({"email": e, "password": "bench password"}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "login {}", r.status());
        let t: Value = c
            .post(format!("{base}/api/v1/tokens"))
            .json(&json!({"name": "bench"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        tokens.push(t["secret"].as_str().unwrap().to_string());
    }
    tokens
}

/// A size from the environment, or `default`.
pub fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A duration in milliseconds, for tables.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Fetches `url` `runs + 1` times one after the other (each must succeed) and answers the
/// sorted times without the first request, which warms the pool and caches, and the size of
/// the last answer.
pub async fn measure(http: &reqwest::Client, url: &str, runs: usize) -> (Vec<Duration>, usize) {
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..runs + 1 {
        let t = Instant::now();
        let res = http.get(url).send().await.unwrap();
        assert!(res.status().is_success(), "{url}: {}", res.status());
        bytes = res.bytes().await.unwrap().len();
        times.push(t.elapsed());
    }
    times.remove(0);
    times.sort();
    (times, bytes)
}
