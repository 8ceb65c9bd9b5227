//! Affinities of a venue's papers and committee members, from the database.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use serde::Serialize;

use super::{Weights, combine, text, topic_overlap};
use crate::db::AnyConnection;
use crate::db::schema::{imported_affinities, submission_authors, submission_topics, submissions};
use crate::error::AppResult;
use crate::review::bids::model::Bid;
use crate::submissions::model::SUBMITTED;

/// A paper to assign.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PaperRef {
    /// Submission id.
    pub id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title (may be empty).
    pub title_zh: String,
    /// English title (may be empty).
    pub title_en: String,
}

/// A committee member to assign.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberRef {
    /// Account id.
    pub user_id: i64,
    /// Display name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Own minimum load, if set.
    pub min_load: Option<i32>,
    /// Own maximum load, if set.
    pub max_load: Option<i32>,
}

/// One allowed pair and how its affinity came about.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Pair {
    /// Index into `papers`.
    pub paper: usize,
    /// Index into `members`.
    pub member: usize,
    /// The affinity.
    pub score: f64,
    /// The member's bid.
    pub bid: Option<Bid>,
    /// Topic overlap (0..1).
    pub topics: f64,
    /// Text similarity (0..1).
    pub text: f64,
}

/// Everything the assignment needs.
#[derive(Debug, Clone, Serialize)]
pub struct Affinities {
    /// Papers (submitted, not withdrawn).
    pub papers: Vec<PaperRef>,
    /// Members in the role.
    pub members: Vec<MemberRef>,
    /// Allowed pairs: every (paper, member) except confirmed conflicts and own papers.
    pub pairs: Vec<Pair>,
    /// Pairs left out because of a conflict or authorship: (paper index, member index).
    pub conflicts: Vec<(usize, usize)>,
}

/// Computes affinities for the venue's committee members in `role`.
pub fn compute(
    conn: &mut AnyConnection,
    venue_id: i64,
    role: crate::review::committee::model::CommitteeRole,
    weights: Weights,
    use_imported: bool,
) -> AppResult<Affinities> {
    let subs: Vec<(i64, i32, String, String, String, String)> = submissions::table
        .filter(submissions::venue_id.eq(venue_id))
        .filter(submissions::status.eq(SUBMITTED))
        .order(submissions::number)
        .select((
            submissions::id,
            submissions::number,
            submissions::title_zh,
            submissions::title_en,
            submissions::abstract_text,
            submissions::keywords,
        ))
        .load(conn)?;
    let ids: Vec<i64> = subs.iter().map(|s| s.0).collect();
    let mut paper_topics: HashMap<i64, Vec<i64>> = HashMap::new();
    for (s, t) in submission_topics::table
        .filter(submission_topics::submission_id.eq_any(&ids))
        .select((submission_topics::submission_id, submission_topics::topic_id))
        .load::<(i64, i64)>(conn)?
    {
        paper_topics.entry(s).or_default().push(t);
    }
    let mut author_emails: HashMap<i64, HashSet<String>> = HashMap::new();
    for (s, e) in submission_authors::table
        .filter(submission_authors::submission_id.eq_any(&ids))
        .select((submission_authors::submission_id, submission_authors::email))
        .load::<(i64, String)>(conn)?
    {
        author_emails.entry(s).or_default().insert(e.to_lowercase());
    }
    let mut members = Vec::new();
    let mut member_docs = Vec::new();
    let mut member_topics = Vec::new();
    for m in crate::review::committee::store::accepted(conn, venue_id, role)? {
        let Some(uid) = m.user_id else { continue };
        let u = crate::auth::store::by_id(conn, uid)?;
        let mut doc = u.expertise.clone();
        for p in crate::review::expertise::store::papers_of(conn, uid)? {
            doc.push('\n');
            doc.push_str(&p.title);
            doc.push('\n');
            doc.push_str(&p.abstract_text);
        }
        member_docs.push(doc);
        member_topics.push(crate::review::expertise::store::topics_of(conn, m.id)?);
        members.push(MemberRef {
            user_id: uid,
            name: u.display_name(),
            email: u.email,
            min_load: m.min_load,
            max_load: m.max_load,
        });
    }
    let conflicted = crate::review::conflicts::store::binding_pairs(conn, venue_id)?;
    let bids: HashMap<(i64, i64), Bid> = crate::review::bids::store::of_venue(conn, venue_id)?
        .into_iter()
        .map(|(s, u, b)| ((s, u), b))
        .collect();
    let imported: HashMap<(i64, i64), f64> = if use_imported {
        imported_affinities::table
            .filter(imported_affinities::submission_id.eq_any(&ids))
            .select((
                imported_affinities::submission_id,
                imported_affinities::user_id,
                imported_affinities::score,
            ))
            .load::<(i64, i64, f64)>(conn)?
            .into_iter()
            .map(|(s, u, x)| ((s, u), x))
            .collect()
    } else {
        HashMap::new()
    };
    // One corpus for both sides so that term weights are comparable.
    let mut docs: Vec<String> = subs.iter().map(|s| format!("{}\n{}\n{}\n{}", s.2, s.3, s.4, s.5)).collect();
    docs.extend(member_docs);
    let vectors = text::vectors(&docs);
    let (paper_vecs, member_vecs) = vectors.split_at(subs.len());

    let mut pairs = Vec::new();
    let mut conflicts = Vec::new();
    for (pi, s) in subs.iter().enumerate() {
        let emails = author_emails.get(&s.0);
        for (mi, m) in members.iter().enumerate() {
            if conflicted.contains(&(s.0, m.user_id)) || emails.is_some_and(|e| e.contains(&m.email.to_lowercase())) {
                conflicts.push((pi, mi));
                continue;
            }
            let bid = bids.get(&(s.0, m.user_id)).copied();
            let topics = topic_overlap(paper_topics.get(&s.0).map(Vec::as_slice).unwrap_or(&[]), &member_topics[mi]);
            let sim = text::cosine(&paper_vecs[pi], &member_vecs[mi]);
            let score = if use_imported {
                imported.get(&(s.0, m.user_id)).copied().unwrap_or(0.0)
            } else {
                combine(weights, bid, topics, sim)
            };
            pairs.push(Pair {
                paper: pi,
                member: mi,
                score,
                bid,
                topics,
                text: sim,
            });
        }
    }
    Ok(Affinities {
        papers: subs
            .into_iter()
            .map(|s| PaperRef {
                id: s.0,
                number: s.1,
                title_zh: s.2,
                title_en: s.3,
            })
            .collect(),
        members,
        pairs,
        conflicts,
    })
}
