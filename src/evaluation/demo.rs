//! Demo data of the evaluation area: the demo society's indicator system, final at version 1
//! (the shipped default) with version 2 in draft (more weight on debate); this year's round,
//! finished and published (the demo conference with its real computed metrics, the young
//! scientists' forum and two conferences held outside xuehui, scored by three experts, one
//! designated demonstrative after a decided objection); and next year's round, open for
//! applications.

use chrono::{Duration, NaiveDateTime};

use super::systems::definition::Definition;
use super::systems::service::{self, SaveInput, SystemInput};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::web::AppState;

/// Who the demo's evaluation involves, by account id.
pub struct People {
    /// The society's staff member, who chairs the demo conference and the forum.
    pub staff: i64,
    /// The experts of the finished round.
    pub experts: Vec<i64>,
    /// Someone who objects during the notice.
    pub objector: i64,
}

/// Seeds the system and the rounds for `society_id`.
pub fn seed(conn: &mut AnyConnection, state: &AppState, society_id: i64, people: &People, now: NaiveDateTime) -> AppResult<()> {
    let staff = people.staff;
    let s = crate::salons::plan::store::society_by_id(conn, society_id)?;
    let user = crate::auth::store::by_id(conn, staff)?;
    if !super::systems::store::of_society(conn, society_id)?.is_empty() {
        return Ok(());
    }
    let input = SystemInput {
        name_zh: "示范性学术会议评估指标体系".into(),
        name_en: "Demonstrative conference evaluation indicators".into(),
        copy_of: None,
    };
    let sys = service::create(conn, &user, &s, &input, now - Duration::days(60))?;
    service::finalise(conn, &user, &s, &sys, now - Duration::days(59))?;
    let mut d = Definition::shipped();
    if let Some(i) = d.indicators.iter_mut().find(|i| i.code == "debate_share") {
        i.weight += 2.0;
    }
    let change = SaveInput {
        name_zh: input.name_zh.clone(),
        name_en: input.name_en.clone(),
        note: "提高自由讨论时间占比的权重 / More weight on free debate".into(),
        definition: d,
    };
    service::save(conn, &user, &s, &sys, &change, now - Duration::days(3))?;
    finished_round(conn, state, &user, &s, sys.id, people, now)?;
    open_round(conn, &user, &s, sys.id, now)
}

fn day(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// This year's round, run from applications to published results.
fn finished_round(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &crate::auth::User,
    s: &crate::salons::plan::model::Society,
    system: i64,
    people: &People,
    now: NaiveDateTime,
) -> AppResult<()> {
    use super::rounds::service::{self as rounds, PhaseInput};
    use super::rounds::validate::{EntryInput, RoundInput};
    let year = chrono::Datelike::year(&now);
    let ago = |d: i64| now - Duration::days(d);
    let input = RoundInput {
        slug: format!("demonstrative-{year}"),
        title_zh: format!("{year} 年度示范性学术会议评估"),
        title_en: format!("{year} demonstrative conferences"),
        description_zh: "依据本学会指标体系第 1 版评估会员单位主办的学术会议，遴选示范性会议。在学会通举办的会议由主席申报；平台外举办的会议以自报数据参评。".into(),
        description_en: "Conferences of the society's members are evaluated on version 1 of its indicator system and the best are designated demonstrative. Chairs of conferences held in xuehui apply; conferences held elsewhere take part on self-reported data.".into(),
        system_id: system,
        system_version: Some(1),
        applications_close: day(ago(45)),
        scoring_closes: day(ago(25)),
        notice_ends: day(ago(10)),
        quota: Some(1),
        grade_bands: Some(super::aggregate::GradeBands {
            excellent: 50.0,
            good: 35.0,
            pass: 20.0,
        }),
    };
    let round = rounds::create(conn, user, s, &input, ago(60))?;
    let venue = |slug: &str| EntryInput {
        venue: slug.into(),
        ..EntryInput::default()
    };
    let annual = rounds::enter(conn, user, &round, &venue("annual-2026"), ago(58))?;
    rounds::enter(conn, user, &round, &venue(crate::salons::contest::demo::FORUM_SLUG), ago(58))?;
    let outside = [
        (
            "2026 年省化学学会学术年会",
            "Provincial Chemical Society Annual Meeting 2026",
            "省化学学会 / Provincial Chemical Society",
            "2026-05-12—14, 杭州 / Hangzhou",
            [0.28, 0.41, 4.4],
        ),
        (
            "第十二届全国材料青年学者论坛",
            "12th National Young Materials Scientists Forum",
            "材料学会青年工作委员会 / Young Scientists Committee",
            "2026-07-03—05, 成都 / Chengdu",
            [0.12, 0.63, 4.1],
        ),
    ];
    let mut outside_entries = Vec::new();
    for (zh, en, org, held, _) in &outside {
        let e = EntryInput {
            name_zh: (*zh).into(),
            name_en: (*en).into(),
            organiser: (*org).into(),
            held: (*held).into(),
            ..EntryInput::default()
        };
        outside_entries.push(rounds::enter(conn, user, &round, &e, ago(57))?);
    }
    // Self-reports: the demo conference's statements, the outside conferences' figures.
    use super::self_report::service::{self as reports, ReportInput};
    let statement = |text: &str| ReportInput {
        value: None,
        statement: text.into(),
    };
    reports::save(
        conn,
        user,
        &round,
        &annual,
        "media_reach",
        &statement("新华网、科技日报报道 3 篇；会议直播观看 1.2 万人次。"),
        ago(50),
    )?;
    reports::save(
        conn,
        user,
        &round,
        &annual,
        "proceedings_spread",
        &statement("论文集开放获取，会后三个月下载 2,300 次。"),
        ago(50),
    )?;
    for (e, (_, _, _, _, [intl, young, satisfaction])) in outside_entries.iter().zip(&outside) {
        for (code, v) in [
            ("submissions", 180.0),
            ("acceptance_rate", 0.42),
            ("international_participants", *intl),
            ("young_participants", *young),
            ("satisfaction", *satisfaction),
        ] {
            let input = ReportInput {
                value: Some(v),
                statement: "据会议总结报告 / From the conference's final report".into(),
            };
            reports::save(conn, user, &round, e, code, &input, ago(47))?;
        }
    }
    let emails: Vec<String> = people
        .experts
        .iter()
        .map(|id| crate::auth::store::by_id(conn, *id).map(|u| u.email))
        .collect::<AppResult<_>>()?;
    let members = crate::catalogue::validate::MembersInput {
        emails: emails.join(", "),
        role: "expert".into(),
    };
    super::rounds::panel::add(conn, state, user, &round, &members)?;
    let phase = |p: &str| PhaseInput {
        phase: p.into(),
        reason: String::new(),
    };
    let round = rounds::move_phase(conn, user, &round, &phase("metrics_frozen"), ago(44))?;
    let round = rounds::move_phase(conn, user, &round, &phase("scoring"), ago(40))?;
    // Each expert scores every conference they are free of: the demo conference highest.
    use super::ballots::{model::LineInput, service as ballots};
    for (n, id) in people.experts.iter().enumerate() {
        let expert = crate::auth::store::by_id(conn, *id)?;
        let b = ballots::ballot(conn, &expert, &round, ago(35))?;
        for (k, l) in b.lines.iter().enumerate().filter(|(_, l)| l.conflicts.is_empty()) {
            let level = if l.entry_id == annual.id { 5 } else { 4 - ((k + n) % 3) as i32 };
            let line = LineInput {
                levels: b.indicators.iter().map(|i| (i.code.clone(), Some(level.max(1)))).collect(),
                comment: if l.entry_id == annual.id {
                    [
                        "议程留出充足的自由讨论时间，青年学者报告比例高，评审规范。",
                        "双盲评审执行严格，审稿意见详实；国际参会者比例仍有提升空间。",
                        "分会场安排合理，但部分报告超时，压缩了讨论时间。",
                    ][n % 3]
                        .into()
                } else {
                    "组织有序；建议增加自由讨论环节。".into()
                },
            };
            ballots::cast(conn, &expert, &round, l.entry_id, &line, ago(34 - n as i64))?;
        }
    }
    let round = rounds::move_phase(conn, user, &round, &phase("proposal"), ago(24))?;
    // The committee releases the experts' comments on the demo conference but the last one,
    // and writes its recommendations.
    use super::report::{conference::numbered, service as report};
    let comments = numbered(conn, &round, annual.id)?;
    for (n, _) in comments.iter().take(comments.len().saturating_sub(1)) {
        report::release(conn, user, &round, (annual.id, *n), &report::ReleaseInput { released: true })?;
    }
    let advice = report::RecommendationsInput {
        text_zh: "1. 保持双盲评审和充足的自由讨论时间。\n2. 扩大国际参会者比例，可设立国际青年学者旅费资助。\n3. 严格控制报告时长，保证每场讨论不少于一半时间。".into(),
        text_en: "1. Keep double-blind review and ample time for open discussion.\n2. Widen international participation, for instance with travel grants for young researchers from abroad.\n3. Hold talks to their time so that discussion keeps at least half of each session.".into(),
    };
    report::recommend(conn, user, &round, annual.id, &advice, ago(23))?;
    let round = rounds::move_phase(conn, user, &round, &phase("notice"), ago(22))?;
    // An objection about an outside conference, rejected with the committee's reason.
    use super::notice::service as notice;
    let objector = crate::auth::store::by_id(conn, people.objector)?;
    let objection = notice::ObjectionInput {
        entry: outside_entries[0].id,
        reason: "该会议自报的国际参会者比例偏高，请核实。".into(),
    };
    let id = notice::file(conn, &objector, &round, &objection, ago(20))?;
    let decision = crate::panel::objections::DecisionInput {
        status: "rejected".into(),
        reason: "已核对会议总结报告及注册名单，自报比例属实。".into(),
    };
    notice::decide(conn, state, user, &round, id, &decision)?;
    rounds::move_phase(conn, user, &round, &phase("published"), ago(9))?;
    Ok(())
}

/// Next year's round on version 1, open for applications: a conference held outside xuehui
/// entered by the committee; the demo society's chairs may apply for theirs.
fn open_round(
    conn: &mut AnyConnection,
    user: &crate::auth::User,
    s: &crate::salons::plan::model::Society,
    system: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    use super::rounds::{
        service as rounds,
        validate::{EntryInput, RoundInput},
    };
    let year = chrono::Datelike::year(&now) + 1;
    let input = RoundInput {
        slug: format!("demonstrative-{year}"),
        title_zh: format!("{year} 年度示范性学术会议评估"),
        title_en: format!("{year} demonstrative conferences"),
        description_zh: "依据本学会指标体系第 1 版评估会员单位主办的学术会议，遴选示范性会议。在学会通举办的会议由主席申报；平台外举办的会议以自报数据参评。".into(),
        description_en: "Conferences of the society's members are evaluated on version 1 of its indicator system and the best are designated demonstrative. Chairs of conferences held in xuehui apply; conferences held elsewhere take part on self-reported data.".into(),
        system_id: system,
        system_version: Some(1),
        applications_close: (now + Duration::days(30)).format("%Y-%m-%d").to_string(),
        scoring_closes: (now + Duration::days(60)).format("%Y-%m-%d").to_string(),
        notice_ends: (now + Duration::days(80)).format("%Y-%m-%d").to_string(),
        quota: Some(2),
        grade_bands: None,
    };
    let round = rounds::create(conn, user, s, &input, now - Duration::days(2))?;
    let outside = EntryInput {
        name_zh: format!("{year} 年省化学学会学术年会"),
        name_en: format!("Provincial Chemical Society Annual Meeting {year}"),
        organiser: "省化学学会 / Provincial Chemical Society".into(),
        held: format!("{year}-05-11—13, 杭州 / Hangzhou"),
        website: format!("https://chem.example.org/annual-{year}"),
        ..EntryInput::default()
    };
    rounds::enter(conn, user, &round, &outside, now - Duration::days(1))?;
    Ok(())
}
