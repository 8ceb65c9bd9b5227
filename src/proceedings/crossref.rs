//! A published volume's Crossref deposit (schema 5.4.0): the conference, the volume and each
//! paper with its DOI, as `formats::crossref` writes them, for the chairs to download and
//! deposit. A paper's DOI is the volume's DOI followed by `.` and the paper's number, so it
//! stays the same through rebuilds.

use chrono::NaiveDateTime;

use super::store;
use crate::crossref::model::{Deposit, DepositKind};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::formats::citation::names;
use crate::formats::crossref::{self, Abstract, Contributor, Head, Site};
use crate::guard::venue::Chair;

/// The DOI of paper `number` in a volume whose DOI is `volume_doi` (none without one).
pub fn paper_doi(volume_doi: &str, number: i32) -> Option<String> {
    let doi = volume_doi.trim();
    (!doi.is_empty()).then(|| format!("{doi}.{number}"))
}

/// The deposit of the chair's published volume and its file name. 409 before publication or
/// when the volume has no DOI.
pub fn deposit(conn: &mut AnyConnection, chair: &Chair, site: &Site, now: NaiveDateTime) -> AppResult<crossref::DepositFile> {
    let venue = &chair.venue;
    let v = store::of_venue(conn, venue.id)?.ok_or(AppError::NotFound)?;
    let Some(published) = v.published_at else {
        return Err(AppError::Conflict("proceedings.not_published".into()));
    };
    if v.doi.trim().is_empty() {
        return Err(AppError::Conflict("proceedings.no_doi".into()));
    }
    let base = site.base_url.trim_end_matches('/');
    let mut papers = Vec::new();
    let mut languages = Vec::new();
    for p in store::papers_of(conn, v.id)? {
        let s = crate::submissions::store::get(conn, p.submission_id)?;
        let english = !s.title_en.trim().is_empty();
        let language = if s.title_zh.trim().is_empty() { "en" } else { "zh" };
        languages.push(language);
        let contributors = crate::submissions::store::authors_of(conn, s.id)?
            .into_iter()
            .map(|a| {
                let person = names::person(&a.name_zh, &a.name_latin);
                let latin = person.has_latin();
                Contributor {
                    given: if latin { person.given_en.clone() } else { person.given_zh.clone() },
                    surname: if latin {
                        person.family_en.clone()
                    } else {
                        person.family_zh.clone()
                    },
                    affiliation: a.affiliation,
                    orcid: None,
                }
            })
            .collect();
        papers.push(crossref::Article {
            language: language.into(),
            title: if english { s.title_en.clone() } else { s.title_zh.clone() },
            original_title: (english && language == "zh").then(|| ("zh".to_string(), s.title_zh.clone())),
            contributors,
            abstracts: vec![Abstract {
                lang: language.into(),
                text: s.abstract_text.clone(),
            }],
            published: published.date(),
            first_page: p.first_page.to_string(),
            last_page: p.last_page.to_string(),
            doi: paper_doi(&v.doi, s.number).unwrap_or_default(),
            url: format!("{base}/venues/{}/papers/{}", venue.slug, s.number),
            ..Default::default()
        });
    }
    languages.dedup();
    let english = !v.title_en.trim().is_empty();
    let stamp = now.format("%Y%m%d%H%M%S").to_string();
    let owner = if v.publisher.trim().is_empty() {
        if english { v.title_en.clone() } else { v.title_zh.clone() }
    } else {
        v.publisher.clone()
    };
    let head = Head {
        batch_id: format!("xuehui-{}-proceedings-{stamp}", venue.slug),
        timestamp: stamp,
        depositor_name: owner.clone(),
        depositor_email: site.depositor_email.to_string(),
        registrant: owner.clone(),
    };
    let out = crossref::Proceedings {
        conference_name: if venue.title_en.trim().is_empty() {
            venue.title_zh.clone()
        } else {
            venue.title_en.clone()
        },
        location: venue.place.clone(),
        starts: venue.starts_on,
        ends: venue.ends_on,
        title: if english { v.title_en.clone() } else { v.title_zh.clone() },
        language: if languages.len() == 1 {
            languages[0].to_string()
        } else {
            String::new()
        },
        publisher: owner,
        publisher_place: v.place.clone(),
        published: published.date(),
        isbn: v.isbn.clone(),
        doi: v.doi.trim().to_string(),
        url: format!("{base}/venues/{}/proceedings", venue.slug),
        papers,
    };
    let xml = crossref::conference::deposit(&head, &out).map_err(|e| AppError::caused("crossref deposit", e))?;
    Ok(crossref::DepositFile {
        xml,
        name: format!("crossref-{}-proceedings.xml", venue.slug),
        batch_id: head.batch_id,
    })
}

/// Queues the deposit of the chair's published volume with the configured Crossref account.
pub fn request_deposit(
    conn: &mut AnyConnection,
    chair: &Chair,
    site: &Site,
    account: Option<&crate::config::CrossrefConfig>,
    now: NaiveDateTime,
) -> AppResult<Deposit> {
    let file = deposit(conn, chair, site, now)?;
    crate::crossref::service::request(conn, account, DepositKind::Proceedings, chair.venue.id, &file, chair.user_id, now)
}

/// The venue's deposits, newest first.
pub fn deposits(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Deposit>> {
    crate::crossref::store::of_items(conn, DepositKind::Proceedings, &[venue_id])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paper_doi_follows_the_volume_doi() {
        assert_eq!(paper_doi("10.12345/annual.2026", 7).as_deref(), Some("10.12345/annual.2026.7"));
        assert_eq!(paper_doi(" ", 7), None);
    }
}
