//! Registration's actions. Each runs in the caller's transaction, checks access there, keeps
//! the form's place counter equal to the registrations holding a place, and mails the person
//! whose registration changed (in their language).
//!
//! Places: `take_place` is one guarded UPDATE of the form's row, so concurrent registrants are
//! decided by the database and no place is given twice. A place freed (cancellation, a lapsed
//! offer, a larger capacity) goes at once to the first person waiting, as an offer with a
//! deadline; the `registration.offer_lapse` job passes it on when the deadline goes by.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::model::{Fee, Form, FormScope, Invitation, InvitationKind, RegStatus, Registration};
use super::store::{self, Move, NewInvitation, Start};
use super::validate::{self, FeeInput, InviteGuestsInput, RegisterContext, RegisterInput, RegistrationFormInput};
use super::{mails, window};
use crate::auth::User;
use crate::auth::tokens::{hash_token, random_hex, random_token};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::venue::Chair;
use crate::web::AppState;

fn tz(ch: &Chair) -> chrono_tz::Tz {
    crate::venues::deadline::parse_tz(&ch.venue.timezone).unwrap_or(chrono_tz::UTC)
}

/// The venue's, track's or session's names, for a form left without a title.
fn default_titles(
    conn: &mut AnyConnection,
    ch: &Chair,
    scope: FormScope,
    track: Option<i64>,
    session: Option<i64>,
) -> AppResult<(String, String)> {
    let v = &ch.venue;
    Ok(match (scope, track, session) {
        (FormScope::Track, Some(t), _) => {
            let t = crate::venues::store::tracks_of(conn, &[v.id])?
                .into_iter()
                .find(|x| x.id == t)
                .ok_or_else(|| AppError::field("track_id", "registration.track_unknown"))?;
            (t.name_zh, t.name_en)
        }
        (FormScope::Session, _, Some(s)) => {
            let s = crate::programme::store::session(conn, v.id, s)
                .map_err(|_| AppError::field("session_id", "registration.session_unknown"))?;
            (s.title_zh, s.title_en)
        }
        _ => (v.title_zh.clone(), v.title_en.clone()),
    })
}

/// Creates a form (`id` none) or changes one; answers its id.
pub fn save_form(
    conn: &mut AnyConnection,
    state: &AppState,
    ch: &Chair,
    id: Option<i64>,
    input: &RegistrationFormInput,
    now: NaiveDateTime,
) -> AppResult<i64> {
    let mut spec = validate::form(input, tz(ch))?;
    // A salon's participants are approved one by one by its lead scientist (the salon rules).
    if ch.venue.kind == crate::venues::model::VenueKind::Salon && !spec.approval {
        return Err(AppError::field("approval", "salon.approval_required"));
    }
    let current = id.map(|id| store::form(conn, ch.venue.id, id)).transpose()?;
    if let Some(f) = &current {
        // The scope is what the form is for; a different one is a different form.
        if !input.scope.trim().is_empty() && spec.scope_key() != f.scope_key {
            return Err(AppError::field("scope", "registration.scope_fixed"));
        }
        (spec.scope, spec.track_id, spec.session_id) = (f.scope, f.track_id, f.session_id);
    }
    let (zh, en) = default_titles(conn, ch, spec.scope, spec.track_id, spec.session_id)?;
    let titles = (
        if spec.title_zh.is_empty() {
            zh.clone()
        } else {
            spec.title_zh.clone()
        },
        if spec.title_en.is_empty() {
            en.clone()
        } else {
            spec.title_en.clone()
        },
    );
    let titles = (titles.0.as_str(), titles.1.as_str());
    let form_id = match &current {
        None => {
            if store::scope_taken(conn, ch.venue.id, &spec.scope_key(), None)? {
                return Err(AppError::field("scope", "registration.scope_taken"));
            }
            store::insert_form(conn, ch.venue.id, &spec, titles, now)?
        }
        Some(f) => {
            let version = input.version.unwrap_or(f.version);
            if !store::update_form(conn, f.id, version, &spec, titles, now)? {
                return Err(AppError::Conflict("registration.stale".into()));
            }
            f.id
        }
    };
    store::save_categories(conn, form_id, &spec.categories)?;
    store::save_questions(conn, form_id, &spec.questions)?;
    // A larger capacity frees places: they go to the waiting list first.
    promote(conn, state, form_id, now)?;
    Ok(form_id)
}

/// Closes a form now.
pub fn close_form(conn: &mut AnyConnection, ch: &Chair, id: i64, now: NaiveDateTime) -> AppResult<()> {
    store::form(conn, ch.venue.id, id)?;
    store::close_form(conn, id, now)
}

/// Deletes a form nobody registered on (one with registrations is closed instead).
pub fn delete_form(conn: &mut AnyConnection, ch: &Chair, id: i64) -> AppResult<()> {
    store::form(conn, ch.venue.id, id)?;
    if store::count_all(conn, id)? > 0 {
        return Err(AppError::Conflict("registration.form_in_use".into()));
    }
    store::delete_form(conn, id)
}

/// Registers `user` on `form`; answers the registration's id. With an invitation the form's
/// opening times, approval and capacity do not apply (invited people come on top).
pub fn register(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    form: &Form,
    input: &RegisterInput,
    invitation: Option<&Invitation>,
    now: NaiveDateTime,
) -> AppResult<i64> {
    if user.email_verified_at.is_none() {
        return Err(AppError::Conflict("registration.verify_email".into()));
    }
    if invitation.is_none() {
        match window::of(form, now) {
            window::Window::Open => {}
            window::Window::NotYet => return Err(AppError::Conflict("registration.not_open".into())),
            window::Window::Closed => return Err(AppError::Conflict("registration.closed".into())),
        }
    }
    let existing = store::registration_of(conn, form.id, user.id)?;
    if existing.as_ref().is_some_and(|r| r.status.active()) {
        return Err(AppError::Conflict("registration.already".into()));
    }
    let categories = store::categories(conn, form.id)?;
    let questions = store::questions(conn, form.id)?;
    let mut input = input.clone();
    if let Some(i) = invitation
        && input.category_id.is_none()
    {
        input.category_id = i.category_id;
    }
    let ctx = RegisterContext {
        categories: &categories,
        questions: &questions,
        invited: invitation.is_some(),
        profile: user,
        year: chrono::Datelike::year(&now),
        salon: crate::venues::store::by_id(conn, form.venue_id)?.kind == crate::venues::model::VenueKind::Salon,
    };
    let spec = validate::register(&input, &ctx)?;
    let start = if invitation.is_some() {
        Start {
            status: RegStatus::Confirmed,
            invited: true,
            holds_place: false,
            queued_at: None,
        }
    } else if form.approval {
        Start {
            status: RegStatus::Pending,
            invited: false,
            holds_place: false,
            queued_at: None,
        }
    } else if store::take_place(conn, form.id)? {
        Start {
            status: RegStatus::Confirmed,
            invited: false,
            holds_place: true,
            queued_at: None,
        }
    } else {
        Start {
            status: RegStatus::Waiting,
            invited: false,
            holds_place: false,
            queued_at: Some(now),
        }
    };
    let id = match existing {
        Some(old) => {
            if !store::renew(conn, old.id, &spec, start, now)? {
                return Err(AppError::Conflict("registration.already".into()));
            }
            old.id
        }
        None => store::insert_registration(conn, form.id, user.id, &spec, start, &random_hex(8).to_uppercase(), now)?,
    };
    if let Some(i) = invitation
        && !store::use_invitation(conn, i.id, id, now)?
    {
        return Err(AppError::Conflict("registration.invitation_used".into()));
    }
    let r = store::registration(conn, id)?;
    mails::changed(conn, state, &r, form, mails::Event::Registered)?;
    Ok(id)
}

/// A registration and its form, for its registrant (404 for anyone else).
pub fn own(conn: &mut AnyConnection, user: &User, id: i64) -> AppResult<(Registration, Form)> {
    let r = store::registration(conn, id)?;
    if r.user_id != user.id {
        return Err(AppError::NotFound);
    }
    let f = store::form_by_id(conn, r.form_id)?;
    Ok((r, f))
}

/// A registration of the chair's venue (404 for another venue's).
pub fn of_venue(conn: &mut AnyConnection, ch: &Chair, id: i64) -> AppResult<(Registration, Form)> {
    let r = store::registration(conn, id)?;
    let f = store::form(conn, ch.venue.id, r.form_id)?;
    Ok((r, f))
}

/// Ends a registration (by its registrant, or by the organisers); its place goes on.
pub fn cancel(conn: &mut AnyConnection, state: &AppState, r: &Registration, by_organisers: bool, now: NaiveDateTime) -> AppResult<()> {
    if !r.status.active() {
        return Err(AppError::Conflict("registration.not_active".into()));
    }
    let m = Move {
        to: RegStatus::Cancelled,
        holds_place: false,
        queued_at: None,
        offer_until: None,
    };
    if !store::move_status(conn, r.id, r.status, m, now)? {
        return Err(AppError::Conflict("registration.stale".into()));
    }
    let form = store::form_by_id(conn, r.form_id)?;
    if r.holds_place {
        store::free_place(conn, r.form_id)?;
    }
    let r2 = store::registration(conn, r.id)?;
    let event = if by_organisers {
        mails::Event::CancelledByOrganisers
    } else {
        mails::Event::Cancelled
    };
    mails::changed(conn, state, &r2, &form, event)?;
    promote(conn, state, r.form_id, now)
}

/// Gives free places to the first people waiting, as offers to confirm before a deadline.
pub fn promote(conn: &mut AnyConnection, state: &AppState, form_id: i64, now: NaiveDateTime) -> AppResult<()> {
    // Lock the form's row before reading the queue, so two transactions that free places one
    // after the other offer them to different people.
    store::lock_form(conn, form_id)?;
    let form = store::form_by_id(conn, form_id)?;
    while let Some(next) = store::first_waiting(conn, form_id)? {
        if !store::take_place(conn, form_id)? {
            break;
        }
        let until = now + Duration::hours(i64::from(form.offer_hours));
        let m = Move {
            to: RegStatus::Offered,
            holds_place: true,
            queued_at: next.queued_at,
            offer_until: Some(until),
        };
        if !store::move_status(conn, next.id, RegStatus::Waiting, m, now)? {
            store::free_place(conn, form_id)?;
            continue;
        }
        crate::jobs::typed::enqueue_at(conn, &LapseOffer { registration_id: next.id }, until)?;
        let r = store::registration(conn, next.id)?;
        mails::changed(conn, state, &r, &form, mails::Event::Offered)?;
    }
    Ok(())
}

/// Confirms an offered place before its deadline.
pub fn confirm_offer(conn: &mut AnyConnection, state: &AppState, r: &Registration, now: NaiveDateTime) -> AppResult<()> {
    if r.status != RegStatus::Offered {
        return Err(AppError::Conflict("registration.no_offer".into()));
    }
    if r.offer_until.is_some_and(|u| u < now) {
        return Err(AppError::Conflict("registration.offer_lapsed".into()));
    }
    let m = Move {
        to: RegStatus::Confirmed,
        holds_place: true,
        queued_at: r.queued_at,
        offer_until: None,
    };
    if !store::move_status(conn, r.id, RegStatus::Offered, m, now)? {
        return Err(AppError::Conflict("registration.stale".into()));
    }
    let form = store::form_by_id(conn, r.form_id)?;
    let r2 = store::registration(conn, r.id)?;
    mails::changed(conn, state, &r2, &form, mails::Event::Confirmed)
}

/// The organisers approve (a place or the waiting list) or refuse a pending registration, from
/// the registration list. A salon's applications are decided on the salon's own page, where the
/// balance rules are checked ([`decide`] is called from there).
pub fn decide_listed(
    conn: &mut AnyConnection,
    state: &AppState,
    r: &Registration,
    approve: bool,
    note: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let form = store::form_by_id(conn, r.form_id)?;
    if crate::venues::store::by_id(conn, form.venue_id)?.kind == crate::venues::model::VenueKind::Salon {
        return Err(AppError::Conflict("salon.decide_on_applications".into()));
    }
    decide(conn, state, r, approve, note, now)
}

/// Approves (a place or the waiting list) or refuses a pending registration, with a reason
/// that the registrant's mail carries.
pub fn decide(
    conn: &mut AnyConnection,
    state: &AppState,
    r: &Registration,
    approve: bool,
    note: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    if r.status != RegStatus::Pending {
        return Err(AppError::Conflict("registration.not_pending".into()));
    }
    let m = if !approve {
        Move {
            to: RegStatus::Rejected,
            holds_place: false,
            queued_at: None,
            offer_until: None,
        }
    } else if store::take_place(conn, r.form_id)? {
        Move {
            to: RegStatus::Confirmed,
            holds_place: true,
            queued_at: None,
            offer_until: None,
        }
    } else {
        Move {
            to: RegStatus::Waiting,
            holds_place: false,
            queued_at: Some(now),
            offer_until: None,
        }
    };
    if !store::move_status(conn, r.id, RegStatus::Pending, m, now)? {
        return Err(AppError::Conflict("registration.stale".into()));
    }
    store::set_decision_note(conn, r.id, note)?;
    let form = store::form_by_id(conn, r.form_id)?;
    let r2 = store::registration(conn, r.id)?;
    let event = if approve { mails::Event::Approved } else { mails::Event::Rejected };
    mails::changed(conn, state, &r2, &form, event)
}

/// Records a fee as paid, waived or open again, with a note.
pub fn set_fee(
    conn: &mut AnyConnection,
    state: &AppState,
    ch: &Chair,
    r: &Registration,
    input: &FeeInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let (fee, note) = validate::fee(input)?;
    store::set_fee(conn, r.id, fee, &note, ch.user_id, now)?;
    let form = store::form_by_id(conn, r.form_id)?;
    let r2 = store::registration(conn, r.id)?;
    if fee != Fee::Open || r.fee != Fee::Open {
        mails::changed(conn, state, &r2, &form, mails::Event::Fee)?;
    }
    Ok(())
}

/// The job that passes on an offered place nobody confirmed in time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LapseOffer {
    /// The offered registration.
    pub registration_id: i64,
}

impl crate::jobs::typed::JobPayload for LapseOffer {
    const KIND: &'static str = "registration.offer_lapse";
}

/// Registers the lapse job.
pub fn register_jobs(registry: &mut crate::jobs::Registry, state: AppState) {
    registry.register_in_tx::<LapseOffer, _>(state.db.clone(), state, lapse);
}

/// Lapses the offer if it is still open past its deadline, and offers the place to the next
/// person waiting. A confirmed, cancelled or renewed offer is left alone.
pub fn lapse(conn: &mut AnyConnection, state: &AppState, job: LapseOffer, now: NaiveDateTime) -> AppResult<usize> {
    let Ok(r) = store::registration(conn, job.registration_id) else {
        return Ok(0);
    };
    if r.status != RegStatus::Offered || r.offer_until.is_none_or(|u| u > now) {
        return Ok(0);
    }
    let m = Move {
        to: RegStatus::Lapsed,
        holds_place: false,
        queued_at: None,
        offer_until: r.offer_until,
    };
    if !store::move_status(conn, r.id, RegStatus::Offered, m, now)? {
        return Ok(0);
    }
    store::free_place(conn, r.form_id)?;
    let form = store::form_by_id(conn, r.form_id)?;
    let r2 = store::registration(conn, r.id)?;
    mails::changed(conn, state, &r2, &form, mails::Event::Lapsed)?;
    promote(conn, state, r.form_id, now)?;
    Ok(1)
}

/// What an invitation round did.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Invited {
    /// Invitations sent.
    pub sent: usize,
    /// Addresses invited before (not sent again).
    pub already: usize,
}

fn check_category(conn: &mut AnyConnection, form_id: i64, category: Option<i64>) -> AppResult<()> {
    if let Some(c) = category
        && !store::categories(conn, form_id)?.iter().any(|x| x.id == c)
    {
        return Err(AppError::field("category_id", "registration.category_unknown"));
    }
    Ok(())
}

fn invite_one(
    conn: &mut AnyConnection,
    state: &AppState,
    form: &Form,
    who: &NewWho<'_>,
    by: i64,
    category: Option<i64>,
    now: NaiveDateTime,
) -> AppResult<bool> {
    if store::invited(conn, form.id, who.email)? {
        return Ok(false);
    }
    let token = random_token();
    let hash = hash_token(&token);
    store::insert_invitation(
        conn,
        &NewInvitation {
            form_id: form.id,
            kind: who.kind,
            email: who.email,
            name: who.name,
            token_hash: &hash,
            category_id: category,
            submission_id: who.submission_id,
            invited_by: by,
        },
        now,
    )?;
    mails::invitation(conn, state, form, who, &token)?;
    Ok(true)
}

/// Someone to invite.
pub struct NewWho<'a> {
    /// Speaker or guest.
    pub kind: InvitationKind,
    /// Address.
    pub email: &'a str,
    /// Name.
    pub name: &'a str,
    /// The paper, for a speaker.
    pub submission_id: Option<i64>,
    /// The paper's titles, for a speaker's mail.
    pub paper: Option<(String, String)>,
}

/// Sends personal links to guests (each address once per form), on behalf of account `by` (a
/// chair, or a salon's lead scientist).
pub fn invite_guests(
    conn: &mut AnyConnection,
    state: &AppState,
    by: i64,
    form: &Form,
    input: &InviteGuestsInput,
    now: NaiveDateTime,
) -> AppResult<Invited> {
    let list = validate::guests(input)?;
    check_category(conn, form.id, input.category_id)?;
    let mut out = Invited::default();
    for (email, name) in &list {
        let who = NewWho {
            kind: InvitationKind::Guest,
            email: email.as_str(),
            name,
            submission_id: None,
            paper: None,
        };
        if invite_one(conn, state, form, &who, by, input.category_id, now)? {
            out.sent += 1;
        } else {
            out.already += 1;
        }
    }
    Ok(out)
}

/// Invites the presenting author of every accepted paper whose authors were told (each
/// address once per form).
pub fn invite_speakers(
    conn: &mut AnyConnection,
    state: &AppState,
    ch: &Chair,
    form: &Form,
    category: Option<i64>,
    now: NaiveDateTime,
) -> AppResult<Invited> {
    check_category(conn, form.id, category)?;
    let labels = crate::review::phases::load(conn, ch.venue.id)?.labels();
    let mut out = Invited::default();
    for (s, key) in crate::submissions::store::told_of_venue(conn, ch.venue.id)? {
        if !crate::review::decisions::service::label_of(&labels, &key).accept {
            continue;
        }
        let authors = crate::submissions::store::authors_of(conn, s.id)?;
        let Some(a) = authors.iter().find(|a| a.is_presenter).or(authors.first()) else {
            continue;
        };
        let name = if a.name_zh.is_empty() {
            a.name_latin.clone()
        } else {
            a.name_zh.clone()
        };
        let who = NewWho {
            kind: InvitationKind::Speaker,
            email: &a.email,
            name: &name,
            submission_id: Some(s.id),
            paper: Some((s.title_zh.clone(), s.title_en.clone())),
        };
        if invite_one(conn, state, form, &who, ch.user_id, category, now)? {
            out.sent += 1;
        } else {
            out.already += 1;
        }
    }
    Ok(out)
}

/// An invitation by the token from its link, with its form (404 for an unknown token).
pub fn invitation(conn: &mut AnyConnection, token: &str) -> AppResult<(Invitation, Form)> {
    let i = store::invitation_by_hash(conn, &hash_token(token))?.ok_or(AppError::NotFound)?;
    let f = store::form_by_id(conn, i.form_id)?;
    Ok((i, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lapse_job_reads_what_it_stores() {
        crate::jobs::typed::assert_reads_stored(r#"{"registration_id":7}"#, LapseOffer { registration_id: 7 });
    }
}
