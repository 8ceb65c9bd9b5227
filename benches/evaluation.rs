//! Evaluation benchmark: a round of 500 conferences (half held in xuehui with frozen figures,
//! half outside with reported figures) on a system of 30 indicators, scored by 50 experts
//! (every expert-scored indicator of every conference: 300,000 scores). Measures, in-process,
//! the results (loading, eligibility, aggregation, ranks, robustness over 2,000 draws) and the
//! robustness analysis alone; through a real `xuehui serve` (release build) on loopback, the
//! committee's results page, the round's report page, one conference's report page and its PDF.
//! Targets (issue 20): aggregation, ranking page and robustness under 2 s together; one report
//! PDF under 2 s.
//!
//! Run: `cargo bench --bench evaluation` (SQLite), and with
//! `XUEHUI_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` for PostgreSQL.
//! `XUEHUI_BENCH_CONFERENCES`, `XUEHUI_BENCH_EXPERTS` and `XUEHUI_BENCH_RUNS` change the sizes.

mod support;

use diesel::RunQueryDsl;
use rand::{Rng, SeedableRng};
use serde_json::json;
use std::time::{Duration, Instant};

use support::{database, demo_state, drop_database, env_or, measure, ms, percentile, start_server};
use xuehui::evaluation::metrics::{Figure, Metric, Unit};
use xuehui::evaluation::rounds::model::{EntryOrigin, RoundPhase};
use xuehui::evaluation::systems::definition::{Definition, IndicatorDef, Rule};
use xuehui::web::AppState;

/// The shipped system with ten more expert-scored indicators: 30 in all.
fn thirty() -> Definition {
    let mut d = Definition::shipped();
    let dims: Vec<String> = d.dimensions.iter().map(|x| x.code.clone()).collect();
    for n in 0..(30 - d.indicators.len()) {
        d.indicators.push(IndicatorDef {
            code: format!("extra_{n}"),
            dimension: dims[n % dims.len()].clone(),
            name_zh: format!("专家指标 {n}"),
            name_en: format!("Expert indicator {n}"),
            guidance_zh: String::new(),
            guidance_en: String::new(),
            weight: 1.0,
            rule: Rule::Expert,
        });
    }
    d
}

/// The round, its entries with figures, the experts and all their scores; answers the round's
/// URL name and the first venue entry's id.
fn seed(state: &AppState, conferences: usize, experts: usize) -> (String, i64) {
    let mut conn = state.db.conn().unwrap();
    let mut rng = rand::rngs::StdRng::seed_from_u64(20);
    let hash = xuehui::auth::password::hash("bench password", 1024).unwrap();
    xuehui::db::transaction(&mut conn, |c| {
        let now = chrono::Utc::now().naive_utc();
        let society = xuehui::salons::plan::store::society(c, "demo-society")?;
        let staff = xuehui::auth::store::by_email(c, "organiser@xuehui.example")?.expect("demo organiser");
        use xuehui::evaluation::systems::service as systems;
        let sys = systems::create(
            c,
            &staff,
            &society,
            &systems::SystemInput {
                name_zh: "基准指标体系".into(),
                name_en: "Benchmark indicators".into(),
                copy_of: None,
            },
            now,
        )?;
        let save = systems::SaveInput {
            name_zh: "基准指标体系".into(),
            name_en: "Benchmark indicators".into(),
            note: String::new(),
            definition: thirty(),
        };
        systems::save(c, &staff, &society, &sys, &save, now)?;
        systems::finalise(c, &staff, &society, &sys, now)?;
        let d = systems::final_version(c, sys.id, 1)?;
        assert_eq!(d.indicators.len(), 30);
        use xuehui::evaluation::rounds::{service as rounds, store as round_store, validate::EntrySpec};
        let round = rounds::create(
            c,
            &staff,
            &society,
            &xuehui::evaluation::rounds::validate::RoundInput {
                slug: "bench-round".into(),
                title_zh: "基准评估".into(),
                title_en: "Benchmark round".into(),
                description_zh: String::new(),
                description_en: String::new(),
                system_id: sys.id,
                system_version: Some(1),
                applications_close: "2099-03-31".into(),
                scoring_closes: "2099-05-31".into(),
                notice_ends: "2099-06-30".into(),
                quota: Some(100),
                grade_bands: None,
            },
            now,
        )?;
        let mut entries = Vec::new();
        for k in 0..conferences {
            let held_here = k % 2 == 0;
            let venue_id = if held_here {
                let input = xuehui::venues::validate::VenueInput {
                    details: xuehui::venues::validate::VenueDetails {
                        slug: format!("bench-conf-{k}"),
                        kind: "conference".into(),
                        title_zh: format!("基准会议 {k}"),
                        title_en: format!("Benchmark conference {k}"),
                        timezone: "Asia/Shanghai".into(),
                        ..Default::default()
                    },
                    ..Default::default()
                };
                let spec = xuehui::venues::validate::venue(&input)?;
                Some(xuehui::venues::store::create_for(c, &spec, staff.id, Some(society.id))?.id)
            } else {
                None
            };
            let spec = EntrySpec {
                venue_id,
                name_zh: format!("基准会议 {k}"),
                name_en: format!("Benchmark conference {k}"),
                organiser: "基准学会".into(),
                held: String::new(),
                website: String::new(),
            };
            let origin = if held_here { EntryOrigin::Nominated } else { EntryOrigin::Outside };
            let id = round_store::add_entry(c, round.id, origin, &spec, staff.id, now)?;
            if held_here {
                let figures: Vec<Figure> = Metric::ALL
                    .iter()
                    .map(|m| match m.unit() {
                        Unit::Share => Figure::ratio(*m, rng.random_range(0.0..100.0), 100.0, ""),
                        Unit::Rating => Figure::count(*m, rng.random_range(1.0..5.0)),
                        Unit::Anonymity => Figure::count(*m, rng.random_range(0..3) as f64),
                        _ => Figure::count(*m, rng.random_range(0..400) as f64),
                    })
                    .collect();
                round_store::put_figures(c, round.id, id, &figures, None, now)?;
            }
            entries.push(id);
        }
        round_store::set_phase(c, round.id, RoundPhase::Scoring, now)?;
        let mut ids = Vec::new();
        for x in 0..experts {
            let email = format!("expert{x}@bench.example");
            let input = xuehui::auth::validate::SignupInput {
                email: email.clone(),
                password: "bench password".into(),
                profile: xuehui::auth::validate::ProfileInput {
                    name_latin: format!("Expert {x}"),
                    ..Default::default()
                },
            };
            let id = xuehui::auth::store::create(c, &xuehui::auth::validate::signup(&input).unwrap(), &hash, true)?.id;
            xuehui::auth::roles::grant(
                c,
                id,
                xuehui::auth::roles::EVALUATION_EXPERT,
                xuehui::auth::roles::SCOPE_EVALUATION_ROUND,
                round.id,
            )?;
            ids.push(id);
        }
        let scored: Vec<String> = d
            .indicators
            .iter()
            .filter(|i| matches!(i.rule, Rule::Expert | Rule::SelfReported))
            .map(|i| i.code.clone())
            .collect();
        // Multi-row INSERTs as SQL text (the multi-backend connection has no batch insert);
        // every value is a number or one of our own indicator codes.
        let at = now.format("%Y-%m-%d %H:%M:%S").to_string();
        for (k, entry) in entries.iter().enumerate() {
            let centre = 1.0 + 4.0 * (1.0 - k as f64 / conferences as f64);
            let mut rows = Vec::new();
            for x in &ids {
                for code in &scored {
                    let level = (centre + rng.random_range(-1.0..1.0)).round().clamp(1.0, 5.0) as i32;
                    rows.push(format!("({}, {entry}, '{code}', {x}, {level}, '{at}')", round.id));
                }
            }
            for chunk in rows.chunks(1000) {
                diesel::sql_query(format!(
                    "INSERT INTO evaluation_scores (round_id, entry_id, indicator, expert_id, level, updated_at) VALUES {}",
                    chunk.join(", ")
                ))
                .execute(c)?;
            }
            let comments: Vec<String> = ids
                .iter()
                .take(5)
                .map(|x| {
                    format!(
                        "({}, {entry}, {x}, '议程安排合理，讨论充分；建议扩大青年学者报告比例。', TRUE, '{at}')",
                        round.id
                    )
                })
                .collect();
            diesel::sql_query(format!(
                "INSERT INTO evaluation_comments (round_id, entry_id, expert_id, comment, released, updated_at) VALUES {}",
                comments.join(", ")
            ))
            .execute(c)?;
        }
        round_store::set_phase(c, round.id, RoundPhase::Proposal, now)?;
        Ok(("bench-round".to_string(), entries[0]))
    })
    .unwrap()
}

#[tokio::main]
async fn main() {
    let conferences = env_or("XUEHUI_BENCH_CONFERENCES", 500);
    let experts = env_or("XUEHUI_BENCH_EXPERTS", 50);
    let runs = env_or("XUEHUI_BENCH_RUNS", 10);
    let dir = tempfile::tempdir().unwrap();
    let (db_url, pg) = database(dir.path(), "xh_eval");
    let backend = if pg.is_some() { "PostgreSQL" } else { "SQLite" };
    let state = demo_state(dir.path(), &db_url);
    let t = Instant::now();
    let (slug, entry) = seed(&state, conferences, experts);
    println!(
        "seeded {conferences} conferences × 30 indicators × {experts} experts on {backend} in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // In-process: the whole computation, and the robustness analysis alone.
    let mut conn = state.db.conn().unwrap();
    let r = xuehui::evaluation::rounds::store::by_slug(&mut conn, &slug).unwrap();
    let mut compute = Vec::new();
    let mut res = None;
    for _ in 0..runs {
        let t = Instant::now();
        res = Some(xuehui::evaluation::results::service::compute(&mut conn, &r, None).unwrap());
        compute.push(t.elapsed());
    }
    let res = res.unwrap();
    assert_eq!(res.lines.len(), conferences);
    let flat: Vec<Vec<f64>> = res
        .lines
        .iter()
        .map(|l| l.cells.iter().map(|c| c.score.unwrap_or(0.0)).collect())
        .collect();
    let weights: Vec<f64> = res.indicators.iter().map(|i| i.weight).collect();
    let mut robust = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(xuehui::evaluation::robustness::intervals(
            &flat,
            &weights,
            &xuehui::evaluation::robustness::Perturbation::default(),
        ));
        robust.push(t.elapsed());
    }
    println!(
        "best: {} ({:.2}), rank range {}–{}; proposed {}",
        res.lines[0].name_en,
        res.lines[0].total,
        res.lines[0].interval.best,
        res.lines[0].interval.worst,
        res.lines.iter().filter(|l| l.proposed).count()
    );

    // Through HTTP, as the committee.
    let http = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let (mut server, base) = start_server(dir.path(), &db_url, &http).await;
    let login = http
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": "organiser@xuehui.example", "password": "xuehui-demo"}))
        .send()
        .await
        .unwrap();
    assert!(login.status().is_success(), "login {}", login.status());
    let (page, page_bytes) = measure(&http, &format!("{base}/evaluation/{slug}/results"), runs).await;
    let (round_report, round_bytes) = measure(&http, &format!("{base}/evaluation/{slug}/report"), runs).await;
    let (report, report_bytes) = measure(&http, &format!("{base}/evaluation/{slug}/results/{entry}"), runs).await;
    let (pdf, pdf_bytes) = measure(&http, &format!("{base}/evaluation/{slug}/results/{entry}.pdf"), runs).await;
    let _ = server.kill();
    let _ = server.wait();
    compute.sort();
    robust.sort();
    println!("\n{runs} runs each, {backend}, {conferences} conferences × 30 indicators × {experts} experts:");
    println!("| what | p50 | p95 | max |");
    println!("|---|---|---|---|");
    for (name, v) in [
        (format!("results page over HTTP ({} KiB HTML)", page_bytes / 1024), &page),
        (format!("round report page over HTTP ({} KiB)", round_bytes / 1024), &round_report),
        (format!("conference report page over HTTP ({} KiB)", report_bytes / 1024), &report),
        (format!("conference report PDF over HTTP ({} KiB)", pdf_bytes / 1024), &pdf),
        ("results in-process (loading, aggregation, ranks, robustness)".to_string(), &compute),
        ("robustness alone (2,000 draws)".to_string(), &robust),
    ] {
        println!(
            "| {name} | {} | {} | {} |",
            ms(percentile(v, 0.5)),
            ms(percentile(v, 0.95)),
            ms(*v.last().unwrap())
        );
    }
    let (worst_page, worst_pdf) = (*page.last().unwrap(), *pdf.last().unwrap());
    println!(
        "\ntargets: results page under 2 s: {}; report PDF under 2 s: {}",
        if worst_page < Duration::from_secs(2) { "met" } else { "MISSED" },
        if worst_pdf < Duration::from_secs(2) { "met" } else { "MISSED" }
    );
    drop(conn);
    drop(state);
    drop_database(pg);
}
