//! Every query of manuscripts: creating one with its authors and files, reading them, the
//! history, and who confirmed being an author.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Author, Event, FileKind, Manuscript, ManuscriptFile, Stage};
use super::validate::ManuscriptSpec;
use crate::db::AnyConnection;
use crate::db::schema::{journals, mails, manuscript_authors, manuscript_events, manuscript_files, manuscript_mails, manuscripts};
use crate::error::{AppError, AppResult};

/// One manuscript (404 when unknown).
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<Manuscript> {
    manuscripts::table
        .find(id)
        .select(Manuscript::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Creates a manuscript with the journal's next number, its authors (the submitter's listing
/// confirmed) and its history's first entry; returns its id.
pub fn create(
    conn: &mut AnyConnection,
    journal_id: i64,
    spec: &ManuscriptSpec,
    by: i64,
    by_email: &str,
    now: NaiveDateTime,
) -> AppResult<i64> {
    // The counter row's lock (held until commit) serialises numbering per journal on PostgreSQL.
    let number: i32 = diesel::update(journals::table.find(journal_id))
        .set(journals::manuscript_count.eq(journals::manuscript_count + 1))
        .returning(journals::manuscript_count)
        .get_result(conn)?;
    let json = |r: &Vec<super::model::Reviewer>| serde_json::to_string(r).map_err(|e| AppError::caused("reviewers", e));
    let id: i64 = diesel::insert_into(manuscripts::table)
        .values((
            manuscripts::journal_id.eq(journal_id),
            manuscripts::section_id.eq(spec.section_id),
            manuscripts::number.eq(number),
            manuscripts::stage.eq(Stage::Desk),
            manuscripts::round.eq(1),
            manuscripts::title_zh.eq(&spec.title_zh),
            manuscripts::title_en.eq(&spec.title_en),
            manuscripts::abstract_zh.eq(&spec.abstract_zh),
            manuscripts::abstract_en.eq(&spec.abstract_en),
            manuscripts::keywords_zh.eq(&spec.keywords_zh),
            manuscripts::keywords_en.eq(&spec.keywords_en),
            manuscripts::language.eq(&spec.language),
            manuscripts::cover_letter.eq(&spec.cover_letter),
            manuscripts::suggested_reviewers.eq(json(&spec.suggested)?),
            manuscripts::opposed_reviewers.eq(json(&spec.opposed)?),
            manuscripts::submitted_by.eq(by),
            manuscripts::submitted_at.eq(now),
            manuscripts::updated_at.eq(now),
        ))
        .returning(manuscripts::id)
        .get_result(conn)?;
    for (i, a) in spec.authors.iter().enumerate() {
        diesel::insert_into(manuscript_authors::table)
            .values((
                manuscript_authors::manuscript_id.eq(id),
                manuscript_authors::position.eq(i as i32 + 1),
                manuscript_authors::family_zh.eq(&a.family_zh),
                manuscript_authors::given_zh.eq(&a.given_zh),
                manuscript_authors::family_en.eq(&a.family_en),
                manuscript_authors::given_en.eq(&a.given_en),
                manuscript_authors::email.eq(&a.email),
                manuscript_authors::affiliation.eq(&a.affiliation),
                manuscript_authors::country.eq(&a.country),
                manuscript_authors::orcid.eq(&a.orcid),
                manuscript_authors::corresponding.eq(a.corresponding),
                manuscript_authors::confirmed_at.eq((a.email == by_email).then_some(now)),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// Records a file of the manuscript.
pub fn add_file(
    conn: &mut AnyConnection,
    manuscript_id: i64,
    round: i32,
    kind: FileKind,
    file_id: i64,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(manuscript_files::table)
        .values((
            manuscript_files::manuscript_id.eq(manuscript_id),
            manuscript_files::round.eq(round),
            manuscript_files::kind.eq(kind),
            manuscript_files::file_id.eq(file_id),
            manuscript_files::uploaded_by.eq(Some(by)),
            manuscript_files::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Adds an entry to the manuscript's history.
pub fn record(
    conn: &mut AnyConnection,
    manuscript_id: i64,
    kind: &str,
    actor: Option<i64>,
    detail: &serde_json::Value,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(manuscript_events::table)
        .values((
            manuscript_events::manuscript_id.eq(manuscript_id),
            manuscript_events::kind.eq(kind),
            manuscript_events::actor_id.eq(actor),
            manuscript_events::detail.eq(detail.to_string()),
            manuscript_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The manuscript's authors in order.
pub fn authors_of(conn: &mut AnyConnection, manuscript_id: i64) -> AppResult<Vec<Author>> {
    Ok(manuscript_authors::table
        .filter(manuscript_authors::manuscript_id.eq(manuscript_id))
        .order(manuscript_authors::position)
        .select(Author::as_select())
        .load(conn)?)
}

/// The manuscript's files, newest round first.
pub fn files_of(conn: &mut AnyConnection, manuscript_id: i64) -> AppResult<Vec<ManuscriptFile>> {
    Ok(manuscript_files::table
        .filter(manuscript_files::manuscript_id.eq(manuscript_id))
        .order((manuscript_files::round.desc(), manuscript_files::id))
        .select(ManuscriptFile::as_select())
        .load(conn)?)
}

/// The manuscript's history, oldest first.
pub fn events_of(conn: &mut AnyConnection, manuscript_id: i64) -> AppResult<Vec<Event>> {
    Ok(manuscript_events::table
        .filter(manuscript_events::manuscript_id.eq(manuscript_id))
        .order(manuscript_events::id)
        .select(Event::as_select())
        .load(conn)?)
}

/// Manuscripts listing `email` as an author, newest first: (manuscript, confirmed).
pub fn listing(conn: &mut AnyConnection, email: &str) -> AppResult<Vec<(Manuscript, bool)>> {
    let rows: Vec<(Manuscript, Option<NaiveDateTime>)> = manuscripts::table
        .inner_join(manuscript_authors::table)
        .filter(manuscript_authors::email.eq(email))
        .order(manuscripts::submitted_at.desc())
        .select((Manuscript::as_select(), manuscript_authors::confirmed_at))
        .load(conn)?;
    Ok(rows.into_iter().map(|(m, c)| (m, c.is_some())).collect())
}

/// Marks `email`'s listing on the manuscript confirmed; false when it is not listed.
pub fn confirm_author(conn: &mut AnyConnection, manuscript_id: i64, email: &str, now: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(
        manuscript_authors::table
            .filter(manuscript_authors::manuscript_id.eq(manuscript_id))
            .filter(manuscript_authors::email.eq(email))
            .filter(manuscript_authors::confirmed_at.is_null()),
    )
    .set(manuscript_authors::confirmed_at.eq(Some(now)))
    .execute(conn)?;
    Ok(n > 0)
}

/// Whether the manuscript has a file row for `file_id`.
pub fn has_file(conn: &mut AnyConnection, manuscript_id: i64, file_id: i64) -> AppResult<bool> {
    Ok(manuscript_files::table
        .filter(manuscript_files::manuscript_id.eq(manuscript_id))
        .filter(manuscript_files::file_id.eq(file_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Whether a section has any manuscripts (such a section cannot be deleted).
pub fn section_used(conn: &mut AnyConnection, section_id: i64) -> AppResult<bool> {
    Ok(manuscripts::table
        .filter(manuscripts::section_id.eq(section_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Moves the manuscript to `stage`.
pub fn set_stage(conn: &mut AnyConnection, id: i64, stage: Stage, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(manuscripts::table.find(id))
        .set((manuscripts::stage.eq(stage), manuscripts::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Moves the manuscript to its next round (a revision came in); returns the new round.
pub fn next_round(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<i32> {
    Ok(diesel::update(manuscripts::table.find(id))
        .set((manuscripts::round.eq(manuscripts::round + 1), manuscripts::updated_at.eq(now)))
        .returning(manuscripts::round)
        .get_result(conn)?)
}

/// Sets (or clears) the handling editor.
pub fn set_handling(conn: &mut AnyConnection, id: i64, editor: Option<i64>, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(manuscripts::table.find(id))
        .set((manuscripts::handling_editor_id.eq(editor), manuscripts::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Which of a journal's manuscripts a queue shows.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this section.
    pub section: Option<i64>,
    /// Only those in these sections or handled by `handled_by` (a section editor's view).
    pub limit_to: Option<(Vec<i64>, i64)>,
    /// Only those handled by this account.
    pub handled_by: Option<i64>,
    /// Leave out those listing this address as an author.
    pub not_written_by: String,
    /// Page, from 1.
    pub page: i64,
    /// Per page.
    pub per_page: i64,
}

/// A page of the journal's manuscripts, newest first, and how many match.
pub fn queue(conn: &mut AnyConnection, journal_id: i64, f: &QueueFilter) -> AppResult<(Vec<Manuscript>, i64)> {
    let build = || {
        let written = manuscript_authors::table
            .filter(manuscript_authors::email.eq(f.not_written_by.clone()))
            .select(manuscript_authors::manuscript_id);
        let mut q = manuscripts::table
            .filter(manuscripts::journal_id.eq(journal_id))
            .filter(diesel::dsl::not(manuscripts::id.eq_any(written)))
            .into_boxed();
        if let Some(s) = f.stage {
            q = q.filter(manuscripts::stage.eq(s));
        }
        if let Some(s) = f.section {
            q = q.filter(manuscripts::section_id.eq(s));
        }
        if let Some(u) = f.handled_by {
            q = q.filter(manuscripts::handling_editor_id.eq(u));
        }
        if let Some((sections, me)) = &f.limit_to {
            q = q.filter(
                manuscripts::section_id
                    .eq_any(sections.clone())
                    .or(manuscripts::handling_editor_id.eq(*me)),
            );
        }
        q
    };
    let total: i64 = build().count().get_result(conn)?;
    let rows = build()
        .order((manuscripts::submitted_at.desc(), manuscripts::id.desc()))
        .limit(f.per_page)
        .offset((f.page - 1).max(0) * f.per_page)
        .select(Manuscript::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Files an outbox mail under the manuscript (`kind` says what it was: `receipt`, ...).
pub fn link_mail(conn: &mut AnyConnection, manuscript_id: i64, mail_id: i64, kind: &str) -> AppResult<()> {
    diesel::insert_into(manuscript_mails::table)
        .values((
            manuscript_mails::manuscript_id.eq(manuscript_id),
            manuscript_mails::mail_id.eq(mail_id),
            manuscript_mails::kind.eq(kind),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every mail sent about the manuscript, oldest first, with its kind.
pub fn mails_of(conn: &mut AnyConnection, manuscript_id: i64) -> AppResult<Vec<(String, crate::mail::outbox::OutboxMail)>> {
    Ok(manuscript_mails::table
        .inner_join(mails::table)
        .filter(manuscript_mails::manuscript_id.eq(manuscript_id))
        .order(mails::id)
        .select((manuscript_mails::kind, crate::mail::outbox::OutboxMail::as_select()))
        .load(conn)?)
}

/// The manuscripts listing any of `emails` as an author, with all their authors (for
/// co-authorship in conflict checks; ids are negated so they never meet conference paper ids).
pub fn papers_written_by(conn: &mut AnyConnection, emails: &[String]) -> AppResult<Vec<crate::review::conflicts::detect::Paper>> {
    use crate::review::conflicts::detect::{Paper, Person};
    let theirs: Vec<i64> = manuscript_authors::table
        .filter(manuscript_authors::email.eq_any(emails.to_vec()))
        .select(manuscript_authors::manuscript_id)
        .load(conn)?;
    let rows: Vec<Author> = manuscript_authors::table
        .filter(manuscript_authors::manuscript_id.eq_any(theirs))
        .order((manuscript_authors::manuscript_id, manuscript_authors::position))
        .select(Author::as_select())
        .load(conn)?;
    let mut out: Vec<Paper> = Vec::new();
    for a in rows {
        if out.last().is_none_or(|p| p.id != -a.manuscript_id) {
            out.push(Paper {
                id: -a.manuscript_id,
                authors: vec![],
            });
        }
        if let Some(p) = out.last_mut() {
            p.authors.push(Person {
                emails: vec![a.email.clone()],
                name_zh: format!("{}{}", a.family_zh, a.given_zh),
                name_latin: a.latin_name(),
                affiliation: a.affiliation,
                orcid: a.orcid,
            });
        }
    }
    Ok(out)
}
