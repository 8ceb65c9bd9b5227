//! Venue, track, topic and call queries.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::model::{Call, Question, Topic, Track, Venue};
use super::validate::{CallSpec, TrackInput, VenueSpec};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::db::schema::{call_questions, calls, submissions, tracks, venue_topics, venues};
use crate::error::{AppError, AppResult};

/// The venue columns an organiser edits: written on create and on every save.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = venues, treat_none_as_null = true)]
struct VenueFields<'a> {
    kind: &'a str,
    title_zh: &'a str,
    title_en: &'a str,
    description_zh: &'a str,
    description_en: &'a str,
    starts_on: Option<chrono::NaiveDate>,
    ends_on: Option<chrono::NaiveDate>,
    place: &'a str,
    online_url: &'a str,
    timezone: &'a str,
    age_limit: Option<i32>,
}

impl<'a> VenueFields<'a> {
    fn of(spec: &'a VenueSpec) -> Self {
        let v = &spec.input.details;
        VenueFields {
            kind: &v.kind,
            title_zh: &v.title_zh,
            title_en: &v.title_en,
            description_zh: &v.description_zh,
            description_en: &v.description_en,
            starts_on: spec.starts_on,
            ends_on: spec.ends_on,
            place: &v.place,
            online_url: &v.online_url,
            timezone: &v.timezone,
            age_limit: spec.input.age_limit,
        }
    }
}

/// A track's editable columns.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = tracks, treat_none_as_null = true)]
struct TrackFields<'a> {
    kind: &'a str,
    name_zh: &'a str,
    name_en: &'a str,
    age_limit: Option<i32>,
}

impl<'a> TrackFields<'a> {
    fn of(t: &'a TrackInput) -> Self {
        TrackFields {
            kind: &t.kind,
            name_zh: &t.name_zh,
            name_en: &t.name_en,
            age_limit: t.age_limit,
        }
    }
}

/// All venues, soonest first (undated last).
pub fn list(conn: &mut AnyConnection) -> AppResult<Vec<Venue>> {
    let mut v: Vec<Venue> = venues::table.select(Venue::as_select()).load(conn)?;
    v.sort_by_key(|x| (x.starts_on.is_none(), x.starts_on, x.id));
    Ok(v)
}

/// Marks the venue's call as opened (the venue becomes public).
pub fn open(conn: &mut AnyConnection, venue_id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(venues::table.find(venue_id))
        .set(venues::opened_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

/// A venue by its URL name.
pub fn by_slug(conn: &mut AnyConnection, slug: &str) -> AppResult<Venue> {
    Ok(venues::table.filter(venues::slug.eq(slug)).select(Venue::as_select()).first(conn)?)
}

/// The venues `user_id` chairs, newest first.
pub fn chaired_by(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<Venue>> {
    let ids = crate::db::schema::role_grants::table
        .filter(crate::db::schema::role_grants::user_id.eq(user_id))
        .filter(crate::db::schema::role_grants::role.eq(crate::auth::roles::CHAIR))
        .filter(crate::db::schema::role_grants::scope_kind.eq(crate::auth::roles::SCOPE_VENUE))
        .select(crate::db::schema::role_grants::scope_id);
    Ok(venues::table
        .filter(venues::id.eq_any(ids))
        .order(venues::id.desc())
        .select(Venue::as_select())
        .load(conn)?)
}

/// A venue by id.
pub fn by_id(conn: &mut AnyConnection, id: i64) -> AppResult<Venue> {
    Ok(venues::table.find(id).select(Venue::as_select()).first(conn)?)
}

/// A venue's track by URL name (404 when the venue has no such track).
pub fn track_by_slug(conn: &mut AnyConnection, venue_id: i64, slug: &str) -> AppResult<Track> {
    Ok(tracks::table
        .filter(tracks::venue_id.eq(venue_id))
        .filter(tracks::slug.eq(slug))
        .select(Track::as_select())
        .first(conn)?)
}

/// Resolves an optional `?track=` parameter to the track's id.
pub fn track_id_param(conn: &mut AnyConnection, venue_id: i64, slug: Option<&str>) -> AppResult<Option<i64>> {
    match slug.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Ok(Some(track_by_slug(conn, venue_id, s)?.id)),
        None => Ok(None),
    }
}

/// Tracks of the given venues.
pub fn tracks_of(conn: &mut AnyConnection, venue_ids: &[i64]) -> AppResult<Vec<Track>> {
    Ok(tracks::table
        .filter(tracks::venue_id.eq_any(venue_ids))
        .order((tracks::venue_id, tracks::id))
        .select(Track::as_select())
        .load(conn)?)
}

/// Topics of a venue, in order.
pub fn topics_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Topic>> {
    Ok(venue_topics::table
        .filter(venue_topics::venue_id.eq(venue_id))
        .order((venue_topics::position, venue_topics::id))
        .select(Topic::as_select())
        .load(conn)?)
}

/// The venue's topic named so (in either language), added at the end of its list when it has
/// none yet; answers its id.
pub fn add_topic(conn: &mut AnyConnection, venue_id: i64, name_zh: &str, name_en: &str) -> AppResult<i64> {
    let existing = topics_of(conn, venue_id)?;
    let same = |a: &str, b: &str| !a.is_empty() && a.to_lowercase() == b.to_lowercase();
    if let Some(t) = existing.iter().find(|t| same(name_zh, &t.name_zh) || same(name_en, &t.name_en)) {
        return Ok(t.id);
    }
    let position = existing.iter().map(|t| t.position + 1).max().unwrap_or(0);
    Ok(diesel::insert_into(venue_topics::table)
        .values((
            venue_topics::venue_id.eq(venue_id),
            venue_topics::position.eq(position),
            venue_topics::name_zh.eq(name_zh),
            venue_topics::name_en.eq(name_en),
        ))
        .returning(venue_topics::id)
        .get_result(conn)?)
}

/// Creates a venue with its tracks and topics; `chair_id` becomes its first chair.
pub fn create(conn: &mut AnyConnection, spec: &VenueSpec, chair_id: i64) -> AppResult<Venue> {
    create_for(conn, spec, chair_id, None)
}

/// Creates a venue run by a learned society (the demo's); see [`create`].
pub fn create_for(conn: &mut AnyConnection, spec: &VenueSpec, chair_id: i64, society_id: Option<i64>) -> AppResult<Venue> {
    let taken: i64 = venues::table.filter(venues::slug.eq(spec.slug.as_str())).count().get_result(conn)?;
    if taken > 0 {
        return Err(AppError::field("slug", "validation.slug_taken"));
    }
    let previous = previous_edition(conn, None, spec)?;
    let id: i64 = diesel::insert_into(venues::table)
        .values((
            venues::slug.eq(spec.slug.as_str()),
            VenueFields::of(spec),
            venues::previous_venue_id.eq(previous),
            venues::society_id.eq(society_id),
            venues::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(venues::id)
        .get_result(conn)?;
    replace_tracks_and_topics(conn, id, spec)?;
    roles::grant(conn, chair_id, roles::CHAIR, roles::SCOPE_VENUE, id)?;
    by_id(conn, id)
}

/// Saves edited venue fields, tracks and topics (the URL name stays).
pub fn update(conn: &mut AnyConnection, venue_id: i64, spec: &VenueSpec) -> AppResult<Venue> {
    // The venue's year is part of every paper's index entry.
    crate::jobs::changes::venue(conn, venue_id)?;
    let previous = previous_edition(conn, Some(venue_id), spec)?;
    diesel::update(venues::table.find(venue_id))
        .set((VenueFields::of(spec), venues::previous_venue_id.eq(previous)))
        .execute(conn)?;
    replace_tracks_and_topics(conn, venue_id, spec)?;
    by_id(conn, venue_id)
}

/// The edition named as the one before `venue_id` (`None` while creating): an open venue of
/// the same kind that starts earlier, and not one that (through its own predecessors) comes
/// after this venue. A draft or unknown URL name is refused alike, revealing nothing.
fn previous_edition(conn: &mut AnyConnection, venue_id: Option<i64>, spec: &VenueSpec) -> AppResult<Option<i64>> {
    let name = spec.input.previous_edition.as_str();
    if name.is_empty() {
        return Ok(None);
    }
    let refuse = |key: &str| AppError::field("previous_edition", key);
    let p = by_slug(conn, name).map_err(|_| refuse("venues.previous_unknown"))?;
    if p.opened_at.is_none() || Some(p.id) == venue_id || p.slug == spec.slug.as_str() {
        return Err(refuse("venues.previous_unknown"));
    }
    if p.kind.as_str() != spec.input.details.kind {
        return Err(refuse("venues.previous_other_kind"));
    }
    if let (Some(before), Some(this)) = (p.starts_on, spec.starts_on)
        && before >= this
    {
        return Err(refuse("venues.previous_not_earlier"));
    }
    // Walking back from the named edition must not reach this venue (no loop of editions).
    let mut at = p.previous_venue_id;
    let mut steps = 0;
    while let Some(id) = at {
        if Some(id) == venue_id || steps > 200 {
            return Err(refuse("venues.previous_loop"));
        }
        at = by_id(conn, id)?.previous_venue_id;
        steps += 1;
    }
    Ok(Some(p.id))
}

/// How many editions come before `venue_id` in its series (following each edition's link).
pub fn earlier_editions(conn: &mut AnyConnection, venue_id: i64) -> AppResult<usize> {
    let mut n = 0;
    let mut at = by_id(conn, venue_id)?.previous_venue_id;
    while let Some(id) = at {
        n += 1;
        if n > 200 {
            break;
        }
        at = by_id(conn, id)?.previous_venue_id;
    }
    Ok(n)
}

/// Every edition of a venue's series, oldest first: its predecessors (by each edition's link)
/// and the editions that name it, or a later one, as their previous edition.
pub fn series(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Venue>> {
    let mut out = vec![by_id(conn, venue_id)?];
    while let Some(id) = out[0].previous_venue_id {
        if out.len() > 200 || out.iter().any(|v| v.id == id) {
            break;
        }
        out.insert(0, by_id(conn, id)?);
    }
    loop {
        let last = out[out.len() - 1].id;
        let next: Option<Venue> = venues::table
            .filter(venues::previous_venue_id.eq(last))
            .order(venues::id)
            .select(Venue::as_select())
            .first(conn)
            .optional()?;
        match next {
            Some(v) if out.len() <= 200 && !out.iter().any(|o| o.id == v.id) => out.push(v),
            _ => break,
        }
    }
    Ok(out)
}

/// Tracks and topics are matched by slug / position so that existing ids (which submissions
/// refer to) survive an edit; removed ones are deleted.
fn replace_tracks_and_topics(conn: &mut AnyConnection, venue_id: i64, spec: &VenueSpec) -> AppResult<()> {
    let now = Utc::now().naive_utc();
    let existing = tracks_of(conn, &[venue_id])?;
    for t in &spec.input.tracks {
        match existing.iter().find(|e| e.slug == t.slug) {
            Some(e) => {
                diesel::update(tracks::table.find(e.id)).set(TrackFields::of(t)).execute(conn)?;
            }
            None => {
                diesel::insert_into(tracks::table)
                    .values((
                        tracks::venue_id.eq(venue_id),
                        tracks::slug.eq(&t.slug),
                        TrackFields::of(t),
                        tracks::created_at.eq(now),
                    ))
                    .execute(conn)?;
            }
        }
    }
    for e in existing.iter().filter(|e| !spec.input.tracks.iter().any(|t| t.slug == e.slug)) {
        // Papers keep their track: a track with submissions cannot be removed.
        let used: i64 = submissions::table.filter(submissions::track_id.eq(e.id)).count().get_result(conn)?;
        if used > 0 {
            return Err(AppError::field("tracks", "validation.track_has_submissions"));
        }
        diesel::delete(tracks::table.find(e.id)).execute(conn)?;
    }
    let topics = topics_of(conn, venue_id)?;
    for (i, t) in spec.input.topics.iter().enumerate() {
        match topics.get(i) {
            Some(e) => {
                diesel::update(venue_topics::table.find(e.id))
                    .set((venue_topics::name_zh.eq(&t.name_zh), venue_topics::name_en.eq(&t.name_en)))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(venue_topics::table)
                    .values((
                        venue_topics::venue_id.eq(venue_id),
                        venue_topics::position.eq(i as i32),
                        venue_topics::name_zh.eq(&t.name_zh),
                        venue_topics::name_en.eq(&t.name_en),
                    ))
                    .execute(conn)?;
            }
        }
    }
    for e in topics.iter().skip(spec.input.topics.len()) {
        diesel::delete(venue_topics::table.find(e.id)).execute(conn)?;
    }
    Ok(())
}

/// The anonymity rule of a call (`double_blind`, `single_blind` or `open`).
pub fn call_anonymity(conn: &mut AnyConnection, call_id: i64) -> AppResult<String> {
    Ok(calls::table.find(call_id).select(calls::anonymity).first(conn)?)
}

/// The venue-wide call, if one is set.
pub fn call_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Call>> {
    call_for(conn, venue_id, None)
}

/// The call set for exactly this track (`None`: the venue-wide call).
pub fn call_for(conn: &mut AnyConnection, venue_id: i64, track_id: Option<i64>) -> AppResult<Option<Call>> {
    let q = calls::table.filter(calls::venue_id.eq(venue_id)).select(Call::as_select());
    Ok(match track_id {
        Some(t) => q.filter(calls::track_id.eq(t)).first(conn).optional()?,
        None => q.filter(calls::track_id.is_null()).first(conn).optional()?,
    })
}

/// The call that governs submissions to a track: its own call, else the venue-wide one.
pub fn effective_call(conn: &mut AnyConnection, venue_id: i64, track_id: Option<i64>) -> AppResult<Option<Call>> {
    if let Some(t) = track_id
        && let Some(c) = call_for(conn, venue_id, Some(t))?
    {
        return Ok(Some(c));
    }
    call_for(conn, venue_id, None)
}

/// Every call of a venue: the venue-wide one first, then the tracks' own.
pub fn calls_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Call>> {
    let mut all: Vec<Call> = calls::table
        .filter(calls::venue_id.eq(venue_id))
        .order(calls::id)
        .select(Call::as_select())
        .load(conn)?;
    all.sort_by_key(|c| c.track_id.is_some());
    Ok(all)
}

/// A call by id.
pub fn call_by_id(conn: &mut AnyConnection, id: i64) -> AppResult<Call> {
    Ok(calls::table.find(id).select(Call::as_select()).first(conn)?)
}

/// Removes a track's own call, so that the venue-wide call governs the track again; a call
/// that papers were submitted under stays.
pub fn delete_track_call(conn: &mut AnyConnection, venue_id: i64, track_id: i64) -> AppResult<()> {
    let call = call_for(conn, venue_id, Some(track_id))?.ok_or(AppError::NotFound)?;
    let used: i64 = submissions::table
        .filter(submissions::call_id.eq(call.id))
        .count()
        .get_result(conn)?;
    if used > 0 {
        return Err(AppError::Conflict("venues.call_has_submissions".into()));
    }
    diesel::delete(calls::table.find(call.id)).execute(conn)?;
    Ok(())
}

/// Questions of a call, in order.
pub fn questions_of(conn: &mut AnyConnection, call_id: i64) -> AppResult<Vec<Question>> {
    Ok(call_questions::table
        .filter(call_questions::call_id.eq(call_id))
        .order(call_questions::position)
        .select(Question::as_select())
        .load(conn)?)
}

/// Creates or replaces the call of a venue (`track_id` `None`) or of one of its tracks, with
/// its questions.
pub fn save_call(conn: &mut AnyConnection, venue_id: i64, track_id: Option<i64>, spec: &CallSpec) -> AppResult<Call> {
    // The call's anonymity decides whether authors are searchable.
    crate::jobs::changes::venue(conn, venue_id)?;
    let now = Utc::now().naive_utc();
    let id = match call_for(conn, venue_id, track_id)? {
        Some(c) => {
            diesel::update(calls::table.find(c.id))
                .set((
                    calls::abstract_deadline.eq(spec.abstract_deadline),
                    calls::paper_deadline.eq(spec.paper_deadline),
                    calls::grace_minutes.eq(spec.grace_minutes),
                    calls::page_limit.eq(spec.page_limit),
                    calls::max_file_mb.eq(spec.max_file_mb),
                    calls::supp_max_mb.eq(spec.supp_max_mb),
                    calls::anonymity.eq(&spec.anonymity),
                    calls::only_corresponding_edits.eq(spec.only_corresponding_edits),
                    calls::updated_at.eq(now),
                ))
                .execute(conn)?;
            c.id
        }
        None => diesel::insert_into(calls::table)
            .values((
                calls::venue_id.eq(venue_id),
                calls::track_id.eq(track_id),
                calls::abstract_deadline.eq(spec.abstract_deadline),
                calls::paper_deadline.eq(spec.paper_deadline),
                calls::grace_minutes.eq(spec.grace_minutes),
                calls::page_limit.eq(spec.page_limit),
                calls::max_file_mb.eq(spec.max_file_mb),
                calls::supp_max_mb.eq(spec.supp_max_mb),
                calls::anonymity.eq(&spec.anonymity),
                calls::only_corresponding_edits.eq(spec.only_corresponding_edits),
                calls::created_at.eq(now),
                calls::updated_at.eq(now),
            ))
            .returning(calls::id)
            .get_result(conn)?,
    };
    diesel::delete(call_questions::table.filter(call_questions::call_id.eq(id))).execute(conn)?;
    for (i, q) in spec.questions.iter().enumerate() {
        diesel::insert_into(call_questions::table)
            .values((
                call_questions::call_id.eq(id),
                call_questions::position.eq(i as i32),
                call_questions::kind.eq(&q.kind),
                call_questions::label_zh.eq(&q.label_zh),
                call_questions::label_en.eq(&q.label_en),
                call_questions::options.eq(serde_json::to_string(&q.options).unwrap_or_else(|_| "[]".into())),
                call_questions::required.eq(q.required),
            ))
            .execute(conn)?;
    }
    Ok(calls::table.find(id).select(Call::as_select()).first(conn)?)
}
