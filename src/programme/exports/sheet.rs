//! The timetable as rows for CSV and XLSX (printing, signage): one row per event.

use super::Site;
use super::events;
use crate::programme::snapshot::Snapshot;

/// Message keys of the columns, in order.
pub const COLUMNS: [&str; 9] = [
    "programme.col_date",
    "programme.col_start",
    "programme.col_end",
    "programme.col_room",
    "programme.col_session",
    "programme.col_kind",
    "programme.col_title",
    "programme.col_speakers",
    "programme.col_track",
];

/// One row per event, by start then room, times in the venue's zone.
pub fn rows(s: &Snapshot, site: &Site, kind_name: impl Fn(&str) -> String) -> Vec<Vec<String>> {
    let tz = events::zone(s);
    let names = events::room_names(s, site);
    events::all(s)
        .iter()
        .map(|e| {
            let room = e
                .session
                .room_id
                .and_then(|r| names.iter().find(|(id, _)| *id == r))
                .map_or("", |(_, n)| n.as_str());
            let track = e
                .session
                .track_id
                .and_then(|t| s.track(t))
                .map_or("", |t| site.pick(&t.name_zh, &t.name_en));
            vec![
                e.start.with_timezone(&tz).format("%Y-%m-%d").to_string(),
                e.start.with_timezone(&tz).format("%H:%M").to_string(),
                e.end.with_timezone(&tz).format("%H:%M").to_string(),
                room.to_string(),
                site.pick(&e.session.title_zh, &e.session.title_en).to_string(),
                kind_name(&e.session.kind),
                e.title(site).to_string(),
                e.persons().iter().map(|p| p.name(&site.lang)).collect::<Vec<_>>().join(", "),
                track.to_string(),
            ]
        })
        .collect()
}
