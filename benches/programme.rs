//! Programme benchmark. Part 1, the scheduler alone on a generated 3-day conference: 1,200
//! talks (a tenth of them posters), 20 rooms with five 90-minute sessions a day, 300
//! unavailable times; time, talks placed, objective, upper bound and gap. Part 2, end to end:
//! a venue with 1,200 accepted papers in the database, the scheduler's proposal from the real
//! draft (TF-IDF similarity of titles and abstracts), applied and published; then the public
//! programme page and the c3voc `schedule.json` served by a release build, 16 clients at once,
//! with p50/p99 latencies. Targets: schedule under 60 s with its gap; pages p99 under 50 ms.
//!
//! Run: `cargo bench --bench programme` (SQLite; `XUEHUI_BENCH_DATABASE_URL` for PostgreSQL).
//! `XUEHUI_BENCH_TALKS`, `XUEHUI_BENCH_ROOMS`, `XUEHUI_BENCH_REQUESTS` change the sizes.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::prelude::*;
use xuehui::config::{Config, Secret};
use xuehui::programme::{proposals, release, scheduler, service, validate};
use xuehui::web::AppState;

const SECRET: &str = "benchmark-secret-benchmark-secret-benchmark-secret-benchmark-secret";

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

const WORDS: &[&str] = &[
    "graph",
    "learning",
    "protein",
    "folding",
    "catalyst",
    "battery",
    "peer",
    "review",
    "citation",
    "network",
    "quantum",
    "sensor",
    "climate",
    "model",
    "materials",
    "alloy",
    "neural",
    "language",
    "translation",
    "genome",
    "imaging",
    "robot",
    "control",
    "optimisation",
    "privacy",
    "database",
    "query",
    "index",
    "storage",
    "energy",
    "图神经网络",
    "蛋白质结构",
    "催化剂",
    "锂电池",
    "同行评议",
    "引文分析",
    "量子计算",
    "气候模型",
];

fn text(seed: usize, n: usize) -> String {
    (0..n)
        .map(|i| WORDS[(seed * 7 + i * 13 + i * i) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn part1(talks: usize, rooms: usize) {
    let p = scheduler::testing::generate(7, talks, rooms, 3);
    let t = Instant::now();
    let out = scheduler::solve(&p, &scheduler::Options::default()).expect("valid problem");
    let secs = t.elapsed().as_secs_f64();
    let busy: usize = p.busy.iter().map(Vec::len).sum();
    println!(
        "scheduler, generated: {talks} talks, {rooms} rooms × 3 days ({} sessions), {busy} unavailable times: {secs:.2} s, {} placed, objective {:.1}, bound {:.1}, gap {:.1} %, optimal {}",
        p.sessions.len(),
        out.placed,
        out.objective,
        out.bound,
        out.relative_gap * 100.0,
        out.optimal
    );
}

/// A venue with `talks` accepted and told papers, rooms and sessions; returns its slug.
fn seed(state: &AppState, talks: usize, rooms: usize) -> String {
    let mut conn = state.db.conn().unwrap();
    let now = Utc::now().naive_utc();
    let hash = xuehui::auth::password::hash("bench password", 1024).unwrap();
    let chair = xuehui::auth::store::create(&mut conn, &account("chair@bench.example"), &hash, true)
        .unwrap()
        .id;
    xuehui::auth::roles::grant(
        &mut conn,
        chair,
        xuehui::auth::roles::SITE_ADMIN,
        xuehui::auth::roles::SCOPE_SITE,
        0,
    )
    .unwrap();
    let venue_input = xuehui::venues::validate::VenueInput {
        details: xuehui::venues::validate::VenueDetails {
            slug: "bench-conf".into(),
            kind: "conference".into(),
            title_zh: "基准会议".into(),
            title_en: "Benchmark Conference".into(),
            starts_on: "2027-05-10".into(),
            ends_on: "2027-05-12".into(),
            timezone: "Asia/Shanghai".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let venue = xuehui::venues::store::create_for(&mut conn, &xuehui::venues::validate::venue(&venue_input).unwrap(), chair, None).unwrap();
    let call = xuehui::venues::validate::call(
        &xuehui::venues::validate::CallInput {
            paper_deadline: "2027-03-01T23:59".into(),
            anonymity: "single_blind".into(),
            ..Default::default()
        },
        "Asia/Shanghai",
    )
    .unwrap();
    let call = xuehui::venues::store::save_call(&mut conn, venue.id, None, &call).unwrap();
    xuehui::venues::store::open(&mut conn, venue.id, now).unwrap();
    conn.transaction::<_, xuehui::error::AppError, _>(|c| {
        for i in 0..talks {
            let spec = xuehui::submissions::validate::SubmissionSpec {
                title_zh: text(i, 4),
                title_en: text(i + 1, 6),
                abstract_text: text(i + 2, 120),
                keywords: text(i + 3, 3),
                track_id: None,
                topic_ids: vec![],
                authors: vec![xuehui::submissions::validate::AuthorSpec {
                    name_zh: format!("作者{}", i % (talks * 3 / 4)),
                    name_latin: format!("Author {}", i % (talks * 3 / 4)),
                    email: format!("a{}@bench.example", i % (talks * 3 / 4)),
                    affiliation: "Bench University".into(),
                    country: "CN".into(),
                    orcid: None,
                    is_corresponding: true,
                    is_presenter: true,
                }],
                answers: Default::default(),
                conflicts: vec![],
                related_submissions: String::new(),
            };
            let s = xuehui::submissions::store::create(c, venue.id, call.id, &spec, None, None, chair).unwrap();
            let label = if i % 10 == 9 { "accept_poster" } else { "accept_oral" };
            xuehui::review::decisions::store::set(c, venue.id, s.id, label, chair, now)?;
            xuehui::review::decisions::store::mark_notified(c, s.id, now)?;
        }
        Ok(())
    })
    .unwrap();
    let user = xuehui::auth::store::by_id(&mut conn, chair).unwrap();
    let ch = xuehui::guard::venue::chair_of(&mut conn, &user, venue.clone()).unwrap();
    let starts = ["08:30", "10:30", "13:30", "15:30", "17:15"];
    let ends = ["10:00", "12:00", "15:00", "17:00", "18:45"];
    for r in 0..rooms {
        let room = service::add_room(
            &mut conn,
            &ch,
            &validate::RoomInput {
                name_zh: format!("会议室{r}"),
                name_en: format!("Room {r}"),
                capacity: Some(200),
                ..Default::default()
            },
            now,
        )
        .unwrap();
        for day in ["2027-05-10", "2027-05-11", "2027-05-12"] {
            for (k, (a, b)) in starts.iter().zip(ends).enumerate() {
                let poster = r == rooms - 1 && k == starts.len() - 1;
                let input = validate::SessionInput {
                    kind: if poster { "poster_session".into() } else { "paper_session".into() },
                    title_zh: format!("专场 {r}-{k}"),
                    title_en: format!("Session {r}-{k}"),
                    room_id: Some(room),
                    date: day.into(),
                    start: a.to_string(),
                    end: b.to_string(),
                    capacity: poster.then_some(60),
                    ..Default::default()
                };
                service::add_session(&mut conn, &ch, &input, now).unwrap();
            }
        }
    }
    // The scheduler on the real draft, then applied and published.
    let d = xuehui::programme::draft::load(&mut conn, &venue, false, now).unwrap();
    let t = Instant::now();
    let outcome = proposals::compute(&d, xuehui::programme::model::ProposalMode::Unscheduled);
    let gap = (outcome.bound - outcome.objective) / outcome.bound.abs().max(1e-9) * 100.0;
    println!(
        "scheduler, real draft ({talks} papers from the database, TF-IDF similarity): {:.2} s (solver {} ms), {} of {} placed, objective {:.1}, bound {:.1}, gap {gap:.1} %",
        t.elapsed().as_secs_f64(),
        outcome.millis,
        outcome.placed,
        outcome.total,
        outcome.objective,
        outcome.bound
    );
    let id = xuehui::programme::store::insert_proposal(
        &mut conn,
        venue.id,
        xuehui::programme::model::ProposalMode::Unscheduled,
        d.revision,
        chair,
        now,
    )
    .unwrap();
    xuehui::programme::store::finish_proposal(
        &mut conn,
        id,
        xuehui::programme::model::ScheduleStatus::Ready,
        &serde_json::to_string(&outcome).unwrap(),
        now,
    )
    .unwrap();
    conn.transaction::<_, xuehui::error::AppError, _>(|c| proposals::accept(c, &ch, id, now))
        .unwrap();
    let t = Instant::now();
    conn.transaction::<_, xuehui::error::AppError, _>(|c| {
        release::publish(
            c,
            state,
            &ch,
            &validate::ReleaseInput {
                name: "v1".into(),
                over_warnings: true,
                ..Default::default()
            },
            now,
        )
        .map(|_| ())
    })
    .unwrap();
    println!(
        "publishing v1 (snapshot, changelog, {} speaker mails queued): {:.2} s",
        outcome.placed,
        t.elapsed().as_secs_f64()
    );
    "bench-conf".into()
}

fn account(email: &str) -> xuehui::auth::validate::NewAccount {
    let input = xuehui::auth::validate::SignupInput {
        email: email.into(),
        password: "bench password".into(),
        profile: xuehui::auth::validate::ProfileInput {
            name_latin: "Bench Chair".into(),
            ..Default::default()
        },
    };
    xuehui::auth::validate::signup(&input).unwrap()
}

#[tokio::main]
async fn main() {
    let talks = env_or("XUEHUI_BENCH_TALKS", 1200);
    let rooms = env_or("XUEHUI_BENCH_ROOMS", 20);
    let requests = env_or("XUEHUI_BENCH_REQUESTS", 2000);
    part1(talks, rooms);

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
    let db_url =
        std::env::var("XUEHUI_BENCH_DATABASE_URL").unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let mut cfg = Config::defaults(dir.path());
    cfg.database_url = db_url.clone();
    cfg.secret_key = Secret::new(SECRET);
    cfg.argon2_memory_kib = 1024;
    let state = AppState::new(cfg, false).unwrap();
    xuehui::server::migrate(&state).unwrap();
    let slug = seed(&state, talks, rooms);

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Command::new(&bin)
        .arg("serve")
        .env("XUEHUI_DATA_DIR", dir.path())
        .env("XUEHUI_DATABASE_URL", &db_url)
        .env("XUEHUI_BIND", format!("127.0.0.1:{port}"))
        .env("XUEHUI_SECRET_KEY", SECRET)
        .env("XUEHUI_LOG", "warn")
        .env("XUEHUI_IN_PROCESS_WORKER", "false")
        .stdout(Stdio::null())
        .spawn()
        .expect("server starts");
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while http.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for (name, path, encoding) in [
        (
            "programme page (timetable of day 1)",
            format!("{base}/venues/{slug}/programme"),
            "identity",
        ),
        (
            "c3voc schedule.json",
            format!("{base}/venues/{slug}/programme/schedule.json"),
            "identity",
        ),
        (
            "c3voc schedule.json, gzip",
            format!("{base}/venues/{slug}/programme/schedule.json"),
            "gzip",
        ),
    ] {
        // Warm-up, then 16 clients share `requests` requests.
        for _ in 0..20 {
            let r = http
                .get(&path)
                .header("accept-language", "zh-CN")
                .header("accept-encoding", encoding)
                .send()
                .await
                .unwrap();
            assert!(r.status().is_success(), "{path}: {}", r.status());
            r.bytes().await.unwrap();
        }
        let started = Instant::now();
        let mut tasks = Vec::new();
        for c in 0..16 {
            let (http, path) = (http.clone(), path.clone());
            let encoding = encoding.to_string();
            let n = requests / 16 + usize::from(c < requests % 16);
            tasks.push(tokio::spawn(async move {
                let mut times = Vec::new();
                let mut bytes = 0;
                for _ in 0..n {
                    let t = Instant::now();
                    let r = http
                        .get(&path)
                        .header("accept-language", "zh-CN")
                        .header("accept-encoding", encoding.as_str())
                        .send()
                        .await
                        .unwrap();
                    assert!(r.status().is_success());
                    bytes = r.bytes().await.unwrap().len();
                    times.push(t.elapsed());
                }
                (times, bytes)
            }));
        }
        let mut times = Vec::new();
        let mut bytes = 0;
        for t in tasks {
            let (ts, b) = t.await.unwrap();
            times.extend(ts);
            bytes = b;
        }
        times.sort();
        let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)].as_secs_f64() * 1000.0;
        println!(
            "{name}: {} requests, 16 clients, {:.0} req/s, p50 {:.1} ms, p99 {:.1} ms, {} KiB",
            times.len(),
            times.len() as f64 / started.elapsed().as_secs_f64(),
            pct(0.5),
            pct(0.99),
            bytes / 1024
        );
    }
    let _ = server.kill();
    let _ = server.wait();
}
