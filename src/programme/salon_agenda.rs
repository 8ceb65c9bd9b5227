//! The salon rules for an agenda (pure): talks, key talks and interventions no longer than the
//! salon allows, and at least a share of the time left to free debate. Only salons are checked;
//! a breach blocks the release, so a published salon agenda always keeps the rules.

use serde::Serialize;

use super::model::SessionKind;
use super::snapshot::Snapshot;
use super::warnings::{Code, Warning};
use crate::salons::rules::Rules;

/// How the agenda's time divides between talks and free debate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DebateShare {
    /// Minutes of the sessions that hold talks (breaks, meals and social events left out).
    pub total_min: i64,
    /// Minutes given to talks, key talks and interventions.
    pub talk_min: i64,
    /// Minutes left to free debate (panels, discussion items and unplanned time).
    pub debate_min: i64,
    /// Debate share in percent, rounded down (100 for an empty agenda).
    pub pct: i64,
    /// The least share the salon asks.
    pub min_pct: i64,
}

impl DebateShare {
    /// Whether the share is reached.
    pub fn met(&self) -> bool {
        self.total_min == 0 || self.debate_min * 100 >= self.min_pct * self.total_min
    }
}

/// Whether a slot kind is someone speaking (rather than debate).
fn is_speech(kind: &str) -> bool {
    matches!(kind, "paper" | "invited" | "key_talk" | "intervention")
}

/// The debate share of `s`.
pub fn debate(s: &Snapshot, rules: &Rules) -> DebateShare {
    let (mut total, mut talk) = (0i64, 0i64);
    for x in &s.sessions {
        if !SessionKind::parse(&x.kind).is_some_and(|k| k.holds_talks()) {
            continue;
        }
        let length = (x.ends_at - x.starts_at).num_minutes().max(0);
        total += length;
        let spoken: i64 = x.talks.iter().filter(|t| is_speech(&t.kind)).map(|t| t.duration_min as i64).sum();
        talk += spoken.min(length);
    }
    let debate_min = total - talk;
    DebateShare {
        total_min: total,
        talk_min: talk,
        debate_min,
        pct: if total == 0 { 100 } else { debate_min * 100 / total },
        min_pct: rules.debate_min_pct as i64,
    }
}

/// The limit of a slot kind, if the rules set one.
fn limit(kind: &str, rules: &Rules) -> Option<(i32, Code)> {
    match kind {
        "paper" | "invited" => Some((rules.talk_max_min, Code::SalonTalkTooLong)),
        "key_talk" => Some((rules.key_talk_max_min, Code::SalonTalkTooLong)),
        "intervention" => Some((rules.intervention_max_min, Code::SalonInterventionTooLong)),
        _ => None,
    }
}

/// Every breach of the salon rules in `s`.
pub fn check(s: &Snapshot, rules: &Rules, out: &mut Vec<Warning>) {
    for x in &s.sessions {
        for t in &x.talks {
            if let Some((max, code)) = limit(&t.kind, rules)
                && t.duration_min > max
            {
                let mut w = Warning::new(code);
                w.session_id = Some(x.id);
                w.talk_id = Some(t.id);
                w.amount = Some((t.duration_min - max) as i64);
                out.push(w);
            }
        }
    }
    let share = debate(s, rules);
    if !share.met() {
        let mut w = Warning::new(Code::SalonDebateShare);
        w.amount = Some(share.pct);
        out.push(w);
    }
}
