//! Demo data of the evaluation area: the demo society's indicator system, final at version 1
//! (the shipped default) with version 2 in draft (more weight on debate).

use chrono::{Duration, NaiveDateTime};

use super::systems::definition::Definition;
use super::systems::service::{self, SaveInput, SystemInput};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Seeds the system for `society_id`, kept by `staff` (who holds the society's staff role).
pub fn seed(conn: &mut AnyConnection, society_id: i64, staff: i64, now: NaiveDateTime) -> AppResult<()> {
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
    open_round(conn, &user, &s, sys.id, now)
}

/// This year's open round on version 1: the demo conference applied by its chair, and a
/// provincial conference held outside xuehui entered by the committee.
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
    let year = chrono::Datelike::year(&now);
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
    rounds::enter(
        conn,
        user,
        &round,
        &EntryInput {
            venue: "annual-2026".into(),
            ..EntryInput::default()
        },
        now - Duration::days(1),
    )?;
    let outside = EntryInput {
        name_zh: "2026 年省化学学会学术年会".into(),
        name_en: "Provincial Chemical Society Annual Meeting 2026".into(),
        organiser: "省化学学会 / Provincial Chemical Society".into(),
        held: "2026-05-12—14, 杭州 / Hangzhou".into(),
        website: "https://chem.example.org/annual-2026".into(),
        ..EntryInput::default()
    };
    rounds::enter(conn, user, &round, &outside, now - Duration::days(1))?;
    Ok(())
}
