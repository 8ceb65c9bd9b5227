//! c3voc schedule JSON (`../shared/formats/schedule/schema.json`), as pretalx serves it at
//! `schedule.json`: conference, days, and per day every room's events.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::Site;
use super::events::{self, Event};
use crate::programme::snapshot::Snapshot;

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn hhmm(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The schedule document.
pub fn schedule_json(s: &Snapshot, site: &Site) -> Value {
    let tz = events::zone(s);
    let acronym = events::acronym(&s.venue.slug);
    let base = &site.base_url;
    let slug = &s.venue.slug;
    let names = events::room_names(s, site);
    let room_name = |id: Option<i64>| -> String {
        id.and_then(|r| names.iter().find(|(x, _)| *x == r))
            .map_or_else(|| events::no_room(site).to_string(), |(_, n)| n.clone())
    };
    let all = events::all(s);
    let event = |e: &Event| -> Value {
        let track = e
            .session
            .track_id
            .and_then(|t| s.track(t))
            .map(|t| site.pick(&t.name_zh, &t.name_en).to_string());
        let mut links = Vec::new();
        if let Some(pdf) = e.pdf(base, slug) {
            links.push(json!({ "type": "paper", "url": pdf, "title": "PDF" }));
        }
        json!({
            "id": e.id,
            "guid": e.guid,
            "date": local(e.start, tz),
            "start": e.start.with_timezone(&tz).format("%H:%M").to_string(),
            "duration": hhmm(e.minutes()),
            "room": room_name(e.session.room_id),
            "slug": events::slug(&acronym, e.id, e.title(&Site { lang: "en".into(), ..site.clone() })),
            "url": e.url(base, slug),
            "title": e.title(site),
            "subtitle": "",
            "track": track,
            "type": e.kind(),
            "language": e.talk.map_or("zh", |t| t.language.as_str()),
            "abstract": e.talk.map(|t| t.abstract_text.as_str()).unwrap_or(""),
            "description": "",
            "do_not_record": e.session.room_id.and_then(|r| s.room(r)).is_some_and(|r| !r.recorded),
            "persons": e.persons().iter().map(|p| json!({ "guid": p.guid, "name": p.name(&site.lang) })).collect::<Vec<_>>(),
            "links": links,
            "attachments": [],
        })
    };
    let days: Vec<Value> = s
        .days()
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let today: Vec<&Event> = all.iter().filter(|e| events::day_of(e, tz) == *day).collect();
            let mut rooms = serde_json::Map::new();
            for (_, name) in &names {
                rooms.insert(name.clone(), Value::Array(vec![]));
            }
            for e in &today {
                rooms.entry(room_name(e.session.room_id)).or_insert_with(|| Value::Array(vec![]));
                if let Some(Value::Array(list)) = rooms.get_mut(&room_name(e.session.room_id)) {
                    list.push(event(e));
                }
            }
            let (start, end) = day_span(*day, &today, tz);
            json!({ "index": i + 1, "date": day.to_string(), "day_start": start, "day_end": end, "rooms": rooms })
        })
        .collect();
    let rooms: Vec<Value> = s
        .rooms
        .iter()
        .zip(&names)
        .map(|(r, (_, name))| {
            let mut v = json!({ "name": name, "guid": r.guid, "capacity": r.capacity });
            if !r.location.is_empty() {
                v["description"] = json!(r.location);
            }
            if r.online_url.starts_with("http") {
                v["url"] = json!(r.online_url);
            }
            v
        })
        .collect();
    let tracks: Vec<Value> = s
        .tracks
        .iter()
        .map(|t| json!({ "name": site.pick(&t.name_zh, &t.name_en), "slug": track_slug(&t.slug) }))
        .collect();
    let mut conference = json!({
        "acronym": acronym,
        "title": site.pick(&s.venue.title_zh, &s.venue.title_en),
        "start": s.venue.starts_on.to_string(),
        "end": s.venue.ends_on.to_string(),
        "daysCount": days.len(),
        "timeslot_duration": "00:05",
        "url": format!("{base}/venues/{slug}/programme"),
        "rooms": rooms,
        "tracks": tracks,
        "days": days,
    });
    if zone_name_ok(&s.venue.timezone) {
        conference["time_zone_name"] = json!(s.venue.timezone);
    }
    json!({
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": { "name": "xuehui", "version": env!("CARGO_PKG_VERSION") },
        "schedule": {
            "version": s.release.as_ref().map_or("draft", |r| r.name.as_str()),
            "base_url": format!("{base}/venues/{slug}/programme/"),
            "conference": conference,
        }
    })
}

/// The day's span: from its first event to its last, or the whole day when it has none.
pub fn day_span(day: chrono::NaiveDate, today: &[&Event], tz: Tz) -> (String, String) {
    let first = today.iter().map(|e| e.start).min();
    let last = today.iter().map(|e| e.end).max();
    match (first, last) {
        (Some(a), Some(b)) => (local(a, tz), local(b, tz)),
        _ => {
            let at = |h: u32, m: u32| {
                let naive = day.and_hms_opt(h, m, 0).expect("valid time");
                chrono::TimeZone::from_local_datetime(&tz, &naive).earliest().map_or_else(
                    || format!("{day}T{h:02}:{m:02}:00Z"),
                    |t| t.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                )
            };
            (at(0, 0), at(23, 59))
        }
    }
}

/// A track slug the schema accepts (`^[a-z0-9_-]+[a-z0-9]$`).
fn track_slug(slug: &str) -> String {
    let s: String = slug
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let s = s.trim_end_matches(['-', '_']).to_string();
    if s.len() < 2 { format!("track{s}") } else { s }
}

/// Whether the zone's name fits the schema's pattern (`Area/City` or `UTC`); other names are
/// left out rather than sent invalid.
fn zone_name_ok(name: &str) -> bool {
    name == "UTC"
        || name.split_once('/').is_some_and(|(a, b)| {
            let word = |w: &str| {
                w.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && w.chars().skip(1).all(|c| c.is_ascii_lowercase()) && w.len() > 1
            };
            word(a) && word(b)
        })
}
