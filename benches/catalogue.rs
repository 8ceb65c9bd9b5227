//! Catalogue benchmark: an edition with 1,500 journals and 30 experts who have all voted
//! (45,000 votes, three indicators, nominations). Measures the committee's full proposal page
//! (`GET /catalogues/{slug}/proposal`: loading, aggregation and rendering) through a real
//! `xuehui serve` process (release build) on loopback, plus the JSON proposal and, in-process,
//! the aggregation alone. Target: the page in under 1 second.
//!
//! Run: `cargo bench --bench catalogue` (SQLite), and with
//! `XUEHUI_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` for PostgreSQL.
//! `XUEHUI_BENCH_JOURNALS`, `XUEHUI_BENCH_EXPERTS` and `XUEHUI_BENCH_RUNS` change the sizes;
//! `XUEHUI_BENCH_BIN` names the server binary (default `target/release/xuehui`, built if missing).

mod support;

use diesel::{Connection, ExpressionMethods, PgConnection, RunQueryDsl};
use rand::{Rng, SeedableRng};
use serde_json::json;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use xuehui::catalogue::{proposal, store, tiers};
use xuehui::config::{Config, Secret};
use xuehui::web::AppState;

use support::{env_or, measure, ms, percentile};

const SECRET: &str = "benchmark-secret-benchmark-secret-benchmark-secret-benchmark-secret";

fn database(dir: &std::path::Path) -> (String, Option<(String, String)>) {
    match std::env::var("XUEHUI_BENCH_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(admin) => {
            let name = format!("xh_cat_{}", xuehui::auth::tokens::random_hex(4));
            let mut c = PgConnection::establish(&admin).expect("PostgreSQL reachable");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut c)
                .expect("create database");
            let url = match admin.rfind('/') {
                Some(i) => format!("{}/{name}", &admin[..i]),
                None => panic!("database URL without a database name"),
            };
            (url, Some((admin, name)))
        }
        None => (format!("sqlite://{}", dir.join("bench.db").display()), None),
    }
}

/// Field, journals, experts, an edition in evaluation with indicator values, nominations and
/// every expert's vote on every journal; returns the edition's URL name.
fn seed(state: &AppState, journals: usize, experts: usize) -> String {
    use xuehui::db::schema::{catalogue_nominations, catalogue_votes};
    let mut conn = state.db.conn().unwrap();
    let hash = xuehui::auth::password::hash("bench password", 1024).unwrap();
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    xuehui::db::transaction(&mut conn, |c| {
        let org = xuehui::auth::store::create(c, &account("committee@bench.example"), &hash, true)?.id;
        xuehui::auth::roles::grant(c, org, xuehui::auth::roles::ORGANISER, xuehui::auth::roles::SCOPE_SITE, 0)?;
        let field = xuehui::journals::validate::FieldInput {
            code: "computing".into(),
            name_zh: "计算".into(),
            name_en: "Computing".into(),
        };
        xuehui::journals::store::create_field(c, &field)?;
        let codes = xuehui::journals::store::field_codes(c)?;
        let countries = ["CN", "US", "GB", "DE", "JP", "NL", "FR", "SG"];
        let mut ids = Vec::new();
        for n in 0..journals {
            let seven = format!("{:07}", 3_000_000 + n);
            let issn = format!(
                "{}-{}{}",
                &seven[..4],
                &seven[4..],
                xuehui::journals::identifiers::issn_check_digit(&seven).unwrap()
            );
            let input = xuehui::journals::validate::JournalInput {
                name_zh: if n % 2 == 0 { format!("示范期刊{n}") } else { String::new() },
                name_en: format!("Benchmark Journal {n}"),
                issn,
                country: countries[n % countries.len()].into(),
                languages: vec![if n % 2 == 0 { "zh,en".into() } else { "en".into() }],
                kind: ["basic", "applied", "popular"][n % 3].into(),
                fields: vec!["computing".into()],
                ..Default::default()
            };
            ids.push(xuehui::journals::store::create(
                c,
                &xuehui::journals::validate::journal(&input, &codes)?,
            )?);
        }
        let input = xuehui::catalogue::validate::EditionInput {
            field: "computing".into(),
            year: Some(2026),
            title_zh: "计算领域高质量科技期刊分级目录 2026".into(),
            quota_t1: Some(journals as i32 / 20),
            quota_t2: Some(journals as i32 / 8),
            indicators: Some(
                ["impact_factor", "h5_index", "days"]
                    .iter()
                    .map(|c| xuehui::catalogue::validate::IndicatorInput {
                        code: c.to_string(),
                        name_en: c.to_string(),
                        higher_is_better: *c != "days",
                        ..Default::default()
                    })
                    .collect(),
            ),
            ..Default::default()
        };
        let e = xuehui::catalogue::service::create(c, &xuehui::catalogue::validate::edition(&input)?, org)?;
        for ind in store::indicators(c, e.id)? {
            for j in &ids {
                store::set_indicator_value(c, ind.id, *j, Some(rng.random_range(0.0..100.0)))?;
            }
        }
        let now = chrono::Utc::now().naive_utc();
        let mut expert_ids = Vec::new();
        for x in 0..experts {
            let id = xuehui::auth::store::create(c, &account(&format!("expert{x}@bench.example")), &hash, true)?.id;
            xuehui::auth::roles::grant(
                c,
                id,
                xuehui::auth::roles::CATALOGUE_EXPERT,
                xuehui::auth::roles::SCOPE_EDITION,
                e.id,
            )?;
            expert_ids.push(id);
        }
        for (k, j) in ids.iter().enumerate().filter(|(k, _)| k % 3 == 0) {
            diesel::insert_into(catalogue_nominations::table)
                .values((
                    catalogue_nominations::edition_id.eq(e.id),
                    catalogue_nominations::journal_id.eq(*j),
                    catalogue_nominations::user_id.eq(expert_ids[k % experts]),
                    catalogue_nominations::reason.eq("A strong journal of the field."),
                    catalogue_nominations::created_at.eq(now),
                ))
                .execute(c)?;
        }
        xuehui::catalogue::service::move_phase(c, &e, org, "evaluation", "", now)?;
        for (k, j) in ids.iter().enumerate() {
            // Journals earlier in the register lean toward better tiers, so every tier fills.
            let centre = 4.0 * k as f64 / journals as f64;
            for x in &expert_ids {
                let s = (centre + rng.random_range(-1.0..1.0)).round().clamp(0.0, 3.0) as usize;
                diesel::insert_into(catalogue_votes::table)
                    .values((
                        catalogue_votes::edition_id.eq(e.id),
                        catalogue_votes::journal_id.eq(*j),
                        catalogue_votes::user_id.eq(*x),
                        catalogue_votes::tier.eq(["T1", "T2", "T3", "none"][s]),
                        catalogue_votes::comment.eq(""),
                        catalogue_votes::updated_at.eq(now),
                    ))
                    .execute(c)?;
            }
        }
        Ok(e.slug)
    })
    .unwrap()
}

fn account(email: &str) -> xuehui::auth::validate::NewAccount {
    let input = xuehui::auth::validate::SignupInput {
        email: email.into(),
        password: "bench password".into(),
        profile: xuehui::auth::validate::ProfileInput {
            name_latin: "Bench Person".into(),
            ..Default::default()
        },
    };
    xuehui::auth::validate::signup(&input).unwrap()
}

#[tokio::main]
async fn main() {
    let journals = env_or("XUEHUI_BENCH_JOURNALS", 1500);
    let experts = env_or("XUEHUI_BENCH_EXPERTS", 30);
    let runs = env_or("XUEHUI_BENCH_RUNS", 30);
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
    let mut cfg = Config::defaults(dir.path());
    cfg.database_url = db_url.clone();
    cfg.secret_key = Secret::new(SECRET);
    cfg.argon2_memory_kib = 1024;
    let state = AppState::new(cfg, false).unwrap();
    xuehui::server::migrate(&state).unwrap();
    let t = Instant::now();
    let slug = seed(&state, journals, experts);
    println!(
        "seeded {journals} journals × {experts} experts ({} votes) on {backend} in {:.1} s",
        journals * experts,
        t.elapsed().as_secs_f64()
    );

    // In-process: loading plus aggregation, and the aggregation alone.
    let mut conn = state.db.conn().unwrap();
    let e = store::by_slug(&mut conn, &slug).unwrap();
    let mut build = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let p = proposal::build(&mut conn, &e).unwrap();
        build.push(t.elapsed());
        assert_eq!(p.rows.len(), journals);
    }
    let p = proposal::build(&mut conn, &e).unwrap();
    println!(
        "proposal: {} listed (limit {}), T1 {} T2 {} T3 {}",
        p.listed, p.limit, p.counts[0], p.counts[1], p.counts[2]
    );
    let candidates: Vec<tiers::Candidate> = p
        .rows
        .iter()
        .map(|r| tiers::Candidate {
            journal_id: r.journal_id,
            votes: r
                .distribution
                .iter()
                .enumerate()
                .flat_map(|(i, n)| std::iter::repeat_n(if i < 3 { Some(tiers::Tier::ALL[i]) } else { None }, *n as usize))
                .collect(),
            nominations: r.nominations,
            indicators: r.indicators.clone(),
            override_tier: None,
        })
        .collect();
    let rules = proposal::rules(&e, journals);
    let mut agg = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(tiers::aggregate(&candidates, &rules));
        agg.push(t.elapsed());
    }

    // Through HTTP: the committee's page and the JSON proposal, from a real server.
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
    let http = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while http.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let r = http
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": "committee@bench.example", "password": "bench password"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "login {}", r.status());
    let id = e.id;
    let (page, page_bytes) = measure(&http, &format!("{base}/catalogues/{slug}/proposal"), runs).await;
    let (api, api_bytes) = measure(&http, &format!("{base}/api/v1/catalogues/{id}/proposal"), runs).await;
    let _ = server.kill();
    let _ = server.wait();
    build.sort();
    agg.sort();
    println!("\n{runs} runs each, {backend}, {journals} journals × {experts} experts:");
    println!("| what | p50 | p95 | max |");
    println!("|---|---|---|---|");
    for (name, v) in [
        (format!("proposal page over HTTP ({} KiB HTML)", page_bytes / 1024), &page),
        (format!("JSON proposal over HTTP ({} KiB)", api_bytes / 1024), &api),
        ("loading + aggregation in-process".to_string(), &build),
        ("aggregation alone".to_string(), &agg),
    ] {
        println!(
            "| {name} | {} | {} | {} |",
            ms(percentile(v, 0.5)),
            ms(percentile(v, 0.95)),
            ms(*v.last().unwrap())
        );
    }
    let worst = *page.last().unwrap();
    println!(
        "\ntarget: the full proposal page in under 1 s: {}",
        if worst < Duration::from_secs(1) { "met" } else { "MISSED" }
    );
    if let Some((admin, name)) = pg {
        drop(conn);
        drop(state);
        if let Ok(mut c) = PgConnection::establish(&admin) {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut c);
        }
    }
}
