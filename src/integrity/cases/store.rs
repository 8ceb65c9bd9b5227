//! Every query of misconduct cases, their parties, entries, sanctions and audit log.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{AuditLine, Bars, Case, CaseState, Entry, EntryKind, Party, Role, Sanction, SubjectKind};
use crate::db::AnyConnection;
use crate::db::schema::{
    integrity_case_audit as au, integrity_case_entries as en, integrity_case_parties as pa, integrity_cases as ca,
    integrity_sanctions as sa,
};
use crate::error::AppResult;

/// A new case, as reported.
pub struct NewCase<'a> {
    pub society_id: i64,
    pub subject_kind: SubjectKind,
    pub subject: &'a str,
    pub reporter_id: Option<i64>,
    pub reporter_email: &'a str,
    pub anonymous: bool,
    pub reporter_lang: &'a str,
    pub mailbox: &'a Link,
}

/// A personal link: the nonce it is made from and the hash it is looked up by.
pub struct Link {
    pub nonce: String,
    pub hash: String,
}

/// Creates a case with the society's next number.
pub fn create(conn: &mut AnyConnection, c: &NewCase, now: NaiveDateTime) -> AppResult<Case> {
    let last: Option<i32> = ca::table
        .filter(ca::society_id.eq(c.society_id))
        .select(diesel::dsl::max(ca::number))
        .first(conn)?;
    let id: i64 = diesel::insert_into(ca::table)
        .values((
            ca::society_id.eq(c.society_id),
            ca::number.eq(last.unwrap_or(0) + 1),
            ca::subject_kind.eq(c.subject_kind),
            ca::subject.eq(c.subject),
            ca::state.eq(CaseState::Reported),
            ca::reporter_id.eq(c.reporter_id),
            ca::reporter_email.eq(c.reporter_email),
            ca::anonymous.eq(c.anonymous),
            ca::reporter_lang.eq(c.reporter_lang),
            ca::mailbox_nonce.eq(&c.mailbox.nonce),
            ca::mailbox_hash.eq(&c.mailbox.hash),
            ca::created_at.eq(now),
            ca::updated_at.eq(now),
        ))
        .returning(ca::id)
        .get_result(conn)?;
    get(conn, id)
}

/// Case `number` of society `society_id`.
pub fn by_number(conn: &mut AnyConnection, society_id: i64, number: i32) -> AppResult<Option<Case>> {
    Ok(ca::table
        .filter(ca::society_id.eq(society_id))
        .filter(ca::number.eq(number))
        .select(Case::as_select())
        .first(conn)
        .optional()?)
}

/// The case whose reporter's mailbox link hashes to `hash`.
pub fn by_mailbox(conn: &mut AnyConnection, hash: &str) -> AppResult<Option<Case>> {
    Ok(ca::table
        .filter(ca::mailbox_hash.eq(hash))
        .select(Case::as_select())
        .first(conn)
        .optional()?)
}

/// Case `id`.
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<Case> {
    Ok(ca::table.find(id).select(Case::as_select()).first(conn)?)
}

/// A society's cases, newest first.
pub fn of_society(conn: &mut AnyConnection, society_id: i64) -> AppResult<Vec<Case>> {
    Ok(ca::table
        .filter(ca::society_id.eq(society_id))
        .order(ca::number.desc())
        .select(Case::as_select())
        .load(conn)?)
}

/// Moves case `id` to `state` with its deadline (and outcome once decided).
pub fn set_state(
    conn: &mut AnyConnection,
    id: i64,
    state: CaseState,
    due_at: Option<NaiveDateTime>,
    outcome: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<()> {
    let closed = (state == CaseState::Closed).then_some(now);
    diesel::update(ca::table.find(id))
        .set((
            ca::state.eq(state),
            ca::due_at.eq(due_at),
            ca::outcome.eq(outcome),
            ca::closed_at.eq(closed),
            ca::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// A person to name as accused.
pub struct NewParty<'a> {
    pub case_id: i64,
    pub user_id: Option<i64>,
    pub email: &'a str,
    pub name: &'a str,
    pub lang: &'a str,
    pub link: &'a Link,
}

/// Adds a person accused; their id.
pub fn add_party(conn: &mut AnyConnection, p: &NewParty, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(pa::table)
        .values((
            pa::case_id.eq(p.case_id),
            pa::user_id.eq(p.user_id),
            pa::email.eq(p.email),
            pa::name.eq(p.name),
            pa::lang.eq(p.lang),
            pa::link_nonce.eq(&p.link.nonce),
            pa::link_hash.eq(&p.link.hash),
            pa::created_at.eq(now),
        ))
        .returning(pa::id)
        .get_result(conn)?)
}

/// The people accused in case `case_id`, in the order they were named.
pub fn parties_of(conn: &mut AnyConnection, case_id: i64) -> AppResult<Vec<Party>> {
    Ok(pa::table
        .filter(pa::case_id.eq(case_id))
        .order(pa::id)
        .select(Party::as_select())
        .load(conn)?)
}

/// The person whose hearing link hashes to `hash`.
pub fn party_by_link(conn: &mut AnyConnection, hash: &str) -> AppResult<Option<Party>> {
    Ok(pa::table
        .filter(pa::link_hash.eq(hash))
        .select(Party::as_select())
        .first(conn)
        .optional()?)
}

/// Whether `email` is already accused in case `case_id`.
pub fn party_named(conn: &mut AnyConnection, case_id: i64, email: &str) -> AppResult<bool> {
    Ok(pa::table
        .filter(pa::case_id.eq(case_id))
        .filter(pa::email.eq(email))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// An entry to add to a case file.
pub struct NewEntry<'a> {
    pub case_id: i64,
    pub kind: EntryKind,
    pub step: Option<CaseState>,
    pub author: Role,
    pub user_id: Option<i64>,
    pub party_id: Option<i64>,
    pub audience: Role,
    pub body: &'a str,
    pub due_at: Option<NaiveDateTime>,
    /// A file of evidence the entry carries.
    pub file_id: Option<i64>,
}

/// Adds an entry to a case file; its id.
pub fn add_entry(conn: &mut AnyConnection, e: &NewEntry, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(en::table)
        .values((
            en::case_id.eq(e.case_id),
            en::kind.eq(e.kind),
            en::step.eq(e.step.map(|s| s.as_str())),
            en::author.eq(e.author),
            en::user_id.eq(e.user_id),
            en::party_id.eq(e.party_id),
            en::audience.eq(e.audience),
            en::body.eq(e.body),
            en::due_at.eq(e.due_at),
            en::file_id.eq(e.file_id),
            en::created_at.eq(now),
        ))
        .returning(en::id)
        .get_result(conn)?)
}

/// Every entry of case `case_id`, oldest first.
pub fn entries_of(conn: &mut AnyConnection, case_id: i64) -> AppResult<Vec<Entry>> {
    Ok(en::table
        .filter(en::case_id.eq(case_id))
        .order(en::id)
        .select(Entry::as_select())
        .load(conn)?)
}

/// A sanction to impose.
pub struct NewSanction<'a> {
    pub case_id: i64,
    pub society_id: i64,
    pub party: &'a Party,
    pub bars: Bars,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// Records a sanction.
pub fn add_sanction(conn: &mut AnyConnection, s: &NewSanction, now: NaiveDateTime) -> AppResult<i64> {
    Ok(diesel::insert_into(sa::table)
        .values((
            sa::case_id.eq(s.case_id),
            sa::society_id.eq(s.society_id),
            sa::party_id.eq(s.party.id),
            sa::user_id.eq(s.party.user_id),
            sa::email.eq(&s.party.email),
            sa::bars.eq(s.bars),
            sa::starts_on.eq(s.starts_on),
            sa::ends_on.eq(s.ends_on),
            sa::created_at.eq(now),
        ))
        .returning(sa::id)
        .get_result(conn)?)
}

/// Lifts every sanction of case `case_id` still standing (an appeal upheld).
pub fn lift_sanctions(conn: &mut AnyConnection, case_id: i64, now: NaiveDateTime) -> AppResult<usize> {
    Ok(
        diesel::update(sa::table.filter(sa::case_id.eq(case_id)).filter(sa::lifted_at.is_null()))
            .set(sa::lifted_at.eq(now))
            .execute(conn)?,
    )
}

/// The sanctions of case `case_id`.
pub fn sanctions_of(conn: &mut AnyConnection, case_id: i64) -> AppResult<Vec<Sanction>> {
    Ok(sa::table
        .filter(sa::case_id.eq(case_id))
        .order(sa::id)
        .select(Sanction::as_select())
        .load(conn)?)
}

/// The sanctions of society `society_id` in force on `day`.
pub fn in_force(conn: &mut AnyConnection, society_id: i64, day: NaiveDate) -> AppResult<Vec<Sanction>> {
    Ok(sa::table
        .filter(sa::society_id.eq(society_id))
        .filter(sa::lifted_at.is_null())
        .filter(sa::starts_on.le(day))
        .filter(sa::ends_on.ge(day))
        .order(sa::ends_on.desc())
        .select(Sanction::as_select())
        .load(conn)?)
}

/// The sanctions of society `society_id` in force on `day` against account `user_id` or any of
/// the lower-cased `emails`.
pub fn against(
    conn: &mut AnyConnection,
    society_id: i64,
    user_id: Option<i64>,
    emails: &[String],
    day: NaiveDate,
) -> AppResult<Vec<Sanction>> {
    let q = sa::table
        .filter(sa::society_id.eq(society_id))
        .filter(sa::lifted_at.is_null())
        .filter(sa::starts_on.le(day))
        .filter(sa::ends_on.ge(day));
    let rows = match user_id {
        Some(u) => q
            .filter(sa::email.eq_any(emails).or(sa::user_id.eq(u)))
            .select(Sanction::as_select())
            .load(conn)?,
        None => q.filter(sa::email.eq_any(emails)).select(Sanction::as_select()).load(conn)?,
    };
    Ok(rows)
}

/// A line for the audit log.
pub struct Audit<'a> {
    pub society_id: i64,
    pub case_id: Option<i64>,
    pub user_id: Option<i64>,
    pub party_id: Option<i64>,
    pub action: &'a str,
    pub detail: &'a str,
}

/// Writes a line of the audit log.
pub fn audit(conn: &mut AnyConnection, a: &Audit, now: NaiveDateTime) -> AppResult<()> {
    diesel::insert_into(au::table)
        .values((
            au::society_id.eq(a.society_id),
            au::case_id.eq(a.case_id),
            au::user_id.eq(a.user_id),
            au::party_id.eq(a.party_id),
            au::action.eq(a.action),
            au::detail.eq(a.detail),
            au::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// A case's audit log, newest first.
pub fn audit_of(conn: &mut AnyConnection, society_id: i64, case_id: i64, limit: i64) -> AppResult<Vec<AuditLine>> {
    Ok(au::table
        .filter(au::society_id.eq(society_id))
        .filter(au::case_id.eq(case_id))
        .order(au::id.desc())
        .limit(limit)
        .select(AuditLine::as_select())
        .load(conn)?)
}

/// The society's changes to its committee (`appoint`, `dismiss`), newest first.
pub fn committee_changes(conn: &mut AnyConnection, society_id: i64, limit: i64) -> AppResult<Vec<AuditLine>> {
    Ok(au::table
        .filter(au::society_id.eq(society_id))
        .filter(au::case_id.is_null())
        .filter(au::action.eq_any(["appoint", "dismiss"]))
        .order(au::id.desc())
        .limit(limit)
        .select(AuditLine::as_select())
        .load(conn)?)
}
