//! Notices that data others derive from has changed. A domain store records the change in its
//! own transaction as a job, so a committed change is always noticed and a rolled-back one never
//! is; whoever keeps derived data (today the search index) handles the job. Areas call these
//! functions and never import the subscriber, so the dependency runs one way: search reads the
//! areas, the areas only know this queue.

use serde::{Deserialize, Serialize};

use super::typed::{self, JobPayload};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// The notices' job kind, named after its subscriber (the search index registers the handler).
pub const KIND: &str = "search.index";

/// What changed, by id. Stored as `{"paper": 12}` and so on (serde's external tagging), the
/// form notices have always had, so equal notices still find each other in `enqueue_unique`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Notice {
    /// A paper (submission id).
    Paper(i64),
    /// A journal of the register.
    Journal(i64),
    /// A catalogue edition.
    Edition(i64),
    /// A venue.
    Venue(i64),
    /// A salon's minutes (by venue id): published, changed after publication.
    Minutes(i64),
    /// A journal's article: published, or its journal changed.
    Article(i64),
}

impl JobPayload for Notice {
    const KIND: &'static str = KIND;
    /// With backoff this spans a long outage of the subscriber.
    const MAX_ATTEMPTS: i32 = 20;
}

/// The second subscriber's job kind: the OAI-PMH records, which describe published articles
/// and proceedings papers.
pub const HARVEST_KIND: &str = "oai.records";

/// A notice for the OAI-PMH records: only papers and articles, the items records describe (a
/// journal's or a venue's change reaches them through the per-item notices the search index's
/// handler sends for its articles and papers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Harvest(pub Notice);

impl JobPayload for Harvest {
    const KIND: &'static str = HARVEST_KIND;
    const MAX_ATTEMPTS: i32 = 20;
}

fn notice(conn: &mut AnyConnection, notice: Notice) -> AppResult<()> {
    typed::enqueue_unique(conn, &notice)?;
    if matches!(notice, Notice::Paper(_) | Notice::Article(_)) {
        typed::enqueue_unique(conn, &Harvest(notice))?;
    }
    Ok(())
}

/// A paper changed (created, revised, withdrawn, decided).
pub fn paper(conn: &mut AnyConnection, submission_id: i64) -> AppResult<()> {
    notice(conn, Notice::Paper(submission_id))
}

/// A journal of the register changed (and with it its catalogue entries' names).
pub fn journal(conn: &mut AnyConnection, journal_id: i64) -> AppResult<()> {
    notice(conn, Notice::Journal(journal_id))
}

/// A catalogue edition's entries changed (written, cleared, published).
pub fn edition(conn: &mut AnyConnection, edition_id: i64) -> AppResult<()> {
    notice(conn, Notice::Edition(edition_id))
}

/// A venue changed in a way that concerns all its papers (anonymity, dates).
pub fn venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<()> {
    notice(conn, Notice::Venue(venue_id))
}

/// A salon's minutes were published or changed after publication.
pub fn minutes(conn: &mut AnyConnection, venue_id: i64) -> AppResult<()> {
    notice(conn, Notice::Minutes(venue_id))
}

/// A journal's article was published (or changed after publication).
pub fn article(conn: &mut AnyConnection, article_id: i64) -> AppResult<()> {
    notice(conn, Notice::Article(article_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_keep_the_stored_form_of_the_untyped_version() {
        for (old, notice) in [
            (r#"{"paper":12}"#, Notice::Paper(12)),
            (r#"{"journal":3}"#, Notice::Journal(3)),
            (r#"{"edition":7}"#, Notice::Edition(7)),
            (r#"{"venue":1}"#, Notice::Venue(1)),
            (r#"{"minutes":4}"#, Notice::Minutes(4)),
            (r#"{"article":9}"#, Notice::Article(9)),
        ] {
            typed::assert_reads_stored(old, notice);
        }
    }
}
