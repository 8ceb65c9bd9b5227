//! Accepted papers for everyone: a paper whose decision accepts it and has been told to its
//! authors is public (as in search), with its title, authors and affiliations, abstract,
//! keywords, topics, track, venue and decision, and its current PDF where the authors agreed
//! (`pdf_public`). Anything else — undecided, rejected, decided but not told, withdrawn, an
//! unknown number — is 404, so nothing about it is revealed.
//!
//! Authors are named on the public page under every anonymity setting: review anonymity
//! (double- or single-blind) ends when the decision is told, which is also when search starts
//! naming the authors (`search::documents`); there is no setting that keeps a published paper
//! anonymous. E-mail addresses are never shown.

use serde::Serialize;

use super::model::{SUBMITTED, Submission};
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::review::phases::DecisionLabel;
use crate::venues::model::{Topic, Track, Venue};

/// An author as the public sees them: names and institution, no address.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicAuthor {
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub affiliation: String,
    /// Country or region.
    pub country: String,
}

/// A public (accepted and told) paper.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicPaper {
    /// Its venue.
    pub venue: Venue,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Keywords as typed.
    pub keywords: String,
    /// Its track, if any.
    pub track: Option<Track>,
    /// Chosen topics.
    pub topics: Vec<Topic>,
    /// Authors in order.
    pub authors: Vec<PublicAuthor>,
    /// The decision (an accepting label).
    pub decision: DecisionLabel,
    /// Whether the PDF may be downloaded.
    pub pdf: bool,
    /// How to cite it: in its proceedings once they are published, else as a paper of its
    /// conference.
    pub cite: crate::formats::citation::Texts,
    /// Its place in its venue's published proceedings (pages, volume) and how to cite it there.
    pub citation: Option<crate::proceedings::view::Citation>,
    /// The current PDF, when public.
    #[serde(skip)]
    #[schema(ignore)]
    pub pdf_file_id: Option<i64>,
}

/// A line of a venue's list of accepted papers.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptedItem {
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// The decision.
    pub decision: DecisionLabel,
    /// Whether anyone may download its PDF.
    pub pdf: bool,
}

/// The accepting label of a paper told its decision, or `None` (not told, not accepted, or
/// withdrawn).
pub fn accepted_decision(conn: &mut AnyConnection, s: &Submission) -> AppResult<Option<DecisionLabel>> {
    if s.status != SUBMITTED {
        return Ok(None);
    }
    told_acceptance(conn, s)
}

/// The accepting label of a paper told its decision, withdrawn since or not.
pub fn told_acceptance(conn: &mut AnyConnection, s: &Submission) -> AppResult<Option<DecisionLabel>> {
    let Some(d) = crate::review::decisions::store::get(conn, s.id)? else {
        return Ok(None);
    };
    if d.notified_at.is_none() {
        return Ok(None);
    }
    let labels = crate::review::phases::load(conn, s.venue_id)?.labels();
    let label = crate::review::decisions::service::label_of(&labels, &d.label);
    Ok(label.accept.then_some(label))
}

/// The PDF anyone may read of an accepted paper, if any: an approved final version under an
/// open licence (as stamped with the volume's page numbers once the proceedings are
/// published), else the current PDF where the authors agreed.
pub fn public_pdf(conn: &mut AnyConnection, s: &Submission) -> AppResult<Option<i64>> {
    let final_pdf = crate::finals::store::public_final_pdf(conn, s.id, s.venue_id, s.call_id)?;
    let stamped = match final_pdf {
        Some(_) => crate::proceedings::store::published_place(conn, s.id)?.and_then(|(_, p)| p.file_id),
        None => None,
    };
    Ok(stamped.or(final_pdf).or(s.pdf_file_id.filter(|_| s.pdf_public)))
}

/// Paper `number` of venue `slug` if it is public; 404 otherwise. `base_url` makes the
/// addresses in its citations absolute.
pub fn paper(conn: &mut AnyConnection, slug: &str, number: i32, base_url: &str) -> AppResult<PublicPaper> {
    let venue = crate::venues::store::by_slug(conn, slug)?;
    let s = store::by_number(conn, venue.id, number)?.ok_or(AppError::NotFound)?;
    let decision = accepted_decision(conn, &s)?.ok_or(AppError::NotFound)?;
    let chosen = store::topics_of(conn, s.id)?;
    let topics = crate::venues::store::topics_of(conn, venue.id)?
        .into_iter()
        .filter(|t| chosen.contains(&t.id))
        .collect();
    let track = crate::venues::store::tracks_of(conn, &[venue.id])?
        .into_iter()
        .find(|t| Some(t.id) == s.track_id);
    let authors = store::authors_of(conn, s.id)?
        .into_iter()
        .map(|a| PublicAuthor {
            name_zh: a.name_zh,
            name_latin: a.name_latin,
            affiliation: a.affiliation,
            country: a.country,
        })
        .collect();
    let pdf_file_id = public_pdf(conn, &s)?;
    let work = crate::proceedings::view::paper_work(conn, &venue, s.id, base_url)?;
    let key = crate::proceedings::view::paper_key(&venue, s.number, &work);
    let citation = crate::proceedings::view::citation(conn, s.id, &work, &key)?;
    let cite = crate::formats::citation::Texts::of(&work, &key);
    Ok(PublicPaper {
        venue,
        number: s.number,
        title_zh: s.title_zh,
        title_en: s.title_en,
        abstract_text: s.abstract_text,
        keywords: s.keywords,
        track,
        topics,
        authors,
        decision,
        pdf: pdf_file_id.is_some(),
        cite,
        citation,
        pdf_file_id,
    })
}

/// Public paper `number` of venue `slug` in citation format `format`, with its file name.
pub fn citation(
    conn: &mut AnyConnection,
    slug: &str,
    number: i32,
    format: crate::formats::citation::Format,
    base_url: &str,
) -> AppResult<(String, String)> {
    let venue = crate::venues::store::by_slug(conn, slug)?;
    let s = store::by_number(conn, venue.id, number)?.ok_or(AppError::NotFound)?;
    accepted_decision(conn, &s)?.ok_or(AppError::NotFound)?;
    let work = crate::proceedings::view::paper_work(conn, &venue, s.id, base_url)?;
    let key = crate::proceedings::view::paper_key(&venue, s.number, &work);
    Ok((format.write(&work, &key), format!("{key}.{}", format.extension())))
}

/// A venue's public papers, by number (none before any decision is told).
pub fn accepted_of_venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<AcceptedItem>> {
    let labels = crate::review::phases::load(conn, venue_id)?.labels();
    let mut items = Vec::new();
    for (s, key) in store::told_of_venue(conn, venue_id)? {
        let decision = crate::review::decisions::service::label_of(&labels, &key);
        if !decision.accept {
            continue;
        }
        let pdf =
            (s.pdf_public && s.pdf_file_id.is_some()) || crate::finals::store::public_final_pdf(conn, s.id, venue_id, s.call_id)?.is_some();
        items.push(AcceptedItem {
            number: s.number,
            title_zh: s.title_zh,
            title_en: s.title_en,
            decision,
            pdf,
        });
    }
    Ok(items)
}
