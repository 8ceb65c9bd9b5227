//! What a committee member sees of a venue's papers before reviewing: never a paper they are
//! conflicted with or an author of, never a withdrawn one, and no author names when the
//! paper's call is double-blind.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::Bid;
use crate::db::AnyConnection;
use crate::db::schema::{calls, submission_authors, submission_topics, submissions};
use crate::error::{AppError, AppResult};
use crate::submissions::model::SUBMITTED;

/// An author as single-blind and open review show them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuthorName {
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub affiliation: String,
}

/// A paper as a committee member sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberPaper {
    /// Submission id.
    pub id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Keywords.
    pub keywords: String,
    /// Track.
    pub track_id: Option<i64>,
    /// Topic ids.
    pub topics: Vec<i64>,
    /// Authors; absent under double-blind review.
    pub authors: Option<Vec<AuthorName>>,
    /// The member's bid.
    pub bid: Option<Bid>,
}

/// Filters of the bidding list.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::IntoParams)]
pub struct PaperFilter {
    /// Words in the title, abstract or keywords.
    pub q: Option<String>,
    /// Topic id.
    pub topic: Option<i64>,
    /// Track id.
    pub track: Option<i64>,
    /// A bid code, or `none` for papers not bid on yet.
    #[param(value_type = Option<crate::web::openapi::params::BidFilter>, inline)]
    pub bid: Option<String>,
}

/// Papers the user is an author of (by address), in the venue.
fn authored(conn: &mut AnyConnection, venue_id: i64, email: &str) -> AppResult<HashSet<i64>> {
    Ok(submission_authors::table
        .inner_join(submissions::table)
        .filter(submissions::venue_id.eq(venue_id))
        .filter(submission_authors::email.eq(email.to_lowercase()))
        .select(submission_authors::submission_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// Every paper of the venue the user may see as a committee member, with their bids.
pub fn visible(conn: &mut AnyConnection, venue_id: i64, user: &crate::auth::User) -> AppResult<Vec<MemberPaper>> {
    let conflicted = crate::review::conflicts::store::binding_pairs(conn, venue_id)?;
    let own = authored(conn, venue_id, &user.email)?;
    let anonymity: HashMap<i64, String> = calls::table
        .filter(calls::venue_id.eq(venue_id))
        .select((calls::id, calls::anonymity))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let subs: Vec<crate::submissions::model::Submission> = submissions::table
        .filter(submissions::venue_id.eq(venue_id))
        .filter(submissions::status.eq(SUBMITTED))
        .order(submissions::number)
        .select(crate::submissions::model::Submission::as_select())
        .load(conn)?;
    let subs: Vec<_> = subs
        .into_iter()
        .filter(|s| !own.contains(&s.id) && !conflicted.contains(&(s.id, user.id)))
        .collect();
    let ids: Vec<i64> = subs.iter().map(|s| s.id).collect();
    let mut topics: HashMap<i64, Vec<i64>> = HashMap::new();
    for (s, t) in submission_topics::table
        .filter(submission_topics::submission_id.eq_any(&ids))
        .select((submission_topics::submission_id, submission_topics::topic_id))
        .load::<(i64, i64)>(conn)?
    {
        topics.entry(s).or_default().push(t);
    }
    let mut authors: HashMap<i64, Vec<AuthorName>> = HashMap::new();
    for (s, name_zh, name_latin, affiliation) in submission_authors::table
        .filter(submission_authors::submission_id.eq_any(&ids))
        .order((submission_authors::submission_id, submission_authors::position))
        .select((
            submission_authors::submission_id,
            submission_authors::name_zh,
            submission_authors::name_latin,
            submission_authors::affiliation,
        ))
        .load::<(i64, String, String, String)>(conn)?
    {
        authors.entry(s).or_default().push(AuthorName {
            name_zh,
            name_latin,
            affiliation,
        });
    }
    let bids = super::store::of_user(conn, venue_id, user.id)?;
    Ok(subs
        .into_iter()
        .map(|s| {
            let blind = anonymity.get(&s.call_id).is_none_or(|a| a == "double_blind");
            MemberPaper {
                id: s.id,
                number: s.number,
                topics: topics.remove(&s.id).unwrap_or_default(),
                authors: if blind {
                    None
                } else {
                    Some(authors.remove(&s.id).unwrap_or_default())
                },
                bid: bids.get(&s.id).copied(),
                title_zh: s.title_zh,
                title_en: s.title_en,
                abstract_text: s.abstract_text,
                keywords: s.keywords,
                track_id: s.track_id,
            }
        })
        .collect())
}

/// Applies the list's filters.
pub fn filter(papers: Vec<MemberPaper>, f: &PaperFilter) -> AppResult<Vec<MemberPaper>> {
    let wanted_bid = match f.bid.as_deref() {
        None | Some("") => None,
        Some("none") => Some(None),
        Some(code) => match Bid::parse(code) {
            Ok(Some(b)) => Some(Some(b)),
            _ => return Err(AppError::field("bid", "validation.bid_invalid")),
        },
    };
    let words: Vec<String> = f.q.as_deref().unwrap_or("").split_whitespace().map(str::to_lowercase).collect();
    Ok(papers
        .into_iter()
        .filter(|p| f.topic.is_none_or(|t| p.topics.contains(&t)))
        .filter(|p| f.track.is_none_or(|t| p.track_id == Some(t)))
        .filter(|p| wanted_bid.is_none_or(|b| p.bid == b))
        .filter(|p| {
            let text = format!("{} {} {} {}", p.title_zh, p.title_en, p.abstract_text, p.keywords).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect())
}

/// The venue's committee membership of the user, else 404 (outsiders learn nothing).
pub fn require_member(conn: &mut AnyConnection, venue_id: i64, user_id: i64) -> AppResult<crate::review::committee::model::Member> {
    crate::review::committee::store::membership(conn, venue_id, user_id)?.ok_or(AppError::NotFound)
}
