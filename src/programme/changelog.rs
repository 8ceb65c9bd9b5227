//! What changed between two releases (pure): talks (and sessions without talks) are followed
//! by their GUID, so a talk moved to another time or room is one change, not a cancellation
//! and a new talk.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::snapshot::Snapshot;

crate::text_enum! {
    /// How an item changed.
    pub enum ChangeKind {
        /// Not in the previous release.
        New = "new",
        /// In the previous release, not in this one.
        Cancelled = "cancelled",
        /// Another start or length.
        MovedTime = "moved_time",
        /// Another room.
        MovedRoom = "moved_room",
        /// Other speakers.
        SpeakerChanged = "speaker_changed",
    }
}

/// Where and when an item is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ChangePlace {
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Room id.
    pub room_id: Option<i64>,
    /// Room name, Chinese.
    pub room_zh: String,
    /// Room name, English.
    pub room_en: String,
    /// Its session.
    pub session_id: i64,
}

/// One changed item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProgrammeChange {
    /// What changed (several at once: a talk can move in time and room).
    pub kinds: Vec<ChangeKind>,
    /// The item's GUID.
    pub guid: String,
    /// The talk's id (`None` for a session without talks).
    pub talk_id: Option<i64>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Before (not for new items).
    pub before: Option<ChangePlace>,
    /// After (not for cancelled items).
    pub after: Option<ChangePlace>,
    /// Speakers before (names).
    pub speakers_before: Vec<String>,
    /// Speakers after (names).
    pub speakers_after: Vec<String>,
}

#[derive(Clone)]
struct Item {
    talk_id: Option<i64>,
    title_zh: String,
    title_en: String,
    placement: ChangePlace,
    speakers: Vec<String>,
    speaker_guids: Vec<String>,
}

fn items(s: &Snapshot) -> BTreeMap<String, Item> {
    let mut out = BTreeMap::new();
    for x in &s.sessions {
        let room = x.room_id.and_then(|r| s.room(r));
        let placement = |start: DateTime<Utc>, end: DateTime<Utc>| ChangePlace {
            starts_at: start,
            ends_at: end,
            room_id: x.room_id,
            room_zh: room.map(|r| r.name_zh.clone()).unwrap_or_default(),
            room_en: room.map(|r| r.name_en.clone()).unwrap_or_default(),
            session_id: x.id,
        };
        if x.talks.is_empty() {
            out.insert(
                x.guid.clone(),
                Item {
                    talk_id: None,
                    title_zh: x.title_zh.clone(),
                    title_en: x.title_en.clone(),
                    placement: placement(x.starts_at, x.ends_at),
                    speakers: vec![],
                    speaker_guids: vec![],
                },
            );
        }
        for t in &x.talks {
            out.insert(
                t.guid.clone(),
                Item {
                    talk_id: Some(t.id),
                    title_zh: t.title_zh.clone(),
                    title_en: t.title_en.clone(),
                    placement: placement(t.starts_at, t.starts_at + chrono::Duration::minutes(t.duration_min as i64)),
                    speakers: t.speakers.iter().map(|p| p.name("en").to_string()).collect(),
                    speaker_guids: t.speakers.iter().map(|p| p.guid.clone()).collect(),
                },
            );
        }
    }
    out
}

/// The changes from `before` (none: the first release, where everything is new) to `after`,
/// ordered by the new (or, when cancelled, old) time.
pub fn diff(before: Option<&Snapshot>, after: &Snapshot) -> Vec<ProgrammeChange> {
    let old = before.map(items).unwrap_or_default();
    let new = items(after);
    let mut out = Vec::new();
    for (guid, n) in &new {
        let Some(o) = old.get(guid) else {
            out.push(change(guid, vec![ChangeKind::New], None, Some(n)));
            continue;
        };
        let mut kinds = Vec::new();
        if (o.placement.starts_at, o.placement.ends_at) != (n.placement.starts_at, n.placement.ends_at) {
            kinds.push(ChangeKind::MovedTime);
        }
        if o.placement.room_id != n.placement.room_id {
            kinds.push(ChangeKind::MovedRoom);
        }
        if o.speaker_guids != n.speaker_guids {
            kinds.push(ChangeKind::SpeakerChanged);
        }
        if !kinds.is_empty() {
            out.push(change(guid, kinds, Some(o), Some(n)));
        }
    }
    for (guid, o) in &old {
        if !new.contains_key(guid) {
            out.push(change(guid, vec![ChangeKind::Cancelled], Some(o), None));
        }
    }
    out.sort_by(|a, b| {
        let key = |c: &ProgrammeChange| c.after.as_ref().or(c.before.as_ref()).map(|p| p.starts_at);
        key(a).cmp(&key(b)).then_with(|| a.guid.cmp(&b.guid))
    });
    out
}

fn change(guid: &str, kinds: Vec<ChangeKind>, before: Option<&Item>, after: Option<&Item>) -> ProgrammeChange {
    let named = after.or(before).expect("one side exists");
    ProgrammeChange {
        kinds,
        guid: guid.to_string(),
        talk_id: named.talk_id,
        title_zh: named.title_zh.clone(),
        title_en: named.title_en.clone(),
        before: before.map(|i| i.placement.clone()),
        after: after.map(|i| i.placement.clone()),
        speakers_before: before.map(|i| i.speakers.clone()).unwrap_or_default(),
        speakers_after: after.map(|i| i.speakers.clone()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::snapshot::{Person, RoomItem, SessionItem, Talk, VenueRef};
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 5, 14, h, 0, 0).unwrap()
    }

    fn talk(id: i64, h: u32, speaker: &str) -> Talk {
        Talk {
            id,
            guid: format!("talk-{id}"),
            kind: "paper".into(),
            number: None,
            title_zh: String::new(),
            title_en: format!("T{id}"),
            abstract_text: String::new(),
            language: "en".into(),
            starts_at: at(h),
            duration_min: 20,
            speakers: vec![Person {
                guid: speaker.into(),
                name_zh: String::new(),
                name_latin: speaker.into(),
                affiliation: String::new(),
            }],
            pdf: false,
        }
    }

    fn snap(sessions: Vec<(i64, i64, u32, Vec<Talk>)>) -> Snapshot {
        let room = |id: i64| RoomItem {
            id,
            guid: format!("r{id}"),
            name_zh: String::new(),
            name_en: format!("R{id}"),
            capacity: None,
            location: String::new(),
            online_url: String::new(),
            recorded: false,
            streamed: false,
        };
        Snapshot {
            venue: VenueRef {
                slug: "v".into(),
                title_zh: String::new(),
                title_en: String::new(),
                timezone: "UTC".into(),
                starts_on: NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(),
                ends_on: NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(),
            },
            release: None,
            rooms: vec![room(1), room(2)],
            tracks: vec![],
            sessions: sessions
                .into_iter()
                .map(|(id, room, h, talks)| SessionItem {
                    id,
                    guid: format!("s{id}"),
                    kind: "paper_session".into(),
                    title_zh: String::new(),
                    title_en: format!("S{id}"),
                    room_id: Some(room),
                    track_id: None,
                    starts_at: at(h),
                    ends_at: at(h + 1),
                    chairs: vec![],
                    moderators: vec![],
                    talks,
                })
                .collect(),
        }
    }

    #[test]
    fn the_first_release_is_all_new() {
        let s = snap(vec![(1, 1, 9, vec![talk(1, 9, "a")]), (2, 2, 9, vec![])]);
        let c = diff(None, &s);
        assert_eq!(c.len(), 2, "a talk and a session without talks");
        assert!(c.iter().all(|c| c.kinds == vec![ChangeKind::New]));
    }

    #[test]
    fn moves_speaker_changes_and_cancellations() {
        let before = snap(vec![(1, 1, 9, vec![talk(1, 9, "a"), talk(2, 9, "b"), talk(3, 9, "c")])]);
        let after = snap(vec![(1, 1, 9, vec![talk(2, 9, "x")]), (2, 2, 10, vec![talk(1, 10, "a")])]);
        let c = diff(Some(&before), &after);
        let find = |guid: &str| c.iter().find(|c| c.guid == guid).unwrap();
        assert_eq!(find("talk-1").kinds, vec![ChangeKind::MovedTime, ChangeKind::MovedRoom]);
        assert_eq!(find("talk-2").kinds, vec![ChangeKind::SpeakerChanged]);
        assert_eq!(find("talk-3").kinds, vec![ChangeKind::Cancelled]);
        assert_eq!(c.len(), 3);
        assert!(diff(Some(&after), &after).is_empty(), "nothing changed");
    }
}
