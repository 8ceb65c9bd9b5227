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
    service::save(conn, &user, &s, &sys, &change, now - Duration::days(3))
}
