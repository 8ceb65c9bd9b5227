//! The editor's actions on a venue's draft programme: rooms, sessions, slots, defaults. Each
//! runs inside the transaction that checked the chair, refuses stale edits (a session or slot
//! changed by someone else since it was loaded) and counts one more draft revision.

use chrono::NaiveDateTime;

use super::draft;
use super::model::{SessionKind, SlotKind};
use super::store::{self, SlotFields};
use super::validate::{self, Days, DefaultsInput, MoveInput, RoomInput, SessionInput, SlotInput};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::venue::Chair;
use crate::venues::model::Venue;

/// The venue's days and zone.
pub fn days(venue: &Venue) -> Days {
    let r = draft::venue_ref(venue);
    Days {
        tz: crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::UTC),
        first: r.starts_on,
        last: r.ends_on,
    }
}

fn stale() -> AppError {
    AppError::Conflict("programme.stale".into())
}

/// Adds a room.
pub fn add_room(conn: &mut AnyConnection, ch: &Chair, input: &RoomInput, now: NaiveDateTime) -> AppResult<i64> {
    let spec = validate::room(input)?;
    let id = store::insert_room(conn, ch.venue.id, &spec, now)?;
    store::bump(conn, ch.venue.id, now)?;
    Ok(id)
}

/// Changes a room.
pub fn update_room(conn: &mut AnyConnection, ch: &Chair, id: i64, input: &RoomInput, now: NaiveDateTime) -> AppResult<()> {
    store::room(conn, ch.venue.id, id)?;
    let spec = validate::room(input)?;
    store::update_room(conn, id, &spec, now)?;
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

/// Removes a room; its sessions stay without a room.
pub fn delete_room(conn: &mut AnyConnection, ch: &Chair, id: i64, now: NaiveDateTime) -> AppResult<()> {
    store::room(conn, ch.venue.id, id)?;
    store::delete_room(conn, id)?;
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

fn check_refs(conn: &mut AnyConnection, venue_id: i64, room: Option<i64>, track: Option<i64>) -> AppResult<()> {
    if let Some(r) = room
        && store::room(conn, venue_id, r).is_err()
    {
        return Err(AppError::field("room_id", "programme.room_unknown"));
    }
    if let Some(t) = track
        && !crate::venues::store::tracks_of(conn, &[venue_id])?.iter().any(|x| x.id == t)
    {
        return Err(AppError::field("track_id", "programme.track_unknown"));
    }
    Ok(())
}

/// Adds a session.
pub fn add_session(conn: &mut AnyConnection, ch: &Chair, input: &SessionInput, now: NaiveDateTime) -> AppResult<i64> {
    let spec = validate::session(input, &days(&ch.venue))?;
    check_refs(conn, ch.venue.id, spec.room_id, spec.track_id)?;
    let id = store::insert_session(conn, ch.venue.id, &spec, now)?;
    store::bump(conn, ch.venue.id, now)?;
    Ok(id)
}

/// Changes a session made at `input.version`; refused (409) when it changed since.
pub fn update_session(conn: &mut AnyConnection, ch: &Chair, id: i64, input: &SessionInput, now: NaiveDateTime) -> AppResult<()> {
    let current = store::session(conn, ch.venue.id, id)?;
    let spec = validate::session(input, &days(&ch.venue))?;
    check_refs(conn, ch.venue.id, spec.room_id, spec.track_id)?;
    let version = spec
        .version
        .ok_or_else(|| AppError::field("version", "programme.version_required"))?;
    if !spec.kind.holds_talks() && !store::slot_ids_in(conn, id)?.is_empty() && current.kind.holds_talks() {
        return Err(AppError::field("kind", "programme.kind_holds_no_talks"));
    }
    if !store::update_session(conn, id, version, &spec, now)? {
        return Err(stale());
    }
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

/// Moves a session's end to `end` (`HH:MM`, the same day, after its start): resizing it on the
/// grid. With `version`, refused when the session changed since.
pub fn resize_session(conn: &mut AnyConnection, ch: &Chair, id: i64, version: Option<i32>, end: &str, now: NaiveDateTime) -> AppResult<()> {
    let s = store::session(conn, ch.venue.id, id)?;
    let days = days(&ch.venue);
    let local = chrono::TimeZone::from_utc_datetime(&days.tz, &s.starts_at);
    let t = chrono::NaiveTime::parse_from_str(end.trim(), "%H:%M").map_err(|_| AppError::field("end", "programme.time_invalid"))?;
    let ends_at = crate::venues::deadline::local_to_utc(&format!("{}T{}", local.date_naive(), t.format("%H:%M")), days.tz)
        .ok_or_else(|| AppError::field("end", "programme.time_invalid"))?;
    if ends_at <= s.starts_at {
        return Err(AppError::field("end", "programme.end_before_start"));
    }
    if !store::set_session_end(conn, id, version.unwrap_or(s.version), ends_at, now)? {
        return Err(stale());
    }
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

/// Removes a session; its talks become unscheduled.
pub fn delete_session(conn: &mut AnyConnection, ch: &Chair, id: i64, now: NaiveDateTime) -> AppResult<()> {
    store::session(conn, ch.venue.id, id)?;
    store::delete_session(conn, id)?;
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

/// Puts slot `id` at `position` of `session` (or out of every session), renumbering both.
fn place(
    conn: &mut AnyConnection,
    venue_id: i64,
    id: i64,
    session: Option<i64>,
    position: Option<i32>,
    duration: Option<i32>,
    now: NaiveDateTime,
) -> AppResult<()> {
    let slot = store::slot(conn, venue_id, id)?;
    if let Some(sid) = session {
        let target = store::session(conn, venue_id, sid).map_err(|_| AppError::field("session_id", "programme.session_unknown"))?;
        if !target.kind.holds_talks() {
            return Err(AppError::field("session_id", "programme.kind_holds_no_talks"));
        }
    }
    if let Some(old) = slot.session_id.filter(|o| Some(*o) != session) {
        let rest: Vec<i64> = store::slot_ids_in(conn, old)?.into_iter().filter(|x| *x != id).collect();
        for (i, x) in rest.iter().enumerate() {
            store::set_position(conn, *x, i as i32)?;
        }
    }
    match session {
        Some(sid) => {
            let mut order: Vec<i64> = store::slot_ids_in(conn, sid)?.into_iter().filter(|x| *x != id).collect();
            let at = position.map_or(order.len(), |p| (p.max(0) as usize).min(order.len()));
            order.insert(at, id);
            for (i, x) in order.iter().enumerate() {
                if *x != id {
                    store::set_position(conn, *x, i as i32)?;
                }
            }
            store::place_slot(conn, id, Some(sid), at as i32, duration, now)
        }
        None => store::place_slot(conn, id, None, 0, duration, now),
    }
}

/// Adds a slot (a paper's talk, an invited talk, a panel or a free item), placed in a session
/// when one is named.
pub fn add_slot(conn: &mut AnyConnection, ch: &Chair, input: &SlotInput, now: NaiveDateTime) -> AppResult<i64> {
    let spec = validate::slot(input)?;
    let venue = &ch.venue;
    let (submission_id, duration, guid) = match spec.kind {
        SlotKind::Paper => {
            let number = spec.paper.unwrap_or_default();
            let s = crate::submissions::store::by_number(conn, venue.id, number)?
                .ok_or_else(|| AppError::field("paper", "programme.paper_unknown"))?;
            if s.status == crate::submissions::model::WITHDRAWN {
                return Err(AppError::field("paper", "programme.paper_withdrawn"));
            }
            let labels = crate::review::phases::load(conn, venue.id)?.labels();
            let decision = crate::review::decisions::store::get(conn, s.id)?;
            let label = decision.map(|d| crate::review::decisions::service::label_of(&labels, &d.label));
            if !label.as_ref().is_some_and(|l| l.accept) {
                return Err(AppError::field("paper", "programme.paper_not_accepted"));
            }
            if store::slot_of_paper(conn, s.id)?.is_some() {
                return Err(AppError::field("paper", "programme.paper_has_slot"));
            }
            let defaults = store::defaults(conn, venue.id, now)?;
            let (d, _) = draft::default_for(&defaults, label.as_ref().map(|l| l.key.as_str()));
            (Some(s.id), spec.duration_min.unwrap_or(d), draft::paper_guid(&venue.slug, s.id))
        }
        _ => (None, spec.duration_min.unwrap_or(20), store::new_guid()),
    };
    let fields = SlotFields {
        kind: spec.kind,
        submission_id,
        title_zh: &spec.title_zh,
        title_en: &spec.title_en,
        abstract_text: &spec.abstract_text,
        language: &spec.language,
        speakers: &spec.speakers,
        duration_min: duration,
        pinned: spec.pinned,
    };
    let id = store::insert_slot(conn, venue.id, &guid, &fields, now)?;
    if spec.session_id.is_some() {
        place(conn, venue.id, id, spec.session_id, spec.position, None, now)?;
    }
    store::bump(conn, venue.id, now)?;
    Ok(id)
}

/// Changes a slot's contents (titles, speakers, length, pin) made at `input.version`.
pub fn update_slot(conn: &mut AnyConnection, ch: &Chair, id: i64, input: &SlotInput, now: NaiveDateTime) -> AppResult<()> {
    let slot = store::slot(conn, ch.venue.id, id)?;
    let mut input = input.clone();
    if slot.kind == SlotKind::Paper {
        // A paper talk's kind and paper are fixed; its title and speakers come from the paper.
        input.kind = "paper".into();
        input.paper = Some(0);
    }
    let spec = validate::slot(&input)?;
    if spec.kind != slot.kind {
        return Err(AppError::field("kind", "programme.slot_kind_fixed"));
    }
    let version = spec
        .version
        .ok_or_else(|| AppError::field("version", "programme.version_required"))?;
    let fields = SlotFields {
        kind: slot.kind,
        submission_id: slot.submission_id,
        title_zh: &spec.title_zh,
        title_en: &spec.title_en,
        abstract_text: &spec.abstract_text,
        language: &spec.language,
        speakers: &spec.speakers,
        duration_min: spec.duration_min.unwrap_or(slot.duration_min),
        pinned: spec.pinned,
    };
    if !store::update_slot(conn, id, version, &fields, now)? {
        return Err(stale());
    }
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

/// Moves (or resizes) a slot; with `version`, refused when the slot changed since.
pub fn move_slot(conn: &mut AnyConnection, ch: &Chair, id: i64, input: &MoveInput, now: NaiveDateTime) -> AppResult<()> {
    validate::movement(input)?;
    let slot = store::slot(conn, ch.venue.id, id)?;
    if input.version.is_some_and(|v| v != slot.version) {
        return Err(stale());
    }
    place(conn, ch.venue.id, id, input.session_id, input.position, input.duration_min, now)?;
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

/// Removes a slot (a paper's talk goes back to the unscheduled papers).
pub fn delete_slot(conn: &mut AnyConnection, ch: &Chair, id: i64, now: NaiveDateTime) -> AppResult<()> {
    let slot = store::slot(conn, ch.venue.id, id)?;
    if let Some(sid) = slot.session_id {
        let rest: Vec<i64> = store::slot_ids_in(conn, sid)?.into_iter().filter(|x| *x != id).collect();
        for (i, x) in rest.iter().enumerate() {
            store::set_position(conn, *x, i as i32)?;
        }
    }
    store::delete_slot(conn, id)?;
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

/// Sets the slot defaults per accepting decision.
pub fn set_defaults(conn: &mut AnyConnection, ch: &Chair, input: &DefaultsInput, now: NaiveDateTime) -> AppResult<()> {
    let accepting: Vec<String> = crate::review::phases::load(conn, ch.venue.id)?
        .labels()
        .into_iter()
        .filter(|l| l.accept)
        .map(|l| l.key)
        .collect();
    let list = validate::defaults(input, &accepting)?;
    store::set_defaults(conn, ch.venue.id, &list, now)?;
    store::bump(conn, ch.venue.id, now)?;
    Ok(())
}

/// Whether a session of `kind` is one the scheduler fills.
pub fn schedulable_kind(kind: SessionKind) -> bool {
    matches!(kind, SessionKind::PaperSession | SessionKind::PosterSession | SessionKind::Forum)
}
