//! Registration-rush benchmark: N people (default 2,000) register within one minute for a form
//! of C places (default 1,000) on a real `xuehui serve` process (release build) on loopback.
//! Arrivals are spread evenly over the minute; each person registers once through the API.
//!
//! Run: `XUEHUI_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench
//! --bench registration_rush` (PostgreSQL; without the variable it runs on SQLite).
//! `XUEHUI_BENCH_PEOPLE`, `XUEHUI_BENCH_CAPACITY` and `XUEHUI_BENCH_SECONDS` change the sizes;
//! `XUEHUI_BENCH_BIN` names the server binary.
//!
//! Reports latency percentiles and checks the outcome: exactly C confirmed, the rest waiting
//! with one order (positions 1..N-C), the form's counter equal to C, and no error.

use serde_json::{Value, json};
use std::time::{Duration, Instant};

mod support;
use support::percentile;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let people = env_or("XUEHUI_BENCH_PEOPLE", 2000);
    let capacity = env_or("XUEHUI_BENCH_CAPACITY", 1000);
    let seconds = env_or("XUEHUI_BENCH_SECONDS", 60);
    let dir = tempfile::tempdir().unwrap();
    let (db_url, pg) = support::database(dir.path(), "xh_rush");
    let backend = if pg.is_some() { "PostgreSQL" } else { "SQLite" };

    let state = support::demo_state(dir.path(), &db_url);
    let emails: Vec<String> = (0..people).map(|i| format!("rush{i}@bench.example")).collect();
    support::accounts(&state, &emails, "Rush Participant");
    let http = reqwest::Client::builder().pool_max_idle_per_host(people).build().unwrap();
    let (mut server, base) = support::start_server(dir.path(), &db_url, &http).await;
    let chair = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let r = chair
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": "organiser@xuehui.example", "password": xuehui::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    // A form of its own: the demo conference's forum track, with `capacity` places.
    let venue: Value = http
        .get(format!("{base}/api/v1/venues/annual-2026"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let track = venue["tracks"][0]["id"].as_i64().expect("the demo venue has a track");
    let form: Value = chair
        .post(format!("{base}/api/v1/venues/annual-2026/registration-forms"))
        .json(&json!({"scope": "track", "track_id": track, "capacity": capacity,
                       "categories": [{"name_zh": "会员", "name_en": "Member"}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let form_id = form["id"].as_i64().expect("form made");
    let category = form["categories"][0]["id"].as_i64().unwrap();
    eprintln!("making {people} API tokens...");
    let tokens = support::tokens(&base, &emails).await;

    eprintln!("{people} people register within {seconds} s for {capacity} places ({backend})...");
    let gap = Duration::from_secs_f64(seconds as f64 / people as f64);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let (http, base) = (http.clone(), base.clone());
        let at = start + gap * i as u32;
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep_until(at.into()).await;
            let t0 = Instant::now();
            let res = http
                .post(format!(
                    "{base}/api/v1/venues/annual-2026/registration-forms/{form_id}/registrations"
                ))
                .bearer_auth(&token)
                .json(&json!({"category_id": category}))
                .send()
                .await;
            let elapsed = t0.elapsed();
            match res {
                Ok(r) if r.status().as_u16() == 201 => {
                    let v: Value = r.json().await.unwrap();
                    Ok((v["status"].as_str().unwrap_or("").to_string(), elapsed))
                }
                Ok(r) => Err(format!("person {i}: HTTP {} {}", r.status(), r.text().await.unwrap_or_default())),
                Err(e) => Err(format!("person {i}: {e}")),
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
    let rss = support::peak_rss_mib(server.id());

    let list: Value = chair
        .get(format!(
            "{base}/api/v1/venues/annual-2026/registration-forms/{form_id}/registrations"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let regs = list["registrations"].as_array().cloned().unwrap_or_default();
    let confirmed = regs.iter().filter(|r| r["status"] == "confirmed").count();
    let waiting = regs.iter().filter(|r| r["status"] == "waiting").count();
    let mut positions: Vec<i64> = regs.iter().filter_map(|r| r["waiting_position"].as_i64()).collect();
    positions.sort_unstable();
    let one_order = positions == (1..=waiting as i64).collect::<Vec<_>>();
    let taken = list["form"]["taken"].as_i64().unwrap_or(-1);
    let mut lat: Vec<Duration> = ok.iter().map(|x| x.1).collect();
    lat.sort();
    let _ = server.kill();
    let _ = server.wait();
    drop(state);
    support::drop_database(pg);

    println!("registration rush on {backend}: {people} people within {seconds} s, {capacity} places");
    println!("  succeeded: {}  failed: {}", ok.len(), failures.len());
    for f in failures.iter().take(5) {
        println!("    {f}");
    }
    if !lat.is_empty() {
        println!("  wall time: {:.1} s", wall.as_secs_f64());
        println!(
            "  latency p50 {:.1} ms  p90 {:.1} ms  p99 {:.1} ms  max {:.1} ms",
            percentile(&lat, 0.5).as_secs_f64() * 1e3,
            percentile(&lat, 0.9).as_secs_f64() * 1e3,
            percentile(&lat, 0.99).as_secs_f64() * 1e3,
            lat.last().unwrap().as_secs_f64() * 1e3
        );
    }
    println!("  confirmed: {confirmed}  waiting: {waiting}  form counter: {taken}  one waiting order: {one_order}");
    println!("  server peak RSS (VmHWM): {rss:.0} MiB");
    assert!(failures.is_empty(), "errors");
    assert_eq!(confirmed, capacity.min(people), "exactly the capacity is confirmed");
    assert_eq!(waiting, people.saturating_sub(capacity), "the rest wait");
    assert!(one_order && taken == confirmed as i64, "one order, counter right");
}
