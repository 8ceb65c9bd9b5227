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

use rand::RngCore;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

mod support;
use support::{peak_rss_mib, percentile};

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

#[tokio::main]
async fn main() {
    let authors: usize = std::env::var("XUEHUI_BENCH_AUTHORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let dir = tempfile::tempdir().unwrap();
    let (db_url, pg) = support::database(dir.path(), "xh_surge");
    let backend = if pg.is_some() { "PostgreSQL" } else { "SQLite" };

    // Setup through the library: demo venue with an open call, and verified author accounts.
    let state = support::demo_state(dir.path(), &db_url);
    let emails: Vec<String> = (0..authors).map(|i| format!("surge{i}@bench.example")).collect();
    support::accounts(&state, &emails, "Surge Author");
    let http = reqwest::Client::builder().pool_max_idle_per_host(authors).build().unwrap();
    let (mut server, base) = support::start_server(dir.path(), &db_url, &http).await;

    // One API token per author (not measured).
    let tokens = support::tokens(&base, &emails).await;
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
    support::drop_database(pg);

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
