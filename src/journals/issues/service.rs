//! Issue actions shared by pages and API: making and changing issues, placing accepted articles
//! in them (their place, pages or numbers, and DOIs follow), and publishing.
//!
//! The table of contents of an issue being prepared is rearranged freely; each change gives
//! every article its place again and, where the journal has a DOI prefix, its DOI from the
//! journal's pattern. Once the issue is published its articles' places and DOIs are fixed.

use chrono::NaiveDateTime;
use serde_json::json;

use super::model::Issue;
use super::numbering::{self, Entry};
use super::store::{self, IssueFields};
use super::validate::{self, IssueInput, Numbering};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::journal::{Editorial, issue_for};
use crate::guard::policy::JournalAction;
use crate::journals::articles::model::{Article, GalleyKind};
use crate::journals::articles::store as articles;
use crate::journals::manuscripts::model::Stage;
use crate::journals::manuscripts::stages::{self, Move};
use crate::journals::manuscripts::store as manuscripts;
use crate::journals::setup::doi::{self, DoiParts};
use crate::web::AppState;

/// An issue being prepared (409 once published).
fn preparing(conn: &mut AnyConnection, user: &User, issue_id: i64) -> AppResult<(Issue, Editorial)> {
    let (issue, ed) = issue_for(conn, user, issue_id, JournalAction::ManageIssues)?;
    if issue.published_on.is_some() {
        return Err(AppError::Conflict("journal_issue.published".into()));
    }
    Ok((issue, ed))
}

fn fields(spec: &validate::IssueSpec) -> IssueFields<'_> {
    IssueFields {
        volume: spec.volume,
        number: spec.number,
        year: spec.year,
        title_zh: &spec.title_zh,
        title_en: &spec.title_en,
    }
}

/// Makes an issue of the journal; returns its id.
pub fn create(conn: &mut AnyConnection, ed: &Editorial, input: &IssueInput, now: NaiveDateTime) -> AppResult<i64> {
    ed.require(JournalAction::ManageIssues)?;
    let spec = validate::issue(input)?;
    if store::number_taken(conn, ed.journal.id, spec.volume, spec.number, None)? {
        return Err(AppError::field("number", "journal_issue.number_taken"));
    }
    store::insert(conn, ed.journal.id, &fields(&spec), now)
}

/// Changes an issue. A published issue keeps its volume, number and year (its articles were
/// cited and registered with them); its titles may still be corrected.
pub fn update(conn: &mut AnyConnection, user: &User, issue_id: i64, input: &IssueInput, now: NaiveDateTime) -> AppResult<()> {
    let (issue, _) = issue_for(conn, user, issue_id, JournalAction::ManageIssues)?;
    let spec = validate::issue(input)?;
    let renumbered = (spec.volume, spec.number, spec.year) != (issue.volume, issue.number, issue.year);
    if issue.published_on.is_some() && renumbered {
        return Err(AppError::Conflict("journal_issue.published".into()));
    }
    if store::number_taken(conn, issue.journal_id, spec.volume, spec.number, Some(issue.id))? {
        return Err(AppError::field("number", "journal_issue.number_taken"));
    }
    store::update(conn, issue.id, &fields(&spec), now)?;
    if renumbered {
        let issue = store::get(conn, issue.id)?;
        arrange(conn, &issue, None, now)?;
    }
    Ok(())
}

/// Deletes an issue being prepared that holds no article.
pub fn delete(conn: &mut AnyConnection, user: &User, issue_id: i64) -> AppResult<()> {
    let (issue, _) = preparing(conn, user, issue_id)?;
    if !articles::in_issue(conn, issue.id)?.is_empty() {
        return Err(AppError::Conflict("journal_issue.not_empty".into()));
    }
    store::delete(conn, issue.id)
}

/// Sets the cover image (a stored PNG or JPEG).
pub fn set_cover(conn: &mut AnyConnection, user: &User, issue_id: i64, file_id: Option<i64>, now: NaiveDateTime) -> AppResult<()> {
    let (issue, _) = issue_for(conn, user, issue_id, JournalAction::ManageIssues)?;
    store::set_cover(conn, issue.id, file_id, now)
}

/// Gives every article of the issue its place in table-of-contents order (`order`, or by
/// section and current place) and its DOI.
fn arrange(conn: &mut AnyConnection, issue: &Issue, order: Option<Vec<i64>>, now: NaiveDateTime) -> AppResult<()> {
    let list = articles::in_issue(conn, issue.id)?;
    let order = match order {
        Some(o) => o,
        None => numbering::order(&entries(conn, issue.journal_id, &list)?),
    };
    let journal = crate::journals::store::get(conn, issue.journal_id)?;
    let settings = crate::journals::setup::view::current(conn, issue.journal_id)?.spec;
    // DOIs are cleared first so that two articles swapping places never collide on the
    // unique index in between.
    for a in &list {
        articles::set_doi(conn, a.id, None)?;
    }
    for (i, id) in order.iter().enumerate() {
        let seq = i as i32 + 1;
        articles::place(conn, *id, Some((issue.id, seq)), now)?;
        if settings.doi_prefix.is_empty() {
            continue;
        }
        let d = doi::render(
            &settings.doi_pattern,
            &DoiParts {
                prefix: &settings.doi_prefix,
                journal: &journal.slug,
                year: issue.year,
                volume: issue.volume,
                issue: issue.number,
                seq,
                article: *id,
            },
        )
        .map_err(|e| AppError::Conflict(e.key().into()))?;
        if articles::doi_taken(conn, &d, *id)? {
            return Err(AppError::Conflict("journal_issue.doi_taken".into()));
        }
        articles::set_doi(conn, *id, Some(&d))?;
    }
    Ok(())
}

/// The table-of-contents facts of `list`.
fn entries(conn: &mut AnyConnection, journal_id: i64, list: &[Article]) -> AppResult<Vec<Entry>> {
    let positions: std::collections::HashMap<i64, i32> = crate::journals::setup::store::sections(conn, journal_id)?
        .into_iter()
        .map(|s| (s.id, s.position))
        .collect();
    Ok(list
        .iter()
        .map(|a| Entry {
            id: a.id,
            section_position: positions.get(&a.section_id).copied().unwrap_or(i32::MAX),
            seq: a.seq.unwrap_or(i32::MAX),
        })
        .collect())
}

/// Moves the article's manuscript (if it has one) along the workflow.
fn move_manuscript(conn: &mut AnyConnection, a: &Article, m: Move, by: i64, event: &str, now: NaiveDateTime) -> AppResult<()> {
    let Some(ms_id) = a.manuscript_id else { return Ok(()) };
    let ms = manuscripts::get(conn, ms_id)?;
    let to = stages::next(ms.stage, m).ok_or_else(|| AppError::Conflict("journal_ms.not_now".into()))?;
    manuscripts::set_stage(conn, ms.id, to, now)?;
    manuscripts::record(conn, ms.id, event, Some(by), &json!({"article": a.id, "issue": a.issue_id}), now)
}

/// Places an article in production into the issue, last in its section.
pub fn schedule(conn: &mut AnyConnection, user: &User, issue_id: i64, article_id: i64, now: NaiveDateTime) -> AppResult<()> {
    let (issue, _) = preparing(conn, user, issue_id)?;
    let a = articles::get(conn, article_id)?;
    if a.journal_id != issue.journal_id {
        return Err(AppError::field("article_id", "journal_issue.article_unknown"));
    }
    if a.issue_id.is_some() || a.published_on.is_some() {
        return Err(AppError::Conflict("journal_issue.article_placed".into()));
    }
    if let Some(ms_id) = a.manuscript_id
        && manuscripts::get(conn, ms_id)?.stage != Stage::Production
    {
        return Err(AppError::Conflict("journal_issue.not_in_production".into()));
    }
    articles::place(conn, a.id, Some((issue.id, i32::MAX)), now)?;
    move_manuscript(conn, &a, Move::Schedule, user.id, "scheduled", now)?;
    arrange(conn, &issue, None, now)
}

/// Takes an article out of an issue being prepared: back to production, without a place,
/// pages or DOI.
pub fn unschedule(conn: &mut AnyConnection, user: &User, issue_id: i64, article_id: i64, now: NaiveDateTime) -> AppResult<()> {
    let (issue, _) = preparing(conn, user, issue_id)?;
    let a = articles::get(conn, article_id)?;
    if a.issue_id != Some(issue.id) {
        return Err(AppError::NotFound);
    }
    articles::place(conn, a.id, None, now)?;
    articles::set_doi(conn, a.id, None)?;
    articles::set_pages(conn, a.id, "", "", "", now)?;
    move_manuscript(conn, &a, Move::Unschedule, user.id, "unscheduled", now)?;
    arrange(conn, &issue, None, now)
}

/// Moves an article one place up or down within its section.
pub fn move_article(
    conn: &mut AnyConnection,
    user: &User,
    issue_id: i64,
    article_id: i64,
    direction: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let up = match direction.trim() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::field("direction", "journal_issue.direction_invalid")),
    };
    let (issue, _) = preparing(conn, user, issue_id)?;
    let list = articles::in_issue(conn, issue.id)?;
    if !list.iter().any(|a| a.id == article_id) {
        return Err(AppError::NotFound);
    }
    let order = numbering::moved(&entries(conn, issue.journal_id, &list)?, article_id, up);
    arrange(conn, &issue, Some(order), now)
}

/// Numbers the issue's articles: consecutive pages from the PDF galleys' page counts, or
/// article numbers from the issue and place.
pub fn number(conn: &mut AnyConnection, user: &User, issue_id: i64, n: Numbering, now: NaiveDateTime) -> AppResult<()> {
    let (issue, _) = preparing(conn, user, issue_id)?;
    let list = articles::in_issue(conn, issue.id)?;
    match n {
        Numbering::ArticleNumbers => {
            for a in &list {
                let seq = a.seq.unwrap_or(1);
                articles::set_pages(conn, a.id, "", "", &numbering::article_number(issue.number, seq), now)?;
            }
        }
        Numbering::Pages(first) => {
            let mut counts = Vec::new();
            for a in &list {
                let pdf = articles::galleys_of(conn, a.id)?.into_iter().find(|g| g.kind == GalleyKind::Pdf);
                let pages = match pdf {
                    Some(g) => crate::files::model::get(conn, g.file_id)?.page_count,
                    None => None,
                };
                match pages {
                    Some(p) if p > 0 => counts.push(p as u32),
                    _ => return Err(AppError::Conflict("journal_issue.pdf_galley_needed".into())),
                }
            }
            for (a, (f, l)) in list.iter().zip(numbering::pages(first, &counts)) {
                articles::set_pages(conn, a.id, &f.to_string(), &l.to_string(), "", now)?;
            }
        }
    }
    Ok(())
}

/// What publishing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// The issue went out now.
    Now,
    /// It was out already: nothing changed and nobody was mailed again.
    Already,
}

/// Publishes the issue: it and its articles carry today's date, the manuscripts are published
/// and their authors hear. Every article needs a galley, and a DOI where the journal has a
/// prefix. Publishing a published issue changes nothing.
pub fn publish(conn: &mut AnyConnection, state: &AppState, user: &User, issue_id: i64, now: NaiveDateTime) -> AppResult<Published> {
    let (issue, _) = issue_for(conn, user, issue_id, JournalAction::PublishIssue)?;
    if issue.published_on.is_some() {
        return Ok(Published::Already);
    }
    let list = articles::in_issue(conn, issue.id)?;
    if list.is_empty() {
        return Err(AppError::Conflict("journal_issue.empty".into()));
    }
    let ids: Vec<i64> = list.iter().map(|a| a.id).collect();
    let with = articles::with_galleys(conn, &ids)?;
    if ids.iter().any(|id| !with.contains(id)) {
        return Err(AppError::Conflict("journal_issue.galleys_missing".into()));
    }
    let settings = crate::journals::setup::view::current(conn, issue.journal_id)?.spec;
    if !settings.doi_prefix.is_empty() && list.iter().any(|a| a.doi.is_none()) {
        // The prefix was set after the articles were placed: place them again.
        arrange(conn, &issue, None, now)?;
    }
    let today = now.date();
    if !store::publish(conn, issue.id, today, user.id, now)? {
        return Ok(Published::Already);
    }
    articles::publish(conn, &ids, today, now)?;
    for a in articles::in_issue(conn, issue.id)? {
        crate::jobs::changes::article(conn, a.id)?;
        move_manuscript(conn, &a, Move::Publish, user.id, "published", now)?;
        if let Some(ms_id) = a.manuscript_id {
            let ms = manuscripts::get(conn, ms_id)?;
            crate::journals::manuscripts::workflow::tell_authors(
                conn,
                state,
                &ms,
                "journal_article_published",
                json!({
                    "volume": issue.volume, "issue": issue.number, "year": issue.year,
                    "doi": a.doi, "pages": pages_text(&a),
                }),
            )?;
        }
    }
    Ok(Published::Now)
}

/// "12-20", "e1002" or "" for an article.
pub fn pages_text(a: &Article) -> String {
    match (a.first_page.as_str(), a.last_page.as_str(), a.article_number.as_str()) {
        ("", _, n) => n.to_string(),
        (f, "", _) => f.to_string(),
        (f, l, _) if f == l => f.to_string(),
        (f, l, _) => format!("{f}-{l}"),
    }
}
