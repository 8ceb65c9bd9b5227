//! Annual plan actions: the society's staff edit, publish and decide; anyone signed in
//! proposes a theme. Each checks access inside the transaction it writes in.

use chrono::{Datelike, NaiveDateTime};

use super::model::{ProposalStatus, Society};
use super::store::{self, ItemFields, NewProposal};
use super::validate::{ItemSpec, ThemeSpec};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::AppState;

/// Fails with 404 unless `user` acts for the society (not revealing staff pages exist).
pub fn require_staff(conn: &mut AnyConnection, user: &User, s: &Society) -> AppResult<()> {
    crate::guard::society::require_staff(conn, user, s.id)
}

/// Sets the introduction of the year's plan (staff).
pub fn save_intro(conn: &mut AnyConnection, user: &User, s: &Society, year: i32, zh: &str, en: &str, now: NaiveDateTime) -> AppResult<()> {
    require_staff(conn, user, s)?;
    let p = store::plan_or_new(conn, s.id, year, now)?;
    store::set_intro(conn, p.id, zh, en, now)
}

/// Publishes the year's plan, or takes it back to a draft (staff).
pub fn publish(conn: &mut AnyConnection, user: &User, s: &Society, year: i32, publish: bool, now: NaiveDateTime) -> AppResult<()> {
    require_staff(conn, user, s)?;
    let p = store::plan_or_new(conn, s.id, year, now)?;
    if publish && store::items(conn, p.id)?.is_empty() {
        return Err(AppError::Conflict("plan.empty".into()));
    }
    store::set_published(conn, p.id, publish.then_some(now))
}

fn fields(conn: &mut AnyConnection, spec: &ItemSpec) -> AppResult<ItemFields> {
    let venue_id = if spec.venue.is_empty() {
        None
    } else {
        let v = crate::venues::store::by_slug(conn, &spec.venue).map_err(|_| AppError::field("venue", "plan.venue_unknown"))?;
        if v.kind != crate::venues::model::VenueKind::Salon {
            return Err(AppError::field("venue", "plan.venue_not_salon"));
        }
        Some(v.id)
    };
    Ok(ItemFields {
        theme_zh: spec.theme_zh.clone(),
        theme_en: spec.theme_en.clone(),
        lead_scientists: spec.lead_scientists.clone(),
        starts_on: spec.starts_on,
        ends_on: spec.ends_on,
        place: spec.place.clone(),
        venue_id,
    })
}

/// Adds a planned salon (staff); answers its id.
pub fn add_item(conn: &mut AnyConnection, user: &User, s: &Society, year: i32, spec: &ItemSpec, now: NaiveDateTime) -> AppResult<i64> {
    require_staff(conn, user, s)?;
    let p = store::plan_or_new(conn, s.id, year, now)?;
    let f = fields(conn, spec)?;
    store::insert_item(conn, p.id, &f, None)
}

/// Changes a planned salon (staff; 404 for another plan's).
pub fn update_item(
    conn: &mut AnyConnection,
    user: &User,
    s: &Society,
    year: i32,
    id: i64,
    spec: &ItemSpec,
    now: NaiveDateTime,
) -> AppResult<()> {
    require_staff(conn, user, s)?;
    let p = store::plan_or_new(conn, s.id, year, now)?;
    let f = fields(conn, spec)?;
    if store::update_item(conn, p.id, id, &f)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Deletes a planned salon (staff; 404 for another plan's).
pub fn delete_item(conn: &mut AnyConnection, user: &User, s: &Society, year: i32, id: i64, now: NaiveDateTime) -> AppResult<()> {
    require_staff(conn, user, s)?;
    let p = store::plan_or_new(conn, s.id, year, now)?;
    if store::delete_item(conn, p.id, id)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Records a theme proposed by `user` and tells the society's staff; answers its id.
pub fn propose(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    s: &Society,
    spec: &ThemeSpec,
    now: NaiveDateTime,
) -> AppResult<i64> {
    if user.email_verified_at.is_none() {
        return Err(AppError::Conflict("plan.verify_email".into()));
    }
    let id = store::insert_proposal(
        conn,
        s.id,
        user.id,
        &NewProposal {
            year: spec.year,
            theme_zh: &spec.theme_zh,
            theme_en: &spec.theme_en,
            rationale: &spec.rationale,
            lead_scientist: &spec.lead_scientist,
        },
        now,
    )?;
    for staff in roles::holders(conn, roles::SOCIETY_STAFF, roles::SCOPE_SOCIETY, s.id)? {
        let u = crate::auth::store::by_id(conn, staff)?;
        let vars = serde_json::json!({
            "society_zh": s.name_zh, "society_en": s.name_en, "year": spec.year,
            "theme_zh": spec.theme_zh, "theme_en": spec.theme_en, "by": user.display_name(),
            "link": format!("{}/societies/{}/salons/{}#proposals", state.config.base_url, s.slug, spec.year),
        });
        crate::mail::queue(
            conn,
            state,
            crate::mail::Mail::to_user(&u, u.mail_lang(), "salon_theme_proposed", vars),
        )?;
    }
    Ok(id)
}

/// Accepts a proposed theme into its year's plan or declines it with a reason (staff); the
/// proposer is mailed in their language.
pub fn decide(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    s: &Society,
    id: i64,
    decision: (bool, &str),
    now: NaiveDateTime,
) -> AppResult<()> {
    let (accept, note) = decision;
    require_staff(conn, user, s)?;
    let p = store::proposal(conn, s.id, id)?;
    let to = if accept {
        ProposalStatus::Accepted
    } else {
        ProposalStatus::Declined
    };
    if !store::decide(conn, id, to, note, user.id, now)? {
        return Err(AppError::Conflict("plan.decided_already".into()));
    }
    if accept {
        let plan = store::plan_or_new(conn, s.id, p.year, now)?;
        let f = ItemFields {
            theme_zh: p.theme_zh.clone(),
            theme_en: p.theme_en.clone(),
            lead_scientists: p.lead_scientist.clone(),
            starts_on: None,
            ends_on: None,
            place: String::new(),
            venue_id: None,
        };
        store::insert_item(conn, plan.id, &f, Some(p.id))?;
    }
    let proposer = crate::auth::store::by_id(conn, p.user_id)?;
    let vars = serde_json::json!({
        "society_zh": s.name_zh, "society_en": s.name_en, "year": p.year,
        "theme_zh": p.theme_zh, "theme_en": p.theme_en, "accepted": accept, "note": note,
        "link": format!("{}/societies/{}/salons/{}", state.config.base_url, s.slug, p.year),
    });
    crate::mail::queue(
        conn,
        state,
        crate::mail::Mail::to_user(&proposer, proposer.mail_lang(), "salon_theme_decided", vars),
    )?;
    Ok(())
}

/// This year, for a default.
pub fn this_year(now: NaiveDateTime) -> i32 {
    now.year()
}
