//! What an expert sees when voting: every journal of the field with its nominations and
//! indicators, their own vote, and whether they are conflicted. Other experts' votes appear only
//! once the panel has closed, and never on a journal the expert is conflicted with. Drafts
//! (typed, autosaved, not submitted) are shown to their writer only.

use std::collections::HashMap;

use serde::Serialize;

use super::model::{Edition, Indicator};
use super::phases::Phase;
use super::{nominations, panel, store, votes};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// One journal on the ballot.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Line {
    /// Journal id.
    pub journal_id: i64,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// ISSN or eISSN.
    pub issn: Option<String>,
    /// Country code.
    pub country: String,
    /// Language codes, comma-joined.
    pub languages: String,
    /// Journal type.
    pub kind: crate::journals::model::JournalKind,
    /// Nominations and their reasons.
    pub nominations: Vec<nominations::Reason>,
    /// Indicator values in the edition's order.
    pub indicators: Vec<Option<f64>>,
    /// The expert may not vote on it (and sees no votes on it).
    pub conflicted: bool,
    /// Their vote: `T1`, `T2`, `T3`, `none`, or empty when not yet voted.
    pub my_vote: String,
    /// Their comment.
    pub my_comment: String,
    /// After the panel closed: the panel's votes for T1, T2, T3, not listed.
    pub distribution: Option<[u32; 4]>,
    /// The line as typed but not submitted (autosaved), if it differs from the vote.
    pub draft: Option<votes::Draft>,
}

/// The ballot.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Ballot {
    /// Whether votes can be cast now.
    pub open: bool,
    /// Journals voted on.
    pub voted: usize,
    /// Journals the expert may vote on.
    pub votable: usize,
    /// Lines with a draft not yet submitted (never counted as votes).
    pub drafts: usize,
    /// When a draft was last saved (UTC).
    #[serde(default, with = "crate::web::utc::option")]
    pub draft_saved_at: Option<chrono::NaiveDateTime>,
    /// Indicator headings.
    pub indicators: Vec<Indicator>,
    /// Every journal of the field.
    pub lines: Vec<Line>,
}

/// Builds an expert's ballot.
pub fn build(conn: &mut AnyConnection, e: &Edition, user_id: i64, now: chrono::NaiveDateTime) -> AppResult<Ballot> {
    let journals = crate::journals::store::in_field(conn, e.field_id)?;
    let indicators = store::indicators(conn, e.id)?;
    let values = store::indicator_values(conn, e.id)?;
    let mut reasons = nominations::reasons(conn, e.id)?;
    let conflicts = panel::conflicts_of(conn, e.id, user_id)?;
    let mine = votes::mine(conn, e.id, user_id)?;
    let mut drafts = votes::drafts(conn, e.id, user_id)?;
    let closed = Phase::parse(&e.phase).is_some_and(|p| p >= Phase::Notice);
    let mut dist: HashMap<i64, [u32; 4]> = HashMap::new();
    if closed {
        for (j, _, v, _) in votes::all(conn, e.id)? {
            let d = dist.entry(j).or_insert([0; 4]);
            d[v.map(|t| t.index()).unwrap_or(3)] += 1;
        }
    }
    let lines: Vec<Line> = journals
        .into_iter()
        .map(|j| {
            let conflicted = conflicts.contains(&j.id);
            let my = mine.get(&j.id);
            Line {
                nominations: reasons.remove(&j.id).unwrap_or_default(),
                indicators: indicators.iter().map(|i| values.get(&(i.id, j.id)).copied()).collect(),
                my_vote: my.map(|v| v.tier.clone()).unwrap_or_default(),
                my_comment: my.map(|v| v.comment.clone()).unwrap_or_default(),
                distribution: (closed && !conflicted).then(|| dist.get(&j.id).copied().unwrap_or([0; 4])),
                draft: if conflicted { None } else { drafts.remove(&j.id) },
                conflicted,
                journal_id: j.id,
                issn: j.issn.or(j.eissn),
                name_zh: j.name_zh,
                name_en: j.name_en,
                country: j.country,
                languages: j.languages,
                kind: j.kind,
            }
        })
        .collect();
    Ok(Ballot {
        open: votes::open(e, now),
        voted: lines.iter().filter(|l| !l.conflicted && !l.my_vote.is_empty()).count(),
        votable: lines.iter().filter(|l| !l.conflicted).count(),
        drafts: lines.iter().filter(|l| l.draft.is_some()).count(),
        draft_saved_at: lines.iter().filter_map(|l| l.draft.as_ref().map(|d| d.updated_at)).max(),
        indicators,
        lines,
    })
}
