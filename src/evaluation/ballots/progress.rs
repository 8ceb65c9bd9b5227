//! The committee's view of the experts' work: per expert how many conferences they have
//! scored of those they may score, per conference how many experts have scored it. Counts
//! only: who gave which level stays secret.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::service::indicators;
use super::store;
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::evaluation::rounds::model::{EntryStatus, Round};
use crate::guard::evaluation::{conflicts_all, require_committee};

/// One expert's progress.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationExpertProgress)]
pub struct ExpertProgress {
    /// Account id.
    pub user_id: i64,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in Latin letters.
    pub name_latin: String,
    /// Address.
    pub email: String,
    /// Conferences completely scored.
    pub scored: usize,
    /// Conferences they may score.
    pub scorable: usize,
    /// Conferences they are conflicted with.
    pub conflicted: usize,
    /// Their last score (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub last_scored: Option<NaiveDateTime>,
}

/// One conference's progress.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationEntryProgress)]
pub struct EntryProgress {
    /// The entry.
    pub entry_id: i64,
    /// Name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// Experts who scored every indicator.
    pub scored_by: usize,
    /// Experts who may score it.
    pub eligible: usize,
}

/// The round's scoring progress.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationProgress)]
pub struct Progress {
    /// Per expert.
    pub experts: Vec<ExpertProgress>,
    /// Per conference.
    pub entries: Vec<EntryProgress>,
}

/// For each expert of the round, the active entries they may score.
pub fn eligibility(conn: &mut AnyConnection, r: &Round) -> AppResult<Vec<(User, Vec<i64>, usize)>> {
    let entries: Vec<_> = crate::evaluation::rounds::store::entries(conn, r.id)?
        .into_iter()
        .filter(|e| e.status == EntryStatus::Active)
        .collect();
    let mut out = Vec::new();
    for uid in roles::holders(conn, roles::EVALUATION_EXPERT, roles::SCOPE_EVALUATION_ROUND, r.id)? {
        let u = crate::auth::store::by_id(conn, uid)?;
        let conflicted = conflicts_all(conn, &u, r, &entries)?;
        let may: Vec<i64> = entries.iter().map(|e| e.id).filter(|id| !conflicted.contains_key(id)).collect();
        let conflicted = entries.len() - may.len();
        out.push((u, may, conflicted));
    }
    Ok(out)
}

/// Levels cast per (expert, entry), and each expert's last cast.
#[derive(Debug, Default)]
pub struct Counts {
    /// Levels cast by expert and entry.
    pub levels: HashMap<(i64, i64), usize>,
    /// Each expert's last cast.
    pub last: HashMap<i64, NaiveDateTime>,
}

impl Counts {
    /// Whether `expert` has cast all `needed` levels of `entry`.
    pub fn done(&self, expert: i64, entry: i64, needed: usize) -> bool {
        self.levels.get(&(expert, entry)).copied().unwrap_or(0) >= needed
    }
}

/// The round's counts.
pub fn counts(conn: &mut AnyConnection, r: &Round) -> AppResult<Counts> {
    let mut c = Counts::default();
    for s in store::scores(conn, r.id)? {
        *c.levels.entry((s.expert_id, s.entry_id)).or_insert(0) += 1;
        let l = c.last.entry(s.expert_id).or_insert(s.updated_at);
        *l = (*l).max(s.updated_at);
    }
    Ok(c)
}

/// The progress of a round's scoring (its committee; 404 for others).
pub fn progress(conn: &mut AnyConnection, user: &User, r: &Round) -> AppResult<Progress> {
    require_committee(conn, user, r)?;
    let d = crate::evaluation::systems::service::final_version(conn, r.system_id, r.system_version)?;
    let needed = indicators(&d).len();
    let n = counts(conn, r)?;
    let done = |expert: i64, entry: i64| n.done(expert, entry, needed);
    let who = eligibility(conn, r)?;
    let experts = who
        .iter()
        .map(|(u, may, conflicted)| ExpertProgress {
            user_id: u.id,
            name_zh: u.name_zh.clone(),
            name_latin: u.name_latin.clone(),
            email: u.email.clone(),
            scored: may.iter().filter(|e| done(u.id, **e)).count(),
            scorable: may.len(),
            conflicted: *conflicted,
            last_scored: n.last.get(&u.id).copied(),
        })
        .collect();
    let entries = crate::evaluation::rounds::store::entries(conn, r.id)?
        .into_iter()
        .filter(|e| e.status == EntryStatus::Active)
        .map(|e| EntryProgress {
            entry_id: e.id,
            scored_by: who.iter().filter(|(u, may, _)| may.contains(&e.id) && done(u.id, e.id)).count(),
            eligible: who.iter().filter(|(_, may, _)| may.contains(&e.id)).count(),
            name_zh: e.name_zh,
            name_en: e.name_en,
        })
        .collect();
    Ok(Progress { experts, entries })
}
