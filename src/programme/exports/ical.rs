//! iCalendar (RFC 5545) for the whole programme, a room, a track, a session or given talks,
//! with a VTIMEZONE for the venue's zone so calendars show local times correctly.

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::Site;
use super::events::{self, Event};
use crate::programme::snapshot::Snapshot;

/// Which events a calendar holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Pick {
    /// Everything.
    All,
    /// Sessions in one room.
    Room(i64),
    /// Sessions of one track.
    Track(i64),
    /// One session (its talks, or itself when it has none).
    Session(i64),
    /// The given talks.
    Talks(Vec<i64>),
    /// Items by GUID: a talk, or a session (all its events); a personal agenda.
    Guids(Vec<String>),
}

impl Pick {
    fn keeps(&self, e: &Event) -> bool {
        match self {
            Pick::All => true,
            Pick::Room(r) => e.session.room_id == Some(*r),
            Pick::Track(t) => e.session.track_id == Some(*t),
            Pick::Session(s) => e.session.id == *s,
            Pick::Talks(ids) => e.talk.is_some_and(|t| ids.contains(&t.id)),
            Pick::Guids(g) => g.iter().any(|g| g == e.guid || *g == e.session.guid),
        }
    }
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character, ending it with CRLF.
fn fold(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// The zone's rules around the programme: the offset in force a week before it, and every
/// change until a week after (found hour by hour, then to the minute).
fn vtimezone(out: &mut String, tz: Tz, first: NaiveDate, last: NaiveDate) {
    let from = first.and_hms_opt(0, 0, 0).expect("midnight") - Duration::days(7);
    let until = last.and_hms_opt(0, 0, 0).expect("midnight") + Duration::days(8);
    let at = |t: chrono::NaiveDateTime| tz.offset_from_utc_datetime(&t);
    let mut components = Vec::new();
    let start = at(from);
    components.push((
        from + Duration::seconds(start.fix().local_minus_utc() as i64),
        start.fix().local_minus_utc(),
        start.fix().local_minus_utc(),
        !start.dst_offset().is_zero(),
        start.abbreviation().map(str::to_string),
    ));
    let mut t = from;
    while t < until {
        let next = t + Duration::hours(1);
        let (a, b) = (at(t), at(next));
        if a.fix() != b.fix() {
            let mut lo = t;
            while lo + Duration::minutes(1) < next && at(lo + Duration::minutes(1)).fix() == a.fix() {
                lo += Duration::minutes(1);
            }
            let change = lo + Duration::minutes(1);
            let before = a.fix().local_minus_utc();
            components.push((
                change + Duration::seconds(before as i64),
                before,
                b.fix().local_minus_utc(),
                !b.dst_offset().is_zero(),
                b.abbreviation().map(str::to_string),
            ));
        }
        t = next;
    }
    fold(out, "BEGIN:VTIMEZONE");
    fold(out, &format!("TZID:{}", tz.name()));
    for (local_start, from_off, to_off, dst, name) in components {
        let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
        fold(out, &format!("BEGIN:{kind}"));
        fold(out, &format!("DTSTART:{}", local_start.format("%Y%m%dT%H%M%S")));
        fold(out, &format!("TZOFFSETFROM:{}", offset(from_off)));
        fold(out, &format!("TZOFFSETTO:{}", offset(to_off)));
        if let Some(n) = name.filter(|n| !n.starts_with(['+', '-'])) {
            let n: String = n;
            fold(out, &format!("TZNAME:{}", text(&n)));
        }
        fold(out, &format!("END:{kind}"));
    }
    fold(out, "END:VTIMEZONE");
}

/// The calendar.
pub fn calendar(s: &Snapshot, pick: Pick, site: &Site) -> String {
    merged(&[(s, pick)], site, site.pick(&s.venue.title_zh, &s.venue.title_en))
}

/// One calendar named `name` of the picked events of several programmes (a personal agenda
/// across venues), with one VTIMEZONE per zone covering the days of its programmes.
pub fn merged(parts: &[(&Snapshot, Pick)], site: &Site, name: &str) -> String {
    let mut out = String::new();
    fold(&mut out, "BEGIN:VCALENDAR");
    fold(&mut out, "VERSION:2.0");
    fold(&mut out, "PRODID:-//xuehui//programme//EN");
    fold(&mut out, "CALSCALE:GREGORIAN");
    fold(&mut out, "METHOD:PUBLISH");
    fold(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    let mut zones: Vec<(Tz, NaiveDate, NaiveDate)> = Vec::new();
    for (s, _) in parts {
        let tz = events::zone(s);
        match zones.iter_mut().find(|z| z.0 == tz) {
            Some(z) => {
                z.1 = z.1.min(s.venue.starts_on);
                z.2 = z.2.max(s.venue.ends_on);
            }
            None => zones.push((tz, s.venue.starts_on, s.venue.ends_on)),
        }
    }
    if let Some((tz, _, _)) = zones.first() {
        fold(&mut out, &format!("X-WR-TIMEZONE:{}", tz.name()));
    }
    for (tz, first, last) in &zones {
        vtimezone(&mut out, *tz, *first, *last);
    }
    for (s, pick) in parts {
        events_of(&mut out, s, pick, site);
    }
    fold(&mut out, "END:VCALENDAR");
    out
}

fn events_of(out: &mut String, s: &Snapshot, pick: &Pick, site: &Site) {
    let tz = events::zone(s);
    let base = &site.base_url;
    let slug = &s.venue.slug;
    let names = events::room_names(s, site);
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y%m%dT%H%M%S").to_string();
    for e in events::all(s).iter().filter(|e| pick.keeps(e)) {
        fold(out, "BEGIN:VEVENT");
        fold(out, &format!("UID:{}@xuehui", e.guid));
        fold(out, &format!("DTSTAMP:{}", stamp(site.generated_at)));
        fold(out, &format!("DTSTART;TZID={}:{}", tz.name(), local(e.start)));
        fold(out, &format!("DTEND;TZID={}:{}", tz.name(), local(e.end)));
        fold(out, &format!("SUMMARY:{}", text(e.title(site))));
        let mut description = String::new();
        let people: Vec<&str> = e.persons().iter().map(|p| p.name(&site.lang)).collect();
        if !people.is_empty() {
            description.push_str(&people.join(", "));
            description.push_str("\n\n");
        }
        if let Some(t) = e.talk {
            description.push_str(&t.abstract_text);
        }
        if !description.trim().is_empty() {
            fold(out, &format!("DESCRIPTION:{}", text(description.trim())));
        }
        if let Some(r) = e.session.room_id.and_then(|r| s.room(r)) {
            let name = names.iter().find(|(id, _)| *id == r.id).map_or("", |(_, n)| n.as_str());
            let place = if r.location.is_empty() {
                name.to_string()
            } else {
                format!("{name}, {}", r.location)
            };
            fold(out, &format!("LOCATION:{}", text(&place)));
        }
        fold(out, &format!("URL:{}", e.url(base, slug)));
        if let Some(t) = e.session.track_id.and_then(|t| s.track(t)) {
            fold(out, &format!("CATEGORIES:{}", text(site.pick(&t.name_zh, &t.name_en))));
        }
        fold(out, "END:VEVENT");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_chinese_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        fold(&mut out, &format!("SUMMARY:{}", "图学习".repeat(20)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("SUMMARY:{}\r\n", "图学习".repeat(20)));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn berlin_in_march_has_standard_and_daylight() {
        let mut out = String::new();
        vtimezone(
            &mut out,
            chrono_tz::Europe::Berlin,
            NaiveDate::from_ymd_opt(2026, 3, 28).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(),
        );
        assert!(
            out.contains("BEGIN:STANDARD\r\nDTSTART:20260321T010000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100"),
            "{out}"
        );
        assert!(
            out.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"),
            "{out}"
        );
        let mut sh = String::new();
        vtimezone(
            &mut sh,
            chrono_tz::Asia::Shanghai,
            NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(),
            NaiveDate::from_ymd_opt(2027, 5, 16).unwrap(),
        );
        assert_eq!(sh.matches("BEGIN:STANDARD").count(), 1);
        assert!(!sh.contains("DAYLIGHT"));
    }
}
