//! One function per minutes action, inside the caller's transaction: the writers' texts and
//! statements, sending for review, resolving change requests, publishing; a speaker's review
//! of their own statements; the public minutes; the chairs' rapporteurs.
//!
//! Rules kept here (see `policy` for the pure ones): a statement's text is stored verbatim;
//! once sent, any change a writer makes to a statement with an account speaker reopens its
//! review and mails the speaker; a writer may not delete a dissent its speaker approved (or let
//! pass by silence): only the speaker withdraws it; published minutes keep their statements,
//! and only their title, introduction and outlook may still be corrected (search is told).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;

use super::mails;
use super::model::{Minutes, MinutesStatus, ReviewState, Statement};
use super::policy;
use super::store::{self, StatementRow};
use super::validate::{
    self, MinutesInput, MinutesRapporteurInput, MinutesResolveInput, MinutesReviewInput, MinutesSendInput, MinutesStatementInput,
    ReviewAction, Speaker,
};
use super::view::{
    MinutesDraft, MinutesOwnReview, MinutesParticipant, MinutesPublic, MinutesRapporteur, MinutesStatementView, public_statements,
};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::salon::Writer;
use crate::venues::model::{Venue, VenueKind};
use crate::web::AppState;

fn tz(venue: &Venue) -> chrono_tz::Tz {
    crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai)
}

/// The people who may be named as speakers: confirmed registrants, lead scientists and chairs.
pub fn participant_ids(conn: &mut AnyConnection, venue_id: i64) -> AppResult<BTreeSet<i64>> {
    let mut ids: BTreeSet<i64> = crate::participation::checkin::store::confirmed_people(conn, venue_id)?
        .into_iter()
        .collect();
    ids.extend(roles::holders(conn, roles::LEAD_SCIENTIST, roles::SCOPE_VENUE, venue_id)?);
    ids.extend(roles::holders(conn, roles::CHAIR, roles::SCOPE_VENUE, venue_id)?);
    Ok(ids)
}

fn users(conn: &mut AnyConnection, ids: impl IntoIterator<Item = i64>) -> AppResult<BTreeMap<i64, User>> {
    let mut out = BTreeMap::new();
    for id in ids {
        if let Ok(u) = crate::auth::store::by_id(conn, id) {
            out.insert(id, u);
        }
    }
    Ok(out)
}

/// The participants by name.
pub fn participants(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<MinutesParticipant>> {
    let ids = participant_ids(conn, venue_id)?;
    let mut list: Vec<MinutesParticipant> = users(conn, ids)?
        .into_values()
        .map(|u| MinutesParticipant {
            user_id: u.id,
            name: u.display_name(),
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(list)
}

/// The names of the lead scientists.
pub fn lead_scientists(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<String>> {
    let ids = roles::holders(conn, roles::LEAD_SCIENTIST, roles::SCOPE_VENUE, venue_id)?;
    Ok(users(conn, ids)?.into_values().map(|u| u.display_name()).collect())
}

fn speaker_names(conn: &mut AnyConnection, list: &[Statement]) -> AppResult<BTreeMap<i64, String>> {
    let ids: BTreeSet<i64> = list.iter().filter_map(|s| s.speaker_id).collect();
    Ok(users(conn, ids)?.into_iter().map(|(id, u)| (id, u.display_name())).collect())
}

fn name_in(names: &BTreeMap<i64, String>, s: &Statement) -> String {
    s.speaker_id
        .and_then(|id| names.get(&id).cloned())
        .unwrap_or_else(|| s.speaker_name.clone())
}

fn statement_view(
    s: &Statement,
    names: &BTreeMap<i64, String>,
    deadline: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> MinutesStatementView {
    let effective = policy::effective(s.review, deadline, now);
    let open = s.review == ReviewState::ChangesRequested;
    MinutesStatementView {
        id: s.id,
        position: s.position,
        kind: s.kind,
        text_zh: s.text_zh.clone(),
        text_en: s.text_en.clone(),
        speaker_id: s.speaker_id,
        speaker: name_in(names, s),
        attribution: s.attribution,
        review: s.review,
        silent: effective == ReviewState::Silent,
        review_comment: if open { s.review_comment.clone() } else { String::new() },
        proposed_zh: if open { s.proposed_zh.clone() } else { String::new() },
        proposed_en: if open { s.proposed_en.clone() } else { String::new() },
        writer_reply: if s.review == ReviewState::Pending {
            s.writer_reply.clone()
        } else {
            String::new()
        },
        reviewed_at: s.reviewed_at,
        deletable: policy::may_delete(s.kind, effective),
    }
}

fn deadline_local(venue: &Venue, m: Option<&Minutes>) -> String {
    m.and_then(|m| m.review_deadline)
        .map(|d| crate::venues::deadline::display(d, tz(venue)))
        .unwrap_or_default()
}

/// The rapporteurs of the salon.
pub fn rapporteurs(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<MinutesRapporteur>> {
    let ids = roles::holders(conn, roles::RAPPORTEUR, roles::SCOPE_VENUE, venue_id)?;
    Ok(users(conn, ids)?
        .into_values()
        .map(|u| MinutesRapporteur {
            user_id: u.id,
            name: u.display_name(),
            email: u.email.clone(),
        })
        .collect())
}

/// The writers' working copy (the salon's titles and nothing else before anything is saved).
pub fn draft(conn: &mut AnyConnection, w: &Writer, now: NaiveDateTime) -> AppResult<MinutesDraft> {
    let venue = &w.venue;
    let m = store::of_venue(conn, venue.id)?;
    let list = match &m {
        Some(m) => store::statements(conn, m.id)?,
        None => Vec::new(),
    };
    let names = speaker_names(conn, &list)?;
    let deadline = m.as_ref().and_then(|m| m.review_deadline);
    let status = m.as_ref().map(|m| m.status).unwrap_or(MinutesStatus::Draft);
    let reviews: Vec<ReviewState> = list.iter().map(|s| s.review).collect();
    let blocker = match &m {
        None => Some("minutes.intro_first"),
        Some(_) => policy::publish_blocker(status, deadline, &reviews, now),
    };
    let (title_zh, title_en, intro_zh, intro_en, outlook_zh, outlook_en) = match &m {
        Some(m) => (
            m.title_zh.clone(),
            m.title_en.clone(),
            m.intro_zh.clone(),
            m.intro_en.clone(),
            m.outlook_zh.clone(),
            m.outlook_en.clone(),
        ),
        None => (
            venue.title_zh.clone(),
            venue.title_en.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ),
    };
    Ok(MinutesDraft {
        venue: venue.slug.clone(),
        status,
        begun: m.is_some(),
        intro_counts: validate::intro_counts(&intro_zh, &intro_en),
        title_zh,
        title_en,
        intro_zh,
        intro_en,
        outlook_zh,
        outlook_en,
        review_deadline: deadline,
        deadline_local: deadline_local(venue, m.as_ref()),
        deadline_passed: deadline.is_some_and(|d| now > d),
        statements: list.iter().map(|s| statement_view(s, &names, deadline, now)).collect(),
        participants: participants(conn, venue.id)?,
        rapporteurs: if w.chair { rapporteurs(conn, venue.id)? } else { Vec::new() },
        publish_blocker: blocker.map(str::to_string),
        chair: w.chair,
    })
}

/// Saves the minutes' title, introduction and outlook (beginning the minutes if need be). An
/// empty title takes the salon's. Published minutes may still be corrected here.
pub fn save(conn: &mut AnyConnection, w: &Writer, input: &MinutesInput, now: NaiveDateTime) -> AppResult<MinutesDraft> {
    let mut spec = validate::minutes(input)?;
    if spec.title_zh.is_empty() && spec.title_en.is_empty() {
        spec.title_zh = w.venue.title_zh.clone();
        spec.title_en = w.venue.title_en.clone();
    }
    match store::of_venue(conn, w.venue.id)? {
        None => {
            store::create(conn, w.venue.id, &spec, now)?;
        }
        Some(m) => {
            store::update_texts(conn, m.id, &spec, now)?;
            if m.status == MinutesStatus::Published {
                crate::jobs::changes::minutes(conn, w.venue.id)?;
            }
        }
    }
    draft(conn, w, now)
}

/// The minutes, begun with the salon's titles if need be, for adding statements first.
fn begun(conn: &mut AnyConnection, venue: &Venue, now: NaiveDateTime) -> AppResult<Minutes> {
    if let Some(m) = store::of_venue(conn, venue.id)? {
        return Ok(m);
    }
    let spec = validate::MinutesSpec {
        title_zh: venue.title_zh.clone(),
        title_en: venue.title_en.clone(),
        intro_zh: String::new(),
        intro_en: String::new(),
        outlook_zh: String::new(),
        outlook_en: String::new(),
    };
    store::create(conn, venue.id, &spec, now)?;
    store::of_venue(conn, venue.id)?.ok_or(AppError::NotFound)
}

fn not_published(m: &Minutes) -> AppResult<()> {
    if m.status == MinutesStatus::Published {
        Err(AppError::Conflict("minutes.published_fixed".into()))
    } else {
        Ok(())
    }
}

/// The speaker's account and stored name; an account must be one of the salon's participants.
fn speaker_of(conn: &mut AnyConnection, venue_id: i64, speaker: &Speaker) -> AppResult<(Option<i64>, String)> {
    match speaker {
        Speaker::Outside(name) => Ok((None, name.clone())),
        Speaker::Account(id) => {
            if !participant_ids(conn, venue_id)?.contains(id) {
                return Err(AppError::field("speaker_id", "minutes.speaker_not_participant"));
            }
            let u = crate::auth::store::by_id(conn, *id)?;
            Ok((Some(u.id), u.display_name()))
        }
    }
}

/// Moves statement `id` to place `position` (1-based, clamped) and numbers them all again.
fn place(conn: &mut AnyConnection, minutes_id: i64, id: i64, position: Option<i32>) -> AppResult<()> {
    let mut ids: Vec<i64> = store::statements(conn, minutes_id)?
        .iter()
        .map(|s| s.id)
        .filter(|x| *x != id)
        .collect();
    let at = match position {
        Some(p) => usize::try_from(p - 1).unwrap_or(0).min(ids.len()),
        None => ids.len(),
    };
    ids.insert(at, id);
    store::reorder(conn, &ids)
}

/// Adds a statement. Once the minutes are in review, its speaker (with an account) is asked
/// to review it at once.
pub fn add_statement(
    conn: &mut AnyConnection,
    state: &AppState,
    w: &Writer,
    input: &MinutesStatementInput,
    now: NaiveDateTime,
) -> AppResult<MinutesDraft> {
    let spec = validate::statement(input)?;
    let m = begun(conn, &w.venue, now)?;
    not_published(&m)?;
    let (speaker_id, speaker_name) = speaker_of(conn, w.venue.id, &spec.speaker)?;
    let row = StatementRow {
        kind: spec.kind,
        text_zh: &spec.text_zh,
        text_en: &spec.text_en,
        speaker_id,
        speaker_name: &speaker_name,
        attribution: spec.attribution,
    };
    let review = if speaker_id.is_some() {
        ReviewState::Pending
    } else {
        ReviewState::NoAccount
    };
    let count = store::statements(conn, m.id)?.len();
    let id = store::insert_statement(conn, m.id, i32::try_from(count + 1).unwrap_or(i32::MAX), &row, review, now)?;
    place(conn, m.id, id, spec.position)?;
    store::touch(conn, m.id, now)?;
    if m.status == MinutesStatus::InReview
        && let Some(sid) = speaker_id
    {
        let u = crate::auth::store::by_id(conn, sid)?;
        mails::review_request(conn, state, &w.venue, &m, &u, 1)?;
    }
    draft(conn, w, now)
}

fn statement_of(conn: &mut AnyConnection, m: &Minutes, id: i64) -> AppResult<Statement> {
    store::statement(conn, m.id, id)?.ok_or(AppError::NotFound)
}

fn minutes_of(conn: &mut AnyConnection, venue: &Venue) -> AppResult<Minutes> {
    store::of_venue(conn, venue.id)?.ok_or(AppError::NotFound)
}

/// Changes a statement. In review, a change of its text, kind, speaker or attribution reopens
/// the speaker's review (approved or not) and mails them; a new speaker is asked afresh.
pub fn update_statement(
    conn: &mut AnyConnection,
    state: &AppState,
    w: &Writer,
    id: i64,
    input: &MinutesStatementInput,
    now: NaiveDateTime,
) -> AppResult<MinutesDraft> {
    let m = minutes_of(conn, &w.venue)?;
    let s = statement_of(conn, &m, id)?;
    not_published(&m)?;
    let spec = validate::statement(input)?;
    let (speaker_id, speaker_name) = speaker_of(conn, w.venue.id, &spec.speaker)?;
    let changed = s.kind != spec.kind
        || s.text_zh != spec.text_zh
        || s.text_en != spec.text_en
        || s.speaker_id != speaker_id
        || (speaker_id.is_none() && s.speaker_name != speaker_name)
        || s.attribution != spec.attribution;
    let review = match speaker_id {
        None => ReviewState::NoAccount,
        Some(_) if m.status == MinutesStatus::Draft || changed || s.review == ReviewState::NoAccount => ReviewState::Pending,
        Some(_) => s.review,
    };
    let row = StatementRow {
        kind: spec.kind,
        text_zh: &spec.text_zh,
        text_en: &spec.text_en,
        speaker_id,
        speaker_name: &speaker_name,
        attribution: spec.attribution,
    };
    store::update_statement(conn, s.id, &row, review, now)?;
    if spec.position.is_some() {
        place(conn, m.id, s.id, spec.position)?;
    }
    store::touch(conn, m.id, now)?;
    if m.status == MinutesStatus::InReview
        && changed
        && let Some(sid) = speaker_id
    {
        let u = crate::auth::store::by_id(conn, sid)?;
        if s.speaker_id == Some(sid) {
            mails::reopened(conn, state, &w.venue, &m, &u, "")?;
        } else {
            mails::review_request(conn, state, &w.venue, &m, &u, 1)?;
        }
    }
    draft(conn, w, now)
}

/// Deletes a statement; a dissent its speaker approved (or let pass by silence) is refused:
/// only its speaker may withdraw it.
pub fn delete_statement(conn: &mut AnyConnection, w: &Writer, id: i64, now: NaiveDateTime) -> AppResult<MinutesDraft> {
    let m = minutes_of(conn, &w.venue)?;
    let s = statement_of(conn, &m, id)?;
    not_published(&m)?;
    if !policy::may_delete(s.kind, policy::effective(s.review, m.review_deadline, now)) {
        return Err(AppError::Conflict("minutes.dissent_kept".into()));
    }
    store::delete_statement(conn, s.id)?;
    let ids: Vec<i64> = store::statements(conn, m.id)?.iter().map(|s| s.id).collect();
    store::reorder(conn, &ids)?;
    store::touch(conn, m.id, now)?;
    draft(conn, w, now)
}

/// Sends the minutes to the speakers with a review deadline: every speaker with an account
/// gets one mail in their language. Sent again while in review, only the deadline moves.
pub fn send(
    conn: &mut AnyConnection,
    state: &AppState,
    w: &Writer,
    input: &MinutesSendInput,
    now: NaiveDateTime,
) -> AppResult<MinutesDraft> {
    let m = store::of_venue(conn, w.venue.id)?.ok_or_else(|| AppError::Conflict("minutes.intro_first".into()))?;
    if m.intro_zh.is_empty() && m.intro_en.is_empty() {
        return Err(AppError::Conflict("minutes.intro_first".into()));
    }
    not_published(&m)?;
    let deadline = validate::deadline(input, tz(&w.venue), now)?;
    store::send(conn, m.id, deadline, now)?;
    super::reminders::schedule(conn, w.venue.id, deadline, now)?;
    if m.status == MinutesStatus::Draft {
        let m = minutes_of(conn, &w.venue)?;
        let mut per_speaker: BTreeMap<i64, usize> = BTreeMap::new();
        for s in store::statements(conn, m.id)? {
            if let Some(sid) = s.speaker_id {
                store::set_review_state(conn, s.id, ReviewState::Pending, now)?;
                *per_speaker.entry(sid).or_default() += 1;
            }
        }
        for (sid, n) in per_speaker {
            let u = crate::auth::store::by_id(conn, sid)?;
            mails::review_request(conn, state, &w.venue, &m, &u, n)?;
        }
    }
    draft(conn, w, now)
}

/// Resolves a change request: `accept` takes the speaker's proposed wording (approved, as it
/// is theirs); otherwise the text stays and the speaker is asked again with the reply.
pub fn resolve(
    conn: &mut AnyConnection,
    state: &AppState,
    w: &Writer,
    id: i64,
    input: &MinutesResolveInput,
    now: NaiveDateTime,
) -> AppResult<MinutesDraft> {
    let m = minutes_of(conn, &w.venue)?;
    let s = statement_of(conn, &m, id)?;
    if s.review != ReviewState::ChangesRequested {
        return Err(AppError::Conflict("minutes.no_change_request".into()));
    }
    let reply = validate::resolve(input)?;
    if input.accept {
        let zh = if s.proposed_zh.is_empty() { &s.text_zh } else { &s.proposed_zh };
        let en = if s.proposed_en.is_empty() { &s.text_en } else { &s.proposed_en };
        store::resolve(conn, s.id, (zh, en), ReviewState::Approved, &reply, now)?;
    } else {
        store::resolve(conn, s.id, (&s.text_zh, &s.text_en), ReviewState::Pending, &reply, now)?;
        if let Some(sid) = s.speaker_id {
            let u = crate::auth::store::by_id(conn, sid)?;
            mails::reopened(conn, state, &w.venue, &m, &u, &reply)?;
        }
    }
    store::touch(conn, m.id, now)?;
    draft(conn, w, now)
}

/// Publishes the minutes (see `policy::publish_blocker`); statements not answered by the
/// deadline are recorded as approved by silence. Search is told.
pub fn publish(conn: &mut AnyConnection, w: &Writer, now: NaiveDateTime) -> AppResult<MinutesDraft> {
    let m = store::of_venue(conn, w.venue.id)?.ok_or_else(|| AppError::Conflict("minutes.intro_first".into()))?;
    if m.intro_zh.is_empty() && m.intro_en.is_empty() {
        return Err(AppError::Conflict("minutes.intro_first".into()));
    }
    let list = store::statements(conn, m.id)?;
    let reviews: Vec<ReviewState> = list.iter().map(|s| s.review).collect();
    if let Some(key) = policy::publish_blocker(m.status, m.review_deadline, &reviews, now) {
        return Err(AppError::Conflict(key.into()));
    }
    for s in &list {
        if policy::effective(s.review, m.review_deadline, now) == ReviewState::Silent && s.review == ReviewState::Pending {
            store::set_review_state(conn, s.id, ReviewState::Silent, now)?;
        }
    }
    store::publish(conn, m.id, now)?;
    crate::jobs::changes::minutes(conn, w.venue.id)?;
    draft(conn, w, now)
}

/// The minutes in review and the reader's own statements in them; 404 unless the minutes are
/// in review and the reader speaks in them.
fn in_review_for(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<(Venue, Minutes, Vec<Statement>)> {
    let venue = crate::guard::salon::salon(conn, slug)?;
    let m = store::of_venue(conn, venue.id)?.ok_or(AppError::NotFound)?;
    if m.status != MinutesStatus::InReview {
        return Err(AppError::NotFound);
    }
    let mine: Vec<Statement> = store::statements(conn, m.id)?
        .into_iter()
        .filter(|s| s.speaker_id == Some(user.id))
        .collect();
    if mine.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok((venue, m, mine))
}

fn own_view(venue: &Venue, m: &Minutes, mine: &[Statement], user: &User, now: NaiveDateTime) -> MinutesOwnReview {
    let names: BTreeMap<i64, String> = [(user.id, user.display_name())].into_iter().collect();
    MinutesOwnReview {
        venue: venue.slug.clone(),
        title_zh: m.title_zh.clone(),
        title_en: m.title_en.clone(),
        intro_zh: m.intro_zh.clone(),
        intro_en: m.intro_en.clone(),
        review_deadline: m.review_deadline,
        deadline_local: deadline_local(venue, Some(m)),
        statements: mine.iter().map(|s| statement_view(s, &names, m.review_deadline, now)).collect(),
    }
}

/// A speaker's own statements in review (nobody else's).
pub fn own_review(conn: &mut AnyConnection, user: &User, slug: &str, now: NaiveDateTime) -> AppResult<MinutesOwnReview> {
    let (venue, m, mine) = in_review_for(conn, user, slug)?;
    Ok(own_view(&venue, &m, &mine, user, now))
}

/// A speaker answers about one of their statements: approve, ask for a change, or withdraw it;
/// and may switch its attribution. Late answers count until the minutes are published.
pub fn answer(
    conn: &mut AnyConnection,
    user: &User,
    slug: &str,
    id: i64,
    input: &MinutesReviewInput,
    now: NaiveDateTime,
) -> AppResult<MinutesOwnReview> {
    let (venue, m, mine) = in_review_for(conn, user, slug)?;
    let s = mine.iter().find(|s| s.id == id).ok_or(AppError::NotFound)?;
    let (action, attribution) = validate::review(input)?;
    if let Some(a) = attribution {
        store::set_attribution(conn, s.id, a, now)?;
    }
    match action {
        ReviewAction::Approve => store::set_review(conn, s.id, ReviewState::Approved, "", ("", ""), now)?,
        ReviewAction::Change {
            comment,
            proposed_zh,
            proposed_en,
        } => store::set_review(
            conn,
            s.id,
            ReviewState::ChangesRequested,
            &comment,
            (&proposed_zh, &proposed_en),
            now,
        )?,
        ReviewAction::Withdraw => {
            store::delete_statement(conn, s.id)?;
            let ids: Vec<i64> = store::statements(conn, m.id)?.iter().map(|s| s.id).collect();
            store::reorder(conn, &ids)?;
        }
    }
    store::touch(conn, m.id, now)?;
    let mine: Vec<Statement> = store::statements(conn, m.id)?
        .into_iter()
        .filter(|s| s.speaker_id == Some(user.id))
        .collect();
    Ok(own_view(&venue, &m, &mine, user, now))
}

/// Published minutes as the public reads them, from their rows.
pub fn public_of(conn: &mut AnyConnection, venue: &Venue, m: &Minutes) -> AppResult<MinutesPublic> {
    let list = store::statements(conn, m.id)?;
    let names = speaker_names(conn, &list)?;
    let (viewpoints, dissents) = public_statements(&list, &|s| name_in(&names, s));
    Ok(MinutesPublic {
        venue: venue.slug.clone(),
        title_zh: m.title_zh.clone(),
        title_en: m.title_en.clone(),
        salon_zh: venue.title_zh.clone(),
        salon_en: venue.title_en.clone(),
        starts_on: venue.starts_on,
        ends_on: venue.ends_on,
        place: venue.place.clone(),
        lead_scientists: lead_scientists(conn, venue.id)?,
        intro_zh: m.intro_zh.clone(),
        intro_en: m.intro_en.clone(),
        viewpoints,
        dissents,
        outlook_zh: m.outlook_zh.clone(),
        outlook_en: m.outlook_en.clone(),
        published_at: m.published_at,
    })
}

/// The published minutes of salon `slug` (404 before publication, for any other kind of venue,
/// and for a venue the reader may not see).
pub fn public(conn: &mut AnyConnection, user: Option<&User>, slug: &str) -> AppResult<MinutesPublic> {
    let venue = crate::guard::venue::visible(conn, user, slug)?;
    if venue.kind != VenueKind::Salon {
        return Err(AppError::NotFound);
    }
    let m = store::of_venue(conn, venue.id)?.ok_or(AppError::NotFound)?;
    if m.status != MinutesStatus::Published {
        return Err(AppError::NotFound);
    }
    public_of(conn, &venue, &m)
}

/// Names a rapporteur by their account's address (chairs) and tells them.
pub fn add_rapporteur(
    conn: &mut AnyConnection,
    state: &AppState,
    w: &Writer,
    input: &MinutesRapporteurInput,
) -> AppResult<Vec<MinutesRapporteur>> {
    if !w.chair {
        return Err(AppError::NotFound);
    }
    let email = validate::rapporteur(input)?;
    crate::venues::role_holders::name(conn, state, &w.venue, &RAPPORTEURS, &email)?;
    rapporteurs(conn, w.venue.id)
}

/// How rapporteurs are named.
const RAPPORTEURS: crate::venues::role_holders::Handout = crate::venues::role_holders::Handout {
    role: roles::RAPPORTEUR,
    no_account: "minutes.no_account",
    mail: "minutes_rapporteur",
    page: "/minutes/edit",
};

/// Takes the rapporteur role away (chairs; 404 when they are not a rapporteur here).
pub fn remove_rapporteur(conn: &mut AnyConnection, w: &Writer, user_id: i64) -> AppResult<Vec<MinutesRapporteur>> {
    if !w.chair {
        return Err(AppError::NotFound);
    }
    crate::venues::role_holders::take_back(conn, roles::RAPPORTEUR, w.venue.id, user_id)?;
    rapporteurs(conn, w.venue.id)
}

/// What the venue page links to: `published` minutes (everyone), the `draft` (writers), or the
/// reader's `review` (speakers while in review); none otherwise and for venues not salons.
pub fn link_for(conn: &mut AnyConnection, user: Option<&User>, venue: &Venue) -> AppResult<Option<&'static str>> {
    if venue.kind != VenueKind::Salon {
        return Ok(None);
    }
    let m = store::of_venue(conn, venue.id)?;
    if m.as_ref().is_some_and(|m| m.status == MinutesStatus::Published) {
        return Ok(Some("published"));
    }
    let Some(u) = user else { return Ok(None) };
    if crate::guard::salon::writes(conn, u, venue)?.is_some() {
        return Ok(Some("draft"));
    }
    if let Some(m) = m
        && m.status == MinutesStatus::InReview
        && store::statements(conn, m.id)?.iter().any(|s| s.speaker_id == Some(u.id))
    {
        return Ok(Some("review"));
    }
    Ok(None)
}
