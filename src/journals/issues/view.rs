//! Issues as the editorial office reads them: the list, and one issue with its table of
//! contents by section and the articles in production that could go in it.

use chrono::NaiveDate;
use serde::Serialize;

use super::model::Issue;
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::guard::journal::Editorial;
use crate::guard::policy::JournalAction;
use crate::journals::articles::model::{Article, GalleyKind};
use crate::journals::articles::store as articles;
use crate::journals::manuscripts::model::Stage;

/// One issue in the journal's list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IssueListing {
    /// Id.
    pub id: i64,
    /// Volume.
    pub volume: i32,
    /// Number.
    pub number: i32,
    /// Year.
    pub year: i32,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Articles in it.
    pub articles: i64,
    /// Published on (none while being prepared).
    pub published_on: Option<NaiveDate>,
}

/// The journal's issues, newest first.
pub fn list(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<IssueListing>> {
    let counts: std::collections::HashMap<i64, i64> = articles::counts_by_issue(conn, journal_id)?.into_iter().collect();
    Ok(store::of_journal(conn, journal_id)?
        .into_iter()
        .map(|i| IssueListing {
            articles: counts.get(&i.id).copied().unwrap_or(0),
            id: i.id,
            volume: i.volume,
            number: i.number,
            year: i.year,
            title_zh: i.title_zh,
            title_en: i.title_en,
            published_on: i.published_on,
        })
        .collect())
}

/// An article in a table of contents (or waiting for one).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TocEntry {
    /// Article id.
    pub article_id: i64,
    /// Its manuscript.
    pub manuscript_id: Option<i64>,
    /// Place in the issue.
    pub seq: Option<i32>,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Authors as a line, Chinese names where they have them.
    pub authors_zh: String,
    /// Authors as a line, Latin names where they have them.
    pub authors_en: String,
    /// Pages ("12-20") or article number.
    pub pages: String,
    /// DOI.
    pub doi: Option<String>,
    /// Its galleys: (form, language).
    pub galleys: Vec<GalleyTag>,
    /// Pages of its PDF galley, if it has one.
    pub pdf_pages: Option<i32>,
}

/// A galley's form and language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GalleyTag {
    /// PDF or HTML.
    pub kind: GalleyKind,
    /// Language (ISO 639-1).
    pub lang: String,
}

/// A section of the table of contents.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TocSection {
    /// Section id.
    pub section_id: i64,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Its articles in order.
    pub articles: Vec<TocEntry>,
}

/// One issue with its table of contents.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IssueView {
    /// Id.
    pub id: i64,
    /// The journal.
    pub journal_id: i64,
    /// Volume.
    pub volume: i32,
    /// Number.
    pub number: i32,
    /// Year.
    pub year: i32,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// The cover image's address, if it has one.
    pub cover_url: Option<String>,
    /// Published on.
    pub published_on: Option<NaiveDate>,
    /// The table of contents by section.
    pub sections: Vec<TocSection>,
    /// Articles in production, in no issue yet, that may be placed in this one (while it is
    /// being prepared).
    pub ready: Vec<TocEntry>,
    /// What keeps it from being published ("" when nothing): `empty` or `galleys_missing`.
    pub blocker: String,
    /// Whether the reader may publish it.
    pub may_publish: bool,
}

fn entry(conn: &mut AnyConnection, a: &Article) -> AppResult<TocEntry> {
    let (authors_zh, authors_en) = crate::journals::articles::view::author_lines(&articles::authors_of(conn, a.id)?);
    let mut galleys = Vec::new();
    let mut pdf_pages = None;
    for g in articles::galleys_of(conn, a.id)? {
        if g.kind == GalleyKind::Pdf && pdf_pages.is_none() {
            pdf_pages = crate::files::model::get(conn, g.file_id)?.page_count;
        }
        galleys.push(GalleyTag {
            kind: g.kind,
            lang: g.lang,
        });
    }
    Ok(TocEntry {
        article_id: a.id,
        manuscript_id: a.manuscript_id,
        seq: a.seq,
        title_zh: a.title_zh.clone(),
        title_en: a.title_en.clone(),
        authors_zh,
        authors_en,
        pages: super::service::pages_text(a),
        doi: a.doi.clone(),
        galleys,
        pdf_pages,
    })
}

/// The issue as a member of the editorial office reads it.
pub fn issue(conn: &mut AnyConnection, issue: Issue, ed: &Editorial) -> AppResult<IssueView> {
    let sections = crate::journals::setup::store::sections(conn, issue.journal_id)?;
    let placed = articles::in_issue(conn, issue.id)?;
    let mut toc: Vec<TocSection> = Vec::new();
    for a in &placed {
        let e = entry(conn, a)?;
        match toc.iter_mut().find(|s| s.section_id == a.section_id) {
            Some(s) => s.articles.push(e),
            None => {
                let s = sections.iter().find(|s| s.id == a.section_id);
                toc.push(TocSection {
                    section_id: a.section_id,
                    title_zh: s.map(|s| s.title_zh.clone()).unwrap_or_default(),
                    title_en: s.map(|s| s.title_en.clone()).unwrap_or_default(),
                    articles: vec![e],
                });
            }
        }
    }
    let mut ready = Vec::new();
    if issue.published_on.is_none() {
        for a in articles::unplaced(conn, issue.journal_id)? {
            let in_production = match a.manuscript_id {
                Some(ms) => crate::journals::manuscripts::store::get(conn, ms)?.stage == Stage::Production,
                None => true,
            };
            if in_production {
                ready.push(entry(conn, &a)?);
            }
        }
    }
    let blocker = if placed.is_empty() {
        "empty"
    } else if toc.iter().flat_map(|s| &s.articles).any(|e| e.galleys.is_empty()) {
        "galleys_missing"
    } else {
        ""
    };
    Ok(IssueView {
        cover_url: issue
            .cover_file_id
            .map(|_| format!("/journals/{}/issues/{}/cover", issue.journal_id, issue.id)),
        id: issue.id,
        journal_id: issue.journal_id,
        volume: issue.volume,
        number: issue.number,
        year: issue.year,
        title_zh: issue.title_zh,
        title_en: issue.title_en,
        published_on: issue.published_on,
        sections: toc,
        ready,
        blocker: if issue.published_on.is_some() {
            String::new()
        } else {
            blocker.to_string()
        },
        may_publish: ed.may(JournalAction::PublishIssue),
    })
}

/// The issue as `user` (a member of its journal's office who may manage issues) reads it.
pub fn for_user(conn: &mut AnyConnection, user: &crate::auth::User, id: i64) -> AppResult<IssueView> {
    let (i, ed) = crate::guard::journal::issue_for(conn, user, id, JournalAction::ManageIssues)?;
    issue(conn, i, &ed)
}
