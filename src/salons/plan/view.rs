//! What readers of an annual plan get: the plan (public once published; staff see the draft)
//! and the proposed themes (staff see all, a proposer their own).

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::model::{ProposalStatus, Society};
use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// A planned salon.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanItemView {
    /// Id.
    pub id: i64,
    /// Theme in Chinese.
    pub theme_zh: String,
    /// Theme in English.
    pub theme_en: String,
    /// Lead scientists.
    pub lead_scientists: String,
    /// First day.
    pub starts_on: Option<NaiveDate>,
    /// Last day.
    pub ends_on: Option<NaiveDate>,
    /// Where.
    pub place: String,
    /// The salon's URL name in xuehui, once it exists.
    pub venue: Option<String>,
    /// Came from a proposed theme.
    pub proposed: bool,
}

/// A society's plan for one year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SalonPlanView {
    /// The society.
    pub society: Society,
    /// The year.
    pub year: i32,
    /// Introduction in Chinese.
    pub intro_zh: String,
    /// Introduction in English.
    pub intro_en: String,
    /// Published (UTC); `None`: a draft.
    #[serde(with = "crate::web::utc::option")]
    #[schema(value_type = Option<String>)]
    pub published_at: Option<NaiveDateTime>,
    /// Planned salons, by date.
    pub items: Vec<PlanItemView>,
    /// Years with a plan this reader may see, newest first.
    pub years: Vec<i32>,
    /// Whether the reader keeps the plan.
    pub staff: bool,
}

/// The plan of `year` for `user` (404 when there is none they may see; staff always get one).
pub fn plan(conn: &mut AnyConnection, user: Option<&User>, s: &Society, year: i32) -> AppResult<SalonPlanView> {
    let staff = match user {
        Some(u) => crate::guard::society::is_staff(conn, u, s.id)?,
        None => false,
    };
    let p = store::plan(conn, s.id, year)?;
    let visible = p.as_ref().is_some_and(|p| p.published_at.is_some()) || staff;
    if !visible {
        return Err(AppError::NotFound);
    }
    let mut items = Vec::new();
    if let Some(p) = &p {
        for i in store::items(conn, p.id)? {
            let venue = match i.venue_id {
                Some(id) => Some(crate::venues::store::by_id(conn, id)?.slug),
                None => None,
            };
            items.push(PlanItemView {
                id: i.id,
                theme_zh: i.theme_zh,
                theme_en: i.theme_en,
                lead_scientists: i.lead_scientists,
                starts_on: i.starts_on,
                ends_on: i.ends_on,
                place: i.place,
                venue,
                proposed: i.proposal_id.is_some(),
            });
        }
    }
    Ok(SalonPlanView {
        society: s.clone(),
        year,
        intro_zh: p.as_ref().map(|p| p.intro_zh.clone()).unwrap_or_default(),
        intro_en: p.as_ref().map(|p| p.intro_en.clone()).unwrap_or_default(),
        published_at: p.as_ref().and_then(|p| p.published_at),
        items,
        years: store::years(conn, s.id, !staff)?,
        staff,
    })
}

/// A proposed theme.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SalonThemeView {
    /// Id.
    pub id: i64,
    /// For which year.
    pub year: i32,
    /// Theme in Chinese.
    pub theme_zh: String,
    /// Theme in English.
    pub theme_en: String,
    /// Why.
    pub rationale: String,
    /// Who could lead it.
    pub lead_scientist: String,
    /// Where it stands.
    pub status: ProposalStatus,
    /// The society's reason.
    pub decision_note: String,
    /// Who proposed it (staff only).
    pub proposer: Option<String>,
    /// Proposed (UTC).
    #[serde(with = "crate::web::utc")]
    #[schema(value_type = String)]
    pub created_at: NaiveDateTime,
}

/// The proposals of `year` `user` may read: all for staff, their own for others.
pub fn proposals(conn: &mut AnyConnection, user: &User, s: &Society, year: i32) -> AppResult<Vec<SalonThemeView>> {
    let staff = crate::guard::society::is_staff(conn, user, s.id)?;
    let mut out = Vec::new();
    for p in store::proposals(conn, s.id, year, (!staff).then_some(user.id))? {
        let proposer = if staff {
            Some(crate::auth::store::by_id(conn, p.user_id)?.display_name())
        } else {
            None
        };
        out.push(SalonThemeView {
            id: p.id,
            year: p.year,
            theme_zh: p.theme_zh,
            theme_en: p.theme_en,
            rationale: p.rationale,
            lead_scientist: p.lead_scientist,
            status: p.status,
            decision_note: p.decision_note,
            proposer,
            created_at: p.created_at,
        });
    }
    Ok(out)
}
