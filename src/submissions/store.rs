//! Submission queries.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::model::{Author, SUBMITTED, Submission, Version, WITHDRAWN};
use super::validate::{AuthorSpec, SubmissionSpec};
use crate::db::AnyConnection;
use crate::db::schema::{submission_authors, submission_topics, submission_versions, submissions, venues};
use crate::error::{AppError, AppResult};

use crate::db::lower;

/// Checks that a paper belongs to the venue (404 otherwise, so ids of other venues tell nothing).
pub fn require_in_venue(conn: &mut AnyConnection, venue_id: i64, submission_id: i64) -> AppResult<()> {
    let n: i64 = submissions::table
        .filter(submissions::id.eq(submission_id))
        .filter(submissions::venue_id.eq(venue_id))
        .count()
        .get_result(conn)?;
    if n == 0 { Err(crate::error::AppError::NotFound) } else { Ok(()) }
}

/// Loads one submission.
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<Submission> {
    Ok(submissions::table.find(id).select(Submission::as_select()).first(conn)?)
}

/// Authors in order.
pub fn authors_of(conn: &mut AnyConnection, id: i64) -> AppResult<Vec<Author>> {
    Ok(submission_authors::table
        .filter(submission_authors::submission_id.eq(id))
        .order(submission_authors::position)
        .select(Author::as_select())
        .load(conn)?)
}

/// Topic ids chosen.
pub fn topics_of(conn: &mut AnyConnection, id: i64) -> AppResult<Vec<i64>> {
    Ok(submission_topics::table
        .filter(submission_topics::submission_id.eq(id))
        .select(submission_topics::topic_id)
        .order(submission_topics::topic_id)
        .load(conn)?)
}

/// History, oldest first.
pub fn versions_of(conn: &mut AnyConnection, id: i64) -> AppResult<Vec<Version>> {
    Ok(submission_versions::table
        .filter(submission_versions::submission_id.eq(id))
        .order(submission_versions::id)
        .select(Version::as_select())
        .load(conn)?)
}

/// Writes authors and topics. Confirmations of authorship survive an edit of the list, and
/// the person writing (the submitter, or an author editing) confirms their own.
fn write_details(conn: &mut AnyConnection, id: i64, spec: &SubmissionSpec, by: i64) -> AppResult<()> {
    write_authors(conn, id, &spec.authors, by)?;
    diesel::delete(submission_topics::table.filter(submission_topics::submission_id.eq(id))).execute(conn)?;
    for t in &spec.topic_ids {
        diesel::insert_into(submission_topics::table)
            .values((submission_topics::submission_id.eq(id), submission_topics::topic_id.eq(t)))
            .execute(conn)?;
    }
    Ok(())
}

/// Replaces the author list (confirmations kept, as in [`write_details`]).
fn write_authors(conn: &mut AnyConnection, id: i64, authors: &[AuthorSpec], by: i64) -> AppResult<()> {
    let mut confirmed: std::collections::HashMap<String, NaiveDateTime> = authors_of(conn, id)?
        .into_iter()
        .filter_map(|a| a.confirmed_at.map(|t| (a.email, t)))
        .collect();
    let writer = crate::auth::store::by_id(conn, by)?;
    if writer.email_verified_at.is_some() {
        confirmed
            .entry(writer.email.clone())
            .or_insert_with(|| chrono::Utc::now().naive_utc());
    }
    diesel::delete(submission_authors::table.filter(submission_authors::submission_id.eq(id))).execute(conn)?;
    for (i, a) in authors.iter().enumerate() {
        diesel::insert_into(submission_authors::table)
            .values((
                submission_authors::submission_id.eq(id),
                submission_authors::position.eq(i as i32),
                submission_authors::name_zh.eq(&a.name_zh),
                submission_authors::name_latin.eq(&a.name_latin),
                submission_authors::email.eq(&a.email),
                submission_authors::affiliation.eq(&a.affiliation),
                submission_authors::country.eq(&a.country),
                submission_authors::orcid.eq(a.orcid.as_deref()),
                submission_authors::is_corresponding.eq(a.is_corresponding),
                submission_authors::is_presenter.eq(a.is_presenter),
                submission_authors::confirmed_at.eq(confirmed.get(&a.email).copied()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Replaces the author list of an accepted paper (a chair approved the change, `by`) and
/// records it in the history.
pub fn replace_authors(conn: &mut AnyConnection, id: i64, authors: &[AuthorSpec], by: i64) -> AppResult<()> {
    write_authors(conn, id, authors, by)?;
    record_version(conn, id, "authors_changed", by)
}

/// Makes `position` the presenting author (the others not).
pub fn set_presenter(conn: &mut AnyConnection, id: i64, position: i32) -> AppResult<()> {
    diesel::update(submission_authors::table.filter(submission_authors::submission_id.eq(id)))
        .set(submission_authors::is_presenter.eq(submission_authors::position.eq(position)))
        .execute(conn)?;
    Ok(())
}

/// Records a final version as a new version of the paper (the reviewed PDF stays the
/// paper's current one); returns its version number.
pub fn record_final(conn: &mut AnyConnection, id: i64, pdf: i64, source: Option<i64>, by: i64) -> AppResult<i32> {
    crate::jobs::changes::paper(conn, id)?;
    let current = get(conn, id)?;
    let version = current.version + 1;
    let now = Utc::now().naive_utc();
    diesel::update(submissions::table.find(id))
        .set((submissions::version.eq(version), submissions::updated_at.eq(now)))
        .execute(conn)?;
    diesel::insert_into(submission_versions::table)
        .values((
            submission_versions::submission_id.eq(id),
            submission_versions::version.eq(version),
            submission_versions::event.eq("final"),
            submission_versions::snapshot.eq(snapshot(conn, id)?.to_string()),
            submission_versions::pdf_file_id.eq(Some(pdf)),
            submission_versions::supp_file_id.eq(source),
            submission_versions::changed_by.eq(by),
            submission_versions::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(version)
}

fn snapshot(conn: &mut AnyConnection, id: i64) -> AppResult<serde_json::Value> {
    let s = get(conn, id)?;
    Ok(json!({
        "status": s.status, "title_zh": s.title_zh, "title_en": s.title_en, "abstract": s.abstract_text,
        "keywords": s.keywords, "track_id": s.track_id, "topics": topics_of(conn, id)?, "answers": s.answers,
        "authors": authors_of(conn, id)?, "extension_until": s.extension_until,
    }))
}

/// Appends a history entry with a snapshot of the current state.
pub fn record_version(conn: &mut AnyConnection, id: i64, event: &str, by: i64) -> AppResult<()> {
    // Every new version changes what search should find.
    crate::jobs::changes::paper(conn, id)?;
    let s = get(conn, id)?;
    let snapshot = snapshot(conn, id)?;
    diesel::insert_into(submission_versions::table)
        .values((
            submission_versions::submission_id.eq(id),
            submission_versions::version.eq(s.version),
            submission_versions::event.eq(event),
            submission_versions::snapshot.eq(snapshot.to_string()),
            submission_versions::pdf_file_id.eq(s.pdf_file_id),
            submission_versions::supp_file_id.eq(s.supp_file_id),
            submission_versions::changed_by.eq(by),
            submission_versions::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Creates a submission with the next number of its venue.
pub fn create(
    conn: &mut AnyConnection,
    venue_id: i64,
    call_id: i64,
    spec: &SubmissionSpec,
    pdf: Option<i64>,
    supp: Option<i64>,
    by: i64,
) -> AppResult<Submission> {
    // The counter row's lock (held until commit) serialises numbering per venue on PostgreSQL;
    // SQLite serialises all writers anyway.
    let number: i32 = diesel::update(venues::table.find(venue_id))
        .set(venues::submission_counter.eq(venues::submission_counter + 1))
        .returning(venues::submission_counter)
        .get_result(conn)?;
    let now = Utc::now().naive_utc();
    let id: i64 = diesel::insert_into(submissions::table)
        .values((
            submissions::venue_id.eq(venue_id),
            submissions::call_id.eq(call_id),
            submissions::track_id.eq(spec.track_id),
            submissions::number.eq(number),
            submissions::status.eq(SUBMITTED),
            submissions::title_zh.eq(&spec.title_zh),
            submissions::title_en.eq(&spec.title_en),
            submissions::abstract_text.eq(&spec.abstract_text),
            submissions::keywords.eq(&spec.keywords),
            submissions::answers.eq(serde_json::to_string(&spec.answers).unwrap_or_else(|_| "{}".into())),
            submissions::version.eq(1),
            submissions::pdf_file_id.eq(pdf),
            submissions::supp_file_id.eq(supp),
            submissions::created_by.eq(by),
            submissions::created_at.eq(now),
            submissions::updated_at.eq(now),
        ))
        .returning(submissions::id)
        .get_result(conn)?;
    write_details(conn, id, spec, by)?;
    record_version(conn, id, "submitted", by)?;
    get(conn, id)
}

/// Saves new metadata and, when given, new files; bumps the version.
pub fn update(
    conn: &mut AnyConnection,
    id: i64,
    spec: &SubmissionSpec,
    pdf: Option<i64>,
    supp: Option<i64>,
    by: i64,
) -> AppResult<Submission> {
    let current = get(conn, id)?;
    diesel::update(submissions::table.find(id))
        .set((
            submissions::track_id.eq(spec.track_id),
            submissions::title_zh.eq(&spec.title_zh),
            submissions::title_en.eq(&spec.title_en),
            submissions::abstract_text.eq(&spec.abstract_text),
            submissions::keywords.eq(&spec.keywords),
            submissions::answers.eq(serde_json::to_string(&spec.answers).unwrap_or_else(|_| "{}".into())),
            submissions::version.eq(current.version + 1),
            submissions::pdf_file_id.eq(pdf.or(current.pdf_file_id)),
            submissions::supp_file_id.eq(supp.or(current.supp_file_id)),
            submissions::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    write_details(conn, id, spec, by)?;
    record_version(conn, id, "updated", by)?;
    get(conn, id)
}

/// Marks a submission withdrawn (kept, and visible to organisers).
pub fn withdraw(conn: &mut AnyConnection, id: i64, by: i64) -> AppResult<Submission> {
    let now = Utc::now().naive_utc();
    diesel::update(submissions::table.find(id).filter(submissions::status.eq(SUBMITTED)))
        .set((
            submissions::status.eq(WITHDRAWN),
            submissions::withdrawn_at.eq(now),
            submissions::updated_at.eq(now),
            submissions::version.eq(submissions::version + 1),
        ))
        .execute(conn)?;
    record_version(conn, id, "withdrawn", by)?;
    get(conn, id)
}

/// Grants (or with `None` removes) a per-paper deadline extension.
pub fn set_extension(conn: &mut AnyConnection, id: i64, until: Option<NaiveDateTime>, by: i64) -> AppResult<Submission> {
    diesel::update(submissions::table.find(id))
        .set(submissions::extension_until.eq(until))
        .execute(conn)?;
    record_version(conn, id, "extension", by)?;
    get(conn, id)
}

/// Submissions listing `email` as an author who confirmed it, across venues, newest first.
pub fn for_author(conn: &mut AnyConnection, email: &str) -> AppResult<Vec<Submission>> {
    listing(conn, email, true)
}

/// Submissions listing `email` as an author who has not confirmed it yet, newest first.
pub fn awaiting_confirmation(conn: &mut AnyConnection, email: &str) -> AppResult<Vec<Submission>> {
    listing(conn, email, false)
}

fn listing(conn: &mut AnyConnection, email: &str, confirmed: bool) -> AppResult<Vec<Submission>> {
    let mut ids = submission_authors::table
        .filter(submission_authors::email.eq(email.to_lowercase()))
        .select(submission_authors::submission_id)
        .into_boxed();
    ids = if confirmed {
        ids.filter(submission_authors::confirmed_at.is_not_null())
    } else {
        ids.filter(submission_authors::confirmed_at.is_null())
    };
    let ids: Vec<i64> = ids.load(conn)?;
    Ok(submissions::table
        .filter(submissions::id.eq_any(ids))
        .order(submissions::id.desc())
        .select(Submission::as_select())
        .load(conn)?)
}

/// Filters of the organisers' table.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct Filter {
    /// Track id.
    pub track: Option<i64>,
    /// Topic id.
    pub topic: Option<i64>,
    /// `submitted` or `withdrawn`.
    pub status: Option<String>,
    /// Text in title, abstract or keywords.
    pub q: Option<String>,
    /// `number`, `title`, `updated` (prefix `-` for descending).
    pub sort: Option<String>,
    /// 1-based page.
    pub page: Option<i64>,
}

/// The orders the submission list knows.
pub const SORTS: [&str; 6] = ["number", "-number", "title", "-title", "updated", "-updated"];

/// Refuses a status or order the list does not know (empty means "any" and "by number"),
/// naming the parameter, instead of quietly showing nothing or the default order.
pub fn check_filter(f: &Filter) -> AppResult<()> {
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty())
        && super::model::SubmissionStatus::parse(s).is_none()
    {
        return Err(AppError::field("status", "validation.choice_invalid"));
    }
    if let Some(s) = f.sort.as_deref().filter(|s| !s.is_empty())
        && !SORTS.contains(&s)
    {
        return Err(AppError::field("sort", "validation.choice_invalid"));
    }
    Ok(())
}

/// The papers of a venue that list `email` as an author (confirmed or not).
pub fn written_by(conn: &mut AnyConnection, venue_id: i64, email: &str) -> AppResult<Vec<i64>> {
    Ok(submission_authors::table
        .inner_join(submissions::table)
        .filter(submissions::venue_id.eq(venue_id))
        .filter(submission_authors::email.eq(email.to_lowercase()))
        .select(submissions::id)
        .load(conn)?)
}

/// Rows per page of the organisers' table.
pub const PAGE_SIZE: i64 = 50;

/// One page of a venue's submissions as its chair sees them, and the total count: `hidden` are
/// the papers the chair wrote or is conflicted with (`guard::venue::Chair::hidden`), left out as
/// everywhere in chair views.
pub fn for_venue(
    conn: &mut AnyConnection,
    venue_id: i64,
    hidden: &std::collections::HashSet<i64>,
    f: &Filter,
    all: bool,
) -> AppResult<(Vec<Submission>, i64)> {
    let hidden: Vec<i64> = hidden.iter().copied().collect();
    let build = || {
        let mut q = submissions::table.filter(submissions::venue_id.eq(venue_id)).into_boxed();
        if !hidden.is_empty() {
            q = q.filter(submissions::id.ne_all(hidden.clone()));
        }
        if let Some(t) = f.track {
            q = q.filter(submissions::track_id.eq(t));
        }
        if let Some(topic) = f.topic {
            q = q.filter(
                submissions::id.eq_any(
                    submission_topics::table
                        .filter(submission_topics::topic_id.eq(topic))
                        .select(submission_topics::submission_id),
                ),
            );
        }
        if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
            q = q.filter(submissions::status.eq(s.to_string()));
        }
        if let Some(text) = f.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let pattern = crate::db::contains_pattern(text);
            q = q.filter(
                lower(submissions::title_zh)
                    .like(pattern.clone())
                    .or(lower(submissions::title_en).like(pattern.clone()))
                    .or(lower(submissions::abstract_text).like(pattern.clone()))
                    .or(lower(submissions::keywords).like(pattern)),
            );
        }
        q
    };
    let total: i64 = build().count().get_result(conn)?;
    let mut q = build();
    q = match f.sort.as_deref().filter(|s| !s.is_empty()).unwrap_or("number") {
        "-number" => q.order(submissions::number.desc()),
        "title" => q.order((submissions::title_en.asc(), submissions::title_zh.asc())),
        "-title" => q.order((submissions::title_en.desc(), submissions::title_zh.desc())),
        "updated" => q.order(submissions::updated_at.asc()),
        "-updated" => q.order(submissions::updated_at.desc()),
        _ => q.order(submissions::number.asc()),
    };
    if !all {
        let page = f.page.unwrap_or(1).max(1);
        q = q.limit(PAGE_SIZE).offset((page - 1).saturating_mul(PAGE_SIZE));
    }
    Ok((q.select(Submission::as_select()).load(conn)?, total))
}

/// Records that `email`'s owner confirms being an author of the paper; false when they are
/// not listed.
pub fn confirm_authorship(conn: &mut AnyConnection, id: i64, email: &str) -> AppResult<bool> {
    let n = diesel::update(
        submission_authors::table
            .filter(submission_authors::submission_id.eq(id))
            .filter(submission_authors::email.eq(email.to_lowercase()))
            .filter(submission_authors::confirmed_at.is_null()),
    )
    .set(submission_authors::confirmed_at.eq(Some(chrono::Utc::now().naive_utc())))
    .execute(conn)?;
    if n > 0 {
        // Confirmed authors find the paper in search.
        crate::jobs::changes::paper(conn, id)?;
    }
    Ok(n > 0)
}

/// Whether the authors of `submission_id` have been told its decision.
pub fn decision_notified(conn: &mut AnyConnection, submission_id: i64) -> AppResult<bool> {
    use crate::db::schema::decisions;
    let n: i64 = decisions::table
        .filter(decisions::submission_id.eq(submission_id))
        .filter(decisions::notified_at.is_not_null())
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// A venue's papers as (id, number, Chinese title, English title) by number; `active_only`
/// leaves withdrawn ones out.
pub fn titles(conn: &mut AnyConnection, venue_id: i64, active_only: bool) -> AppResult<Vec<(i64, i32, String, String)>> {
    let mut q = submissions::table.filter(submissions::venue_id.eq(venue_id)).into_boxed();
    if active_only {
        q = q.filter(submissions::status.eq(SUBMITTED));
    }
    Ok(q.order(submissions::number)
        .select((submissions::id, submissions::number, submissions::title_zh, submissions::title_en))
        .load(conn)?)
}

/// The paper numbered `number` at a venue, if there is one.
pub fn by_number(conn: &mut AnyConnection, venue_id: i64, number: i32) -> AppResult<Option<Submission>> {
    Ok(submissions::table
        .filter(submissions::venue_id.eq(venue_id))
        .filter(submissions::number.eq(number))
        .select(Submission::as_select())
        .first(conn)
        .optional()?)
}

/// A venue's active papers whose authors have been told a decision, with its label key, by
/// number (whether the label accepts is the venue's to say: see `submissions::public`).
pub fn told_of_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(Submission, String)>> {
    Ok(told_with_withdrawn(conn, venue_id)?
        .into_iter()
        .filter(|(s, _)| s.status == SUBMITTED)
        .collect())
}

/// Like [`told_of_venue`], also with papers withdrawn after their authors were told.
pub fn told_with_withdrawn(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(Submission, String)>> {
    use crate::db::schema::decisions;
    Ok(submissions::table
        .inner_join(decisions::table)
        .filter(submissions::venue_id.eq(venue_id))
        .filter(decisions::notified_at.is_not_null())
        .order(submissions::number)
        .select((Submission::as_select(), decisions::label))
        .load(conn)?)
}

/// Records whether the authors agree that the current PDF is public once accepted and told.
pub fn set_pdf_public(conn: &mut AnyConnection, id: i64, public: bool) -> AppResult<()> {
    diesel::update(submissions::table.find(id))
        .set(submissions::pdf_public.eq(public))
        .execute(conn)?;
    // Whether anyone may find the paper by its full text depends on it.
    crate::jobs::changes::paper(conn, id)?;
    Ok(())
}
