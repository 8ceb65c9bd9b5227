//! Expert ballots: each expert of a round scores every active conference they are not
//! conflicted with, on the indicators the experts score (expert indicators and checked
//! self-reports), using the system's scale. Scores are secret: experts see only their own, the
//! committee sees who has finished, never who gave what. Drafts keep a line as typed and are
//! never counted. A conflict (declared, or from the venue's records) takes the conference off
//! the ballot and forgets the expert's scores on it.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::model::{DraftRow, LineInput};
use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::evaluation::rounds::model::{Entry, EntryOrigin, EntryStatus, Round, RoundPhase};
use crate::evaluation::systems::definition::{Anchor, Definition};
use crate::guard::evaluation::{conflicts, is_expert};
use crate::panel::audit;

/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 4000;

/// An indicator the experts score.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationBallotIndicator)]
pub struct BallotIndicator {
    /// Code.
    pub code: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// Guidance, Chinese.
    pub guidance_zh: String,
    /// Guidance, English.
    pub guidance_en: String,
    /// `expert` or `self_reported` (the conference's report, checked against its evidence).
    pub kind: String,
}

/// A line as drafted.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationBallotDraft)]
pub struct DraftView {
    /// The line as typed.
    #[serde(flatten)]
    pub line: LineInput,
    /// When it was saved (UTC).
    #[serde(with = "crate::web::utc")]
    pub saved_at: NaiveDateTime,
}

/// One conference on an expert's ballot.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationBallotLine)]
pub struct BallotLine {
    /// The entry.
    pub entry_id: i64,
    /// Name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// How it came into the round (`outside`: held outside xuehui, self-reported data).
    pub origin: EntryOrigin,
    /// Why the expert may not score it (empty when they may).
    pub conflicts: Vec<String>,
    /// The expert's submitted levels by indicator code.
    pub levels: BTreeMap<String, i32>,
    /// Their submitted comment.
    pub comment: String,
    /// Their draft, when it differs from what they submitted.
    pub draft: Option<DraftView>,
    /// Whether every indicator has a submitted level.
    pub complete: bool,
}

/// An expert's ballot.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationBallot)]
pub struct Ballot {
    /// Whether scores can be cast now.
    pub open: bool,
    /// When scores are due (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub closes: Option<NaiveDateTime>,
    /// The scale, lowest level first (level 1 is the first).
    pub scale: Vec<Anchor>,
    /// The indicators scored, in the system's order.
    pub indicators: Vec<BallotIndicator>,
    /// The conferences, once scoring has started.
    pub lines: Vec<BallotLine>,
    /// Conferences completely scored.
    pub scored: usize,
    /// Conferences the expert may score.
    pub scorable: usize,
    /// Lines with a draft not submitted.
    pub drafts: usize,
}

/// Whether scores can be cast now.
pub fn open(r: &Round, now: NaiveDateTime) -> bool {
    r.phase == RoundPhase::Scoring && r.scoring_closes.is_none_or(|c| now <= c)
}

fn definition(conn: &mut AnyConnection, r: &Round) -> AppResult<Definition> {
    crate::evaluation::systems::service::final_version(conn, r.system_id, r.system_version)
}

fn require_expert(conn: &mut AnyConnection, user: &User, r: &Round) -> AppResult<()> {
    if is_expert(conn, user, r)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The indicators the experts score.
pub fn indicators(d: &Definition) -> Vec<BallotIndicator> {
    d.indicators
        .iter()
        .filter(|i| i.rule.by_experts())
        .map(|i| BallotIndicator {
            code: i.code.clone(),
            name_zh: i.name_zh.clone(),
            name_en: i.name_en.clone(),
            guidance_zh: i.guidance_zh.clone(),
            guidance_en: i.guidance_en.clone(),
            kind: i.rule.kind().into(),
        })
        .collect()
}

/// Checks a line against the system: known indicators, levels on the scale, the comment's
/// length. Answers the levels to store.
fn check(d: &Definition, entry_id: i64, input: &LineInput) -> AppResult<(Vec<(String, i32)>, String)> {
    let codes: Vec<String> = indicators(d).into_iter().map(|i| i.code).collect();
    let mut f = FieldErrors::new();
    let mut levels = Vec::new();
    for (code, level) in &input.levels {
        let field = format!("l_{entry_id}_{code}");
        if !codes.contains(code) {
            f.insert(field, "evaluation.ballot_unknown_indicator".into());
        } else if let Some(l) = level {
            if *l < 1 || *l as usize > d.scale.len() {
                f.insert(field, "evaluation.ballot_level_range".into());
            } else {
                levels.push((code.clone(), *l));
            }
        }
    }
    let comment = crate::text::field(&mut f, &format!("c_{entry_id}"), &input.comment, MAX_COMMENT);
    if f.is_empty() {
        Ok((levels, comment))
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// The entry, when it is on the expert's ballot and open for scoring; 404 when it is not theirs
/// to score (conflicted or not active), 409 when scoring is closed.
fn scorable(conn: &mut AnyConnection, user: &User, r: &Round, entry_id: i64, now: NaiveDateTime) -> AppResult<Entry> {
    require_expert(conn, user, r)?;
    let e = crate::evaluation::rounds::store::entry(conn, r.id, entry_id)?;
    if e.status != EntryStatus::Active || !conflicts(conn, user, r, &e)?.is_empty() {
        return Err(AppError::NotFound);
    }
    if !open(r, now) {
        return Err(AppError::Conflict("evaluation.scoring_closed".into()));
    }
    Ok(e)
}

fn parse_draft(d: &DraftRow) -> Option<LineInput> {
    serde_json::from_str(&d.body).ok()
}

/// The ballot of `user` (an expert of the round; 404 for others).
pub fn ballot(conn: &mut AnyConnection, user: &User, r: &Round, now: NaiveDateTime) -> AppResult<Ballot> {
    require_expert(conn, user, r)?;
    let d = definition(conn, r)?;
    let inds = indicators(&d);
    let mut lines = Vec::new();
    if r.phase >= RoundPhase::Scoring {
        let scores = store::scores_of(conn, r.id, user.id)?;
        let comments = store::comments_of(conn, r.id, user.id)?;
        let drafts = store::drafts_of(conn, r.id, user.id)?;
        let entries: Vec<_> = crate::evaluation::rounds::store::entries(conn, r.id)?
            .into_iter()
            .filter(|e| e.status == EntryStatus::Active)
            .collect();
        let mut conflicted = crate::guard::evaluation::conflicts_all(conn, user, r, &entries)?;
        for e in entries {
            let why = conflicted.remove(&e.id).unwrap_or_default();
            let levels: BTreeMap<String, i32> = scores
                .iter()
                .filter(|s| s.entry_id == e.id)
                .map(|s| (s.indicator.clone(), s.level))
                .collect();
            let comment = comments
                .iter()
                .find(|c| c.entry_id == e.id)
                .map(|c| c.comment.clone())
                .unwrap_or_default();
            let draft = drafts.iter().find(|x| x.entry_id == e.id).filter(|_| why.is_empty()).and_then(|x| {
                parse_draft(x).map(|line| DraftView {
                    line,
                    saved_at: x.saved_at,
                })
            });
            lines.push(BallotLine {
                entry_id: e.id,
                name_zh: e.name_zh,
                name_en: e.name_en,
                origin: e.origin,
                complete: why.is_empty() && inds.iter().all(|i| levels.contains_key(&i.code)),
                conflicts: why.iter().map(|w| w.to_string()).collect(),
                levels: if why.is_empty() { levels } else { BTreeMap::new() },
                comment: if why.is_empty() { comment } else { String::new() },
                draft,
            });
        }
    }
    Ok(Ballot {
        open: open(r, now),
        closes: r.scoring_closes,
        scale: d.scale,
        indicators: inds,
        scored: lines.iter().filter(|l| l.complete).count(),
        scorable: lines.iter().filter(|l| l.conflicts.is_empty()).count(),
        drafts: lines.iter().filter(|l| l.draft.is_some()).count(),
        lines,
    })
}

/// Casts one line of the expert's ballot (replacing what they cast before on that conference)
/// and forgets its draft. Logged without the levels, which stay secret.
pub fn cast(conn: &mut AnyConnection, user: &User, r: &Round, entry_id: i64, input: &LineInput, now: NaiveDateTime) -> AppResult<()> {
    let e = scorable(conn, user, r, entry_id, now)?;
    let (levels, comment) = check(&definition(conn, r)?, e.id, input)?;
    store::put_line(conn, (r.id, e.id, user.id), &levels, &comment, now)?;
    store::put_draft(conn, (r.id, e.id, user.id), None, now)?;
    audit::record(
        conn,
        crate::panel::Round::evaluation(r.id),
        Some(user.id),
        "scored",
        Some(e.id),
        json!({"indicators": levels.len(), "comment": !comment.is_empty()}),
    )?;
    Ok(())
}

/// Keeps a line as typed without casting it (forgotten when it equals what was cast).
pub fn draft(conn: &mut AnyConnection, user: &User, r: &Round, entry_id: i64, input: &LineInput, now: NaiveDateTime) -> AppResult<()> {
    let e = scorable(conn, user, r, entry_id, now)?;
    let (levels, comment) = check(&definition(conn, r)?, e.id, input)?;
    let cast: BTreeMap<String, i32> = store::scores_of(conn, r.id, user.id)?
        .into_iter()
        .filter(|s| s.entry_id == e.id)
        .map(|s| (s.indicator, s.level))
        .collect();
    let cast_comment = store::comments_of(conn, r.id, user.id)?
        .into_iter()
        .find(|c| c.entry_id == e.id)
        .map(|c| c.comment)
        .unwrap_or_default();
    let same = cast == levels.iter().cloned().collect::<BTreeMap<_, _>>() && cast_comment == comment;
    let body = LineInput {
        levels: levels.into_iter().map(|(k, v)| (k, Some(v))).collect(),
        comment,
    };
    let text = serde_json::to_string(&body).map_err(|e| AppError::caused("ballot draft", e))?;
    store::put_draft(conn, (r.id, e.id, user.id), (!same).then_some(text.as_str()), now)
}

/// An expert declares a conflict with a conference: it leaves their ballot and their scores and
/// draft on it are forgotten. Logged with the reason.
pub fn declare_conflict(
    conn: &mut AnyConnection,
    user: &User,
    r: &Round,
    entry_id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    require_expert(conn, user, r)?;
    let e = crate::evaluation::rounds::store::entry(conn, r.id, entry_id)?;
    if r.phase >= RoundPhase::Proposal {
        return Err(AppError::Conflict("evaluation.scoring_closed".into()));
    }
    let reason = crate::panel::reason(reason)?;
    crate::panel::conflicts::declare(conn, crate::panel::Round::evaluation(r.id), user.id, e.id, &reason)?;
    store::clear_line(conn, r.id, e.id, user.id)?;
    store::put_draft(conn, (r.id, e.id, user.id), None, now)?;
    audit::record(
        conn,
        crate::panel::Round::evaluation(r.id),
        Some(user.id),
        "conflict_declared",
        Some(e.id),
        json!({"reason": reason}),
    )
}
