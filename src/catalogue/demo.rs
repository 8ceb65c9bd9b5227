//! Demo catalogues: a field of fictional Chinese and foreign journals, a published 2025 edition
//! with journals of both kinds in every tier, and a 2026 edition in its evaluation phase whose
//! panel includes the demo editor (conflicted with the journal they edit). Idempotent.

use chrono::Utc;

use super::model::{Edition, IndicatorSource};
use super::validate::{self, EditionInput, IndicatorInput};
use super::{nominations, service, store, votes};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::journals::identifiers::issn_check_digit;
use crate::journals::validate::FieldInput;

/// (Chinese name, English name, country, languages, type, publisher, votes in 2025 by three experts).
type DemoJournal = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [&'static str; 3],
);

const JOURNALS: &[DemoJournal] = &[
    (
        "示范计算机学报",
        "Chinese Journal of Demonstration Computing",
        "CN",
        "zh,en",
        "basic",
        "示范科学出版社",
        ["T1", "T1", "T2"],
    ),
    (
        "",
        "Journal of Exemplary Algorithms",
        "US",
        "en",
        "basic",
        "Exemplar Press",
        ["T1", "T1", "T1"],
    ),
    (
        "",
        "Transactions on Illustrative Systems",
        "GB",
        "en",
        "applied",
        "Illustrative Society",
        ["T2", "T2", "T1"],
    ),
    (
        "示范软件学报",
        "Journal of Sample Software",
        "CN",
        "zh",
        "applied",
        "示范软件出版社",
        ["T3", "T2", "T3"],
    ),
    (
        "",
        "Journal of Example Informatics",
        "DE",
        "de,en",
        "basic",
        "Beispiel Verlag",
        ["T3", "T3", "T2"],
    ),
    (
        "示范信息科学",
        "Demonstration Information Sciences",
        "CN",
        "en",
        "basic",
        "示范科学出版社",
        ["T3", "none", "none"],
    ),
    (
        "",
        "Letters in Placeholder Computing",
        "NL",
        "en",
        "basic",
        "Placeholder BV",
        ["none", "T3", "none"],
    ),
    (
        "计算机示范应用",
        "Computer Demonstration Applications",
        "CN",
        "zh",
        "applied",
        "示范应用杂志社",
        ["none", "none", "T3"],
    ),
    (
        "",
        "Review of Mock Networks",
        "JP",
        "en,ja",
        "applied",
        "Mock Society of Japan",
        ["none", "none", "none"],
    ),
    (
        "示范科普·计算",
        "Popular Computing Demonstrated",
        "CN",
        "zh",
        "popular",
        "示范科普出版社",
        ["none", "none", "none"],
    ),
    (
        "",
        "Singapore Journal of Sample Data",
        "SG",
        "en",
        "basic",
        "Sample Data Pte",
        ["T3", "none", "none"],
    ),
];

fn demo_issn(n: usize) -> String {
    let seven = format!("29{:05}", 100 + n);
    let c = issn_check_digit(&seven).unwrap_or('0');
    format!("{}-{}{c}", &seven[..4], &seven[4..])
}

/// The day `days` from today in China Standard Time, as an edition's closing day.
fn cst_day(days: i64) -> String {
    (Utc::now().with_timezone(&chrono_tz::Asia::Shanghai) + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// An edition of `year` whose nominations and votes close `nomination` and `evaluation` days
/// from the day the demo is loaded.
fn edition_input(year: i32, nomination: i64, evaluation: i64) -> EditionInput {
    EditionInput {
        field: "computing".into(),
        year: Some(year),
        nomination_closes: cst_day(nomination),
        evaluation_closes: cst_day(evaluation),
        title_zh: format!("计算领域高质量科技期刊分级目录 {year}"),
        title_en: format!("Tiered catalogue of high-quality computing journals {year}"),
        indicators: Some(vec![
            IndicatorInput {
                code: "impact_factor".into(),
                name_zh: "影响因子".into(),
                name_en: "Impact factor".into(),
                higher_is_better: true,
                ..Default::default()
            },
            IndicatorInput {
                code: "h5_index".into(),
                name_zh: "h5 指数".into(),
                name_en: "h5-index".into(),
                higher_is_better: true,
                ..Default::default()
            },
            IndicatorInput {
                code: "days_to_publication".into(),
                name_zh: "出版周期（天）".into(),
                name_en: "Median days to publication".into(),
                higher_is_better: false,
                source: IndicatorSource::PlatformDaysToPublication,
            },
            IndicatorInput {
                code: "articles".into(),
                name_zh: "年发文量".into(),
                name_en: "Articles per year".into(),
                higher_is_better: true,
                source: IndicatorSource::PlatformArticles,
            },
        ]),
        ..Default::default()
    }
}

fn add_values(conn: &mut AnyConnection, e: &Edition, journal_ids: &[i64]) -> AppResult<()> {
    let indicators = store::indicators(conn, e.id)?;
    for (i, j) in journal_ids.iter().enumerate() {
        let values = [
            Some(9.5 - i as f64 * 0.7),
            Some(80.0 - i as f64 * 6.0),
            Some(90.0 + i as f64 * 15.0),
        ];
        for (ind, v) in indicators.iter().zip(values) {
            store::set_indicator_value(conn, ind.id, *j, v)?;
        }
    }
    Ok(())
}

/// The demo's subject field, made on first use.
pub fn computing_field(conn: &mut AnyConnection) -> AppResult<crate::journals::model::Field> {
    match crate::journals::store::field_by_code(conn, "computing") {
        Ok(f) => Ok(f),
        Err(_) => crate::journals::store::create_field(
            conn,
            &FieldInput {
                code: "computing".into(),
                name_zh: "计算".into(),
                name_en: "Computing".into(),
            },
        ),
    }
}

/// Loads the demo catalogues. `demo_journal` is the demo society's journal (edited by `editor`).
pub fn seed(
    conn: &mut AnyConnection,
    organiser: i64,
    experts: &[i64],
    editor: i64,
    scientists: &[i64],
    demo_journal: i64,
) -> AppResult<()> {
    if store::list(conn)?.iter().any(|e| e.slug == "computing-2025") {
        return Ok(());
    }
    computing_field(conn)?;
    let fields = crate::journals::store::field_codes(conn)?;
    let mut ids = vec![demo_journal];
    for (n, (zh, en, country, langs, kind, publisher, _)) in JOURNALS.iter().enumerate() {
        let input = crate::journals::validate::JournalInput {
            name_zh: zh.to_string(),
            name_en: en.to_string(),
            issn: demo_issn(n),
            cn: if *country == "CN" {
                format!("11-60{:02}/TP", n + 10)
            } else {
                String::new()
            },
            publisher: publisher.to_string(),
            country: country.to_string(),
            languages: vec![langs.to_string()],
            kind: kind.to_string(),
            fields: vec!["computing".into()],
            ..Default::default()
        };
        let spec = crate::journals::validate::journal(&input, &fields)?;
        ids.push(crate::journals::store::create(conn, &spec)?);
    }
    let now = Utc::now().naive_utc();

    // 2025: published; its nominations closed two months ago and its votes one month ago
    // (cast before that). The demo society's journal gets T2 from the panel.
    let spec = validate::edition(&edition_input(2025, -60, -30))?;
    let voted = now - chrono::Duration::days(45);
    let e = service::create(conn, &spec, organiser)?;
    for x in experts {
        roles::grant(conn, *x, roles::CATALOGUE_EXPERT, roles::SCOPE_EDITION, e.id)?;
    }
    add_values(conn, &e, &ids)?;
    let nominated = now - chrono::Duration::days(75);
    nominations::nominate(
        conn,
        &e,
        scientists[0],
        ids[1],
        "国内计算领域最具影响力的综合性期刊之一。",
        nominated,
    )?;
    nominations::nominate(
        conn,
        &e,
        scientists[1],
        ids[2],
        "The reference venue for algorithms research.",
        nominated,
    )?;
    let e = service::move_phase(conn, &e, organiser, "evaluation", "", now)?;
    let mut ballots: Vec<(i64, [&str; 3])> = vec![(ids[0], ["T2", "T2", "T2"])];
    ballots.extend(ids[1..].iter().zip(JOURNALS).map(|(j, d)| (*j, d.6)));
    for (journal, tiers) in &ballots {
        for (expert, tier) in experts.iter().zip(tiers) {
            votes::cast(conn, &e, *expert, *journal, votes::parse(tier), "", voted)?;
        }
    }
    let e = service::move_phase(conn, &e, organiser, "notice", "", now)?;
    service::move_phase(conn, &e, organiser, "published", "", now)?;

    // 2026: the panel is voting; the demo editor is on it and cannot vote on their own journal.
    // Nominations closed a week ago; votes are due in two weeks.
    let spec = validate::edition(&edition_input(2026, -7, 14))?;
    let e = service::create(conn, &spec, organiser)?;
    for x in experts.iter().take(2).chain(std::iter::once(&editor)) {
        roles::grant(conn, *x, roles::CATALOGUE_EXPERT, roles::SCOPE_EDITION, e.id)?;
    }
    add_values(conn, &e, &ids)?;
    // The demo journal runs here: its platform-sourced indicators come from its own articles.
    super::platform::fill(conn, &e, Some(organiser))?;
    nominations::nominate(
        conn,
        &e,
        scientists[0],
        ids[4],
        "近年来在软件工程领域进步显著。",
        now - chrono::Duration::days(14),
    )?;
    let e = service::move_phase(conn, &e, organiser, "evaluation", "", now)?;
    for (journal, tiers) in ballots.iter().take(6) {
        votes::cast(conn, &e, experts[0], *journal, votes::parse(tiers[0]), "", now)?;
    }
    Ok(())
}
