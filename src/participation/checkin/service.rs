//! One function per check-in action, each inside the caller's transaction: check a code in (at
//! the event once a day, or at a session), undo a check-in, the chairs' attendance figures and
//! the helpers they name.

use chrono::{NaiveDateTime, TimeZone, Utc};

use super::figures;
use super::model::{Checkin, EVENT};
use super::store::{self, NewCheckin};
use super::validate::{self, CheckinHelperInput, CheckinInput};
use super::view::{self, Attendance, CheckinHelper, CheckinView, DayAttendance, SessionAttendance};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::checkin::Desk;
use crate::guard::venue::Chair;
use crate::participation::registration::model::{FormScope, RegStatus, Registration};
use crate::participation::registration::store as reg;
use crate::programme::snapshot::{SessionItem, Snapshot};
use crate::venues::model::Venue;
use crate::web::AppState;

/// What a scan did.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The person is in now.
    Admitted(CheckinView),
    /// They were already checked in there that day (the earlier check-in).
    Already(CheckinView),
}

fn zone(venue: &Venue) -> chrono_tz::Tz {
    crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::UTC)
}

/// The day of `at` in the venue's zone.
pub fn local_day(venue: &Venue, at: NaiveDateTime) -> String {
    Utc.from_utc_datetime(&at)
        .with_timezone(&zone(venue))
        .format("%Y-%m-%d")
        .to_string()
}

fn session_day(venue: &Venue, s: &SessionItem) -> String {
    s.starts_at.with_timezone(&zone(venue)).format("%Y-%m-%d").to_string()
}

/// The refusal for a registration that holds no place, naming its status.
fn not_admitted(status: RegStatus) -> AppError {
    AppError::field("code", &format!("checkin.status_{}", status.as_str()))
}

/// The registration admitting the holder of `scanned` to session `s`: a form of that session
/// (or else of its track) decides when there is one; otherwise any confirmed registration of
/// the venue admits.
fn admitting(conn: &mut AnyConnection, venue_id: i64, scanned: &Registration, s: &SessionItem) -> AppResult<Registration> {
    let forms = reg::forms_of(conn, venue_id)?;
    let specific = forms
        .iter()
        .find(|f| f.scope == FormScope::Session && f.session_id == Some(s.id))
        .or_else(|| {
            forms
                .iter()
                .find(|f| f.scope == FormScope::Track && f.track_id.is_some() && f.track_id == s.track_id)
        });
    let Some(form) = specific else {
        return Ok(scanned.clone());
    };
    match reg::registration_of(conn, form.id, scanned.user_id)? {
        Some(r) if r.status == RegStatus::Confirmed => Ok(r),
        _ => Err(AppError::field("code", "checkin.not_for_session")),
    }
}

/// A check-in as the desk shows it.
pub fn shown(conn: &mut AnyConnection, c: &Checkin, s: Option<&Snapshot>) -> AppResult<CheckinView> {
    let r = reg::registration(conn, c.registration_id)?;
    let cats = reg::categories(conn, r.form_id)?;
    let cat = r.category_id.and_then(|id| cats.iter().find(|x| x.id == id));
    let by = match c.by_user {
        Some(u) => crate::auth::store::by_id(conn, u).ok(),
        None => None,
    };
    Ok(view::checkin_view(
        c,
        &r,
        cat.map_or(("", ""), |x| (x.name_zh.as_str(), x.name_en.as_str())),
        s,
        by.as_ref(),
    ))
}

/// Checks in the holder of a code at the desk's venue: at the event (once per local day) or at
/// a session of the latest release (once). Unknown codes, codes of other venues and
/// registrations without a place are refused with the reason.
pub fn check_in(conn: &mut AnyConnection, desk: &Desk, input: &CheckinInput, now: NaiveDateTime) -> AppResult<Outcome> {
    let code = validate::code(&input.code)?;
    let session = validate::session(input.session.as_deref())?;
    let scanned = reg::by_code(conn, &code)?
        .filter(|r| reg::form_by_id(conn, r.form_id).is_ok_and(|f| f.venue_id == desk.venue.id))
        .ok_or_else(|| AppError::field("code", "checkin.unknown_code"))?;
    if scanned.status != RegStatus::Confirmed {
        return Err(not_admitted(scanned.status));
    }
    let s = crate::programme::public::latest(conn, desk.venue.id)?;
    let (r, day, place) = match &session {
        None => (scanned, local_day(&desk.venue, now), EVENT.to_string()),
        Some(guid) => {
            let item = s
                .as_deref()
                .and_then(|s| s.sessions.iter().find(|x| &x.guid == guid))
                .ok_or_else(|| AppError::field("session", "checkin.unknown_session"))?;
            let r = admitting(conn, desk.venue.id, &scanned, item)?;
            (r, session_day(&desk.venue, item), guid.clone())
        }
    };
    let n = NewCheckin {
        registration_id: r.id,
        venue_id: desk.venue.id,
        day: &day,
        place: &place,
        by_user: desk.user_id,
    };
    match store::insert(conn, &n, now)? {
        Some(id) => {
            let c = store::get(conn, desk.venue.id, id)?;
            Ok(Outcome::Admitted(shown(conn, &c, s.as_deref())?))
        }
        None => {
            let c = store::find(conn, r.id, &day, &place)?.ok_or_else(|| AppError::bug("a refused check-in has no earlier one"))?;
            Ok(Outcome::Already(shown(conn, &c, s.as_deref())?))
        }
    }
}

/// Removes a check-in made by mistake (chairs).
pub fn undo(conn: &mut AnyConnection, ch: &Chair, id: i64) -> AppResult<()> {
    let c = store::get(conn, ch.venue.id, id)?;
    store::delete(conn, c.id)
}

/// How many were checked in today at `place` (`""` for the event), for the desk.
pub fn today(conn: &mut AnyConnection, desk: &Desk, place: &str, now: NaiveDateTime) -> AppResult<i64> {
    let day = match place {
        EVENT => local_day(&desk.venue, now),
        guid => match crate::programme::public::latest(conn, desk.venue.id)?
            .as_deref()
            .and_then(|s| s.sessions.iter().find(|x| x.guid == guid).cloned())
        {
            Some(item) => session_day(&desk.venue, &item),
            None => return Ok(0),
        },
    };
    store::count_at(conn, desk.venue.id, &day, place)
}

/// The chairs' attendance figures.
pub fn attendance(conn: &mut AnyConnection, venue: &Venue) -> AppResult<Attendance> {
    let rows = store::all_of(conn, venue.id)?;
    let s = crate::programme::public::latest(conn, venue.id)?;
    let per_day = figures::people_per_day(&rows);
    let per_session = figures::people_per_session(&rows);
    let mut days: std::collections::BTreeSet<String> = per_day.keys().cloned().collect();
    if let Some(s) = &s {
        days.extend(s.days().iter().map(|d| d.format("%Y-%m-%d").to_string()));
    }
    let starred = crate::participation::agenda::counts::session_counts(conn, venue.id)?;
    let sessions = s
        .as_deref()
        .map(|s| {
            s.sessions
                .iter()
                .filter(|x| x.kind != "break")
                .map(|x| {
                    let room = x.room_id.and_then(|id| s.room(id));
                    SessionAttendance {
                        guid: x.guid.clone(),
                        title_zh: x.title_zh.clone(),
                        title_en: x.title_en.clone(),
                        day: session_day(venue, x),
                        starts_at: x.starts_at,
                        room_zh: room.map(|r| r.name_zh.clone()).unwrap_or_default(),
                        room_en: room.map(|r| r.name_en.clone()).unwrap_or_default(),
                        capacity: room.and_then(|r| r.capacity),
                        checked_in: per_session.get(&x.guid).copied().unwrap_or(0),
                        starred: starred.get(&x.guid).copied().unwrap_or(0),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let mut recent = Vec::new();
    for c in store::recent(conn, venue.id, 50)? {
        recent.push(shown(conn, &c, s.as_deref())?);
    }
    Ok(Attendance {
        confirmed: store::confirmed_people(conn, venue.id)?.len() as i64,
        attended: figures::people(&rows),
        days: days
            .into_iter()
            .map(|d| DayAttendance {
                people: per_day.get(&d).copied().unwrap_or(0),
                day: d,
            })
            .collect(),
        sessions,
        recent,
    })
}

/// The venue's check-in helpers, in the order they were named.
pub fn helpers(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<CheckinHelper>> {
    let mut out = Vec::new();
    for id in roles::holders(conn, roles::CHECKIN_HELPER, roles::SCOPE_VENUE, venue_id)? {
        let u = crate::auth::store::by_id(conn, id)?;
        out.push(CheckinHelper {
            user_id: u.id,
            name: u.display_name(),
            email: u.email.clone(),
        });
    }
    Ok(out)
}

/// Makes the account with the given address a check-in helper of the venue and tells them
/// where the desk is; naming someone twice changes nothing (and mails nothing).
pub fn add_helper(conn: &mut AnyConnection, state: &AppState, ch: &Chair, input: &CheckinHelperInput) -> AppResult<CheckinHelper> {
    let email = validate::helper(input)?;
    let u = crate::venues::role_holders::name(conn, state, &ch.venue, &HELPERS, &email)?;
    Ok(CheckinHelper {
        user_id: u.id,
        name: u.display_name(),
        email: u.email.clone(),
    })
}

/// How check-in helpers are named.
const HELPERS: crate::venues::role_holders::Handout = crate::venues::role_holders::Handout {
    role: roles::CHECKIN_HELPER,
    no_account: "checkin.helper_no_account",
    mail: "checkin_helper",
    page: "/checkin",
};

/// Takes the helper role away (404 when they are not a helper of the venue).
pub fn remove_helper(conn: &mut AnyConnection, ch: &Chair, user_id: i64) -> AppResult<()> {
    crate::venues::role_holders::take_back(conn, roles::CHECKIN_HELPER, ch.venue.id, user_id)
}

/// A registration as the holder of a badge: their own, or any of the venue's for its chairs.
pub fn badge_holder(conn: &mut AnyConnection, user: &User, id: i64) -> AppResult<(Registration, Venue)> {
    let r = reg::registration(conn, id)?;
    let f = reg::form_by_id(conn, r.form_id)?;
    let venue = crate::venues::store::by_id(conn, f.venue_id)?;
    if r.user_id != user.id {
        crate::guard::venue::require_manage(conn, user, venue.id)?;
    }
    if r.status != RegStatus::Confirmed {
        return Err(AppError::NotFound);
    }
    Ok((r, venue))
}

/// The venues whose check-in desk `user_id` helps at (for their dashboard).
pub fn desks_of(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<Venue>> {
    let mut out = Vec::new();
    for g in roles::of_user(conn, user_id)? {
        if g.role == roles::CHECKIN_HELPER && g.scope_kind == roles::SCOPE_VENUE {
            out.push(crate::venues::store::by_id(conn, g.scope_id)?);
        }
    }
    Ok(out)
}
