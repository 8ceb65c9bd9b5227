//! Queries of registration: forms with their categories and questions, the place counter,
//! registrations and the waiting list, invitations.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Category, Fee, Form, FormScope, Invitation, InvitationKind, Question, RegStatus, Registration};
use super::validate::{CategoryInput, FormSpec, ListFilter, RegisterSpec};
use crate::db::AnyConnection;
use crate::db::schema::{
    registration_categories, registration_forms, registration_invitations, registration_questions, registrations, users,
};
use crate::error::{AppError, AppResult};
use crate::venues::validate::QuestionInput;

fn json<T: serde::Serialize>(v: &T) -> AppResult<String> {
    serde_json::to_string(v).map_err(|e| AppError::caused("registration json", e))
}

// ---- forms ----

/// The venue's forms, the venue's own first.
pub fn forms_of(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Form>> {
    let mut all = registration_forms::table
        .filter(registration_forms::venue_id.eq(venue_id))
        .select(Form::as_select())
        .order(registration_forms::id)
        .load(conn)?;
    all.sort_by_key(|f| (f.scope != FormScope::Venue, f.id));
    Ok(all)
}

/// A form of the venue (404 for another venue's).
pub fn form(conn: &mut AnyConnection, venue_id: i64, id: i64) -> AppResult<Form> {
    registration_forms::table
        .find(id)
        .filter(registration_forms::venue_id.eq(venue_id))
        .select(Form::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// A form by id.
pub fn form_by_id(conn: &mut AnyConnection, id: i64) -> AppResult<Form> {
    registration_forms::table
        .find(id)
        .select(Form::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Whether the venue has a form for this scope already (other than `except`).
pub fn scope_taken(conn: &mut AnyConnection, venue_id: i64, key: &str, except: Option<i64>) -> AppResult<bool> {
    let found: Option<i64> = registration_forms::table
        .filter(registration_forms::venue_id.eq(venue_id))
        .filter(registration_forms::scope_key.eq(key))
        .select(registration_forms::id)
        .first(conn)
        .optional()?;
    Ok(found.is_some_and(|id| Some(id) != except))
}

/// Creates a form with its titles decided.
pub fn insert_form(conn: &mut AnyConnection, venue_id: i64, spec: &FormSpec, titles: (&str, &str), now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(registration_forms::table)
        .values((
            registration_forms::venue_id.eq(venue_id),
            registration_forms::scope.eq(spec.scope),
            registration_forms::scope_key.eq(spec.scope_key()),
            registration_forms::track_id.eq(spec.track_id),
            registration_forms::session_id.eq(spec.session_id),
            registration_forms::title_zh.eq(titles.0),
            registration_forms::title_en.eq(titles.1),
            registration_forms::opens_at.eq(spec.opens_at),
            registration_forms::closes_at.eq(spec.closes_at),
            registration_forms::capacity.eq(spec.capacity),
            registration_forms::taken.eq(0),
            registration_forms::approval.eq(spec.approval),
            registration_forms::offer_hours.eq(spec.offer_hours),
            registration_forms::fee_note_zh.eq(&spec.fee_note_zh),
            registration_forms::fee_note_en.eq(&spec.fee_note_en),
            registration_forms::version.eq(1),
            registration_forms::created_at.eq(now),
            registration_forms::updated_at.eq(now),
        ))
        .returning(registration_forms::id)
        .get_result(conn)?)
}

/// Changes a form loaded at `version`; false when it changed since. The scope stays.
pub fn update_form(
    conn: &mut AnyConnection,
    id: i64,
    version: i32,
    spec: &FormSpec,
    titles: (&str, &str),
    now: NaiveDateTime,
) -> AppResult<bool> {
    let n = diesel::update(registration_forms::table.find(id).filter(registration_forms::version.eq(version)))
        .set((
            registration_forms::title_zh.eq(titles.0),
            registration_forms::title_en.eq(titles.1),
            registration_forms::opens_at.eq(spec.opens_at),
            registration_forms::closes_at.eq(spec.closes_at),
            registration_forms::capacity.eq(spec.capacity),
            registration_forms::approval.eq(spec.approval),
            registration_forms::offer_hours.eq(spec.offer_hours),
            registration_forms::fee_note_zh.eq(&spec.fee_note_zh),
            registration_forms::fee_note_en.eq(&spec.fee_note_en),
            registration_forms::version.eq(version + 1),
            registration_forms::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Closes a form now (no new registrations).
pub fn close_form(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(registration_forms::table.find(id))
        .set((
            registration_forms::closes_at.eq(now),
            registration_forms::version.eq(registration_forms::version + 1),
            registration_forms::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes a form (with its registrations).
pub fn delete_form(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::delete(registration_forms::table.find(id)).execute(conn)?;
    Ok(())
}

/// Registrations of a form in any state.
pub fn count_all(conn: &mut AnyConnection, form_id: i64) -> AppResult<i64> {
    Ok(registrations::table
        .filter(registrations::form_id.eq(form_id))
        .count()
        .get_result(conn)?)
}

// ---- places ----

/// Takes one of the form's places if one is free: one guarded UPDATE, so the database decides
/// between concurrent registrants (the row lock on PostgreSQL, the write lock on SQLite) and no
/// place is given twice.
pub fn take_place(conn: &mut AnyConnection, form_id: i64) -> AppResult<bool> {
    let n = diesel::update(
        registration_forms::table.find(form_id).filter(
            registration_forms::capacity
                .is_null()
                .or(registration_forms::taken.lt(registration_forms::capacity.assume_not_null())),
        ),
    )
    .set(registration_forms::taken.eq(registration_forms::taken + 1))
    .execute(conn)?;
    Ok(n == 1)
}

/// Gives a place back. Also locks the form's row first, so that whoever then picks the next
/// person from the waiting list sees what concurrent transactions committed.
pub fn free_place(conn: &mut AnyConnection, form_id: i64) -> AppResult<()> {
    diesel::update(registration_forms::table.find(form_id))
        .set(registration_forms::taken.eq(registration_forms::taken - 1))
        .execute(conn)?;
    Ok(())
}

/// Locks the form's row for the rest of the transaction (a no-op write).
pub fn lock_form(conn: &mut AnyConnection, form_id: i64) -> AppResult<()> {
    diesel::update(registration_forms::table.find(form_id))
        .set(registration_forms::taken.eq(registration_forms::taken))
        .execute(conn)?;
    Ok(())
}

// ---- categories and questions ----

/// A form's categories in order.
pub fn categories(conn: &mut AnyConnection, form_id: i64) -> AppResult<Vec<Category>> {
    Ok(registration_categories::table
        .filter(registration_categories::form_id.eq(form_id))
        .order(registration_categories::position)
        .select(Category::as_select())
        .load(conn)?)
}

/// Replaces a form's categories: rows with an id of this form are updated, others inserted,
/// the rest deleted (their registrations keep no category).
pub fn save_categories(conn: &mut AnyConnection, form_id: i64, list: &[CategoryInput]) -> AppResult<()> {
    let existing: Vec<i64> = categories(conn, form_id)?.iter().map(|c| c.id).collect();
    let mut kept = Vec::new();
    for (i, c) in list.iter().enumerate() {
        let pos = i32::try_from(i).unwrap_or(i32::MAX);
        match c.id.filter(|id| existing.contains(id)) {
            Some(id) => {
                diesel::update(registration_categories::table.find(id))
                    .set((
                        registration_categories::position.eq(pos),
                        registration_categories::name_zh.eq(&c.name_zh),
                        registration_categories::name_en.eq(&c.name_en),
                        registration_categories::invited_only.eq(c.invited_only),
                    ))
                    .execute(conn)?;
                kept.push(id);
            }
            None => {
                diesel::insert_into(registration_categories::table)
                    .values((
                        registration_categories::form_id.eq(form_id),
                        registration_categories::position.eq(pos),
                        registration_categories::name_zh.eq(&c.name_zh),
                        registration_categories::name_en.eq(&c.name_en),
                        registration_categories::invited_only.eq(c.invited_only),
                    ))
                    .execute(conn)?;
            }
        }
    }
    let gone: Vec<i64> = existing.into_iter().filter(|id| !kept.contains(id)).collect();
    if !gone.is_empty() {
        diesel::delete(registration_categories::table.filter(registration_categories::id.eq_any(gone))).execute(conn)?;
    }
    Ok(())
}

/// A form's questions in order.
pub fn questions(conn: &mut AnyConnection, form_id: i64) -> AppResult<Vec<Question>> {
    Ok(registration_questions::table
        .filter(registration_questions::form_id.eq(form_id))
        .order(registration_questions::position)
        .select(Question::as_select())
        .load(conn)?)
}

/// Replaces a form's questions position by position, so answers stay with the question at the
/// same place.
pub fn save_questions(conn: &mut AnyConnection, form_id: i64, list: &[QuestionInput]) -> AppResult<()> {
    let existing = questions(conn, form_id)?;
    for (i, q) in list.iter().enumerate() {
        let pos = i32::try_from(i).unwrap_or(i32::MAX);
        let options = json(&q.options)?;
        match existing.get(i) {
            Some(old) => {
                diesel::update(registration_questions::table.find(old.id))
                    .set((
                        registration_questions::position.eq(pos),
                        registration_questions::kind.eq(&q.kind),
                        registration_questions::label_zh.eq(&q.label_zh),
                        registration_questions::label_en.eq(&q.label_en),
                        registration_questions::options.eq(&options),
                        registration_questions::required.eq(q.required),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(registration_questions::table)
                    .values((
                        registration_questions::form_id.eq(form_id),
                        registration_questions::position.eq(pos),
                        registration_questions::kind.eq(&q.kind),
                        registration_questions::label_zh.eq(&q.label_zh),
                        registration_questions::label_en.eq(&q.label_en),
                        registration_questions::options.eq(&options),
                        registration_questions::required.eq(q.required),
                    ))
                    .execute(conn)?;
            }
        }
    }
    let gone: Vec<i64> = existing.iter().skip(list.len()).map(|q| q.id).collect();
    if !gone.is_empty() {
        diesel::delete(registration_questions::table.filter(registration_questions::id.eq_any(gone))).execute(conn)?;
    }
    Ok(())
}

// ---- registrations ----

/// A registration by id.
pub fn registration(conn: &mut AnyConnection, id: i64) -> AppResult<Registration> {
    registrations::table
        .find(id)
        .select(Registration::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// A person's registration on a form, in any state.
pub fn registration_of(conn: &mut AnyConnection, form_id: i64, user_id: i64) -> AppResult<Option<Registration>> {
    Ok(registrations::table
        .filter(registrations::form_id.eq(form_id))
        .filter(registrations::user_id.eq(user_id))
        .select(Registration::as_select())
        .first(conn)
        .optional()?)
}

/// A registration by its check-in code.
pub fn by_code(conn: &mut AnyConnection, code: &str) -> AppResult<Option<Registration>> {
    Ok(registrations::table
        .filter(registrations::code.eq(code))
        .select(Registration::as_select())
        .first(conn)
        .optional()?)
}

/// Where a new or renewed registration starts.
#[derive(Debug, Clone, Copy)]
pub struct Start {
    /// Status.
    pub status: RegStatus,
    /// Came with an invitation.
    pub invited: bool,
    /// Holds a place.
    pub holds_place: bool,
    /// Joined the waiting list at.
    pub queued_at: Option<NaiveDateTime>,
}

/// Inserts a registration; the caller has decided its start (and taken its place).
pub fn insert_registration(
    conn: &mut AnyConnection,
    form_id: i64,
    user_id: i64,
    spec: &RegisterSpec,
    start: Start,
    code: &str,
    now: NaiveDateTime,
) -> AppResult<i64> {
    Ok(diesel::insert_into(registrations::table)
        .values((
            registrations::form_id.eq(form_id),
            registrations::user_id.eq(user_id),
            Details::of(spec, start)?,
            registrations::code.eq(code),
            registrations::fee.eq(Fee::Open),
            registrations::fee_note.eq(""),
            registrations::created_at.eq(now),
            registrations::updated_at.eq(now),
            registrations::version.eq(1),
        ))
        .returning(registrations::id)
        .get_result(conn)?)
}

/// What a person registers with and where they start: written alike by a new registration and
/// a renewed one.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = registrations, treat_none_as_null = true)]
struct Details<'a> {
    category_id: Option<i64>,
    status: &'static str,
    invited: bool,
    holds_place: bool,
    answers: String,
    name_zh: &'a str,
    name_latin: &'a str,
    institution: &'a str,
    country: &'a str,
    birth_year: Option<i32>,
    queued_at: Option<NaiveDateTime>,
    offer_until: Option<NaiveDateTime>,
    viewpoint: &'a str,
    field: &'a str,
    decision_note: &'a str,
}

impl<'a> Details<'a> {
    fn of(spec: &'a RegisterSpec, start: Start) -> AppResult<Details<'a>> {
        Ok(Details {
            category_id: spec.category_id,
            status: start.status.as_str(),
            invited: start.invited,
            holds_place: start.holds_place,
            answers: json(&spec.answers)?,
            name_zh: &spec.name_zh,
            name_latin: &spec.name_latin,
            institution: &spec.institution,
            country: &spec.country,
            birth_year: spec.birth_year,
            queued_at: start.queued_at,
            offer_until: None,
            viewpoint: &spec.viewpoint,
            field: &spec.field,
            decision_note: "",
        })
    }
}

/// Renews an ended registration (cancelled, refused, lapsed) with new details: false when it
/// is no longer ended (a concurrent renewal won).
pub fn renew(conn: &mut AnyConnection, id: i64, spec: &RegisterSpec, start: Start, now: NaiveDateTime) -> AppResult<bool> {
    let ended = [RegStatus::Cancelled, RegStatus::Rejected, RegStatus::Lapsed];
    let n = diesel::update(
        registrations::table
            .find(id)
            .filter(registrations::status.eq_any(ended.iter().map(|s| s.as_str()))),
    )
    .set((
        Details::of(spec, start)?,
        registrations::updated_at.eq(now),
        registrations::version.eq(registrations::version + 1),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A change of state.
#[derive(Debug, Clone, Copy)]
pub struct Move {
    /// New status.
    pub to: RegStatus,
    /// Holds a place afterwards.
    pub holds_place: bool,
    /// Waiting since.
    pub queued_at: Option<NaiveDateTime>,
    /// Offer deadline.
    pub offer_until: Option<NaiveDateTime>,
}

/// Moves a registration from `from` (compare-and-set): false when it is no longer in `from`.
pub fn move_status(conn: &mut AnyConnection, id: i64, from: RegStatus, m: Move, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(registrations::table.find(id).filter(registrations::status.eq(from)))
        .set((
            registrations::status.eq(m.to),
            registrations::holds_place.eq(m.holds_place),
            registrations::queued_at.eq(m.queued_at),
            registrations::offer_until.eq(m.offer_until),
            registrations::updated_at.eq(now),
            registrations::version.eq(registrations::version + 1),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Records the reason given with a decision.
pub fn set_decision_note(conn: &mut AnyConnection, id: i64, note: &str) -> AppResult<()> {
    diesel::update(registrations::table.find(id))
        .set(registrations::decision_note.eq(note))
        .execute(conn)?;
    Ok(())
}

/// Records the fee state.
pub fn set_fee(conn: &mut AnyConnection, id: i64, fee: Fee, note: &str, by: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(registrations::table.find(id))
        .set((
            registrations::fee.eq(fee),
            registrations::fee_note.eq(note),
            registrations::fee_by.eq(Some(by)),
            registrations::fee_at.eq(Some(now)),
            registrations::updated_at.eq(now),
            registrations::version.eq(registrations::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// The first person on the form's waiting list.
pub fn first_waiting(conn: &mut AnyConnection, form_id: i64) -> AppResult<Option<Registration>> {
    Ok(registrations::table
        .filter(registrations::form_id.eq(form_id))
        .filter(registrations::status.eq(RegStatus::Waiting))
        .order((registrations::queued_at, registrations::id))
        .select(Registration::as_select())
        .first(conn)
        .optional()?)
}

/// How many wait before this registration (its place in the queue is this plus one).
pub fn waiting_before(conn: &mut AnyConnection, r: &Registration) -> AppResult<i64> {
    let Some(at) = r.queued_at else { return Ok(0) };
    Ok(registrations::table
        .filter(registrations::form_id.eq(r.form_id))
        .filter(registrations::status.eq(RegStatus::Waiting))
        .filter(
            registrations::queued_at
                .lt(at)
                .or(registrations::queued_at.eq(at).and(registrations::id.lt(r.id))),
        )
        .count()
        .get_result(conn)?)
}

/// A form's registrations matching the filter, oldest first, with each registrant's address.
pub fn list(conn: &mut AnyConnection, form_id: i64, f: &ListFilter) -> AppResult<Vec<(Registration, String)>> {
    let mut q = registrations::table
        .inner_join(users::table.on(users::id.eq(registrations::user_id)))
        .filter(registrations::form_id.eq(form_id))
        .into_boxed();
    if let Some(s) = f.status {
        q = q.filter(registrations::status.eq(s));
    }
    if let Some(c) = f.category {
        q = q.filter(registrations::category_id.eq(c));
    }
    if let Some(fee) = f.fee {
        q = q.filter(registrations::fee.eq(fee));
    }
    if !f.q.is_empty() {
        let like = format!("%{}%", f.q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        q = q.filter(
            registrations::name_zh
                .like(like.clone())
                .escape('\\')
                .or(registrations::name_latin.like(like.clone()).escape('\\'))
                .or(registrations::institution.like(like.clone()).escape('\\'))
                .or(users::email.like(like).escape('\\')),
        );
    }
    Ok(q.order((registrations::created_at, registrations::id))
        .select((Registration::as_select(), users::email))
        .load(conn)?)
}

/// Every registration of a form (for counts and figures).
pub fn all_of(conn: &mut AnyConnection, form_id: i64) -> AppResult<Vec<Registration>> {
    Ok(registrations::table
        .filter(registrations::form_id.eq(form_id))
        .order(registrations::id)
        .select(Registration::as_select())
        .load(conn)?)
}

/// A person's registrations with their forms, newest first.
pub fn of_user(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<(Registration, Form)>> {
    Ok(registrations::table
        .inner_join(registration_forms::table)
        .filter(registrations::user_id.eq(user_id))
        .order(registrations::created_at.desc())
        .select((Registration::as_select(), Form::as_select()))
        .load(conn)?)
}

// ---- invitations ----

/// An invitation by its token's hash.
pub fn invitation_by_hash(conn: &mut AnyConnection, hash: &str) -> AppResult<Option<Invitation>> {
    Ok(registration_invitations::table
        .filter(registration_invitations::token_hash.eq(hash))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?)
}

/// A form's invitations.
pub fn invitations(conn: &mut AnyConnection, form_id: i64) -> AppResult<Vec<Invitation>> {
    Ok(registration_invitations::table
        .filter(registration_invitations::form_id.eq(form_id))
        .order(registration_invitations::id)
        .select(Invitation::as_select())
        .load(conn)?)
}

/// Whether the address has an invitation to this form.
pub fn invited(conn: &mut AnyConnection, form_id: i64, email: &str) -> AppResult<bool> {
    let n: i64 = registration_invitations::table
        .filter(registration_invitations::form_id.eq(form_id))
        .filter(registration_invitations::email.eq(email))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// A new invitation.
pub struct NewInvitation<'a> {
    /// Form.
    pub form_id: i64,
    /// Kind.
    pub kind: InvitationKind,
    /// Address.
    pub email: &'a str,
    /// Name.
    pub name: &'a str,
    /// SHA-256 of the token.
    pub token_hash: &'a str,
    /// Category.
    pub category_id: Option<i64>,
    /// Paper (speakers).
    pub submission_id: Option<i64>,
    /// Who invites.
    pub invited_by: i64,
}

/// Stores an invitation.
pub fn insert_invitation(conn: &mut AnyConnection, i: &NewInvitation<'_>, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(registration_invitations::table)
        .values((
            registration_invitations::form_id.eq(i.form_id),
            registration_invitations::kind.eq(i.kind),
            registration_invitations::email.eq(i.email),
            registration_invitations::name.eq(i.name),
            registration_invitations::token_hash.eq(i.token_hash),
            registration_invitations::category_id.eq(i.category_id),
            registration_invitations::submission_id.eq(i.submission_id),
            registration_invitations::invited_by.eq(Some(i.invited_by)),
            registration_invitations::created_at.eq(now),
        ))
        .returning(registration_invitations::id)
        .get_result(conn)?)
}

/// Marks an invitation used (compare-and-set: false when it was used already).
pub fn use_invitation(conn: &mut AnyConnection, id: i64, registration_id: i64, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(
        registration_invitations::table
            .find(id)
            .filter(registration_invitations::used_at.is_null()),
    )
    .set((
        registration_invitations::used_at.eq(Some(now)),
        registration_invitations::registration_id.eq(Some(registration_id)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
