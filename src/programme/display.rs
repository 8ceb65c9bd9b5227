//! A programme in words for one reader: titles, rooms, tracks and names in their language
//! (falling back to the other, never blank), times in the venue's zone. Pages render this
//! instead of choosing between `_zh` and `_en` fields in every template.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::snapshot::{Person, SessionItem, Snapshot, Talk};
use crate::web::i18n::{Lang, t};

/// A person as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ShownPerson {
    /// Name in the reader's script where there is one.
    pub name: String,
    /// Institution.
    pub affiliation: String,
}

/// A talk as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ShownTalk {
    /// Id.
    pub id: i64,
    /// Slot kind code.
    pub kind: String,
    /// Slot kind in words.
    pub kind_name: String,
    /// Paper number.
    pub number: Option<i32>,
    /// Title.
    pub title: String,
    /// Local start `HH:MM`.
    pub start: String,
    /// Local end `HH:MM`.
    pub end: String,
    /// Start in UTC (RFC 3339), for the reader's own zone.
    pub start_utc: String,
    /// Minutes.
    pub duration_min: i32,
    /// Speakers.
    pub speakers: Vec<ShownPerson>,
    /// Speakers' names joined.
    pub speakers_text: String,
    /// Abstract.
    pub abstract_text: String,
    /// Whether the PDF is public.
    pub pdf: bool,
    /// Language in words.
    pub language: String,
}

/// A session as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ShownSession {
    /// Id.
    pub id: i64,
    /// Kind code.
    pub kind: String,
    /// Kind in words.
    pub kind_name: String,
    /// Title.
    pub title: String,
    /// Room name (empty: none).
    pub room: String,
    /// Room id.
    pub room_id: Option<i64>,
    /// Room location.
    pub location: String,
    /// Track name.
    pub track: String,
    /// Track id.
    pub track_id: Option<i64>,
    /// Local date `YYYY-MM-DD`.
    pub date: String,
    /// Local start.
    pub start: String,
    /// Local end.
    pub end: String,
    /// Start in UTC (RFC 3339).
    pub start_utc: String,
    /// Chairs' names.
    pub chairs: String,
    /// Moderators' names.
    pub moderators: String,
    /// Talks.
    pub talks: Vec<ShownTalk>,
    /// Minutes of talks in it.
    pub used_min: i64,
    /// Minutes it lasts.
    pub length_min: i64,
}

fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    let (a, b) = if lang == Lang::ZhCn { (zh, en) } else { (en, zh) };
    if a.trim().is_empty() { b } else { a }
}

fn person(p: &Person, lang: Lang) -> ShownPerson {
    ShownPerson {
        name: p.name(lang.code()).to_string(),
        affiliation: p.affiliation.clone(),
    }
}

fn names(list: &[Person], lang: Lang) -> String {
    let sep = if lang == Lang::ZhCn { "、" } else { ", " };
    list.iter().map(|p| p.name(lang.code())).collect::<Vec<_>>().join(sep)
}

/// The venue's zone.
pub fn zone(s: &Snapshot) -> Tz {
    crate::venues::deadline::parse_tz(&s.venue.timezone).unwrap_or(chrono_tz::UTC)
}

fn hm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

/// One talk in words.
pub fn talk(x: &Talk, lang: Lang, tz: Tz) -> ShownTalk {
    let end = x.starts_at + chrono::Duration::minutes(x.duration_min as i64);
    ShownTalk {
        id: x.id,
        kind: x.kind.clone(),
        kind_name: t(lang, &format!("programme.slot_{}", x.kind)),
        number: x.number,
        title: pick(lang, &x.title_zh, &x.title_en).to_string(),
        start: hm(x.starts_at, tz),
        end: hm(end, tz),
        start_utc: x.starts_at.to_rfc3339(),
        duration_min: x.duration_min,
        speakers: x.speakers.iter().map(|p| person(p, lang)).collect(),
        speakers_text: names(&x.speakers, lang),
        abstract_text: x.abstract_text.clone(),
        pdf: x.pdf,
        language: crate::web::code_names::language(&x.language, lang)
            .unwrap_or(&x.language)
            .to_string(),
    }
}

/// One session in words.
pub fn session(s: &Snapshot, x: &SessionItem, lang: Lang) -> ShownSession {
    let tz = zone(s);
    let room = x.room_id.and_then(|r| s.room(r));
    let track = x.track_id.and_then(|r| s.track(r));
    ShownSession {
        id: x.id,
        kind: x.kind.clone(),
        kind_name: t(lang, &format!("programme.kind_{}", x.kind)),
        title: pick(lang, &x.title_zh, &x.title_en).to_string(),
        room: room.map(|r| pick(lang, &r.name_zh, &r.name_en).to_string()).unwrap_or_default(),
        room_id: x.room_id,
        location: room.map(|r| r.location.clone()).unwrap_or_default(),
        track: track.map(|r| pick(lang, &r.name_zh, &r.name_en).to_string()).unwrap_or_default(),
        track_id: x.track_id,
        date: x.starts_at.with_timezone(&tz).format("%Y-%m-%d").to_string(),
        start: hm(x.starts_at, tz),
        end: hm(x.ends_at, tz),
        start_utc: x.starts_at.to_rfc3339(),
        chairs: names(&x.chairs, lang),
        moderators: names(&x.moderators, lang),
        talks: x.talks.iter().map(|t| talk(t, lang, tz)).collect(),
        used_min: x.talks.iter().map(|t| t.duration_min as i64).sum(),
        length_min: (x.ends_at - x.starts_at).num_minutes(),
    }
}

/// Every session in words.
pub fn sessions(s: &Snapshot, lang: Lang) -> Vec<ShownSession> {
    s.sessions.iter().map(|x| session(s, x, lang)).collect()
}

/// The zone as readers see it: `Asia/Shanghai (UTC+08:00)` on the first day.
pub fn zone_label(s: &Snapshot) -> String {
    let tz = zone(s);
    let noon = s.venue.starts_on.and_hms_opt(12, 0, 0).expect("noon");
    let offset = chrono::TimeZone::from_local_datetime(&tz, &noon)
        .earliest()
        .map(|d| d.format("%:z").to_string())
        .unwrap_or_default();
    format!("{} (UTC{offset})", s.venue.timezone)
}

/// A name in the reader's language, falling back to the other.
pub fn pick_name(lang: Lang, zh: &str, en: &str) -> String {
    pick(lang, zh, en).to_string()
}

/// A release and its changes in words, for the changes page and the feed.
pub fn release(r: &super::release::ReleaseSummary, lang: Lang, tz: Tz) -> serde_json::Value {
    let when = |p: &Option<super::changelog::ChangePlace>| {
        p.as_ref()
            .map(|p| {
                let room = pick(lang, &p.room_zh, &p.room_en);
                let span = format!(
                    "{}–{}",
                    p.starts_at.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                    p.ends_at.with_timezone(&tz).format("%H:%M")
                );
                if room.is_empty() { span } else { format!("{span}, {room}") }
            })
            .unwrap_or_default()
    };
    let changes: Vec<serde_json::Value> = r
        .changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "title": pick(lang, &c.title_zh, &c.title_en),
                "talk_id": c.talk_id,
                "session_id": c.after.as_ref().or(c.before.as_ref()).map(|p| p.session_id),
                "kinds": c.kinds.iter().map(|k| t(lang, &format!("programme.ch_{}", k.as_str()))).collect::<Vec<_>>(),
                "cancelled": c.kinds.contains(&super::changelog::ChangeKind::Cancelled),
                "before": when(&c.before),
                "after": when(&c.after),
                "speakers": c.speakers_after.join(", "),
            })
        })
        .collect();
    serde_json::json!({
        "name": r.name,
        "number": r.number,
        "comment": pick(lang, &r.comment_zh, &r.comment_en),
        "published": r.published_at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
        "published_utc": r.published_at.to_rfc3339(),
        "changes": changes,
    })
}
