//! Queries of the programme: rooms, sessions and their people, slots, unavailable times,
//! settings with the draft revision, proposals and releases; and the bulk read of a venue's
//! papers that the draft is built from.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{
    Proposal, ProposalMode, Release, ReleaseMeta, Room, ScheduleStatus, Session, SessionPerson, Settings, Slot, SlotDefault, SlotKind,
    Speaker, Unavailability,
};
use super::validate::{RoomSpec, SessionSpec};
use crate::db::AnyConnection;
use crate::db::schema::{
    decisions, programme_proposals, programme_releases, programme_session_people, programme_sessions, programme_settings, programme_slots,
    rooms, speaker_unavailability, submission_authors, submission_topics, submissions,
};
use crate::error::{AppError, AppResult};
use crate::submissions::model::{Author, Submission};

/// A fresh random GUID.
pub fn new_guid() -> String {
    uuid::Uuid::new_v4().to_string()
}

// ---- settings and the draft revision ----

/// The venue's settings row, made on first use.
pub fn settings(conn: &mut AnyConnection, venue_id: i64, now: NaiveDateTime) -> AppResult<Settings> {
    let found = programme_settings::table
        .find(venue_id)
        .select(Settings::as_select())
        .first(conn)
        .optional()?;
    if let Some(s) = found {
        return Ok(s);
    }
    let defaults = serde_json::to_string(&super::model::standard_defaults()).map_err(|e| AppError::caused("programme defaults", e))?;
    diesel::insert_into(programme_settings::table)
        .values((
            programme_settings::venue_id.eq(venue_id),
            programme_settings::defaults.eq(&defaults),
            programme_settings::revision.eq(0i64),
            programme_settings::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(Settings {
        venue_id,
        defaults,
        revision: 0,
        updated_at: now,
    })
}

/// The slot defaults of a venue.
pub fn defaults(conn: &mut AnyConnection, venue_id: i64, now: NaiveDateTime) -> AppResult<Vec<SlotDefault>> {
    Ok(serde_json::from_str(&settings(conn, venue_id, now)?.defaults).unwrap_or_else(|_| super::model::standard_defaults()))
}

/// Replaces the slot defaults.
pub fn set_defaults(conn: &mut AnyConnection, venue_id: i64, list: &[SlotDefault], now: NaiveDateTime) -> AppResult<()> {
    settings(conn, venue_id, now)?;
    let text = serde_json::to_string(list).map_err(|e| AppError::caused("programme defaults", e))?;
    diesel::update(programme_settings::table.find(venue_id))
        .set((programme_settings::defaults.eq(text), programme_settings::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Counts one more edit of the draft; returns the new revision. Taking the row's write lock
/// here also orders concurrent edits of one venue's programme.
pub fn bump(conn: &mut AnyConnection, venue_id: i64, now: NaiveDateTime) -> AppResult<i64> {
    settings(conn, venue_id, now)?;
    Ok(diesel::update(programme_settings::table.find(venue_id))
        .set((
            programme_settings::revision.eq(programme_settings::revision + 1i64),
            programme_settings::updated_at.eq(now),
        ))
        .returning(programme_settings::revision)
        .get_result(conn)?)
}

// ---- rooms ----

/// A venue's rooms in display order.
pub fn rooms_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Room>> {
    Ok(rooms::table
        .filter(rooms::venue_id.eq(venue_id))
        .order((rooms::position, rooms::id))
        .select(Room::as_select())
        .load(conn)?)
}

/// Room `id` of the venue, or 404.
pub fn room(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Room> {
    rooms::table
        .filter(rooms::venue_id.eq(venue_id).and(rooms::id.eq(id)))
        .select(Room::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Adds a room.
pub fn insert_room(conn: &mut AnyConnection, venue_id: i64, spec: &RoomSpec, now: NaiveDateTime) -> AppResult<i64> {
    let last: Option<i32> = rooms::table
        .filter(rooms::venue_id.eq(venue_id))
        .select(diesel::dsl::max(rooms::position))
        .first(conn)?;
    Ok(diesel::insert_into(rooms::table)
        .values((
            rooms::venue_id.eq(venue_id),
            rooms::guid.eq(new_guid()),
            rooms::position.eq(spec.position.unwrap_or(last.map_or(0, |p| p + 1))),
            rooms::name_zh.eq(&spec.name_zh),
            rooms::name_en.eq(&spec.name_en),
            rooms::capacity.eq(spec.capacity),
            rooms::location.eq(&spec.location),
            rooms::online_url.eq(&spec.online_url),
            rooms::recorded.eq(spec.recorded),
            rooms::streamed.eq(spec.streamed),
            rooms::updated_at.eq(now),
        ))
        .returning(rooms::id)
        .get_result(conn)?)
}

/// Changes a room.
pub fn update_room(conn: &mut AnyConnection, id: i64, spec: &RoomSpec, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(rooms::table.find(id))
        .set((
            rooms::name_zh.eq(&spec.name_zh),
            rooms::name_en.eq(&spec.name_en),
            rooms::capacity.eq(spec.capacity),
            rooms::location.eq(&spec.location),
            rooms::online_url.eq(&spec.online_url),
            rooms::recorded.eq(spec.recorded),
            rooms::streamed.eq(spec.streamed),
            rooms::updated_at.eq(now),
        ))
        .execute(conn)?;
    if let Some(p) = spec.position {
        diesel::update(rooms::table.find(id)).set(rooms::position.eq(p)).execute(conn)?;
    }
    Ok(())
}

/// Removes a room (its sessions stay, without a room).
pub fn delete_room(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::update(programme_sessions::table.filter(programme_sessions::room_id.eq(id)))
        .set(programme_sessions::room_id.eq(None::<i64>))
        .execute(conn)?;
    diesel::delete(rooms::table.find(id)).execute(conn)?;
    Ok(())
}

// ---- sessions ----

/// A venue's sessions by start.
pub fn sessions_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Session>> {
    Ok(programme_sessions::table
        .filter(programme_sessions::venue_id.eq(venue_id))
        .order((programme_sessions::starts_at, programme_sessions::id))
        .select(Session::as_select())
        .load(conn)?)
}

/// Session `id` of the venue, or 404.
pub fn session(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Session> {
    programme_sessions::table
        .filter(programme_sessions::venue_id.eq(venue_id).and(programme_sessions::id.eq(id)))
        .select(Session::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The people of every session of a venue, by session, role and order.
pub fn people_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<SessionPerson>> {
    Ok(programme_session_people::table
        .inner_join(programme_sessions::table)
        .filter(programme_sessions::venue_id.eq(venue_id))
        .order((
            programme_session_people::session_id,
            programme_session_people::role,
            programme_session_people::position,
        ))
        .select(SessionPerson::as_select())
        .load(conn)?)
}

fn write_people(conn: &mut AnyConnection, session_id: i64, spec: &SessionSpec) -> AppResult<()> {
    diesel::delete(programme_session_people::table.filter(programme_session_people::session_id.eq(session_id))).execute(conn)?;
    for (i, (role, p)) in spec.people.iter().enumerate() {
        diesel::insert_into(programme_session_people::table)
            .values((
                programme_session_people::session_id.eq(session_id),
                programme_session_people::role.eq(*role),
                programme_session_people::position.eq(i as i32),
                programme_session_people::name_zh.eq(&p.name_zh),
                programme_session_people::name_latin.eq(&p.name_latin),
                programme_session_people::email.eq(&p.email),
                programme_session_people::affiliation.eq(&p.affiliation),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Adds a session with its people.
pub fn insert_session(conn: &mut AnyConnection, venue_id: i64, spec: &SessionSpec, now: NaiveDateTime) -> AppResult<i64> {
    let id = diesel::insert_into(programme_sessions::table)
        .values((
            programme_sessions::venue_id.eq(venue_id),
            programme_sessions::guid.eq(new_guid()),
            programme_sessions::kind.eq(spec.kind),
            programme_sessions::title_zh.eq(&spec.title_zh),
            programme_sessions::title_en.eq(&spec.title_en),
            programme_sessions::room_id.eq(spec.room_id),
            programme_sessions::track_id.eq(spec.track_id),
            programme_sessions::starts_at.eq(spec.starts_at),
            programme_sessions::ends_at.eq(spec.ends_at),
            programme_sessions::capacity.eq(spec.capacity),
            programme_sessions::version.eq(1),
            programme_sessions::updated_at.eq(now),
        ))
        .returning(programme_sessions::id)
        .get_result(conn)?;
    write_people(conn, id, spec)?;
    Ok(id)
}

/// Changes a session if it is still at `version`; `false` when someone changed it since.
pub fn update_session(conn: &mut AnyConnection, id: i64, version: i32, spec: &SessionSpec, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(programme_sessions::table.filter(programme_sessions::id.eq(id).and(programme_sessions::version.eq(version))))
        .set((
            programme_sessions::kind.eq(spec.kind),
            programme_sessions::title_zh.eq(&spec.title_zh),
            programme_sessions::title_en.eq(&spec.title_en),
            programme_sessions::room_id.eq(spec.room_id),
            programme_sessions::track_id.eq(spec.track_id),
            programme_sessions::starts_at.eq(spec.starts_at),
            programme_sessions::ends_at.eq(spec.ends_at),
            programme_sessions::capacity.eq(spec.capacity),
            programme_sessions::version.eq(version + 1),
            programme_sessions::updated_at.eq(now),
        ))
        .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    write_people(conn, id, spec)?;
    Ok(true)
}

/// Moves a session's end if it is still at `version`; `false` when someone changed it since.
pub fn set_session_end(conn: &mut AnyConnection, id: i64, version: i32, ends_at: NaiveDateTime, now: NaiveDateTime) -> AppResult<bool> {
    Ok(
        diesel::update(programme_sessions::table.filter(programme_sessions::id.eq(id).and(programme_sessions::version.eq(version))))
            .set((
                programme_sessions::ends_at.eq(ends_at),
                programme_sessions::version.eq(version + 1),
                programme_sessions::updated_at.eq(now),
            ))
            .execute(conn)?
            > 0,
    )
}

/// Counts a change of a session's slots as a change of the session.
pub fn touch_session(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(programme_sessions::table.find(id))
        .set((
            programme_sessions::version.eq(programme_sessions::version + 1),
            programme_sessions::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Removes a session; its slots become unscheduled.
pub fn delete_session(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::update(programme_slots::table.filter(programme_slots::session_id.eq(id)))
        .set(programme_slots::session_id.eq(None::<i64>))
        .execute(conn)?;
    diesel::delete(programme_sessions::table.find(id)).execute(conn)?;
    Ok(())
}

// ---- slots ----

/// Every slot of a venue, by session and position.
pub fn slots_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Slot>> {
    Ok(programme_slots::table
        .filter(programme_slots::venue_id.eq(venue_id))
        .order((programme_slots::session_id, programme_slots::position, programme_slots::id))
        .select(Slot::as_select())
        .load(conn)?)
}

/// Slot `id` of the venue, or 404.
pub fn slot(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Slot> {
    programme_slots::table
        .filter(programme_slots::venue_id.eq(venue_id).and(programme_slots::id.eq(id)))
        .select(Slot::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The slot of a paper, if it has one.
pub fn slot_of_paper(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Option<Slot>> {
    Ok(programme_slots::table
        .filter(programme_slots::submission_id.eq(submission_id))
        .select(Slot::as_select())
        .first(conn)
        .optional()?)
}

/// What a new or changed slot holds.
pub struct SlotFields<'a> {
    /// Kind.
    pub kind: SlotKind,
    /// Paper.
    pub submission_id: Option<i64>,
    /// Chinese title.
    pub title_zh: &'a str,
    /// English title.
    pub title_en: &'a str,
    /// Abstract.
    pub abstract_text: &'a str,
    /// Language.
    pub language: &'a str,
    /// Speakers.
    pub speakers: &'a [Speaker],
    /// Minutes.
    pub duration_min: i32,
    /// Pinned.
    pub pinned: bool,
}

fn speakers_json(list: &[Speaker]) -> AppResult<String> {
    serde_json::to_string(list).map_err(|e| AppError::caused("slot speakers", e))
}

/// Adds an unscheduled slot.
pub fn insert_slot(conn: &mut AnyConnection, venue_id: i64, guid: &str, f: &SlotFields, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(programme_slots::table)
        .values((
            programme_slots::venue_id.eq(venue_id),
            programme_slots::guid.eq(guid),
            programme_slots::session_id.eq(None::<i64>),
            programme_slots::position.eq(0),
            programme_slots::kind.eq(f.kind),
            programme_slots::submission_id.eq(f.submission_id),
            programme_slots::title_zh.eq(f.title_zh),
            programme_slots::title_en.eq(f.title_en),
            programme_slots::abstract_text.eq(f.abstract_text),
            programme_slots::language.eq(f.language),
            programme_slots::speakers.eq(speakers_json(f.speakers)?),
            programme_slots::duration_min.eq(f.duration_min),
            programme_slots::pinned.eq(f.pinned),
            programme_slots::version.eq(1),
            programme_slots::updated_at.eq(now),
        ))
        .returning(programme_slots::id)
        .get_result(conn)?)
}

/// Changes a slot's contents if it is still at `version`; `false` when someone changed it.
pub fn update_slot(conn: &mut AnyConnection, id: i64, version: i32, f: &SlotFields, now: NaiveDateTime) -> AppResult<bool> {
    Ok(
        diesel::update(programme_slots::table.filter(programme_slots::id.eq(id).and(programme_slots::version.eq(version))))
            .set((
                programme_slots::title_zh.eq(f.title_zh),
                programme_slots::title_en.eq(f.title_en),
                programme_slots::abstract_text.eq(f.abstract_text),
                programme_slots::language.eq(f.language),
                programme_slots::speakers.eq(speakers_json(f.speakers)?),
                programme_slots::duration_min.eq(f.duration_min),
                programme_slots::pinned.eq(f.pinned),
                programme_slots::version.eq(version + 1),
                programme_slots::updated_at.eq(now),
            ))
            .execute(conn)?
            > 0,
    )
}

/// Places a slot (or takes it out of every session), with a new length if given.
pub fn place_slot(
    conn: &mut AnyConnection,
    id: i64,
    session_id: Option<i64>,
    position: i32,
    duration_min: Option<i32>,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(programme_slots::table.find(id))
        .set((
            programme_slots::session_id.eq(session_id),
            programme_slots::position.eq(position),
            programme_slots::version.eq(programme_slots::version + 1),
            programme_slots::updated_at.eq(now),
        ))
        .execute(conn)?;
    if let Some(d) = duration_min {
        diesel::update(programme_slots::table.find(id))
            .set(programme_slots::duration_min.eq(d))
            .execute(conn)?;
    }
    Ok(())
}

/// Sets a slot's position without counting it as an edit of the slot (renumbering).
pub fn set_position(conn: &mut AnyConnection, id: i64, position: i32) -> AppResult<()> {
    diesel::update(programme_slots::table.find(id))
        .set(programme_slots::position.eq(position))
        .execute(conn)?;
    Ok(())
}

/// The ids of a session's slots in order.
pub fn slot_ids_in(conn: &mut AnyConnection, session_id: i64) -> AppResult<Vec<i64>> {
    Ok(programme_slots::table
        .filter(programme_slots::session_id.eq(session_id))
        .order((programme_slots::position, programme_slots::id))
        .select(programme_slots::id)
        .load(conn)?)
}

/// Removes a slot.
pub fn delete_slot(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::delete(programme_slots::table.find(id)).execute(conn)?;
    Ok(())
}

// ---- unavailability ----

/// Every unavailable time entered for a venue.
pub fn unavailability_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Unavailability>> {
    Ok(speaker_unavailability::table
        .filter(speaker_unavailability::venue_id.eq(venue_id))
        .order((speaker_unavailability::starts_at, speaker_unavailability::id))
        .select(Unavailability::as_select())
        .load(conn)?)
}

/// The unavailable times of one address at a venue.
pub fn unavailability_for(conn: &mut AnyConnection, venue_id: i64, email: &str) -> AppResult<Vec<Unavailability>> {
    Ok(speaker_unavailability::table
        .filter(
            speaker_unavailability::venue_id
                .eq(venue_id)
                .and(speaker_unavailability::email.eq(email)),
        )
        .order((speaker_unavailability::starts_at, speaker_unavailability::id))
        .select(Unavailability::as_select())
        .load(conn)?)
}

/// Records an unavailable time.
pub fn insert_unavailability(
    conn: &mut AnyConnection,
    venue_id: i64,
    email: &str,
    user_id: i64,
    span: (NaiveDateTime, NaiveDateTime),
    note: &str,
    now: NaiveDateTime,
) -> AppResult<i64> {
    Ok(diesel::insert_into(speaker_unavailability::table)
        .values((
            speaker_unavailability::venue_id.eq(venue_id),
            speaker_unavailability::email.eq(email),
            speaker_unavailability::user_id.eq(user_id),
            speaker_unavailability::starts_at.eq(span.0),
            speaker_unavailability::ends_at.eq(span.1),
            speaker_unavailability::note.eq(note),
            speaker_unavailability::created_at.eq(now),
        ))
        .returning(speaker_unavailability::id)
        .get_result(conn)?)
}

/// Removes one of `email`'s unavailable times; `false` if it is not theirs.
pub fn delete_unavailability(conn: &mut AnyConnection, venue_id: i64, email: &str, id: i64) -> AppResult<bool> {
    Ok(diesel::delete(
        speaker_unavailability::table.filter(
            speaker_unavailability::id
                .eq(id)
                .and(speaker_unavailability::venue_id.eq(venue_id))
                .and(speaker_unavailability::email.eq(email)),
        ),
    )
    .execute(conn)?
        > 0)
}

// ---- papers the draft is built from ----

/// A paper, its decision label and when its authors were told.
pub type DecidedPaper = (Submission, Option<String>, Option<NaiveDateTime>);

/// A venue's papers that have a decision or a slot, with their decision label (if any).
pub fn papers(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<DecidedPaper>> {
    type Row = (Submission, Option<(String, Option<NaiveDateTime>)>);
    let rows: Vec<Row> = submissions::table
        .left_join(decisions::table.on(decisions::submission_id.eq(submissions::id)))
        .filter(submissions::venue_id.eq(venue_id))
        .filter(
            decisions::label.is_not_null().or(submissions::id.eq_any(
                programme_slots::table
                    .filter(programme_slots::venue_id.eq(venue_id))
                    .select(programme_slots::submission_id.assume_not_null()),
            )),
        )
        .order(submissions::number)
        .select((Submission::as_select(), (decisions::label, decisions::notified_at).nullable()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(s, d)| (s, d.as_ref().map(|d| d.0.clone()), d.and_then(|d| d.1)))
        .collect())
}

/// The authors of the given papers, by paper and position.
pub fn authors_of(conn: &mut AnyConnection, ids: &[i64]) -> AppResult<Vec<Author>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            submission_authors::table
                .filter(submission_authors::submission_id.eq_any(chunk))
                .order((submission_authors::submission_id, submission_authors::position))
                .select(Author::as_select())
                .load::<Author>(conn)?,
        );
    }
    Ok(out)
}

/// The topics of the given papers as (paper, topic) pairs.
pub fn topics_of(conn: &mut AnyConnection, ids: &[i64]) -> AppResult<Vec<(i64, i64)>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            submission_topics::table
                .filter(submission_topics::submission_id.eq_any(chunk))
                .select((submission_topics::submission_id, submission_topics::topic_id))
                .load::<(i64, i64)>(conn)?,
        );
    }
    Ok(out)
}

// ---- proposals ----

/// Queues a proposal.
pub fn insert_proposal(
    conn: &mut AnyConnection,
    venue_id: i64,
    mode: ProposalMode,
    revision: i64,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<i64> {
    Ok(diesel::insert_into(programme_proposals::table)
        .values((
            programme_proposals::venue_id.eq(venue_id),
            programme_proposals::status.eq(ScheduleStatus::Queued),
            programme_proposals::mode.eq(mode),
            programme_proposals::revision.eq(revision),
            programme_proposals::result.eq(""),
            programme_proposals::requested_by.eq(by),
            programme_proposals::requested_at.eq(now),
        ))
        .returning(programme_proposals::id)
        .get_result(conn)?)
}

/// Proposal `id` of the venue, or 404.
pub fn proposal(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Proposal> {
    programme_proposals::table
        .filter(programme_proposals::venue_id.eq(venue_id).and(programme_proposals::id.eq(id)))
        .select(Proposal::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Proposal `id`, whatever its venue (the worker's read).
pub fn proposal_by_id(conn: &mut AnyConnection, id: i64) -> AppResult<Option<Proposal>> {
    Ok(programme_proposals::table
        .find(id)
        .select(Proposal::as_select())
        .first(conn)
        .optional()?)
}

/// The venue's latest proposal.
pub fn latest_proposal(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Proposal>> {
    Ok(programme_proposals::table
        .filter(programme_proposals::venue_id.eq(venue_id))
        .order(programme_proposals::id.desc())
        .select(Proposal::as_select())
        .first(conn)
        .optional()?)
}

/// Records where a proposal stands and its result.
pub fn finish_proposal(conn: &mut AnyConnection, id: i64, status: ScheduleStatus, result: &str, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(programme_proposals::table.find(id))
        .set((
            programme_proposals::status.eq(status),
            programme_proposals::result.eq(result),
            programme_proposals::finished_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets a proposal's status only.
pub fn set_proposal_status(conn: &mut AnyConnection, id: i64, status: ScheduleStatus) -> AppResult<()> {
    diesel::update(programme_proposals::table.find(id))
        .set(programme_proposals::status.eq(status))
        .execute(conn)?;
    Ok(())
}

// ---- releases ----

/// A venue's releases, newest first (without their snapshots' use: callers pick).
pub fn releases_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Release>> {
    Ok(programme_releases::table
        .filter(programme_releases::venue_id.eq(venue_id))
        .order(programme_releases::number.desc())
        .select(Release::as_select())
        .load(conn)?)
}

/// The newest release.
pub fn latest_release(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Release>> {
    Ok(programme_releases::table
        .filter(programme_releases::venue_id.eq(venue_id))
        .order(programme_releases::number.desc())
        .select(Release::as_select())
        .first(conn)
        .optional()?)
}

/// The release called `name`.
pub fn release_named(conn: &mut AnyConnection, venue_id: i64, name: &str) -> AppResult<Option<Release>> {
    Ok(programme_releases::table
        .filter(programme_releases::venue_id.eq(venue_id).and(programme_releases::name.eq(name)))
        .select(Release::as_select())
        .first(conn)
        .optional()?)
}

/// What a new release holds.
pub struct NewRelease<'a> {
    /// Its number.
    pub number: i32,
    /// Its name.
    pub name: &'a str,
    /// Comment, Chinese.
    pub comment_zh: &'a str,
    /// Comment, English.
    pub comment_en: &'a str,
    /// Snapshot JSON.
    pub snapshot: &'a str,
    /// Changelog JSON.
    pub changes: &'a str,
    /// Draft revision.
    pub revision: i64,
}

/// Records a release.
pub fn insert_release(conn: &mut AnyConnection, venue_id: i64, r: &NewRelease, by: i64, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(programme_releases::table)
        .values((
            programme_releases::venue_id.eq(venue_id),
            programme_releases::number.eq(r.number),
            programme_releases::name.eq(r.name),
            programme_releases::comment_zh.eq(r.comment_zh),
            programme_releases::comment_en.eq(r.comment_en),
            programme_releases::snapshot.eq(r.snapshot),
            programme_releases::changes.eq(r.changes),
            programme_releases::revision.eq(r.revision),
            programme_releases::published_by.eq(by),
            programme_releases::published_at.eq(now),
        ))
        .returning(programme_releases::id)
        .get_result(conn)?)
}

/// Whether `email` is named as a speaker, session chair or moderator in the venue's draft.
pub fn named_in_draft(conn: &mut AnyConnection, venue_id: i64, email: &str) -> AppResult<bool> {
    let quoted = format!("%\"email\":\"{}\"%", email.replace(['%', '_', '\\'], ""));
    let in_slots: i64 = programme_slots::table
        .filter(programme_slots::venue_id.eq(venue_id).and(programme_slots::speakers.like(quoted)))
        .count()
        .get_result(conn)?;
    let in_sessions: i64 = programme_session_people::table
        .inner_join(programme_sessions::table)
        .filter(
            programme_sessions::venue_id
                .eq(venue_id)
                .and(programme_session_people::email.eq(email)),
        )
        .count()
        .get_result(conn)?;
    Ok(in_slots + in_sessions > 0)
}

/// Venues with at least one release.
pub fn venues_with_releases(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    Ok(programme_releases::table
        .select(programme_releases::venue_id)
        .distinct()
        .order(programme_releases::venue_id)
        .load(conn)?)
}

/// The newest release's metadata.
pub fn latest_release_meta(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<ReleaseMeta>> {
    Ok(programme_releases::table
        .filter(programme_releases::venue_id.eq(venue_id))
        .order(programme_releases::number.desc())
        .select(ReleaseMeta::as_select())
        .first(conn)
        .optional()?)
}

/// The metadata of the release called `name`.
pub fn release_meta_named(conn: &mut AnyConnection, venue_id: i64, name: &str) -> AppResult<Option<ReleaseMeta>> {
    Ok(programme_releases::table
        .filter(programme_releases::venue_id.eq(venue_id).and(programme_releases::name.eq(name)))
        .select(ReleaseMeta::as_select())
        .first(conn)
        .optional()?)
}

/// A release's snapshot text.
pub fn snapshot_text(conn: &mut AnyConnection, id: i64) -> AppResult<String> {
    Ok(programme_releases::table
        .find(id)
        .select(programme_releases::snapshot)
        .first(conn)?)
}

/// A venue's releases' metadata, newest first.
pub fn release_metas_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<ReleaseMeta>> {
    Ok(programme_releases::table
        .filter(programme_releases::venue_id.eq(venue_id))
        .order(programme_releases::number.desc())
        .select(ReleaseMeta::as_select())
        .load(conn)?)
}

/// A release's changelog text.
pub fn changes_text(conn: &mut AnyConnection, id: i64) -> AppResult<String> {
    Ok(programme_releases::table.find(id).select(programme_releases::changes).first(conn)?)
}
