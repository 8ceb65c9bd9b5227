//! What readers of an agenda get back, shared by the API and the pages: the starred items with
//! their times and rooms in the latest release (or marked as gone), the starred items that
//! overlap in time, the feed's address, and the chairs' per-session counts.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::model::{ItemKind, Star};
use crate::programme::snapshot::{SessionItem, Snapshot, Talk};

/// A starred item.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgendaItem {
    /// `session` or `talk`.
    pub kind: ItemKind,
    /// Its GUID (stable across releases).
    pub guid: String,
    /// Whether the latest release still has it; if not, the rest is from the last release
    /// that had it (times and room empty when none did).
    pub in_programme: bool,
    /// Its id in the latest release (the page address), when it is there.
    pub id: Option<i64>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// The session it belongs to (itself for a session).
    pub session_id: Option<i64>,
    /// The session's GUID.
    pub session_guid: Option<String>,
    /// The session's Chinese title.
    pub session_title_zh: String,
    /// The session's English title.
    pub session_title_en: String,
    /// Start.
    pub starts_at: Option<DateTime<Utc>>,
    /// End.
    pub ends_at: Option<DateTime<Utc>>,
    /// Room, Chinese name.
    pub room_zh: String,
    /// Room, English name.
    pub room_en: String,
    /// Building and floor.
    pub location: String,
}

/// Two starred items that overlap in time (neither inside the other's session).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AgendaParallel {
    /// GUID of the earlier-starting item.
    pub first: String,
    /// GUID of the other.
    pub second: String,
}

/// A user's agenda for one venue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgendaView {
    /// The venue's address name.
    pub venue: String,
    /// The release read (the latest).
    pub release: String,
    /// IANA zone of the venue.
    pub timezone: String,
    /// Starred items in the programme by start, then those no longer in it.
    pub items: Vec<AgendaItem>,
    /// Pairs of starred items that overlap.
    pub parallel: Vec<AgendaParallel>,
}

/// Whether a star is on.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgendaStarState {
    /// The item's GUID.
    pub guid: String,
    /// `session` or `talk`.
    pub kind: ItemKind,
    /// Whether the user has starred it now.
    pub starred: bool,
}

/// The private calendar feed of the signed-in user.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgendaFeed {
    /// Its address (`null`: no feed); anyone with it reads the user's starred items.
    pub url: Option<String>,
}

/// Stars of one session: distinct users who starred it or a talk in it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgendaSessionCount {
    /// Session id in the latest release.
    pub id: i64,
    /// Session GUID.
    pub guid: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// Room, Chinese name.
    pub room_zh: String,
    /// Room, English name.
    pub room_en: String,
    /// The room's seats, when known.
    pub capacity: Option<i32>,
    /// How many people starred it.
    pub stars: i64,
}

/// Per-session counts of a venue (chairs only; no user is named).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgendaCounts {
    /// The release counted against (`null` before the first).
    pub release: Option<String>,
    /// Every session of that release.
    pub sessions: Vec<AgendaSessionCount>,
}

/// An item of a snapshot found by GUID.
pub enum Found<'a> {
    /// A session.
    Session(&'a SessionItem),
    /// A talk and its session.
    Talk(&'a SessionItem, &'a Talk),
}

/// The session or talk with `guid` in `s`.
pub fn find<'a>(s: &'a Snapshot, guid: &str) -> Option<Found<'a>> {
    for x in &s.sessions {
        if x.guid == guid {
            return Some(Found::Session(x));
        }
        if let Some(t) = x.talks.iter().find(|t| t.guid == guid) {
            return Some(Found::Talk(x, t));
        }
    }
    None
}

fn item(s: &Snapshot, kind: ItemKind, guid: &str, found: &Found, in_programme: bool) -> AgendaItem {
    let (x, id, title_zh, title_en, start, end) = match found {
        Found::Session(x) => (*x, x.id, &x.title_zh, &x.title_en, x.starts_at, x.ends_at),
        Found::Talk(x, t) => (
            *x,
            t.id,
            &t.title_zh,
            &t.title_en,
            t.starts_at,
            t.starts_at + chrono::Duration::minutes(t.duration_min as i64),
        ),
    };
    let room = x.room_id.and_then(|r| s.room(r));
    AgendaItem {
        kind,
        guid: guid.to_string(),
        in_programme,
        id: in_programme.then_some(id),
        title_zh: title_zh.clone(),
        title_en: title_en.clone(),
        session_id: in_programme.then_some(x.id),
        session_guid: Some(x.guid.clone()),
        session_title_zh: x.title_zh.clone(),
        session_title_en: x.title_en.clone(),
        starts_at: in_programme.then_some(start),
        ends_at: in_programme.then_some(end),
        room_zh: if in_programme {
            room.map(|r| r.name_zh.clone()).unwrap_or_default()
        } else {
            String::new()
        },
        room_en: if in_programme {
            room.map(|r| r.name_en.clone()).unwrap_or_default()
        } else {
            String::new()
        },
        location: if in_programme {
            room.map(|r| r.location.clone()).unwrap_or_default()
        } else {
            String::new()
        },
    }
}

/// The agenda of `stars` against the latest release `s`; items it lacks take their titles
/// from the newest of `older` (newest first) that has them.
pub fn agenda(s: &Snapshot, release: &str, older: &[&Snapshot], stars: &[Star]) -> AgendaView {
    let mut items: Vec<AgendaItem> = Vec::new();
    for star in stars {
        match find(s, &star.guid) {
            Some(f) => items.push(item(s, star.kind, &star.guid, &f, true)),
            None => {
                let earlier = older
                    .iter()
                    .find_map(|o| find(o, &star.guid).map(|f| item(o, star.kind, &star.guid, &f, false)));
                items.push(earlier.unwrap_or_else(|| AgendaItem {
                    kind: star.kind,
                    guid: star.guid.clone(),
                    in_programme: false,
                    id: None,
                    title_zh: String::new(),
                    title_en: String::new(),
                    session_id: None,
                    session_guid: None,
                    session_title_zh: String::new(),
                    session_title_en: String::new(),
                    starts_at: None,
                    ends_at: None,
                    room_zh: String::new(),
                    room_en: String::new(),
                    location: String::new(),
                }));
            }
        }
    }
    // A session before the talks in it that start with it.
    items.sort_by_key(|i| (!i.in_programme, i.starts_at, i.kind != ItemKind::Session, i.ends_at));
    let parallel = parallel(&items);
    AgendaView {
        venue: s.venue.slug.clone(),
        release: release.to_string(),
        timezone: s.venue.timezone.clone(),
        items,
        parallel,
    }
}

/// Pairs of items (sorted by start) whose times overlap, leaving out a talk and its own
/// session (starring both is not a conflict).
pub fn parallel(items: &[AgendaItem]) -> Vec<AgendaParallel> {
    let mut out = Vec::new();
    for (i, a) in items.iter().enumerate() {
        let (Some(a0), Some(a1)) = (a.starts_at, a.ends_at) else { continue };
        for b in &items[i + 1..] {
            let (Some(b0), Some(b1)) = (b.starts_at, b.ends_at) else { continue };
            if a.session_guid == b.session_guid {
                continue;
            }
            if a0 < b1 && b0 < a1 {
                out.push(AgendaParallel {
                    first: a.guid.clone(),
                    second: b.guid.clone(),
                });
            }
        }
    }
    out
}

/// Per-session counts of the latest release (its name and snapshot), from the counts by
/// session GUID that `agenda::counts` makes.
pub fn counts(latest: Option<(&str, &Snapshot)>, by_guid: &std::collections::BTreeMap<String, i64>) -> AgendaCounts {
    let Some((name, s)) = latest else {
        return AgendaCounts {
            release: None,
            sessions: Vec::new(),
        };
    };
    AgendaCounts {
        release: Some(name.to_string()),
        sessions: s
            .sessions
            .iter()
            .map(|x| {
                let room = x.room_id.and_then(|r| s.room(r));
                AgendaSessionCount {
                    id: x.id,
                    guid: x.guid.clone(),
                    title_zh: x.title_zh.clone(),
                    title_en: x.title_en.clone(),
                    starts_at: x.starts_at,
                    room_zh: room.map(|r| r.name_zh.clone()).unwrap_or_default(),
                    room_en: room.map(|r| r.name_en.clone()).unwrap_or_default(),
                    capacity: room.and_then(|r| r.capacity),
                    stars: by_guid.get(&x.guid).copied().unwrap_or(0),
                }
            })
            .collect(),
    }
}
