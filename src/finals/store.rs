//! Queries of the final-version phase.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{AuthorChange, ChangeStatus, Consent, FinalPhase, FinalStatus, FinalVersion};
use super::validate::PhaseSpec;
use crate::db::AnyConnection;
use crate::db::schema::{calls, consents, final_author_changes, final_phases, final_versions};
use crate::error::AppResult;

/// The phase set on a call, if any.
pub fn phase_of_call(conn: &mut AnyConnection, call_id: i64) -> AppResult<Option<FinalPhase>> {
    Ok(final_phases::table
        .find(call_id)
        .select(FinalPhase::as_select())
        .first(conn)
        .optional()?)
}

/// The phase that governs papers of `call_id`: the call's own, else the venue's main call's.
pub fn phase_for_call(conn: &mut AnyConnection, venue_id: i64, call_id: i64) -> AppResult<Option<FinalPhase>> {
    if let Some(p) = phase_of_call(conn, call_id)? {
        return Ok(Some(p));
    }
    let main: Option<i64> = calls::table
        .filter(calls::venue_id.eq(venue_id).and(calls::track_id.is_null()))
        .select(calls::id)
        .first(conn)
        .optional()?;
    match main {
        Some(id) if id != call_id => phase_of_call(conn, id),
        _ => Ok(None),
    }
}

/// Sets (creates or replaces) a call's phase.
pub fn put_phase(conn: &mut AnyConnection, call_id: i64, spec: &PhaseSpec, now: NaiveDateTime) -> AppResult<FinalPhase> {
    let row = FinalPhase {
        call_id,
        opens_at: spec.opens_at,
        deadline: spec.deadline,
        page_limit: spec.page_limit,
        source_required: spec.source_required,
        changes_required: spec.changes_required,
        template_name: spec.template_name.clone(),
        template_url: spec.template_url.clone(),
        licence: spec.licence.clone(),
        consent_zh: spec.consent_zh.clone(),
        consent_en: spec.consent_en.clone(),
        updated_at: now,
    };
    if phase_of_call(conn, call_id)?.is_some() {
        diesel::update(final_phases::table.find(call_id)).set(&row).execute(conn)?;
    } else {
        diesel::insert_into(final_phases::table).values(&row).execute(conn)?;
    }
    Ok(row)
}

/// Removes a call's phase.
pub fn delete_phase(conn: &mut AnyConnection, call_id: i64) -> AppResult<bool> {
    Ok(diesel::delete(final_phases::table.find(call_id)).execute(conn)? > 0)
}

/// A paper's final-version row, if any.
pub fn get(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Option<FinalVersion>> {
    Ok(final_versions::table
        .find(submission_id)
        .select(FinalVersion::as_select())
        .first(conn)
        .optional()?)
}

/// Every final-version row of a venue.
pub fn of_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<FinalVersion>> {
    Ok(final_versions::table
        .filter(final_versions::venue_id.eq(venue_id))
        .select(FinalVersion::as_select())
        .load(conn)?)
}

/// The paper's row, created as `missing` when absent.
pub fn ensure(conn: &mut AnyConnection, submission_id: i64, venue_id: i64, now: NaiveDateTime) -> AppResult<FinalVersion> {
    if let Some(f) = get(conn, submission_id)? {
        return Ok(f);
    }
    diesel::insert_into(final_versions::table)
        .values((
            final_versions::submission_id.eq(submission_id),
            final_versions::venue_id.eq(venue_id),
            final_versions::status.eq(FinalStatus::Missing),
            final_versions::changes.eq(""),
            final_versions::warnings.eq("[]"),
            final_versions::message.eq(""),
            final_versions::withdrawn_reason.eq(""),
            final_versions::updated_at.eq(now),
        ))
        .execute(conn)?;
    get(conn, submission_id)?.ok_or_else(|| crate::error::AppError::bug("final version row just written"))
}

/// What an upload records.
pub struct Upload<'a> {
    /// The paper's new version number.
    pub version: i32,
    /// The PDF's file row.
    pub pdf: i64,
    /// The source archive's file row (kept from before when `None`).
    pub source: Option<i64>,
    /// Statement of changes.
    pub changes: &'a str,
    /// Pages.
    pub pages: i32,
    /// Warning keys.
    pub warnings: &'a [String],
    /// `uploaded` or `checked`.
    pub status: FinalStatus,
}

/// Records an upload; a chair's earlier verdict no longer applies.
pub fn set_upload(conn: &mut AnyConnection, submission_id: i64, u: &Upload, by: i64, now: NaiveDateTime) -> AppResult<()> {
    let source = match u.source {
        Some(s) => Some(s),
        None => get(conn, submission_id)?.and_then(|f| f.source_file_id),
    };
    diesel::update(final_versions::table.find(submission_id))
        .set((
            final_versions::status.eq(u.status),
            final_versions::version.eq(Some(u.version)),
            final_versions::pdf_file_id.eq(Some(u.pdf)),
            final_versions::source_file_id.eq(source),
            final_versions::changes.eq(u.changes),
            final_versions::pages.eq(Some(u.pages)),
            final_versions::warnings.eq(serde_json::to_string(u.warnings).unwrap_or_else(|_| "[]".into())),
            final_versions::uploaded_by.eq(Some(by)),
            final_versions::uploaded_at.eq(Some(now)),
            final_versions::reviewed_by.eq(None::<i64>),
            final_versions::reviewed_at.eq(None::<NaiveDateTime>),
            final_versions::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a chair's verdict (`approved` or `needs_changes` with a message).
pub fn set_review(
    conn: &mut AnyConnection,
    submission_id: i64,
    status: FinalStatus,
    message: &str,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(final_versions::table.find(submission_id))
        .set((
            final_versions::status.eq(status),
            final_versions::message.eq(message),
            final_versions::reviewed_by.eq(Some(by)),
            final_versions::reviewed_at.eq(Some(now)),
            final_versions::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records that an author confirmed the final author list.
pub fn confirm_authors(conn: &mut AnyConnection, submission_id: i64, by: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(final_versions::table.find(submission_id))
        .set((
            final_versions::authors_confirmed_at.eq(Some(now)),
            final_versions::authors_confirmed_by.eq(Some(by)),
            final_versions::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a reminder.
pub fn set_reminded(conn: &mut AnyConnection, submission_id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(final_versions::table.find(submission_id))
        .set(final_versions::reminded_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

/// Marks the paper withdrawn after acceptance.
pub fn set_withdrawn(conn: &mut AnyConnection, submission_id: i64, reason: &str, by: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(final_versions::table.find(submission_id))
        .set((
            final_versions::status.eq(FinalStatus::Withdrawn),
            final_versions::withdrawn_reason.eq(reason),
            final_versions::reviewed_by.eq(Some(by)),
            final_versions::reviewed_at.eq(Some(now)),
            final_versions::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a requested author-list change (replacing a pending one of the paper).
pub fn request_change(
    conn: &mut AnyConnection,
    submission_id: i64,
    authors_json: &str,
    reason: &str,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<i64> {
    diesel::delete(
        final_author_changes::table.filter(
            final_author_changes::submission_id
                .eq(submission_id)
                .and(final_author_changes::status.eq(ChangeStatus::Pending)),
        ),
    )
    .execute(conn)?;
    Ok(diesel::insert_into(final_author_changes::table)
        .values((
            final_author_changes::submission_id.eq(submission_id),
            final_author_changes::authors.eq(authors_json),
            final_author_changes::reason.eq(reason),
            final_author_changes::status.eq(ChangeStatus::Pending),
            final_author_changes::requested_by.eq(by),
            final_author_changes::requested_at.eq(now),
            final_author_changes::note.eq(""),
        ))
        .returning(final_author_changes::id)
        .get_result(conn)?)
}

/// The paper's author-list changes, newest first.
pub fn changes_of(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Vec<AuthorChange>> {
    Ok(final_author_changes::table
        .filter(final_author_changes::submission_id.eq(submission_id))
        .order(final_author_changes::id.desc())
        .select(AuthorChange::as_select())
        .load(conn)?)
}

/// Papers of a venue with a pending author-list change.
pub fn pending_changes(conn: &mut AnyConnection, submission_ids: &[i64]) -> AppResult<Vec<i64>> {
    Ok(final_author_changes::table
        .filter(
            final_author_changes::submission_id
                .eq_any(submission_ids)
                .and(final_author_changes::status.eq(ChangeStatus::Pending)),
        )
        .select(final_author_changes::submission_id)
        .load(conn)?)
}

/// Records a chair's decision on a pending change; false when it was no longer pending.
pub fn decide_change(conn: &mut AnyConnection, id: i64, status: ChangeStatus, note: &str, by: i64, now: NaiveDateTime) -> AppResult<bool> {
    Ok(diesel::update(
        final_author_changes::table.filter(
            final_author_changes::id
                .eq(id)
                .and(final_author_changes::status.eq(ChangeStatus::Pending)),
        ),
    )
    .set((
        final_author_changes::status.eq(status),
        final_author_changes::note.eq(note),
        final_author_changes::decided_by.eq(Some(by)),
        final_author_changes::decided_at.eq(Some(now)),
    ))
    .execute(conn)?
        > 0)
}

/// What a consent records.
pub struct NewConsent<'a> {
    /// The paper.
    pub submission_id: i64,
    /// The account.
    pub user_id: i64,
    /// Typed name.
    pub signer_name: &'a str,
    /// The account's address.
    pub signer_email: &'a str,
    /// Licence code.
    pub licence: &'a str,
    /// Chinese text.
    pub text_zh: &'a str,
    /// English text.
    pub text_en: &'a str,
    /// Verification digest.
    pub digest: &'a str,
    /// Client address.
    pub ip: &'a str,
    /// When.
    pub accepted_at: NaiveDateTime,
}

/// Records a consent.
pub fn insert_consent(conn: &mut AnyConnection, c: &NewConsent) -> AppResult<i64> {
    Ok(diesel::insert_into(consents::table)
        .values((
            consents::submission_id.eq(c.submission_id),
            consents::user_id.eq(c.user_id),
            consents::signer_name.eq(c.signer_name),
            consents::signer_email.eq(c.signer_email),
            consents::licence.eq(c.licence),
            consents::text_zh.eq(c.text_zh),
            consents::text_en.eq(c.text_en),
            consents::digest.eq(c.digest),
            consents::ip.eq(c.ip),
            consents::accepted_at.eq(c.accepted_at),
        ))
        .returning(consents::id)
        .get_result(conn)?)
}

/// The paper's latest consent.
pub fn latest_consent(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Option<Consent>> {
    Ok(consents::table
        .filter(consents::submission_id.eq(submission_id))
        .order(consents::id.desc())
        .select(Consent::as_select())
        .first(conn)
        .optional()?)
}

/// Every consent of these papers, oldest first (the last per paper is its current one).
pub fn consents_of(conn: &mut AnyConnection, submission_ids: &[i64]) -> AppResult<Vec<Consent>> {
    Ok(consents::table
        .filter(consents::submission_id.eq_any(submission_ids))
        .order(consents::id)
        .select(Consent::as_select())
        .load(conn)?)
}

/// The approved final PDF of a paper that everyone may read: its phase's licence is open and
/// the corresponding author consented to the current text.
pub fn public_final_pdf(conn: &mut AnyConnection, submission_id: i64, venue_id: i64, call_id: i64) -> AppResult<Option<i64>> {
    let Some(row) = get(conn, submission_id)? else {
        return Ok(None);
    };
    if row.status != FinalStatus::Approved {
        return Ok(None);
    }
    let phase = phase_for_call(conn, venue_id, call_id)?;
    let open = phase.as_ref().is_some_and(|p| super::validate::licence_is_open(&p.licence));
    let consent = latest_consent(conn, submission_id)?;
    Ok(row
        .pdf_file_id
        .filter(|_| open && super::model::consent_current(phase.as_ref(), consent.as_ref())))
}
