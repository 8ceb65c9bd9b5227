//! Decisions after review: the editor picks one, reads and edits the letter, and sends it; a
//! section editor of a journal where they only recommend makes a proposal that a chief or
//! managing editor approves (possibly editing the letter) or refuses. A final decision moves the
//! manuscript (`stages`), closes the round and goes to the authors.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::letters;
use super::model::{Decision, DecisionRow, DecisionStatus};
use super::store::{self, Letter};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::journal::manuscript_for;
use crate::guard::policy::{ManuscriptAction, ManuscriptRelation, decides_alone};
use crate::journals::manuscripts::model::{Manuscript, Stage};
use crate::journals::manuscripts::stages::{self, Move};
use crate::mail::{self, Mail};
use crate::web::AppState;

/// A decision as the editor sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = JournalDecisionInput)]
pub struct DecisionInput {
    /// `accept`, `minor_revision`, `major_revision` or `decline`.
    pub decision: String,
    /// The letter to the authors as edited (see the draft operation); each author gets it in
    /// their language.
    pub letter: Letter,
    /// A note to the approving editor (a section editor's proposal).
    #[serde(default)]
    pub note: String,
}

/// The decision's move through the workflow.
pub fn move_of(d: Decision) -> Move {
    match d {
        Decision::Accept => Move::Accept,
        Decision::MinorRevision | Decision::MajorRevision => Move::RequestRevision,
        Decision::Decline => Move::Decline,
    }
}

fn parse(v: &str) -> AppResult<Decision> {
    Decision::parse(v.trim()).ok_or_else(|| AppError::field("decision", "journal_decision.unknown"))
}

/// The manuscript for a decision: under review, with no proposal waiting.
fn deciding(conn: &mut AnyConnection, user: &User, ms_id: i64) -> AppResult<(Manuscript, ManuscriptRelation)> {
    let (ms, r) = manuscript_for(conn, user, ms_id, ManuscriptAction::Decide)?;
    if ms.stage != Stage::Review {
        return Err(AppError::Conflict("journal_ms.not_now".into()));
    }
    if store::of_manuscript(conn, ms.id)?
        .iter()
        .any(|d| d.status == DecisionStatus::Proposed)
    {
        return Err(AppError::Conflict("journal_decision.proposal_waiting".into()));
    }
    Ok((ms, r))
}

/// The letter for `decision` as the journal's templates write it, for the editor to edit.
pub fn draft(conn: &mut AnyConnection, state: &AppState, user: &User, ms_id: i64, decision: &str) -> AppResult<Letter> {
    let d = parse(decision)?;
    let (ms, _) = deciding(conn, user, ms_id)?;
    letters::draft(conn, state, &ms, d, user)
}

/// Decides (or, for a recommend-only section editor, proposes) with the edited letter.
pub fn decide(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    input: &DecisionInput,
    now: NaiveDateTime,
) -> AppResult<DecisionRow> {
    let d = parse(&input.decision)?;
    let letter = letters::check(&input.letter)?;
    let mut f = crate::error::FieldErrors::new();
    let note = crate::text::field(&mut f, "note", &input.note, 5_000);
    AppError::unless_fields(f, ())?;
    let (ms, relation) = deciding(conn, user, ms_id)?;
    let settings = crate::journals::setup::view::current(conn, ms.journal_id)?.spec;
    if decides_alone(relation, settings.section_editors_decide) {
        let id = store::insert(conn, ms.id, ms.round, d, DecisionStatus::Final, user.id, &letter, &note, now)?;
        apply(conn, &ms, d, &letter, user.id, now)?;
        return store::get(conn, ms.id, id);
    }
    let id = store::insert(conn, ms.id, ms.round, d, DecisionStatus::Proposed, user.id, &letter, &note, now)?;
    crate::journals::manuscripts::store::record(conn, ms.id, "decision_proposed", Some(user.id), &json!({"decision": d}), now)?;
    let j = crate::journals::store::get(conn, ms.journal_id)?;
    let mut approvers = roles::holders(conn, roles::EDITOR_IN_CHIEF, roles::SCOPE_JOURNAL, ms.journal_id)?;
    approvers.extend(roles::holders(conn, roles::EDITOR, roles::SCOPE_JOURNAL, ms.journal_id)?);
    approvers.sort_unstable();
    approvers.dedup();
    for uid in approvers.into_iter().filter(|u| *u != user.id) {
        let u = crate::auth::store::by_id(conn, uid)?;
        let vars = json!({
            "journal_zh": j.name_zh, "journal_en": j.name_en, "number": ms.number,
            "title_zh": ms.title_zh, "title_en": ms.title_en, "proposer": user.display_name(),
            "decision": d, "note": note,
            "link": format!("{}/manuscripts/{}#decisions", state.config.base_url, ms.id),
        });
        let mid = mail::queue(conn, state, Mail::to_user(&u, u.mail_lang(), "journal_decision_proposed", vars))?;
        crate::journals::manuscripts::store::link_mail(conn, ms.id, mid, "decision_proposed")?;
    }
    store::get(conn, ms.id, id)
}

/// A final decision takes effect: the manuscript moves, the history records it and the letter
/// goes to the authors.
fn apply(conn: &mut AnyConnection, ms: &Manuscript, d: Decision, letter: &Letter, by: i64, now: NaiveDateTime) -> AppResult<()> {
    let to = stages::next(ms.stage, move_of(d)).ok_or_else(|| AppError::Conflict("journal_ms.not_now".into()))?;
    crate::journals::manuscripts::store::set_stage(conn, ms.id, to, now)?;
    crate::journals::manuscripts::store::record(
        conn,
        ms.id,
        &format!("decision_{}", d.as_str()),
        Some(by),
        &json!({"round": ms.round}),
        now,
    )?;
    if d == Decision::Accept {
        let revised_on = store::revisions_of(conn, ms.id)?.last().map(|r| r.submitted_at.date());
        crate::journals::articles::service::create_at_acceptance(conn, ms, revised_on, now)?;
    }
    letters::send(conn, ms, d, letter)
}

/// An approver's answer to a proposal.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DecisionResolveInput)]
pub struct ResolveInput {
    /// `approve` or `refuse`.
    pub action: String,
    /// The letter as finally sent (approving; empty keeps the proposer's).
    #[serde(default)]
    pub letter: Option<Letter>,
    /// Why not (refusing), for the proposer.
    #[serde(default)]
    pub note: String,
}

/// A chief or managing editor approves a proposed decision (it takes effect) or refuses it;
/// the proposer hears either way.
pub fn resolve(
    conn: &mut AnyConnection,
    state: &AppState,
    user: &User,
    ms_id: i64,
    decision_id: i64,
    input: &ResolveInput,
    now: NaiveDateTime,
) -> AppResult<DecisionRow> {
    let approve = match input.action.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(AppError::field("action", "journal_decision.action_unknown")),
    };
    let mut f = crate::error::FieldErrors::new();
    let note = crate::text::field(&mut f, "note", &input.note, 5_000);
    AppError::unless_fields(f, ())?;
    let (ms, relation) = manuscript_for(conn, user, ms_id, ManuscriptAction::Decide)?;
    if !decides_alone(relation, false) {
        return Err(AppError::Forbidden);
    }
    let row = store::get(conn, ms.id, decision_id)?;
    if row.status != DecisionStatus::Proposed {
        return Err(AppError::Conflict("journal_decision.not_proposed".into()));
    }
    let proposed = Letter {
        subject_zh: row.subject_zh.clone(),
        body_zh: row.body_zh.clone(),
        subject_en: row.subject_en.clone(),
        body_en: row.body_en.clone(),
    };
    let letter = match &input.letter {
        Some(l) if approve => letters::check(l)?,
        _ => proposed,
    };
    if approve && ms.stage != Stage::Review {
        return Err(AppError::Conflict("journal_ms.not_now".into()));
    }
    let status = if approve { DecisionStatus::Final } else { DecisionStatus::Refused };
    if !store::resolve(conn, row.id, status, &letter, (!approve).then_some(note.as_str()), user.id, now)? {
        return Err(AppError::Conflict("journal_decision.not_proposed".into()));
    }
    if approve {
        apply(conn, &ms, row.decision, &letter, user.id, now)?;
    } else {
        crate::journals::manuscripts::store::record(
            conn,
            ms.id,
            "decision_refused",
            Some(user.id),
            &json!({"decision": row.decision}),
            now,
        )?;
    }
    if let Some(p) = row.decided_by.filter(|p| *p != user.id) {
        let u = crate::auth::store::by_id(conn, p)?;
        let j = crate::journals::store::get(conn, ms.journal_id)?;
        let vars = json!({
            "journal_zh": j.name_zh, "journal_en": j.name_en, "number": ms.number,
            "title_zh": ms.title_zh, "title_en": ms.title_en, "by": user.display_name(),
            "approved": approve, "note": note,
            "link": format!("{}/manuscripts/{}#decisions", state.config.base_url, ms.id),
        });
        let mid = mail::queue(conn, state, Mail::to_user(&u, u.mail_lang(), "journal_decision_resolved", vars))?;
        crate::journals::manuscripts::store::link_mail(conn, ms.id, mid, "decision_resolved")?;
    }
    store::get(conn, ms.id, row.id)
}
