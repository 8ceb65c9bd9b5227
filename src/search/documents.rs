//! Documents from the database, the source of truth: what a paper, a journal, a catalogue
//! entry, a programme talk, salon minutes and a journal article look like in the index.

use chrono::Datelike;
use diesel::prelude::*;

use super::access::{PUBLIC, author_token, chair_token, member_token, reviewer_token};
use super::{Document, Kind, Meta};
use crate::catalogue::model::Edition;
use crate::db::AnyConnection;
use crate::db::schema::{calls, catalogue_editions, catalogue_entries, fields, journal_fields, journals, submissions, venues};
use crate::error::AppResult;
use crate::journals::model::Journal;
use crate::submissions::model::SUBMITTED;

/// The paper as indexed, or `None` when it must not be in the index (gone or withdrawn).
pub fn paper(conn: &mut AnyConnection, id: i64) -> AppResult<Option<Document>> {
    let Some(s) = submissions::table
        .find(id)
        .select(crate::submissions::model::Submission::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    if s.status != SUBMITTED {
        return Ok(None);
    }
    let anonymity: String = calls::table.find(s.call_id).select(calls::anonymity).first(conn)?;
    let starts_on: Option<chrono::NaiveDate> = venues::table.find(s.venue_id).select(venues::starts_on).first(conn)?;
    let authors = crate::submissions::store::authors_of(conn, s.id)?;
    let accepted = match crate::review::decisions::store::get(conn, s.id)? {
        Some(d) if d.notified_at.is_some() => {
            let labels = crate::review::phases::load(conn, s.venue_id)?.labels();
            crate::review::decisions::service::label_of(&labels, &d.label).accept
        }
        _ => false,
    };
    let mut access = vec![chair_token(s.venue_id), member_token(s.venue_id)];
    // Only confirmed authors find the paper as its authors: a listing alone gives nothing.
    access.extend(authors.iter().filter(|a| a.confirmed_at.is_some()).map(|a| author_token(&a.email)));
    if accepted {
        access.push(PUBLIC.into());
    }
    let year = starts_on.map(|d| d.year()).unwrap_or(s.created_at.year());
    // A paper of a published proceedings volume is found by the volume's titles too.
    let mut keywords = s.keywords.clone();
    // A paper on a published programme is found by its session's and room's names too.
    if accepted {
        for words in crate::programme::public::paper_context(conn, s.venue_id, s.id)? {
            keywords.push_str("; ");
            keywords.push_str(&words);
        }
    }
    if accepted && let Some((v, _)) = crate::proceedings::store::published_place(conn, s.id)? {
        for t in [&v.title_zh, &v.title_en] {
            if !t.is_empty() {
                keywords.push_str("; ");
                keywords.push_str(t);
            }
        }
    }
    let (body, body_access) = paper_body(conn, &s, accepted, &access)?;
    Ok(Some(Document {
        kind: Kind::Paper,
        id: s.id,
        body,
        body_access,
        authors: authors
            .iter()
            .map(|a| {
                let name = crate::review::reviews::view::display(&a.name_zh, &a.name_latin);
                if a.affiliation.is_empty() {
                    name
                } else {
                    format!("{name}, {}", a.affiliation)
                }
            })
            .collect(),
        authors_open: accepted || anonymity != "double_blind",
        topics: crate::submissions::store::topics_of(conn, s.id)?,
        created: s.created_at.and_utc().timestamp_micros(),
        title_zh: s.title_zh,
        title_en: s.title_en,
        abstract_text: s.abstract_text,
        keywords,
        access,
        meta: Meta {
            venue_id: Some(s.venue_id),
            number: Some(s.number),
            track_id: s.track_id,
            year: Some(year),
            status: if accepted { "accepted".into() } else { SUBMITTED.into() },
            ..Default::default()
        },
    }))
}

/// A paper's full text and who may find the paper by it: those who may read the PDF the text
/// was read from (chairs, confirmed authors, assigned reviewers and area chairs, and the
/// public when that very PDF is public). Nothing while the current PDF has not been read.
fn paper_body(
    conn: &mut AnyConnection,
    s: &crate::submissions::model::Submission,
    accepted: bool,
    access: &[String],
) -> AppResult<(String, Vec<String>)> {
    use crate::integrity::model::{DocumentKind, TextState};
    let Some(doc) = crate::integrity::store::of_source(conn, DocumentKind::Paper, s.id)? else {
        return Ok((String::new(), vec![]));
    };
    if doc.state != TextState::Extracted || doc.file_id.is_none() || doc.file_id != s.pdf_file_id {
        return Ok((String::new(), vec![]));
    }
    let body = crate::integrity::store::body_of(conn, doc.id)?;
    if body.trim().is_empty() {
        return Ok((String::new(), vec![]));
    }
    // The chairs' and the confirmed authors' tokens, as on the paper itself.
    let mut readers: Vec<String> = access
        .iter()
        .filter(|t| t.starts_with("chair:") || t.starts_with("author:"))
        .cloned()
        .collect();
    readers.extend(
        crate::review::assignment::store::people_of(conn, s.id)?
            .into_iter()
            .map(reviewer_token),
    );
    if accepted && crate::submissions::public::public_pdf(conn, s)? == doc.file_id {
        readers.push(PUBLIC.into());
    }
    readers.sort_unstable();
    readers.dedup();
    Ok((body, readers))
}

/// The register data of a journal that both its own document and its entries carry.
fn journal_base(conn: &mut AnyConnection, j: Journal) -> AppResult<Document> {
    let field_rows: Vec<(i64, String, String, String)> = journal_fields::table
        .inner_join(fields::table)
        .filter(journal_fields::journal_id.eq(j.id))
        .order(fields::code)
        .select((fields::id, fields::code, fields::name_zh, fields::name_en))
        .load(conn)?;
    let country = isocountry::CountryCode::for_alpha2(&j.country)
        .map(|c| c.name().to_string())
        .unwrap_or_default();
    // Identifiers and field names are searchable like a paper's keywords.
    let mut keywords: Vec<String> = [&j.issn, &j.eissn, &j.cn].into_iter().flatten().cloned().collect();
    for (_, code, zh, en) in &field_rows {
        keywords.extend([zh.clone(), en.clone(), code.clone()]);
    }
    Ok(Document {
        kind: Kind::Journal,
        id: j.id,
        abstract_text: [j.publisher.as_str(), country.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        keywords: keywords.join("; "),
        created: j.created_at.and_utc().timestamp_micros(),
        access: vec![PUBLIC.into()],
        meta: Meta {
            issn: j.issn.clone(),
            eissn: j.eissn.clone(),
            cn: j.cn.clone(),
            fields: field_rows.iter().map(|f| f.0).collect(),
            languages: j.language_list(),
            journal_type: Some(j.kind.to_string()),
            ..Default::default()
        },
        title_zh: j.name_zh,
        title_en: j.name_en,
        ..Default::default()
    })
}

/// A journal of the register (public), or `None` when it is gone.
pub fn journal(conn: &mut AnyConnection, id: i64) -> AppResult<Option<Document>> {
    match journals::table.find(id).select(Journal::as_select()).first(conn).optional()? {
        Some(j) => Ok(Some(journal_base(conn, j)?)),
        None => Ok(None),
    }
}

/// Whether an edition's entries are public (from its public notice on, as on its page).
fn public(e: &Edition) -> bool {
    crate::catalogue::view::is_public(e)
}

/// An entry document from its journal's document.
fn entry_of(mut doc: Document, e: &Edition, tier: String) -> Document {
    doc.kind = Kind::CatalogueEntry;
    doc.created = e
        .published_at
        .or(e.notice_starts)
        .unwrap_or(e.created_at)
        .and_utc()
        .timestamp_micros();
    doc.meta.fields = vec![e.field_id];
    doc.meta.year = Some(e.year);
    doc.meta.status = e.phase.clone();
    doc.meta.tier = Some(tier);
    doc.meta.edition_id = Some(e.id);
    doc.meta.edition_slug = Some(e.slug.clone());
    doc.meta.edition_title_zh = Some(e.title_zh.clone());
    doc.meta.edition_title_en = Some(e.title_en.clone());
    // The edition is a filter and a facet (year, tier, field), not searchable text: its title
    // ("… journals 2025") would otherwise lift every entry above the journals' own records.
    doc
}

/// The public entries of an edition (none before its public notice).
pub fn edition_entries(conn: &mut AnyConnection, edition_id: i64) -> AppResult<Vec<Document>> {
    let Some(e) = catalogue_editions::table
        .find(edition_id)
        .select(Edition::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(vec![]);
    };
    if !public(&e) {
        return Ok(vec![]);
    }
    let rows: Vec<(String, Journal)> = catalogue_entries::table
        .inner_join(journals::table)
        .filter(catalogue_entries::edition_id.eq(e.id))
        .order(catalogue_entries::position)
        .select((catalogue_entries::tier, Journal::as_select()))
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (tier, j) in rows {
        out.push(entry_of(journal_base(conn, j)?, &e, tier));
    }
    Ok(out)
}

/// The public entries of one journal, in every edition (after its register data changed).
pub fn journal_entries(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Vec<Document>> {
    let Some(base) = journal(conn, journal_id)? else {
        return Ok(vec![]);
    };
    let rows: Vec<(String, Edition)> = catalogue_entries::table
        .inner_join(catalogue_editions::table.on(catalogue_editions::id.eq(catalogue_entries::edition_id)))
        .filter(catalogue_entries::journal_id.eq(journal_id))
        .select((catalogue_entries::tier, Edition::as_select()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(_, e)| public(e))
        .map(|(tier, e)| entry_of(base.clone(), &e, tier))
        .collect())
}

/// Every journal id, for a full rebuild.
pub fn all_journal_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    Ok(journals::table.order(journals::id).select(journals::id).load(conn)?)
}

/// Every edition id, for a full rebuild.
pub fn all_edition_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    Ok(catalogue_editions::table
        .order(catalogue_editions::id)
        .select(catalogue_editions::id)
        .load(conn)?)
}

/// Every paper id, for a full rebuild.
pub fn all_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    Ok(submissions::table
        .filter(submissions::status.eq(SUBMITTED))
        .order(submissions::id)
        .select(submissions::id)
        .load(conn)?)
}

/// Ids of a venue's papers (after a change that touches them all, such as its anonymity).
pub fn venue_ids(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<i64>> {
    Ok(submissions::table
        .filter(submissions::venue_id.eq(venue_id))
        .select(submissions::id)
        .load(conn)?)
}

/// The talks of a venue's latest programme release that are not papers' talks (invited talks,
/// panels, other items), public like the programme; and the keys of talks of earlier releases
/// that are no longer on it.
pub fn programme_talks(conn: &mut AnyConnection, venue_id: i64) -> AppResult<(Vec<Document>, Vec<String>)> {
    let (current, earlier) = crate::programme::public::searchable_talks(conn, venue_id)?;
    let starts_on: Option<chrono::NaiveDate> = venues::table.find(venue_id).select(venues::starts_on).first(conn)?;
    let docs: Vec<Document> = current
        .into_iter()
        .map(|t| Document {
            kind: Kind::Talk,
            id: t.id,
            title_zh: t.title_zh,
            title_en: t.title_en,
            abstract_text: t.abstract_text,
            keywords: t.context.join("; "),
            authors: t.speakers,
            authors_open: true,
            created: t.starts_at.timestamp_micros(),
            access: vec![PUBLIC.into()],
            meta: Meta {
                venue_id: Some(venue_id),
                year: starts_on.map(|d| d.year()),
                status: "programme".into(),
                ..Default::default()
            },
            ..Default::default()
        })
        .collect();
    let keep: std::collections::HashSet<i64> = docs.iter().map(|d| d.id).collect();
    let gone = earlier
        .into_iter()
        .filter(|id| !keep.contains(id))
        .map(|id| super::key(Kind::Talk, id, None))
        .collect();
    Ok((docs, gone))
}

/// Venues with a published programme.
pub fn programme_venue_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    crate::programme::public::venues_with_releases(conn)
}

/// A salon's published minutes, public: found by their titles, introduction, outlook and
/// statements' texts; the lead scientists are their authors. Speakers are never indexed (an
/// anonymous statement must not lead to its speaker). `None` before publication.
pub fn minutes(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Document>> {
    let Some(m) = crate::salons::minutes::store::of_venue(conn, venue_id)? else {
        return Ok(None);
    };
    if m.status != crate::salons::minutes::model::MinutesStatus::Published {
        return Ok(None);
    }
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    if !venue.is_open() {
        return Ok(None);
    }
    let statements = crate::salons::minutes::store::statements(conn, m.id)?;
    let mut keywords: Vec<String> = vec![
        venue.title_zh.clone(),
        venue.title_en.clone(),
        m.outlook_zh.clone(),
        m.outlook_en.clone(),
    ];
    for s in &statements {
        keywords.push(s.text_zh.clone());
        keywords.push(s.text_en.clone());
    }
    keywords.retain(|k| !k.trim().is_empty());
    Ok(Some(Document {
        kind: Kind::Minutes,
        id: venue_id,
        title_zh: m.title_zh.clone(),
        title_en: m.title_en.clone(),
        abstract_text: [m.intro_zh.as_str(), m.intro_en.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
        keywords: keywords.join("; "),
        authors: crate::salons::minutes::service::lead_scientists(conn, venue_id)?,
        authors_open: true,
        created: m.published_at.unwrap_or(m.updated_at).and_utc().timestamp_micros(),
        access: vec![PUBLIC.into()],
        meta: Meta {
            venue_id: Some(venue_id),
            year: venue.starts_on.map(|d| d.year()).or(m.published_at.map(|d| d.year())),
            status: "published".into(),
            ..Default::default()
        },
        ..Default::default()
    }))
}

/// Venues whose minutes are published (for a full rebuild).
pub fn minutes_venue_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    crate::salons::minutes::store::published_venue_ids(conn)
}

/// A journal's published article, public: found by its titles, abstracts, keywords, authors,
/// DOI and journal, and filtered by the journal's fields and the article's language. `None`
/// before publication.
pub fn article(conn: &mut AnyConnection, id: i64) -> AppResult<Option<Document>> {
    use crate::journals::articles::store as articles;
    let Some(a) = articles::find(conn, id)? else {
        return Ok(None);
    };
    let (Some(published_on), Some(issue_id)) = (a.published_on, a.issue_id) else {
        return Ok(None);
    };
    let issue = crate::journals::issues::store::get(conn, issue_id)?;
    let j = crate::journals::store::get(conn, a.journal_id)?;
    let slug = j.slug.clone();
    let journal = journal_base(conn, j)?;
    let people = articles::authors_of(conn, a.id)?;
    let authors = people
        .iter()
        .map(|p| {
            let han = format!("{}{}", p.family_zh, p.given_zh);
            let latin = format!("{} {}", p.given_en, p.family_en).trim().to_string();
            let name = crate::review::reviews::view::display(&han, &latin);
            if p.affiliation.is_empty() {
                name
            } else {
                format!("{name}, {}", p.affiliation)
            }
        })
        .collect();
    // The abstract in the article's language comes first: results show its beginning.
    let mut abstracts = [a.abstract_zh.as_str(), a.abstract_en.as_str()];
    if a.language != "zh" {
        abstracts.reverse();
    }
    let mut keywords: Vec<String> = vec![
        a.keywords_zh.clone(),
        a.keywords_en.clone(),
        journal.title_zh.clone(),
        journal.title_en.clone(),
    ];
    keywords.extend(a.doi.clone());
    keywords.retain(|k| !k.trim().is_empty());
    let pages = crate::journals::issues::service::pages_text(&a);
    let mut locator = format!("{}, {}({})", issue.year, issue.volume, issue.number);
    if !pages.is_empty() {
        locator.push_str(&format!(": {pages}"));
    }
    Ok(Some(Document {
        kind: Kind::Article,
        id: a.id,
        title_zh: a.title_zh,
        title_en: a.title_en,
        abstract_text: abstracts.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n\n"),
        keywords: keywords.join("; "),
        authors,
        authors_open: true,
        created: published_on.and_time(chrono::NaiveTime::MIN).and_utc().timestamp_micros(),
        access: vec![PUBLIC.into()],
        meta: Meta {
            year: Some(issue.year),
            status: "published".into(),
            issn: journal.meta.issn,
            eissn: journal.meta.eissn,
            fields: journal.meta.fields,
            languages: vec![a.language],
            journal_id: Some(a.journal_id),
            journal_slug: Some(slug),
            journal_zh: Some(journal.title_zh),
            journal_en: Some(journal.title_en),
            locator: Some(locator),
            doi: a.doi,
            ..Default::default()
        },
        ..Default::default()
    }))
}

/// Every published article (for a full rebuild).
pub fn all_article_ids(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    crate::journals::articles::store::published_ids(conn)
}
