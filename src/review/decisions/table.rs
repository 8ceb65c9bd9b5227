//! The chairs' decision table: every active paper of the venue the chair is not conflicted
//! with (nor an author of), with its reviews' aggregated scores, the area chair's
//! recommendation and the decision, filtered and ranked.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::ranking::{self, Aggregate, Ranked, Sort};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::db::schema::{assignments, reviews, submission_authors, submissions};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::review::committee::model::REVIEWER;
use crate::review::phases::DecisionLabel;
use crate::review::reviews::model::{META, REVIEW, SUBMITTED};
use crate::submissions::model::Submission;

/// Filters and order of the table, as query parameters.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct TableQuery {
    /// Track URL name.
    pub track: Option<String>,
    /// `undecided`, `decided`, `unnotified`, or a label key.
    pub decision: Option<String>,
    /// `complete` (every assigned review in) or `incomplete`.
    #[param(value_type = Option<crate::web::openapi::params::ReviewsFilter>, inline)]
    pub reviews: Option<String>,
    /// Text in the title.
    pub q: Option<String>,
    /// `weighted` (default), `mean`, `spread`, `done` or `number`.
    #[param(value_type = Option<crate::web::openapi::params::DecisionSort>, inline)]
    pub sort: Option<String>,
}

/// A checked query.
#[derive(Debug, Clone)]
pub struct Filter {
    track: Option<i64>,
    decision: Option<String>,
    reviews: Option<bool>,
    q: String,
    sort: Sort,
}

/// One paper in the table.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = DecisionRow)]
pub struct Row {
    /// Paper.
    pub submission_id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Track id.
    pub track_id: Option<i64>,
    /// Reviewers assigned (conflicted ones left out).
    pub assigned: usize,
    /// Reviews submitted.
    pub done: usize,
    /// Scores.
    #[serde(flatten)]
    pub aggregate: Aggregate,
    /// The area chair's recommendation (1 reject, 2 discuss, 3 accept), if submitted.
    pub recommendation: Option<i32>,
    /// Decision label key.
    pub decision: Option<String>,
    /// When the authors were told.
    #[serde(default, with = "crate::web::utc::option")]
    pub notified_at: Option<NaiveDateTime>,
}

impl Ranked for Row {
    fn number(&self) -> i32 {
        self.number
    }
    fn aggregate(&self) -> &Aggregate {
        &self.aggregate
    }
    fn done(&self) -> usize {
        self.done
    }
}

/// The table with its labels and totals.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Table {
    /// The venue's decision labels.
    pub labels: Vec<DecisionLabel>,
    /// Rows after filtering, ranked.
    pub rows: Vec<Row>,
    /// Papers per label key across the whole table (before filters), and `undecided`.
    pub counts: Vec<(String, usize)>,
    /// Papers in the whole table.
    pub total: usize,
    /// Decided papers whose authors have not been told.
    pub unnotified: usize,
    /// Of those, how many per decision label (label key, papers).
    pub unnotified_by_label: Vec<(String, usize)>,
}

/// Checks the query against the venue's tracks and labels.
pub fn check(conn: &mut AnyConnection, venue_id: i64, q: &TableQuery, labels: &[DecisionLabel]) -> AppResult<Filter> {
    let mut errors = FieldErrors::new();
    let track = match q.track.as_deref().filter(|t| !t.is_empty()) {
        None => None,
        Some(slug) => {
            let found = crate::venues::store::tracks_of(conn, &[venue_id])?
                .into_iter()
                .find(|t| t.slug == slug);
            if found.is_none() {
                errors.insert("track".into(), "validation.unknown_track".into());
            }
            found.map(|t| t.id)
        }
    };
    let decision = q.decision.clone().filter(|d| !d.is_empty());
    if let Some(d) = &decision
        && !["undecided", "decided", "unnotified"].contains(&d.as_str())
        && !labels.iter().any(|l| &l.key == d)
    {
        errors.insert("decision".into(), "validation.unknown_decision".into());
    }
    let reviews = match q.reviews.as_deref().unwrap_or("") {
        "" => None,
        "complete" => Some(true),
        "incomplete" => Some(false),
        _ => {
            errors.insert("reviews".into(), "validation.reviews_filter".into());
            None
        }
    };
    let sort = Sort::parse(q.sort.as_deref().unwrap_or("")).unwrap_or_else(|| {
        errors.insert("sort".into(), "validation.sort".into());
        Sort::Weighted
    });
    if !errors.is_empty() {
        return Err(AppError::Validation { fields: errors });
    }
    Ok(Filter {
        track,
        decision,
        reviews,
        q: q.q.clone().unwrap_or_default().trim().to_lowercase(),
        sort,
    })
}

/// Papers of the venue this chair may decide: active, not conflicted, not their own.
pub fn decidable(conn: &mut AnyConnection, venue_id: i64, chair: &User) -> AppResult<Vec<Submission>> {
    let conflicted: HashSet<i64> = crate::review::conflicts::store::binding_pairs(conn, venue_id)?
        .into_iter()
        .filter(|(_, u)| *u == chair.id)
        .map(|(s, _)| s)
        .collect();
    let own: HashSet<i64> = if chair.email_verified_at.is_some() {
        submission_authors::table
            .inner_join(submissions::table)
            .filter(submissions::venue_id.eq(venue_id))
            .filter(submission_authors::email.eq(&chair.email))
            .select(submissions::id)
            .load::<i64>(conn)?
            .into_iter()
            .collect()
    } else {
        HashSet::new()
    };
    Ok(submissions::table
        .filter(submissions::venue_id.eq(venue_id))
        .filter(submissions::status.eq(crate::submissions::model::SUBMITTED))
        .order(submissions::number)
        .select(Submission::as_select())
        .load(conn)?
        .into_iter()
        .filter(|s| !conflicted.contains(&s.id) && !own.contains(&s.id))
        .collect())
}

/// Builds the table for `chair`.
pub fn build(conn: &mut AnyConnection, venue_id: i64, chair: &User, labels: Vec<DecisionLabel>, f: &Filter) -> AppResult<Table> {
    let papers = decidable(conn, venue_id, chair)?;
    let pairs = crate::review::conflicts::store::binding_pairs(conn, venue_id)?;
    let mut assigned: HashMap<i64, usize> = HashMap::new();
    // Reviews count only while their writer holds the matching assignment.
    let mut writers: HashSet<(i64, i64, crate::review::reviews::model::ReviewKind)> = HashSet::new();
    for (sid, uid, role) in assignments::table
        .inner_join(submissions::table)
        .filter(submissions::venue_id.eq(venue_id))
        .select((assignments::submission_id, assignments::user_id, assignments::role))
        .load::<(i64, i64, String)>(conn)?
    {
        if let Some(kind) = crate::review::reviews::model::kind_for_role(&role) {
            writers.insert((sid, uid, kind));
        }
        if role == REVIEWER && !pairs.contains(&(sid, uid)) {
            *assigned.entry(sid).or_default() += 1;
        }
    }
    type ReviewRow = (i64, i64, String, Option<i32>, Option<i32>);
    let mut scores: HashMap<i64, Vec<(i32, Option<i32>)>> = HashMap::new();
    let mut recommendation: HashMap<i64, i32> = HashMap::new();
    for (sid, uid, kind, overall, confidence) in reviews::table
        .filter(reviews::venue_id.eq(venue_id))
        .filter(reviews::status.eq(SUBMITTED))
        .order(reviews::id)
        .select((
            reviews::submission_id,
            reviews::user_id,
            reviews::kind,
            reviews::overall,
            reviews::confidence,
        ))
        .load::<ReviewRow>(conn)?
    {
        // A conflict found after the review was written voids the review; so does the
        // writer's unassignment or removal from the committee.
        if pairs.contains(&(sid, uid)) {
            continue;
        }
        let kind_key = if kind == META { META } else { REVIEW };
        if !writers.contains(&(sid, uid, kind_key)) {
            continue;
        }
        match (kind_key, overall) {
            (crate::review::reviews::model::ReviewKind::Review, Some(o)) => scores.entry(sid).or_default().push((o, confidence)),
            (crate::review::reviews::model::ReviewKind::Meta, Some(o)) => {
                recommendation.insert(sid, o);
            }
            _ => {}
        }
    }
    let decided: HashMap<i64, super::store::Decision> = super::store::of_venue(conn, venue_id)?
        .into_iter()
        .map(|d| (d.submission_id, d))
        .collect();
    let mut all: Vec<Row> = papers
        .into_iter()
        .map(|s| {
            let reviews = scores.remove(&s.id).unwrap_or_default();
            let d = decided.get(&s.id);
            Row {
                submission_id: s.id,
                number: s.number,
                assigned: assigned.get(&s.id).copied().unwrap_or(0),
                done: reviews.len(),
                aggregate: ranking::aggregate(&reviews),
                recommendation: recommendation.get(&s.id).copied(),
                decision: d.map(|d| d.label.clone()),
                notified_at: d.and_then(|d| d.notified_at),
                title_zh: s.title_zh,
                title_en: s.title_en,
                track_id: s.track_id,
            }
        })
        .collect();
    let mut counts: Vec<(String, usize)> = labels
        .iter()
        .map(|l| (l.key.clone(), all.iter().filter(|r| r.decision.as_ref() == Some(&l.key)).count()))
        .collect();
    counts.push(("undecided".into(), all.iter().filter(|r| r.decision.is_none()).count()));
    let total = all.len();
    let unnotified = all.iter().filter(|r| r.decision.is_some() && r.notified_at.is_none()).count();
    let unnotified_by_label = labels
        .iter()
        .map(|l| {
            let n = all
                .iter()
                .filter(|r| r.decision.as_ref() == Some(&l.key) && r.notified_at.is_none())
                .count();
            (l.key.clone(), n)
        })
        .collect();
    all.retain(|r| keep(r, f));
    ranking::sort(&mut all, f.sort);
    Ok(Table {
        labels,
        rows: all,
        counts,
        total,
        unnotified,
        unnotified_by_label,
    })
}

fn keep(r: &Row, f: &Filter) -> bool {
    if f.track.is_some() && r.track_id != f.track {
        return false;
    }
    let decision_ok = match f.decision.as_deref() {
        None => true,
        Some("undecided") => r.decision.is_none(),
        Some("decided") => r.decision.is_some(),
        Some("unnotified") => r.decision.is_some() && r.notified_at.is_none(),
        Some(key) => r.decision.as_deref() == Some(key),
    };
    let complete = r.assigned > 0 && r.done >= r.assigned;
    let reviews_ok = f.reviews.is_none_or(|want| want == complete);
    let text_ok = f.q.is_empty() || r.title_zh.to_lowercase().contains(&f.q) || r.title_en.to_lowercase().contains(&f.q);
    decision_ok && reviews_ok && text_ok
}

/// Checks the query and builds the table.
pub fn load(c: &mut crate::db::AnyConnection, user: &crate::auth::User, venue_id: i64, q: &TableQuery) -> AppResult<Table> {
    let labels = crate::review::phases::load(c, venue_id)?.labels();
    let f = check(c, venue_id, q, &labels)?;
    build(c, venue_id, user, labels, &f)
}

/// Reviews in and owed on one paper: reviewers assigned and not conflicted, and how many of
/// them have submitted their review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Submitted reviews that count.
    pub done: usize,
    /// Reviewers who owe one.
    pub assigned: usize,
}

impl Progress {
    /// Whether reviews are still owed.
    pub fn missing(&self) -> bool {
        self.done < self.assigned
    }
}

/// The review progress of one paper, counted as the table counts it.
pub fn progress(conn: &mut AnyConnection, submission_id: i64) -> AppResult<Progress> {
    let reviewers: Vec<i64> = assignments::table
        .filter(assignments::submission_id.eq(submission_id))
        .filter(assignments::role.eq(REVIEWER))
        .select(assignments::user_id)
        .load(conn)?;
    let mut owing = HashSet::new();
    for u in reviewers {
        if !crate::review::conflicts::store::is_conflicted(conn, submission_id, u)? {
            owing.insert(u);
        }
    }
    let done = reviews::table
        .filter(reviews::submission_id.eq(submission_id))
        .filter(reviews::kind.eq(REVIEW))
        .filter(reviews::status.eq(SUBMITTED))
        .select(reviews::user_id)
        .load::<i64>(conn)?
        .into_iter()
        .filter(|u| owing.contains(u))
        .count();
    Ok(Progress {
        done,
        assigned: owing.len(),
    })
}
