//! The final-version actions shared by pages and API. Each checks access inside the
//! transaction it writes in: authors (confirmed, of an accepted paper whose authors were told)
//! upload and confirm; the corresponding author consents; chairs set the phase, approve, ask
//! for changes, decide author-list changes, remind and withdraw.

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::model::{ChangeStatus, Consent, FinalPhase, FinalStatus, FinalVersion};
use super::store;
use super::validate::{self, AuthorListInput, ChangeDecisionInput, ConsentInput, PhaseInput, ReviewInput, WithdrawInput};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::venue::Chair;
use crate::mail::{self, Mail};
use crate::review::phases::DecisionLabel;
use crate::submissions::model::{Author, SUBMITTED, Submission};
use crate::submissions::policy::Access;
use crate::submissions::validate::AuthorSpec;
use crate::venues::model::Venue;
use crate::web::AppState;

/// An accepted paper with what its final version is checked against.
pub struct Accepted {
    /// The paper.
    pub submission: Submission,
    /// Its authors.
    pub authors: Vec<Author>,
    /// Its venue.
    pub venue: Venue,
    /// Its accepting decision.
    pub decision: DecisionLabel,
    /// The governing phase, if the chairs set one.
    pub phase: Option<FinalPhase>,
}

/// The accepted-and-told paper `s` (with its phase), or `finals.not_accepted`.
pub fn accepted(conn: &mut AnyConnection, s: Submission) -> AppResult<Accepted> {
    let decision =
        crate::submissions::public::told_acceptance(conn, &s)?.ok_or_else(|| AppError::Conflict("finals.not_accepted".into()))?;
    let authors = crate::submissions::store::authors_of(conn, s.id)?;
    let venue = crate::venues::store::by_id(conn, s.venue_id)?;
    let phase = store::phase_for_call(conn, s.venue_id, s.call_id)?;
    Ok(Accepted {
        submission: s,
        authors,
        venue,
        decision,
        phase,
    })
}

/// The paper for one of its confirmed authors (404 for anyone else, chairs included: this is
/// the authors' side), accepted and told.
pub fn for_author(conn: &mut AnyConnection, user: &User, id: i64) -> AppResult<(Accepted, bool)> {
    let (s, _, access) = crate::submissions::service::load_visible(conn, user, id)?;
    let Access::Author { corresponding } = access else {
        return Err(AppError::NotFound);
    };
    if s.status != SUBMITTED {
        return Err(AppError::Conflict("submissions.is_withdrawn".into()));
    }
    Ok((accepted(conn, s)?, corresponding))
}

/// The paper for a chair of its venue who sees it (404 otherwise), with the chair.
pub fn for_chair(conn: &mut AnyConnection, user: &User, id: i64) -> AppResult<(Chair, Submission)> {
    let s = crate::submissions::store::get(conn, id)?;
    let venue = crate::venues::store::by_id(conn, s.venue_id)?;
    let chair = crate::guard::venue::chair_of(conn, user, venue)?;
    chair.paper(conn, id)?;
    Ok((chair, s))
}

/// Whether authors may upload now: the phase is set, open (from its opening, or from the
/// decision mail) and before its deadline — or a chair asked for changes, which reopens it.
pub fn check_open<'a>(a: &'a Accepted, row: Option<&FinalVersion>, now: NaiveDateTime) -> AppResult<&'a FinalPhase> {
    let phase = a.phase.as_ref().ok_or_else(|| AppError::Conflict("finals.no_phase".into()))?;
    let status = row.map_or(FinalStatus::Missing, |r| r.status);
    match status {
        FinalStatus::Approved => return Err(AppError::Conflict("finals.already_approved".into())),
        FinalStatus::Withdrawn => return Err(AppError::Conflict("submissions.is_withdrawn".into())),
        FinalStatus::NeedsChanges => return Ok(phase),
        _ => {}
    }
    if phase.opens_at.is_some_and(|o| now < o) {
        return Err(AppError::Conflict("finals.not_open".into()));
    }
    if now > phase.deadline {
        return Err(AppError::Conflict("finals.closed".into()));
    }
    Ok(phase)
}

/// Sets the final-version phase of the venue's main call (`track` `None`) or of a track's own
/// call.
pub fn set_phase(
    conn: &mut AnyConnection,
    chair: &Chair,
    track: Option<&str>,
    input: &PhaseInput,
    now: NaiveDateTime,
) -> AppResult<FinalPhase> {
    let track_id = crate::venues::store::track_id_param(conn, chair.venue.id, track)?;
    let call =
        crate::venues::store::call_for(conn, chair.venue.id, track_id)?.ok_or_else(|| AppError::Conflict("finals.no_call".into()))?;
    let spec = validate::phase(input, &chair.venue.timezone)?;
    store::put_phase(conn, call.id, &spec, now)
}

/// The automatic checks' warnings on a final PDF: still marked anonymous (by its metadata or
/// its first page), as a blind submission is but a final version must not be.
pub fn warnings(meta_author: Option<&str>, first_page: &str) -> Vec<String> {
    let mut w = Vec::new();
    let lower = first_page.to_lowercase();
    let anonymous_meta = meta_author.is_some_and(|a| a.to_lowercase().contains("anonymous") || a.contains("匿名"));
    if anonymous_meta || lower.contains("anonymous") || first_page.contains("匿名") {
        w.push("finals.warn_anonymous".to_string());
    }
    w
}

/// What an author sends with a final version.
pub struct FinalFiles<'a> {
    /// The PDF's stored row.
    pub pdf: i64,
    /// Pages.
    pub pages: u32,
    /// The source archive's row, if sent.
    pub source: Option<i64>,
    /// Statement of changes.
    pub changes: &'a str,
    /// Warnings of the checks.
    pub warnings: Vec<String>,
}

/// Records a final version (its file rows are written by the caller in this transaction).
pub fn record_upload(conn: &mut AnyConnection, user: &User, id: i64, files: &FinalFiles, now: NaiveDateTime) -> AppResult<FinalVersion> {
    let (a, _) = for_author(conn, user, id)?;
    let row = store::get(conn, id)?;
    let phase = check_open(&a, row.as_ref(), now)?.clone();
    let mut f = crate::error::FieldErrors::new();
    if phase.page_limit.is_some_and(|l| files.pages as i32 > l) {
        f.insert("pdf".into(), "validation.too_many_pages".into());
    }
    let has_source = files.source.is_some() || row.as_ref().is_some_and(|r| r.source_file_id.is_some());
    if phase.source_required && !has_source {
        f.insert("source".into(), "validation.source_required".into());
    }
    if phase.changes_required && files.changes.trim().is_empty() {
        f.insert("changes".into(), "validation.changes_required".into());
    }
    crate::text::check_sized(&mut f, "changes", files.changes, 10_000);
    if files.changes.chars().count() > 10_000 {
        f.insert("changes".into(), "validation.too_long".into());
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    store::ensure(conn, id, a.venue.id, now)?;
    let version = crate::submissions::store::record_final(conn, id, files.pdf, files.source, user.id)?;
    let status = if files.warnings.is_empty() {
        FinalStatus::Checked
    } else {
        FinalStatus::Uploaded
    };
    store::set_upload(
        conn,
        id,
        &store::Upload {
            version,
            pdf: files.pdf,
            source: files.source,
            changes: files.changes.trim(),
            pages: files.pages as i32,
            warnings: &files.warnings,
            status,
        },
        user.id,
        now,
    )?;
    store::get(conn, id)?.ok_or_else(|| AppError::bug("final version row just written"))
}

/// What confirming the author list did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListOutcome {
    /// The list was unchanged (or only the presenter changed): confirmed.
    Confirmed,
    /// The list changes: it waits for a chair's approval.
    ChangeRequested,
}

/// An author confirms the final author list, or asks for a change (which a chair approves).
pub fn confirm_authors(
    conn: &mut AnyConnection,
    user: &User,
    id: i64,
    input: &AuthorListInput,
    now: NaiveDateTime,
) -> AppResult<ListOutcome> {
    let (a, _) = for_author(conn, user, id)?;
    if a.phase.is_none() {
        return Err(AppError::Conflict("finals.no_phase".into()));
    }
    if store::get(conn, id)?.is_some_and(|r| r.status == FinalStatus::Approved) {
        return Err(AppError::Conflict("finals.already_approved".into()));
    }
    let (proposed, reason) = validate::author_list(input)?;
    let current: Vec<AuthorSpec> = a.authors.iter().map(spec_of).collect();
    store::ensure(conn, id, a.venue.id, now)?;
    if validate::same_people(&current, &proposed) {
        if let Some(p) = proposed.iter().position(|x| x.is_presenter) {
            crate::submissions::store::set_presenter(conn, id, p as i32)?;
        }
        store::confirm_authors(conn, id, user.id, now)?;
        return Ok(ListOutcome::Confirmed);
    }
    if reason.is_empty() {
        return Err(AppError::field("reason", "validation.reason_required"));
    }
    let authors = serde_json::to_string(&proposed).map_err(|e| AppError::caused("author list", e))?;
    store::request_change(conn, id, &authors, &reason, user.id, now)?;
    Ok(ListOutcome::ChangeRequested)
}

fn spec_of(a: &Author) -> AuthorSpec {
    AuthorSpec {
        name_zh: a.name_zh.clone(),
        name_latin: a.name_latin.clone(),
        email: a.email.clone(),
        affiliation: a.affiliation.clone(),
        country: a.country.clone(),
        orcid: a.orcid.clone(),
        is_corresponding: a.is_corresponding,
        is_presenter: a.is_presenter,
    }
}

/// The digest that the signed form carries: SHA-256 over the record's fields, so a printed
/// form can be checked against the database.
pub fn consent_digest(record: &store::NewConsent) -> String {
    let r = record;
    let fields = json!([
        r.submission_id,
        r.signer_email,
        r.signer_name,
        r.licence,
        r.text_zh,
        r.text_en,
        crate::venues::deadline::iso(r.accepted_at),
        r.ip
    ]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// The corresponding author accepts the licence or copyright transfer text of the phase.
pub fn consent(conn: &mut AnyConnection, user: &User, id: i64, input: &ConsentInput, ip: &str, now: NaiveDateTime) -> AppResult<Consent> {
    let (a, corresponding) = for_author(conn, user, id)?;
    if !corresponding {
        return Err(AppError::Conflict("finals.only_corresponding".into()));
    }
    let phase = a.phase.as_ref().ok_or_else(|| AppError::Conflict("finals.no_phase".into()))?;
    let name = validate::consent(input)?;
    store::ensure(conn, id, a.venue.id, now)?;
    let mut record = store::NewConsent {
        submission_id: id,
        user_id: user.id,
        signer_name: &name,
        signer_email: &user.email,
        licence: &phase.licence,
        text_zh: &phase.consent_zh,
        text_en: &phase.consent_en,
        digest: "",
        ip,
        accepted_at: now,
    };
    let digest = consent_digest(&record);
    record.digest = &digest;
    store::insert_consent(conn, &record)?;
    store::latest_consent(conn, id)?.ok_or_else(|| AppError::bug("consent just written"))
}

fn mail_authors(
    conn: &mut AnyConnection,
    state: &AppState,
    a: &Accepted,
    only_corresponding: bool,
    vars: &serde_json::Value,
) -> AppResult<usize> {
    let mut sent = 0;
    for author in a
        .authors
        .iter()
        .filter(|x| x.confirmed_at.is_some() && (!only_corresponding || x.is_corresponding))
    {
        let account = crate::auth::store::by_email(conn, &author.email)?;
        let Some(account) = account else { continue };
        let lang = account.mail_lang();
        let mut vars = vars.clone();
        vars["title"] = json!(a.submission.title(lang));
        mail::queue(conn, state, Mail::to_user(&account, lang, "final_version", vars))?;
        sent += 1;
    }
    Ok(sent)
}

fn mail_vars(state: &AppState, a: &Accepted, event: &str) -> serde_json::Value {
    let tz = crate::venues::deadline::parse_tz(&a.venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
    json!({
        "event": event,
        "venue_zh": a.venue.title_zh, "venue_en": a.venue.title_en,
        "number": a.submission.number,
        "deadline": a.phase.as_ref().map(|p| crate::venues::deadline::display(p.deadline, tz)),
        "link": format!("{}/submissions/{}/final", state.config.base_url, a.submission.id),
    })
}

/// A chair approves a final version or asks for changes (mailed to the authors).
pub fn review(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    id: i64,
    input: &ReviewInput,
    now: NaiveDateTime,
) -> AppResult<FinalVersion> {
    let (_, s) = for_chair(conn, user, id)?;
    let verdict = validate::review(input)?;
    let a = accepted(conn, s)?;
    let row = store::get(conn, id)?
        .filter(|r| r.pdf_file_id.is_some())
        .ok_or_else(|| AppError::Conflict("finals.nothing_uploaded".into()))?;
    if row.status == FinalStatus::Withdrawn {
        return Err(AppError::Conflict("submissions.is_withdrawn".into()));
    }
    let (status, message, event) = match &verdict {
        None => (FinalStatus::Approved, "", "approved"),
        Some(m) => (FinalStatus::NeedsChanges, m.as_str(), "needs_changes"),
    };
    store::set_review(conn, id, status, message, user.id, now)?;
    let mut vars = mail_vars(state, &a, event);
    vars["message"] = json!(message);
    mail_authors(conn, state, &a, false, &vars)?;
    crate::jobs::changes::paper(conn, id)?;
    store::get(conn, id)?.ok_or_else(|| AppError::bug("final version row"))
}

/// A chair approves or declines a requested author-list change; approval replaces the list.
pub fn decide_change(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    id: i64,
    change_id: i64,
    input: &ChangeDecisionInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let (_, s) = for_chair(conn, user, id)?;
    let note = validate::change_decision(input)?;
    let change = store::changes_of(conn, id)?
        .into_iter()
        .find(|c| c.id == change_id)
        .ok_or(AppError::NotFound)?;
    if change.status != ChangeStatus::Pending {
        return Err(AppError::Conflict("finals.change_not_pending".into()));
    }
    let status = if input.approve {
        ChangeStatus::Approved
    } else {
        ChangeStatus::Declined
    };
    store::decide_change(conn, change_id, status, &note, user.id, now)?;
    if input.approve {
        let authors: Vec<AuthorSpec> = serde_json::from_str(&change.authors).map_err(|e| AppError::caused("stored author list", e))?;
        crate::submissions::store::replace_authors(conn, id, &authors, change.requested_by)?;
        store::confirm_authors(conn, id, change.requested_by, now)?;
    }
    let s = crate::submissions::store::get(conn, s.id)?;
    let a = accepted(conn, s)?;
    let mut vars = mail_vars(state, &a, if input.approve { "change_approved" } else { "change_declined" });
    vars["message"] = json!(note);
    mail_authors(conn, state, &a, false, &vars)?;
    Ok(())
}

/// A chair marks an accepted paper withdrawn after acceptance (authors are told why).
pub fn withdraw(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    id: i64,
    input: &WithdrawInput,
    now: NaiveDateTime,
) -> AppResult<FinalVersion> {
    let (_, s) = for_chair(conn, user, id)?;
    let reason = validate::withdraw(input)?;
    if s.status != SUBMITTED {
        return Err(AppError::Conflict("submissions.is_withdrawn".into()));
    }
    let a = accepted(conn, s)?;
    store::ensure(conn, id, a.venue.id, now)?;
    crate::submissions::store::withdraw(conn, id, user.id)?;
    store::set_withdrawn(conn, id, &reason, user.id, now)?;
    let mut vars = mail_vars(state, &a, "withdrawn");
    vars["message"] = json!(reason);
    mail_authors(conn, state, &a, false, &vars)?;
    store::get(conn, id)?.ok_or_else(|| AppError::bug("final version row"))
}

/// A reminder to one paper's corresponding authors, queued by a chair.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Remind {
    /// The paper.
    pub submission_id: i64,
}

impl crate::jobs::typed::JobPayload for Remind {
    const KIND: &'static str = "finals.remind";
}

/// Queues reminders for `ids` (papers of the chair's venue still missing or needing changes);
/// returns how many were queued.
pub fn queue_reminders(conn: &mut AnyConnection, chair: &Chair, ids: &[i64]) -> AppResult<usize> {
    let mut queued = 0;
    for &id in ids {
        chair.paper(conn, id)?;
        crate::jobs::typed::enqueue_unique(conn, &Remind { submission_id: id })?;
        queued += 1;
    }
    Ok(queued)
}

/// Papers still missing their final version or needing changes.
pub fn due_papers(c: &mut crate::db::AnyConnection, ch: &crate::guard::venue::Chair) -> AppResult<Vec<i64>> {
    use super::model::FinalStatus;
    Ok(super::table::load(c, ch, &super::table::TableQuery::default())?
        .rows
        .into_iter()
        .filter(|r| matches!(r.status, FinalStatus::Missing | FinalStatus::NeedsChanges))
        .map(|r| r.submission_id)
        .collect())
}

/// Registers the reminder job.
pub fn register(registry: &mut crate::jobs::Registry, state: AppState) {
    registry.register_in_tx::<Remind, _>(state.db.clone(), state, send_reminder);
}

/// Sends one reminder (nothing when the final is in, approved or the paper withdrawn).
pub fn send_reminder(conn: &mut AnyConnection, state: &AppState, job: Remind, now: NaiveDateTime) -> AppResult<usize> {
    let s = crate::submissions::store::get(conn, job.submission_id)?;
    if s.status != SUBMITTED {
        return Ok(0);
    }
    let Ok(a) = accepted(conn, s) else { return Ok(0) };
    let row = store::get(conn, job.submission_id)?;
    let due = row
        .as_ref()
        .is_none_or(|r| matches!(r.status, FinalStatus::Missing | FinalStatus::NeedsChanges));
    if !due || a.phase.is_none() {
        return Ok(0);
    }
    let mut vars = mail_vars(state, &a, "reminder");
    vars["message"] = json!(row.as_ref().map(|r| r.message.clone()).unwrap_or_default());
    let sent = mail_authors(conn, state, &a, true, &vars)?;
    store::ensure(conn, job.submission_id, a.venue.id, now)?;
    store::set_reminded(conn, job.submission_id, now)?;
    Ok(sent)
}
