//! Deadline-surge benchmark: N authors (default 500) each submit a different ~2 MB PDF at the
//! same moment to a real `xuehui serve` process (release build) on loopback.
//!
//! Run: `cargo bench --bench deadline_surge` (SQLite), and with
//! `XUEHUI_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` for PostgreSQL.
//! `XUEHUI_BENCH_AUTHORS` changes N; `XUEHUI_BENCH_BIN` names the server binary
//! (default `target/release/xuehui`, built first if missing).
//!
//! Reports submissions/s, latency percentiles, the server's peak RSS (VmHWM), and checks that
//! every stored file's SHA-256 equals what its author sent (downloaded back through the API).

use diesel::{Connection, PgConnection, RunQueryDsl};
use rand::RngCore;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use xuehui::config::{Config, Secret};
use xuehui::web::AppState;

const SECRET: &str = "benchmark-secret-benchmark-secret-benchmark-secret-benchmark-secret";

/// A valid PDF of about `size` bytes whose bulk is incompressible random data.
fn big_pdf(size: usize) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(&xuehui::files::pdf::sample(8, "deadline surge", None)).expect("sample parses");
    let mut filler = vec![0u8; size];
    rand::rng().fill_bytes(&mut filler);
    doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), filler));
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn peak_rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn database(dir: &std::path::Path) -> (String, Option<(String, String)>) {
    match std::env::var("XUEHUI_BENCH_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(admin) => {
            let name = format!("xh_surge_{}", xuehui::auth::tokens::random_hex(4));
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

#[tokio::main]
async fn main() {
    let authors: usize = std::env::var("XUEHUI_BENCH_AUTHORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let bin = std::env::var("XUEHUI_BENCH_BIN").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/xuehui").into());
    if !std::path::Path::new(&bin).exists() {
        let ok = Command::new("cargo")
            .args(["build", "--release"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo");
        assert!(ok.success(), "release build failed");
    }
    let dir = tempfile::tempdir().unwrap();
    let (db_url, pg) = database(dir.path());
    let backend = if pg.is_some() { "PostgreSQL" } else { "SQLite" };

    // Setup through the library: demo venue with an open call, and verified author accounts.
    let mut cfg = Config::defaults(dir.path());
    cfg.database_url = db_url.clone();
    cfg.secret_key = Secret::new(SECRET);
    cfg.argon2_memory_kib = 1024;
    let state = AppState::new(cfg, false).unwrap();
    xuehui::server::migrate(&state).unwrap();
    xuehui::demo::seed(&state).unwrap();
    let emails: Vec<String> = (0..authors).map(|i| format!("surge{i}@bench.example")).collect();
    {
        let mut conn = state.db.conn().unwrap();
        let hash = xuehui::auth::password::hash("bench password", 1024).unwrap();
        for e in &emails {
            let input = xuehui::auth::validate::SignupInput {
                email: e.clone(),
                password: "bench password".into(),
                profile: xuehui::auth::validate::ProfileInput {
                    name_latin: "Surge Author".into(),
                    ..Default::default()
                },
            };
            let acc = xuehui::auth::validate::signup(&input).unwrap();
            xuehui::auth::store::create(&mut conn, &acc, &hash, true).unwrap();
        }
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Command::new(&bin)
        .arg("serve")
        .env("XUEHUI_DATA_DIR", dir.path())
        .env("XUEHUI_DATABASE_URL", &db_url)
        .env("XUEHUI_BIND", format!("127.0.0.1:{port}"))
        .env("XUEHUI_SECRET_KEY", SECRET)
        .env("XUEHUI_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("server starts");
    let http = reqwest::Client::builder().pool_max_idle_per_host(authors).build().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while http.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // One API token per author (not measured).
    let mut tokens = Vec::new();
    for e in &emails {
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
            .json(&json!({"name": "surge"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        tokens.push(t["secret"].as_str().unwrap().to_string());
    }
    let venue: Value = http
        .get(format!("{base}/api/v1/venues/annual-2026"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let qid = venue["call"]["questions"][0]["id"].as_i64().unwrap();
    eprintln!("preparing {authors} PDFs of ~2 MB...");
    let pdfs: Vec<Vec<u8>> = (0..authors).map(|_| big_pdf(2 * 1024 * 1024)).collect();
    let sent_hashes: Vec<String> = pdfs.iter().map(|p| hex::encode(Sha256::digest(p))).collect();
    let pdf_mib = pdfs[0].len() as f64 / 1024.0 / 1024.0;

    eprintln!("{authors} authors submit at once ({backend})...");
    let start = Instant::now();
    let mut tasks = Vec::new();
    for (i, pdf) in pdfs.into_iter().enumerate() {
        let (http, base, token, email) = (http.clone(), base.clone(), tokens[i].clone(), emails[i].clone());
        tasks.push(tokio::spawn(async move {
            let meta = json!({"title_en": format!("Surge paper {i}"), "abstract_text": "Submitted in the last minute.", "track": "main",
                              "authors": [{"name_latin": "Surge Author", "email": email}], "corresponding": 0, "presenter": 0,
                              "answers": {qid.to_string(): "0"}});
            let form = Form::new()
                .text("metadata", meta.to_string())
                .part("pdf", Part::bytes(pdf).file_name("paper.pdf"));
            let t0 = Instant::now();
            let res = http
                .post(format!("{base}/api/v1/venues/annual-2026/submissions"))
                .bearer_auth(&token)
                .multipart(form)
                .send()
                .await;
            let elapsed = t0.elapsed();
            match res {
                Ok(r) if r.status().as_u16() == 201 => {
                    let v: Value = r.json().await.unwrap();
                    Ok((i, v["id"].as_i64().unwrap(), v["pdf_file_id"].as_i64().unwrap(), elapsed))
                }
                Ok(r) => Err(format!("author {i}: HTTP {} {}", r.status(), r.text().await.unwrap_or_default())),
                Err(e) => Err(format!("author {i}: {e}")),
            }
        }));
    }
    let mut ok = Vec::new();
    let mut failures = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok(x) => ok.push(x),
            Err(e) => failures.push(e),
        }
    }
    let wall = start.elapsed();
    let rss = peak_rss_mib(server.id());

    // Every stored file must be byte-identical to what was sent.
    let mut corrupted = 0;
    for (i, id, fid, _) in &ok {
        let bytes = http
            .get(format!("{base}/submissions/{id}/files/{fid}"))
            .bearer_auth(&tokens[*i])
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        if hex::encode(Sha256::digest(&bytes)) != sent_hashes[*i] {
            corrupted += 1;
        }
    }
    let stored: i64 = {
        use diesel::prelude::*;
        let mut conn = state.db.conn().unwrap();
        xuehui::db::schema::submissions::table.count().get_result(&mut conn).unwrap()
    };
    let mut lat: Vec<Duration> = ok.iter().map(|x| x.3).collect();
    lat.sort();
    let _ = server.kill();
    let _ = server.wait();
    drop(state);
    if let Some((admin, name)) = pg
        && let Ok(mut c) = PgConnection::establish(&admin)
    {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut c);
    }

    println!("deadline surge on {backend}: {authors} authors, PDF {pdf_mib:.2} MiB each");
    println!("  succeeded: {}  failed: {}", ok.len(), failures.len());
    for f in failures.iter().take(5) {
        println!("    {f}");
    }
    if !lat.is_empty() {
        println!(
            "  wall time: {:.2} s  throughput: {:.1} submissions/s",
            wall.as_secs_f64(),
            ok.len() as f64 / wall.as_secs_f64()
        );
        println!(
            "  latency p50 {:.0} ms  p90 {:.0} ms  p99 {:.0} ms  max {:.0} ms",
            percentile(&lat, 0.5).as_secs_f64() * 1e3,
            percentile(&lat, 0.9).as_secs_f64() * 1e3,
            percentile(&lat, 0.99).as_secs_f64() * 1e3,
            lat.last().unwrap().as_secs_f64() * 1e3
        );
    }
    println!("  server peak RSS (VmHWM): {rss:.0} MiB");
    println!("  submissions in the database (6 demo + surge): {stored}");
    println!("  stored files differing from what was sent: {corrupted}");
    assert!(failures.is_empty() && corrupted == 0, "lost or corrupted submissions");
}
