//! A day of a programme laid out as a timetable (pure): one column per room, one row per five
//! minutes, each session a block spanning its rows. Pages place blocks with CSS classes
//! (`gc-3 gr-s-13 gr-e-31`), so the grid needs no inline style and no JavaScript.

use chrono::{NaiveDate, Timelike};
use chrono_tz::Tz;
use serde::Serialize;

use super::snapshot::Snapshot;

/// Minutes per grid row.
pub const STEP: u32 = 5;

/// A column of the grid.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// The room (`None`: sessions without a room).
    pub room_id: Option<i64>,
    /// Grid column (1 is the time labels).
    pub col: usize,
}

/// A session placed on the grid.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// Session id.
    pub session_id: i64,
    /// Grid column.
    pub col: usize,
    /// First grid row.
    pub row_start: usize,
    /// Grid row after the last.
    pub row_end: usize,
    /// Local start `HH:MM`.
    pub start: String,
    /// Local end `HH:MM`.
    pub end: String,
}

/// An hour label.
#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    /// `09:00`.
    pub label: String,
    /// Grid row.
    pub row: usize,
}

/// One day's timetable.
#[derive(Debug, Clone, Serialize)]
pub struct DayGrid {
    /// The day.
    pub date: NaiveDate,
    /// Room columns in order.
    pub columns: Vec<Column>,
    /// Hour labels.
    pub marks: Vec<Mark>,
    /// Sessions.
    pub blocks: Vec<Block>,
    /// Rows in all (including the header row).
    pub rows: usize,
}

/// The sessions of `date` (local) as a grid. Row 1 holds the room names.
pub fn day(s: &Snapshot, date: NaiveDate, tz: Tz) -> DayGrid {
    let local = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&tz).naive_local();
    let today: Vec<_> = s.sessions.iter().filter(|x| local(x.starts_at).date() == date).collect();
    let minute = |t: chrono::NaiveDateTime| -> u32 { if t.date() > date { 24 * 60 } else { t.hour() * 60 + t.minute() } };
    let first = today.iter().map(|x| minute(local(x.starts_at))).min().unwrap_or(9 * 60) / 60 * 60;
    let last = today.iter().map(|x| minute(local(x.ends_at))).max().unwrap_or(18 * 60).div_ceil(60) * 60;
    let last = last.max(first + 60).min(24 * 60);
    let row = |m: u32| ((m.clamp(first, last) - first) / STEP) as usize + 2;
    let mut columns: Vec<Column> = s
        .rooms
        .iter()
        .enumerate()
        .map(|(i, r)| Column {
            room_id: Some(r.id),
            col: i + 2,
        })
        .collect();
    if today.iter().any(|x| x.room_id.is_none()) {
        columns.push(Column {
            room_id: None,
            col: columns.len() + 2,
        });
    }
    let blocks = today
        .iter()
        .map(|x| {
            let col = columns.iter().find(|c| c.room_id == x.room_id).map_or(2, |c| c.col);
            let (a, b) = (local(x.starts_at), local(x.ends_at));
            let (ra, rb) = (row(minute(a)), row(minute(b)));
            Block {
                session_id: x.id,
                col,
                row_start: ra,
                row_end: rb.max(ra + 1),
                start: a.format("%H:%M").to_string(),
                end: b.format("%H:%M").to_string(),
            }
        })
        .collect();
    let marks = (first / 60..last / 60)
        .map(|h| Mark {
            label: format!("{h:02}:00"),
            row: row(h * 60),
        })
        .collect();
    DayGrid {
        date,
        columns,
        marks,
        blocks,
        rows: row(last),
    }
}

#[cfg(test)]
mod tests {
    use super::super::snapshot::{RoomItem, SessionItem, VenueRef};
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn sessions_become_blocks_in_their_rooms_columns_and_rows() {
        let tz = chrono_tz::Asia::Shanghai;
        let at = |h: u32, m: u32| tz.with_ymd_and_hms(2027, 5, 10, h, m, 0).unwrap().with_timezone(&Utc);
        let room = |id: i64| RoomItem {
            id,
            guid: String::new(),
            name_zh: String::new(),
            name_en: String::new(),
            capacity: None,
            location: String::new(),
            online_url: String::new(),
            recorded: false,
            streamed: false,
        };
        let session = |id: i64, room_id: Option<i64>, a: (u32, u32), b: (u32, u32)| SessionItem {
            id,
            guid: String::new(),
            kind: "paper_session".into(),
            title_zh: String::new(),
            title_en: String::new(),
            room_id,
            track_id: None,
            starts_at: at(a.0, a.1),
            ends_at: at(b.0, b.1),
            chairs: vec![],
            moderators: vec![],
            talks: vec![],
        };
        let s = Snapshot {
            venue: VenueRef {
                slug: "v".into(),
                title_zh: String::new(),
                title_en: String::new(),
                timezone: "Asia/Shanghai".into(),
                starts_on: NaiveDate::from_ymd_opt(2027, 5, 10).unwrap(),
                ends_on: NaiveDate::from_ymd_opt(2027, 5, 10).unwrap(),
            },
            release: None,
            rooms: vec![room(7), room(8)],
            tracks: vec![],
            sessions: vec![session(1, Some(8), (9, 30), (10, 30)), session(2, None, (12, 0), (13, 15))],
        };
        let g = day(&s, NaiveDate::from_ymd_opt(2027, 5, 10).unwrap(), tz);
        assert_eq!(g.marks.first().unwrap().label, "09:00");
        assert_eq!(g.columns.len(), 3, "two rooms and the sessions without one");
        let b = &g.blocks[0];
        assert_eq!(
            (b.col, b.row_start, b.row_end),
            (3, 8, 20),
            "09:30 is the 7th five-minute row after 09:00"
        );
        assert_eq!(g.blocks[1].col, 4);
        assert_eq!(g.rows, 2 + (14 - 9) * 12);
    }
}
