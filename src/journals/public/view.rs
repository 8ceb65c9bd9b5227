//! What the public journal site shows: published issues and articles only.

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::formats::citation::{Format, Kind, Person, Texts, Work};
use crate::journals::articles::model::{Article, ArticleAuthor, GalleyKind, Reference};
use crate::journals::articles::store as articles;
use crate::journals::issues::model::Issue;
use crate::journals::issues::store as issues;
use crate::journals::model::Journal;

/// The journal as its site heads it.
#[derive(Debug, Clone, Serialize)]
pub struct PublicJournal {
    /// Id.
    pub id: i64,
    /// URL name.
    pub slug: String,
    /// Name, Chinese.
    pub name_zh: String,
    /// Name, English.
    pub name_en: String,
    /// Print ISSN.
    pub issn: Option<String>,
    /// Electronic ISSN.
    pub eissn: Option<String>,
    /// Publisher.
    pub publisher: String,
}

impl PublicJournal {
    fn of(j: Journal) -> PublicJournal {
        PublicJournal {
            id: j.id,
            slug: j.slug,
            name_zh: j.name_zh,
            name_en: j.name_en,
            issn: j.issn,
            eissn: j.eissn,
            publisher: j.publisher,
        }
    }
}

/// The journal of a site address (404 for an unknown one).
pub fn journal(conn: &mut AnyConnection, slug: &str) -> AppResult<Journal> {
    let id = crate::journals::store::id_by_slug(conn, slug).map_err(|_| AppError::NotFound)?;
    crate::journals::store::get(conn, id)
}

/// A published issue in a list.
#[derive(Debug, Clone, Serialize)]
pub struct IssueLink {
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
    /// Published on.
    pub published_on: Option<NaiveDate>,
    /// Its address.
    pub url: String,
    /// Its cover's address.
    pub cover_url: Option<String>,
}

fn link(slug: &str, i: &Issue) -> IssueLink {
    let url = format!("/j/{slug}/issues/{}/{}", i.volume, i.number);
    IssueLink {
        cover_url: i.cover_file_id.map(|_| format!("{url}/cover")),
        url,
        volume: i.volume,
        number: i.number,
        year: i.year,
        title_zh: i.title_zh.clone(),
        title_en: i.title_en.clone(),
        published_on: i.published_on,
    }
}

/// An article in a table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocArticle {
    /// Its page's address.
    pub url: String,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Authors, Chinese names where they have them.
    pub authors_zh: String,
    /// Authors, Latin names where they have them.
    pub authors_en: String,
    /// Pages or article number.
    pub pages: String,
    /// DOI.
    pub doi: Option<String>,
    /// The PDF galley's address, if there is one.
    pub pdf_url: Option<String>,
}

/// A section of a published issue.
#[derive(Debug, Clone, Serialize)]
pub struct TocSection {
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Articles in order.
    pub articles: Vec<TocArticle>,
}

/// A published issue with its table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct PublicIssue {
    /// The issue.
    pub issue: IssueLink,
    /// Its sections.
    pub sections: Vec<TocSection>,
}

/// The issue's table of contents by section, in the journal's section order.
pub fn issue(conn: &mut AnyConnection, j: &Journal, i: &Issue) -> AppResult<PublicIssue> {
    let sections = crate::journals::setup::store::sections(conn, j.id)?;
    let mut toc: Vec<(i64, TocSection)> = Vec::new();
    for a in articles::in_issue(conn, i.id)?.into_iter().filter(|a| a.published_on.is_some()) {
        let (authors_zh, authors_en) = crate::journals::articles::view::author_lines(&articles::authors_of(conn, a.id)?);
        let url = format!("/j/{}/articles/{}", j.slug, a.id);
        let pdf_url = articles::galleys_of(conn, a.id)?
            .into_iter()
            .find(|g| g.kind == GalleyKind::Pdf)
            .map(|g| format!("{url}/galleys/{}", g.id));
        let entry = TocArticle {
            pages: crate::journals::issues::service::pages_text(&a),
            url,
            title_zh: a.title_zh.clone(),
            title_en: a.title_en.clone(),
            authors_zh,
            authors_en,
            doi: a.doi.clone(),
            pdf_url,
        };
        match toc.iter_mut().find(|(id, _)| *id == a.section_id) {
            Some((_, s)) => s.articles.push(entry),
            None => {
                let s = sections.iter().find(|s| s.id == a.section_id);
                toc.push((
                    a.section_id,
                    TocSection {
                        title_zh: s.map(|s| s.title_zh.clone()).unwrap_or_default(),
                        title_en: s.map(|s| s.title_en.clone()).unwrap_or_default(),
                        articles: vec![entry],
                    },
                ));
            }
        }
    }
    Ok(PublicIssue {
        issue: link(&j.slug, i),
        sections: toc.into_iter().map(|(_, s)| s).collect(),
    })
}

/// The journal's home: the journal, its current (latest) issue if any, and the number of
/// published issues.
pub fn home(conn: &mut AnyConnection, slug: &str) -> AppResult<(PublicJournal, Option<PublicIssue>, usize)> {
    let j = journal(conn, slug)?;
    let all = issues::published(conn, j.id)?;
    let current = match all.first() {
        Some(i) => Some(issue(conn, &j, i)?),
        None => None,
    };
    Ok((PublicJournal::of(j), current, all.len()))
}

/// The journal and every published issue, newest first.
pub fn archive(conn: &mut AnyConnection, slug: &str) -> AppResult<(PublicJournal, Vec<IssueLink>)> {
    let j = journal(conn, slug)?;
    let list = issues::published(conn, j.id)?.iter().map(|i| link(&j.slug, i)).collect();
    Ok((PublicJournal::of(j), list))
}

/// A published issue by volume and number.
pub fn issue_page(conn: &mut AnyConnection, slug: &str, volume: i32, number: i32) -> AppResult<(PublicJournal, PublicIssue)> {
    let j = journal(conn, slug)?;
    let i = issues::published_by_number(conn, j.id, volume, number)?;
    let v = issue(conn, &j, &i)?;
    Ok((PublicJournal::of(j), v))
}

/// An author on the article page.
#[derive(Debug, Clone, Serialize)]
pub struct PublicAuthor {
    /// Name in characters.
    pub name_zh: String,
    /// Name in Latin script, given name first.
    pub name_latin: String,
    /// Institution.
    pub affiliation: String,
    /// Country code.
    pub country: String,
    /// ORCID iD.
    pub orcid: Option<String>,
    /// Corresponding author.
    pub corresponding: bool,
}

/// A galley offered to readers.
#[derive(Debug, Clone, Serialize)]
pub struct PublicGalley {
    /// `pdf` or `html`.
    pub kind: String,
    /// Language.
    pub lang: String,
    /// Address.
    pub url: String,
}

/// A published article's page.
#[derive(Debug, Clone, Serialize)]
pub struct PublicArticle {
    /// Its address.
    pub url: String,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Abstract, Chinese.
    pub abstract_zh: String,
    /// Abstract, English.
    pub abstract_en: String,
    /// Keywords, Chinese.
    pub keywords_zh: String,
    /// Keywords, English.
    pub keywords_en: String,
    /// Language of the text.
    pub language: String,
    /// Authors.
    pub authors: Vec<PublicAuthor>,
    /// References.
    pub references: Vec<Reference>,
    /// Galleys.
    pub galleys: Vec<PublicGalley>,
    /// Licence.
    pub licence_url: String,
    /// DOI.
    pub doi: Option<String>,
    /// First page.
    pub first_page: String,
    /// Last page.
    pub last_page: String,
    /// Pages or article number, as a line.
    pub pages: String,
    /// Volume.
    pub volume: i32,
    /// Issue number.
    pub number: i32,
    /// Year.
    pub year: i32,
    /// The issue's address.
    pub issue_url: String,
    /// Received.
    pub received_on: NaiveDate,
    /// Revised.
    pub revised_on: Option<NaiveDate>,
    /// Accepted.
    pub accepted_on: NaiveDate,
    /// Published.
    pub published_on: Option<NaiveDate>,
    /// Journal name, Chinese.
    pub journal_zh: String,
    /// Journal name, English.
    pub journal_en: String,
    /// Print ISSN.
    pub issn: Option<String>,
    /// Electronic ISSN.
    pub eissn: Option<String>,
    /// Publisher.
    pub publisher: String,
    /// How to cite it.
    pub cite: Texts,
}

/// A published article of the journal (404 for anything unpublished or another journal's).
pub fn published_article(conn: &mut AnyConnection, slug: &str, id: i64) -> AppResult<(PublicJournal, Article, Issue)> {
    let j = journal(conn, slug)?;
    let a = articles::get(conn, id)?;
    if a.journal_id != j.id || a.published_on.is_none() {
        return Err(AppError::NotFound);
    }
    let i = issues::get(conn, a.issue_id.ok_or(AppError::NotFound)?)?;
    Ok((PublicJournal::of(j), a, i))
}

/// The article as citations describe it; `base_url` makes its address absolute.
fn work(j: &PublicJournal, a: &Article, i: &Issue, people: &[ArticleAuthor], base_url: &str) -> Work {
    let chinese = a.language == "zh";
    let split = |s: &str| -> Vec<String> {
        s.split([',', ';', '，', '；', '、'])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect()
    };
    Work {
        kind: Kind::JournalArticle,
        chinese,
        authors: people
            .iter()
            .map(|p| Person {
                family_zh: p.family_zh.clone(),
                given_zh: p.given_zh.clone(),
                family_en: p.family_en.clone(),
                given_en: p.given_en.clone(),
            })
            .collect(),
        title_zh: a.title_zh.clone(),
        title_en: a.title_en.clone(),
        container_zh: j.name_zh.clone(),
        container_en: j.name_en.clone(),
        volume: i.volume.to_string(),
        issue: i.number.to_string(),
        first_page: a.first_page.clone(),
        last_page: a.last_page.clone(),
        article_number: a.article_number.clone(),
        year: i.year,
        date: a.published_on,
        publisher: j.publisher.clone(),
        issn: [&j.issn, &j.eissn].into_iter().flatten().cloned().collect(),
        doi: a.doi.clone().unwrap_or_default(),
        url: format!("{}/j/{}/articles/{}", base_url.trim_end_matches('/'), j.slug, a.id),
        abstract_text: if (chinese && !a.abstract_zh.is_empty()) || a.abstract_en.is_empty() {
            a.abstract_zh.clone()
        } else {
            a.abstract_en.clone()
        },
        keywords: split(if chinese && !a.keywords_zh.is_empty() {
            &a.keywords_zh
        } else {
            &a.keywords_en
        }),
        language: a.language.clone(),
        ..Default::default()
    }
}

/// The citation key of an article: `li2027fairness`, or `<journal>-<id>` without Latin names.
fn key(j: &PublicJournal, a: &Article, w: &Work) -> String {
    w.key(&format!("{}-{}", j.slug, a.id))
}

/// A published article in citation format `format`, with its file name.
pub fn citation(conn: &mut AnyConnection, slug: &str, id: i64, format: Format, base_url: &str) -> AppResult<(String, String)> {
    let (j, a, i) = published_article(conn, slug, id)?;
    let people = articles::authors_of(conn, a.id)?;
    let w = work(&j, &a, &i, &people, base_url);
    let key = key(&j, &a, &w);
    Ok((format.write(&w, &key), format!("{key}.{}", format.extension())))
}

/// A published article as JATS 1.3 XML, with its file name.
pub fn jats(conn: &mut AnyConnection, slug: &str, id: i64) -> AppResult<(String, String)> {
    let (j, a, i) = published_article(conn, slug, id)?;
    let people = articles::authors_of(conn, a.id)?;
    let doc = jats_of(conn, &j, &a, &i, &people)?;
    let xml = crate::formats::jats::write::article(&doc).map_err(|e| AppError::caused("JATS", e))?;
    Ok((xml, format!("{}-{}.xml", j.slug, a.id)))
}

/// The article as JATS describes it.
fn jats_of(
    conn: &mut AnyConnection,
    j: &PublicJournal,
    a: &Article,
    i: &Issue,
    people: &[ArticleAuthor],
) -> AppResult<crate::formats::jats::Article> {
    let section = crate::journals::setup::store::section(conn, j.id, a.section_id)?;
    let split = |s: &str| -> Vec<String> {
        s.split([',', ';', '，', '；', '、'])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect()
    };
    let doc = crate::formats::jats::Article {
        journal_id: j.slug.clone(),
        journal_zh: j.name_zh.clone(),
        journal_en: j.name_en.clone(),
        issn: j.issn.clone(),
        eissn: j.eissn.clone(),
        publisher: j.publisher.clone(),
        language: a.language.clone(),
        article_id: a.id.to_string(),
        doi: a.doi.clone(),
        section_zh: section.title_zh,
        section_en: section.title_en,
        title_zh: a.title_zh.clone(),
        title_en: a.title_en.clone(),
        authors: people
            .iter()
            .map(|p| crate::formats::jats::Author {
                family_zh: p.family_zh.clone(),
                given_zh: p.given_zh.clone(),
                family_en: p.family_en.clone(),
                given_en: p.given_en.clone(),
                affiliation: p.affiliation.clone(),
                country: p.country.clone(),
                country_name: crate::web::code_names::country(&p.country, crate::web::i18n::Lang::En)
                    .unwrap_or_default()
                    .to_string(),
                orcid: p.orcid.clone(),
                corresponding: p.corresponding,
            })
            .collect(),
        published: a.published_on,
        volume: i.volume.to_string(),
        issue: i.number.to_string(),
        first_page: a.first_page.clone(),
        last_page: a.last_page.clone(),
        article_number: a.article_number.clone(),
        received: Some(a.received_on),
        revised: a.revised_on,
        accepted: Some(a.accepted_on),
        licence_url: a.licence_url.clone(),
        abstract_zh: a.abstract_zh.clone(),
        abstract_en: a.abstract_en.clone(),
        keywords_zh: split(&a.keywords_zh),
        keywords_en: split(&a.keywords_en),
        body: articles::jats_body(conn, a.id, &a.language)?,
        references: crate::journals::articles::view::references(a)?
            .into_iter()
            .map(|r| crate::formats::jats::Reference { text: r.text, doi: r.doi })
            .collect(),
    };
    Ok(doc)
}

/// A published article as a harvester reads it (OAI-PMH): its journal, Dublin Core and JATS.
pub struct Harvested {
    /// The journal.
    pub journal: PublicJournal,
    /// Dublin Core of the article.
    pub dublin_core: String,
    /// The `<article>` element in JATS's OAI namespace.
    pub jats: String,
}

/// Article `id` for harvesters, if it is published.
pub fn harvested(conn: &mut AnyConnection, id: i64, base_url: &str) -> AppResult<Option<Harvested>> {
    let Some(a) = articles::find(conn, id)? else {
        return Ok(None);
    };
    let Some(issue_id) = a.issue_id.filter(|_| a.published_on.is_some()) else {
        return Ok(None);
    };
    let j = PublicJournal::of(crate::journals::store::get(conn, a.journal_id)?);
    let i = issues::get(conn, issue_id)?;
    let people = articles::authors_of(conn, a.id)?;
    let doc = jats_of(conn, &j, &a, &i, &people)?;
    let work = work(&j, &a, &i, &people, base_url);
    let mut formats: Vec<String> = articles::galleys_of(conn, a.id)?
        .into_iter()
        .map(|g| match g.kind {
            GalleyKind::Pdf => "application/pdf".to_string(),
            GalleyKind::Html => "text/html".to_string(),
        })
        .collect();
    formats.sort();
    formats.dedup();
    let extra = crate::formats::dublin_core::Extra {
        abstracts: [("zh", &a.abstract_zh), ("en", &a.abstract_en)]
            .into_iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(l, t)| (l.to_string(), t.clone()))
            .collect(),
        rights: a.licence_url.clone(),
        formats,
    };
    let xml_error = |e| AppError::caused("OAI-PMH record", e);
    Ok(Some(Harvested {
        dublin_core: crate::formats::dublin_core::fragment(&work, &extra).map_err(xml_error)?,
        jats: crate::formats::jats::write::oai_fragment(&doc).map_err(xml_error)?,
        journal: j,
    }))
}

/// The article's page.
pub fn article(conn: &mut AnyConnection, slug: &str, id: i64, base_url: &str) -> AppResult<(PublicJournal, PublicArticle)> {
    let (j, a, i) = published_article(conn, slug, id)?;
    let url = format!("/j/{}/articles/{}", j.slug, a.id);
    let people = articles::authors_of(conn, a.id)?;
    let galleys = articles::galleys_of(conn, a.id)?
        .into_iter()
        .map(|g| PublicGalley {
            kind: g.kind.as_str().to_string(),
            lang: g.lang.clone(),
            url: format!("{url}/galleys/{}", g.id),
        })
        .collect();
    let work = work(&j, &a, &i, &people, base_url);
    let v = PublicArticle {
        cite: Texts::of(&work, &key(&j, &a, &work)),
        authors: people
            .into_iter()
            .map(|p| PublicAuthor {
                name_zh: format!("{}{}", p.family_zh, p.given_zh),
                name_latin: format!("{} {}", p.given_en, p.family_en).trim().to_string(),
                affiliation: p.affiliation,
                country: p.country,
                orcid: p.orcid,
                corresponding: p.corresponding,
            })
            .collect(),
        references: crate::journals::articles::view::references(&a)?,
        pages: crate::journals::issues::service::pages_text(&a),
        issue_url: format!("/j/{}/issues/{}/{}", j.slug, i.volume, i.number),
        url,
        galleys,
        title_zh: a.title_zh,
        title_en: a.title_en,
        abstract_zh: a.abstract_zh,
        abstract_en: a.abstract_en,
        keywords_zh: a.keywords_zh,
        keywords_en: a.keywords_en,
        language: a.language,
        licence_url: a.licence_url,
        doi: a.doi,
        first_page: a.first_page,
        last_page: a.last_page,
        volume: i.volume,
        number: i.number,
        year: i.year,
        received_on: a.received_on,
        revised_on: a.revised_on,
        accepted_on: a.accepted_on,
        published_on: a.published_on,
        journal_zh: j.name_zh.clone(),
        journal_en: j.name_en.clone(),
        issn: j.issn.clone(),
        eissn: j.eissn.clone(),
        publisher: j.publisher.clone(),
    };
    Ok((j, v))
}
