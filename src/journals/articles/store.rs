//! Every query of articles, their authors and galleys.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{Article, ArticleAuthor, Galley, GalleyKind};
use crate::db::AnyConnection;
use crate::db::schema::{article_authors as aa, article_galleys as ag, articles as ar};
use crate::error::{AppError, AppResult};
use crate::journals::manuscripts::model::{Author, Manuscript};

/// What an article starts from at acceptance.
pub struct NewArticle<'a> {
    /// The accepted manuscript.
    pub manuscript: &'a Manuscript,
    /// Its licence.
    pub licence_url: &'a str,
    /// When its last revision came in.
    pub revised_on: Option<NaiveDate>,
    /// Accepted on.
    pub accepted_on: NaiveDate,
}

/// Makes the article of an accepted manuscript, its metadata and authors copied; returns its id.
pub fn create(conn: &mut AnyConnection, a: &NewArticle, authors: &[Author], now: NaiveDateTime) -> AppResult<i64> {
    let m = a.manuscript;
    let id: i64 = diesel::insert_into(ar::table)
        .values((
            ar::journal_id.eq(m.journal_id),
            ar::manuscript_id.eq(Some(m.id)),
            ar::section_id.eq(m.section_id),
            ar::first_page.eq(""),
            ar::last_page.eq(""),
            ar::article_number.eq(""),
            ar::title_zh.eq(&m.title_zh),
            ar::title_en.eq(&m.title_en),
            ar::abstract_zh.eq(&m.abstract_zh),
            ar::abstract_en.eq(&m.abstract_en),
            ar::keywords_zh.eq(&m.keywords_zh),
            ar::keywords_en.eq(&m.keywords_en),
            ar::language.eq(&m.language),
            ar::licence_url.eq(a.licence_url),
            ar::refs.eq("[]"),
            ar::received_on.eq(m.submitted_at.date()),
            ar::revised_on.eq(a.revised_on),
            ar::accepted_on.eq(a.accepted_on),
            ar::updated_at.eq(now),
        ))
        .returning(ar::id)
        .get_result(conn)?;
    for p in authors {
        diesel::insert_into(aa::table)
            .values((
                aa::article_id.eq(id),
                aa::position.eq(p.position),
                aa::family_zh.eq(&p.family_zh),
                aa::given_zh.eq(&p.given_zh),
                aa::family_en.eq(&p.family_en),
                aa::given_en.eq(&p.given_en),
                aa::email.eq(&p.email),
                aa::affiliation.eq(&p.affiliation),
                aa::country.eq(&p.country),
                aa::orcid.eq(&p.orcid),
                aa::corresponding.eq(p.corresponding),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// One article.
pub fn get(conn: &mut AnyConnection, id: i64) -> AppResult<Article> {
    find(conn, id)?.ok_or(AppError::NotFound)
}

/// One article, if it exists.
pub fn find(conn: &mut AnyConnection, id: i64) -> AppResult<Option<Article>> {
    Ok(ar::table.find(id).select(Article::as_select()).first(conn).optional()?)
}

/// The article made from a manuscript, if it was accepted.
pub fn of_manuscript(conn: &mut AnyConnection, manuscript_id: i64) -> AppResult<Option<Article>> {
    Ok(ar::table
        .filter(ar::manuscript_id.eq(manuscript_id))
        .select(Article::as_select())
        .first(conn)
        .optional()?)
}

/// The article's authors in order.
pub fn authors_of(conn: &mut AnyConnection, article_id: i64) -> AppResult<Vec<ArticleAuthor>> {
    Ok(aa::table
        .filter(aa::article_id.eq(article_id))
        .order(aa::position)
        .select(ArticleAuthor::as_select())
        .load(conn)?)
}

/// The metadata copyediting may correct.
pub struct Metadata<'a> {
    /// Title, Chinese.
    pub title_zh: &'a str,
    /// Title, English.
    pub title_en: &'a str,
    /// Abstract, Chinese.
    pub abstract_zh: &'a str,
    /// Abstract, English.
    pub abstract_en: &'a str,
    /// Keywords, Chinese.
    pub keywords_zh: &'a str,
    /// Keywords, English.
    pub keywords_en: &'a str,
    /// Licence URL.
    pub licence_url: &'a str,
    /// References, JSON.
    pub refs: &'a str,
}

/// Saves corrected metadata.
pub fn update_metadata(conn: &mut AnyConnection, id: i64, m: &Metadata, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ar::table.find(id))
        .set((
            ar::title_zh.eq(m.title_zh),
            ar::title_en.eq(m.title_en),
            ar::abstract_zh.eq(m.abstract_zh),
            ar::abstract_en.eq(m.abstract_en),
            ar::keywords_zh.eq(m.keywords_zh),
            ar::keywords_en.eq(m.keywords_en),
            ar::licence_url.eq(m.licence_url),
            ar::refs.eq(m.refs),
            ar::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets the pages or article number.
pub fn set_pages(conn: &mut AnyConnection, id: i64, first: &str, last: &str, number: &str, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ar::table.find(id))
        .set((
            ar::first_page.eq(first),
            ar::last_page.eq(last),
            ar::article_number.eq(number),
            ar::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Places the article in an issue at `seq` (or takes it out with `None`), with its DOI.
pub fn place(conn: &mut AnyConnection, id: i64, issue: Option<(i64, i32)>, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ar::table.find(id))
        .set((
            ar::issue_id.eq(issue.map(|i| i.0)),
            ar::seq.eq(issue.map(|i| i.1)),
            ar::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets (or clears) the DOI.
pub fn set_doi(conn: &mut AnyConnection, id: i64, doi: Option<&str>) -> AppResult<()> {
    diesel::update(ar::table.find(id)).set(ar::doi.eq(doi)).execute(conn)?;
    Ok(())
}

/// Whether another article already has `doi`.
pub fn doi_taken(conn: &mut AnyConnection, doi: &str, except: i64) -> AppResult<bool> {
    Ok(ar::table
        .filter(ar::doi.eq(doi))
        .filter(ar::id.ne(except))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// The articles of an issue in table-of-contents order.
pub fn in_issue(conn: &mut AnyConnection, issue_id: i64) -> AppResult<Vec<Article>> {
    Ok(ar::table
        .filter(ar::issue_id.eq(issue_id))
        .order((ar::seq, ar::id))
        .select(Article::as_select())
        .load(conn)?)
}

/// How many articles each of the journal's issues holds: (issue id, count).
pub fn counts_by_issue(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<(i64, i64)>> {
    let rows: Vec<(Option<i64>, i64)> = ar::table
        .filter(ar::journal_id.eq(journal_id))
        .filter(ar::issue_id.is_not_null())
        .group_by(ar::issue_id)
        .select((ar::issue_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(i, n)| i.map(|i| (i, n))).collect())
}

/// The journal's articles not yet in any issue and not published (ready to schedule or not).
pub fn unplaced(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<Article>> {
    Ok(ar::table
        .filter(ar::journal_id.eq(journal_id))
        .filter(ar::issue_id.is_null())
        .filter(ar::published_on.is_null())
        .order(ar::id)
        .select(Article::as_select())
        .load(conn)?)
}

/// Marks the articles published on `on`.
pub fn publish(conn: &mut AnyConnection, ids: &[i64], on: NaiveDate, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ar::table.filter(ar::id.eq_any(ids)))
        .set((ar::published_on.eq(Some(on)), ar::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// The article's galleys.
pub fn galleys_of(conn: &mut AnyConnection, article_id: i64) -> AppResult<Vec<Galley>> {
    Ok(ag::table
        .filter(ag::article_id.eq(article_id))
        .order((ag::kind.desc(), ag::lang))
        .select(Galley::as_select())
        .load(conn)?)
}

/// One galley of an article.
pub fn galley(conn: &mut AnyConnection, article_id: i64, id: i64) -> AppResult<Galley> {
    ag::table
        .filter(ag::article_id.eq(article_id))
        .filter(ag::id.eq(id))
        .select(Galley::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Adds a galley, replacing the one of the same kind and language.
pub fn put_galley(
    conn: &mut AnyConnection,
    article_id: i64,
    kind: GalleyKind,
    lang: &str,
    file_id: i64,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<i64> {
    diesel::delete(
        ag::table
            .filter(ag::article_id.eq(article_id))
            .filter(ag::kind.eq(kind))
            .filter(ag::lang.eq(lang)),
    )
    .execute(conn)?;
    Ok(diesel::insert_into(ag::table)
        .values((
            ag::article_id.eq(article_id),
            ag::kind.eq(kind),
            ag::lang.eq(lang),
            ag::file_id.eq(file_id),
            ag::uploaded_by.eq(Some(by)),
            ag::created_at.eq(now),
        ))
        .returning(ag::id)
        .get_result(conn)?)
}

/// Keeps the JATS body read from an HTML galley.
pub fn set_jats_body(conn: &mut AnyConnection, galley_id: i64, body: &str) -> AppResult<()> {
    diesel::update(ag::table.find(galley_id))
        .set(ag::jats_body.eq(Some(body)))
        .execute(conn)?;
    Ok(())
}

/// The JATS body of an article's HTML galley: the one in `language` when there is one.
pub fn jats_body(conn: &mut AnyConnection, article_id: i64, language: &str) -> AppResult<Option<String>> {
    let rows: Vec<(String, Option<String>)> = ag::table
        .filter(ag::article_id.eq(article_id))
        .filter(ag::kind.eq(GalleyKind::Html))
        .order(ag::id)
        .select((ag::lang, ag::jats_body))
        .load(conn)?;
    let with_text = || rows.iter().filter_map(|(l, b)| Some((l, b.as_ref()?)));
    Ok(with_text()
        .find(|(l, _)| l.as_str() == language)
        .or_else(|| with_text().next())
        .map(|(_, b)| b.clone()))
}

/// Removes a galley.
pub fn remove_galley(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    diesel::delete(ag::table.find(id)).execute(conn)?;
    Ok(())
}

/// Which of `article_ids` have at least one galley.
pub fn with_galleys(conn: &mut AnyConnection, article_ids: &[i64]) -> AppResult<Vec<i64>> {
    let mut ids: Vec<i64> = ag::table
        .filter(ag::article_id.eq_any(article_ids))
        .select(ag::article_id)
        .load(conn)?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Ids of every published article (for a full search rebuild).
pub fn published_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    Ok(ar::table
        .filter(ar::published_on.is_not_null())
        .order(ar::id)
        .select(ar::id)
        .load(conn)?)
}

/// Ids of a journal's published articles.
pub fn published_of_journal(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<i64>> {
    Ok(ar::table
        .filter(ar::journal_id.eq(journal_id))
        .filter(ar::published_on.is_not_null())
        .order(ar::id)
        .select(ar::id)
        .load(conn)?)
}

/// Ids of published articles changed after `t`.
pub fn published_changed_since(conn: &mut AnyConnection, t: NaiveDateTime) -> AppResult<Vec<i64>> {
    Ok(ar::table
        .filter(ar::published_on.is_not_null())
        .filter(ar::updated_at.gt(t))
        .select(ar::id)
        .load(conn)?)
}

/// (journal, received, published) of the articles of `journal_ids` published from `from` to
/// `to`, both included.
pub fn publication_dates(
    conn: &mut AnyConnection,
    journal_ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<(i64, NaiveDate, NaiveDate)>> {
    let rows: Vec<(i64, NaiveDate, Option<NaiveDate>)> = ar::table
        .filter(ar::journal_id.eq_any(journal_ids))
        .filter(ar::published_on.ge(from))
        .filter(ar::published_on.le(to))
        .select((ar::journal_id, ar::received_on, ar::published_on))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(j, r, p)| Some((j, r, p?))).collect())
}

/// Articles of `journal_ids` published from `from` on with an author writing from one of
/// `emails` (lower-case): (e-mail, published on) pairs.
pub fn published_by(
    conn: &mut AnyConnection,
    emails: &[String],
    journal_ids: &[i64],
    from: NaiveDate,
) -> AppResult<Vec<(String, NaiveDate)>> {
    let rows: Vec<(String, Option<NaiveDate>)> = aa::table
        .inner_join(ar::table)
        .filter(ar::journal_id.eq_any(journal_ids))
        .filter(ar::published_on.ge(from))
        .select((aa::email, ar::published_on))
        .load(conn)?;
    let wanted: std::collections::HashSet<&str> = emails.iter().map(String::as_str).collect();
    Ok(rows
        .into_iter()
        .filter_map(|(e, on)| Some((e.trim().to_lowercase(), on?)))
        .filter(|(e, _)| wanted.contains(e.as_str()))
        .collect())
}
