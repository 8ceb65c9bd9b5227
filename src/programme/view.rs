//! What readers of the programme get back, shared by the API and the pages: the draft with
//! its versions, waiting talks and warnings (each in words, with a link to its culprit).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::draft::{Draft, Waiting};
use super::model::SlotDefault;
use super::release::{self, ReleaseSummary};
use super::snapshot::Snapshot;
use super::warnings::{Code, Warning};
use crate::web::i18n::{Lang, t};

/// A session's or slot's edit counter.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EditVersion {
    /// The session or slot id.
    pub id: i64,
    /// Its version, to send back with an edit.
    pub version: i32,
    /// Pinned (slots): the scheduler leaves it where it is.
    pub pinned: bool,
    /// Most posters (poster sessions).
    pub capacity: Option<i32>,
}

/// A warning with its words and the editor address of its culprit.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WarningView {
    /// The warning.
    #[serde(flatten)]
    pub warning: Warning,
    /// In words.
    pub message: String,
    /// Where to fix it (`/venues/{slug}/programme/edit#session-12`).
    pub link: String,
}

/// The draft as its chairs read it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DraftView {
    /// Counts every edit; a proposal or release names the revision it was made from.
    pub revision: i64,
    /// Sessions and talks.
    pub programme: Snapshot,
    /// Session versions.
    pub sessions: Vec<EditVersion>,
    /// Slot versions.
    pub slots: Vec<EditVersion>,
    /// Talks without a session (unscheduled slots and accepted papers without a slot).
    pub unscheduled: Vec<Waiting>,
    /// Everything wrong, blocking problems first.
    pub warnings: Vec<WarningView>,
    /// Slot defaults per decision.
    pub defaults: Vec<SlotDefault>,
    /// Published releases, newest first.
    pub releases: Vec<ReleaseSummary>,
    /// A salon's division of time between talks and free debate (salons only).
    pub debate: Option<super::salon_agenda::DebateShare>,
}

fn name_of_session(s: &Snapshot, id: Option<i64>, lang: Lang) -> String {
    id.and_then(|id| s.sessions.iter().find(|x| x.id == id))
        .map(|x| {
            let (a, b) = if lang == Lang::ZhCn {
                (&x.title_zh, &x.title_en)
            } else {
                (&x.title_en, &x.title_zh)
            };
            format!("“{}”", if a.trim().is_empty() { b } else { a })
        })
        .unwrap_or_default()
}

/// A warning in words, in `lang`, with times in the venue's zone.
pub fn describe(w: &Warning, s: &Snapshot, lang: Lang) -> String {
    let tz = crate::venues::deadline::parse_tz(&s.venue.timezone).unwrap_or(chrono_tz::UTC);
    let time = |t: Option<DateTime<Utc>>| {
        t.map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    t(lang, &format!("programme.w_{}", w.code.as_str()))
        .replace("{session}", &name_of_session(s, w.session_id, lang))
        .replace("{other}", &name_of_session(s, w.other_session_id, lang))
        .replace("{person}", w.person.as_ref().map_or("", |p| p.name(lang.code())))
        .replace("{time}", &time(w.at))
        .replace("{amount}", &w.amount.map(|a| a.to_string()).unwrap_or_default())
        .replace("{paper}", &w.paper.map(|p| p.to_string()).unwrap_or_default())
}

/// Where in the editor a warning's culprit is.
pub fn link(w: &Warning, slug: &str) -> String {
    let anchor = match (w.code, w.talk_id, w.session_id, w.paper) {
        (Code::Unscheduled, _, _, Some(p)) => format!("paper-{p}"),
        (_, Some(t), _, _) => format!("slot-{t}"),
        (_, _, Some(s), _) => format!("session-{s}"),
        _ => "warnings".into(),
    };
    format!("/venues/{slug}/programme/edit#{anchor}")
}

/// The warnings of a draft in words.
pub fn warnings(d: &Draft, lang: Lang) -> Vec<WarningView> {
    release::warnings_of(d)
        .into_iter()
        .map(|w| WarningView {
            message: describe(&w, &d.snapshot, lang),
            link: link(&w, &d.venue.slug),
            warning: w,
        })
        .collect()
}

/// The chairs' view of a draft.
pub fn draft(d: &Draft, releases: Vec<ReleaseSummary>, lang: Lang) -> DraftView {
    DraftView {
        revision: d.revision,
        programme: d.snapshot.clone(),
        sessions: d
            .sessions
            .iter()
            .map(|s| EditVersion {
                id: s.id,
                version: s.version,
                pinned: false,
                capacity: s.capacity,
            })
            .collect(),
        slots: d
            .slots
            .iter()
            .map(|s| EditVersion {
                id: s.id,
                version: s.version,
                pinned: s.pinned,
                capacity: None,
            })
            .collect(),
        unscheduled: d.waiting.clone(),
        warnings: warnings(d, lang),
        defaults: d.defaults.clone(),
        releases,
        debate: d.salon.map(|r| super::salon_agenda::debate(&d.snapshot, &r)),
    }
}
