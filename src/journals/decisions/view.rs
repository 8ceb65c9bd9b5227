//! What readers get of decisions and revisions: the editors every decision (proposals and
//! refusals too, with notes); the authors the final ones with their letters, their revisions,
//! and the reviews of each decided round as authors read them (letters, not names, unless the
//! review is open).

use chrono::NaiveDateTime;
use serde::Serialize;

use super::model::{Decision, DecisionStatus};
use super::store::{self, Letter};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::guard::policy::ManuscriptRelation;
use crate::journals::manuscripts::model::Manuscript;
use crate::journals::rounds::view::{EarlierReview, as_authors_read};

/// A decision as its reader may see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EditorialDecision)]
pub struct DecisionView {
    /// Id.
    pub id: i64,
    /// The round it closed.
    pub round: i32,
    /// What was decided.
    pub decision: Decision,
    /// `proposed`, `final` or `refused` (authors see final ones only).
    pub status: DecisionStatus,
    /// Who decided or proposed (editors only).
    pub decided_by: Option<String>,
    /// The letter to the authors.
    pub letter: Letter,
    /// The proposer's note or the reason for refusing (editors only).
    pub note: String,
    /// Who approved or refused (editors only).
    pub resolved_by: Option<String>,
    /// When it took effect or was refused (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub resolved_at: Option<NaiveDateTime>,
    /// When made (UTC).
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}

/// An authors' revision.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ManuscriptRevision)]
pub struct RevisionView {
    /// The round it opened.
    pub round: i32,
    /// The authors' response to the reviews.
    pub response: String,
    /// When (UTC).
    #[serde(with = "crate::web::utc")]
    pub submitted_at: NaiveDateTime,
}

/// Decisions, revisions and (for authors) released reviews.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct DecisionsPart {
    /// Decisions, oldest first.
    pub decisions: Vec<DecisionView>,
    /// Revisions, oldest first.
    pub revisions: Vec<RevisionView>,
    /// The reviews of decided rounds, as the authors read them (authors only; editors read
    /// every review with its reviewer).
    pub reviews: Vec<EarlierReview>,
}

fn name(conn: &mut AnyConnection, id: Option<i64>) -> AppResult<Option<String>> {
    Ok(match id {
        Some(i) => Some(crate::auth::store::by_id(conn, i)?.display_name()),
        None => None,
    })
}

/// The part `relation` may read.
pub fn for_reader(conn: &mut AnyConnection, ms: &Manuscript, relation: ManuscriptRelation) -> AppResult<DecisionsPart> {
    let author = relation == ManuscriptRelation::Author;
    let rows = store::of_manuscript(conn, ms.id)?;
    let mut decisions = Vec::new();
    for d in rows.iter().filter(|d| !author || d.status == DecisionStatus::Final) {
        decisions.push(DecisionView {
            id: d.id,
            round: d.round,
            decision: d.decision,
            status: d.status,
            decided_by: if author { None } else { name(conn, d.decided_by)? },
            letter: Letter {
                subject_zh: d.subject_zh.clone(),
                body_zh: d.body_zh.clone(),
                subject_en: d.subject_en.clone(),
                body_en: d.body_en.clone(),
            },
            note: if author { String::new() } else { d.note.clone() },
            resolved_by: if author { None } else { name(conn, d.resolved_by)? },
            resolved_at: d.resolved_at,
            created_at: d.created_at,
        });
    }
    let revisions = store::revisions_of(conn, ms.id)?
        .into_iter()
        .map(|r| RevisionView {
            round: r.round,
            response: r.response,
            submitted_at: r.submitted_at,
        })
        .collect();
    let reviews = if author {
        let decided: Vec<i32> = rows.iter().filter(|d| d.status == DecisionStatus::Final).map(|d| d.round).collect();
        let current = crate::journals::setup::view::current(conn, ms.journal_id)?;
        as_authors_read(conn, ms, current.spec.review_mode, &current.form, |r| decided.contains(&r))?
    } else {
        Vec::new()
    };
    Ok(DecisionsPart {
        decisions,
        revisions,
        reviews,
    })
}
