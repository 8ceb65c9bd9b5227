//! What each role reads of a paper's reviews. Chairs and the area chair see who wrote what;
//! reviewers see the others' reviews under letters, and only after submitting their own when
//! the venue says so; authors see the author-visible fields under letters once released.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::access::{PaperAccess, Relation};
use super::model::{META, REVIEW, Review};
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::review::forms::model::{Answers, Field, for_authors, meta_form};
use crate::review::phases::Phases;

/// A review as one reader sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewView {
    /// Id.
    pub id: i64,
    /// `review` or `meta`.
    pub kind: super::model::ReviewKind,
    /// "A", "B", ... for reviews, "AC" for the meta-review.
    pub label: String,
    /// Writer's name (chairs and area chair only).
    pub reviewer: Option<String>,
    /// Writer's account (chairs and area chair only).
    pub reviewer_id: Option<i64>,
    /// `draft` (only the writer's own) or `submitted`.
    pub status: super::model::ReviewStatus,
    /// Answers by field key.
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// First submission.
    #[serde(default, with = "crate::web::utc::option")]
    pub submitted_at: Option<NaiveDateTime>,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
    /// Changes after submission.
    pub edits_after_submit: i32,
    /// Whether the reader wrote it.
    pub mine: bool,
    /// Its writer is no longer assigned: kept for the record, shown only to chairs and the
    /// area chair, and counted nowhere.
    pub set_aside: bool,
}

/// A paper's reviews for one reader.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PaperReviews {
    /// The reader's part: `chair`, `area_chair`, `reviewer` or `author`.
    #[schema(value_type = String)]
    pub relation: Relation,
    /// False when the reader may not read others' reviews yet (reviewers before their own,
    /// authors before release).
    pub visible: bool,
    /// The review form (for authors only the fields they may see).
    pub form: Vec<Field>,
    /// The meta-review form, likewise.
    pub meta_form: Vec<Field>,
    /// Reviews the reader may read (their own first for reviewers).
    pub reviews: Vec<ReviewView>,
    /// Assigned reviewers who have not submitted (chairs and area chair only).
    pub pending: Vec<String>,
}

/// The letter of the `i`-th reviewer: A…Z, then AA, AB…
pub fn letter(i: usize) -> String {
    let mut n = i;
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

/// A person's name as shown in review: "中文名 (Latin)", or whichever exists.
pub fn display(zh: &str, latin: &str) -> String {
    match (zh.is_empty(), latin.is_empty()) {
        (false, false) => format!("{zh} ({latin})"),
        (false, true) => zh.to_string(),
        _ => latin.to_string(),
    }
}

/// Whether a reader reads the others' reviews and the discussion: chairs and the area chair
/// always, reviewers after submitting their own (when the venue says so), authors once the
/// reviews are released (or, in [`for_reader`], once their decision was sent).
pub fn reads_others(relation: Relation, own_submitted: bool, phases: &Phases, now: NaiveDateTime) -> bool {
    match relation {
        Relation::Chair | Relation::AreaChair => true,
        Relation::Reviewer => own_submitted || !phases.discussion_after_review,
        Relation::Author => phases.released_to_authors(now),
    }
}

/// The letter of each reviewer of a paper ("A", "B", ... in the order their reviews began).
pub fn letters(reviews: &[(Review, String, String)]) -> Vec<(i64, String)> {
    reviews.iter().enumerate().map(|(i, (r, _, _))| (r.user_id, letter(i))).collect()
}

/// The reviews of `p` as `user_id` may read them at `now`.
pub fn for_reader(conn: &mut AnyConnection, p: &PaperAccess, user_id: i64, phases: &Phases, now: NaiveDateTime) -> AppResult<PaperReviews> {
    let form = crate::review::forms::store::load(conn, p.submission.venue_id)?;
    let meta = meta_form();
    let reviews = store::of_paper(conn, p.submission.id, REVIEW)?;
    let metas = store::of_paper(conn, p.submission.id, META)?;
    let names = p.sees_reviewer_names();
    let counted = store::counted_writers(conn, p.submission.id)?;
    let own_submitted = reviews.iter().any(|(r, _, _)| r.user_id == user_id && r.is_submitted());
    // The decision mail carries the reviews, so a paper whose authors were told its decision
    // has its reviews released to them whatever the venue-wide release says.
    let visible = reads_others(p.relation, own_submitted, phases, now)
        || (p.relation == Relation::Author && crate::submissions::store::decision_notified(conn, p.submission.id)?);
    let to_view = |r: &Review, label: String, zh: &str, latin: &str, fields: &[Field]| ReviewView {
        id: r.id,
        kind: r.kind,
        label,
        reviewer: names.then(|| display(zh, latin)),
        reviewer_id: names.then_some(r.user_id),
        status: r.status,
        answers: if p.relation == Relation::Author {
            for_authors(fields, &r.parsed())
        } else {
            r.parsed()
        },
        submitted_at: r.submitted_at,
        updated_at: r.updated_at,
        edits_after_submit: r.edits_after_submit,
        mine: r.user_id == user_id,
        set_aside: !counted.contains(&(r.user_id, if r.kind == META { META } else { REVIEW })),
    };
    // Set-aside reviews are for those who see who reviewed; everyone else never sees them.
    let shown = |v: &ReviewView| !v.set_aside || names;
    let mut out = Vec::new();
    for (i, (r, zh, latin)) in reviews.iter().enumerate() {
        let mine = r.user_id == user_id;
        if mine || (visible && r.is_submitted()) {
            let v = to_view(r, letter(i), zh, latin, &form);
            if shown(&v) {
                out.push(v);
            }
        }
    }
    out.sort_by_key(|v| !v.mine);
    for (r, zh, latin) in &metas {
        if r.user_id == user_id || (visible && r.is_submitted()) {
            let v = to_view(r, "AC".into(), zh, latin, &meta);
            if shown(&v) {
                out.push(v);
            }
        }
    }
    let pending = if names {
        pending_names(conn, p.submission.id, &reviews)?
    } else {
        vec![]
    };
    let (form, meta) = if p.relation == Relation::Author {
        (
            form.into_iter().filter(|f| f.visible_to_authors).collect(),
            meta.into_iter().filter(|f| f.visible_to_authors).collect(),
        )
    } else {
        (form, meta)
    };
    Ok(PaperReviews {
        relation: p.relation,
        visible,
        form,
        meta_form: meta,
        reviews: out,
        pending,
    })
}

fn pending_names(conn: &mut AnyConnection, submission_id: i64, reviews: &[(Review, String, String)]) -> AppResult<Vec<String>> {
    let assigned = crate::review::assignment::store::reviewers_named(conn, submission_id)?;
    let mut out = Vec::new();
    for (u, zh, latin) in assigned {
        let done = reviews.iter().any(|(r, _, _)| r.user_id == u && r.is_submitted());
        // A conflicted reviewer owes no review.
        if !done && !crate::review::conflicts::store::is_conflicted(conn, submission_id, u)? {
            out.push(display(&zh, &latin));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters_run_a_to_z_then_aa() {
        assert_eq!(super::letter(0), "A");
        assert_eq!(super::letter(25), "Z");
        assert_eq!(super::letter(26), "AA");
        assert_eq!(super::letter(27), "AB");
    }
}

/// The paper as its committee reads it: no author names under double-blind.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewPaper {
    /// Submission id.
    pub id: i64,
    /// Venue id.
    pub venue_id: i64,
    /// Number within the venue.
    pub number: i32,
    /// `submitted` or `withdrawn`.
    pub status: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Keywords.
    pub keywords: String,
    /// Topic names (Chinese, English).
    pub topics: Vec<(String, String)>,
    /// Authors, when the reader may know them.
    pub authors: Option<Vec<crate::review::bids::papers::AuthorName>>,
    /// Whether review is double-blind.
    pub double_blind: bool,
    /// Where the reader gets the PDF, if there is one.
    pub pdf_url: Option<String>,
}

/// The paper of `p` for its reader.
pub fn paper(conn: &mut AnyConnection, p: &PaperAccess) -> AppResult<ReviewPaper> {
    let s = &p.submission;
    let topic_ids = crate::submissions::store::topics_of(conn, s.id)?;
    let topics = crate::venues::store::topics_of(conn, s.venue_id)?
        .into_iter()
        .filter(|t| topic_ids.contains(&t.id))
        .map(|t| (t.name_zh, t.name_en))
        .collect();
    let authors = if p.sees_author_names() {
        Some(
            crate::submissions::store::authors_of(conn, s.id)?
                .into_iter()
                .map(|a| crate::review::bids::papers::AuthorName {
                    name_zh: a.name_zh,
                    name_latin: a.name_latin,
                    affiliation: a.affiliation,
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(ReviewPaper {
        id: s.id,
        venue_id: s.venue_id,
        number: s.number,
        status: s.status.to_string(),
        title_zh: s.title_zh.clone(),
        title_en: s.title_en.clone(),
        abstract_text: s.abstract_text.clone(),
        keywords: s.keywords.clone(),
        topics,
        authors,
        double_blind: p.double_blind,
        pdf_url: (s.pdf_file_id.is_some() && p.relation != Relation::Author).then(|| format!("/submissions/{}/review/paper.pdf", s.id)),
    })
}

/// A paper with its reviews, for anyone with a part in its review.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PaperWithReviews {
    /// The paper (anonymised under double-blind for the committee).
    pub paper: ReviewPaper,
    /// The reviews the caller may read.
    pub reviews: PaperReviews,
    /// Whether the caller may still write or change their review now.
    pub writable: bool,
    /// The decision: chairs see it at once, everyone else once the authors are told.
    pub decision: Option<crate::review::decisions::service::DecisionView>,
}

/// Loads what a reader sees of a paper in review.
pub fn load(c: &mut crate::db::AnyConnection, user: &crate::auth::User, id: i64) -> AppResult<PaperWithReviews> {
    let p = super::access::paper(c, user, id)?;
    let phases = crate::review::phases::load(c, p.submission.venue_id)?;
    let now = chrono::Utc::now().naive_utc();
    let writable = super::service::kind_for(&p).is_ok()
        && p.submission.status == crate::submissions::model::SUBMITTED
        && super::service::writable(&phases, now);
    Ok(PaperWithReviews {
        paper: paper(c, &p)?,
        reviews: for_reader(c, &p, user.id, &phases, now)?,
        writable,
        decision: crate::review::decisions::service::for_reader(c, p.submission.venue_id, p.submission.id, p.relation)?,
    })
}
