//! Deadlines: entered in the venue's time zone, stored in UTC, enforced with the grace period
//! and per-paper extensions (pure logic).

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Parses an IANA time zone name such as `Asia/Shanghai`.
pub fn parse_tz(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// Converts a wall-clock time in `tz` (`YYYY-MM-DDTHH:MM` as from a datetime-local input, or
/// with seconds) to UTC. Ambiguous times (DST fall-back) take the earlier instant; times that do
/// not exist (DST spring-forward gap) are refused.
pub fn local_to_utc(input: &str, tz: Tz) -> Option<NaiveDateTime> {
    let s = input.trim().replace(' ', "T");
    let local = NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    tz.from_local_datetime(&local).earliest().map(|d| d.naive_utc())
}

/// Shows a UTC time as wall-clock time in `tz` (for form fields).
pub fn utc_to_local_input(utc: NaiveDateTime, tz: Tz) -> String {
    Utc.from_utc_datetime(&utc).with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

/// Human display in `tz`, with the zone's abbreviation or offset.
pub fn display(utc: NaiveDateTime, tz: Tz) -> String {
    Utc.from_utc_datetime(&utc)
        .with_timezone(&tz)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// RFC 3339 UTC, for `<time datetime>` (browsers convert it to the reader's own zone).
pub fn iso(utc: NaiveDateTime) -> String {
    DateTime::<Utc>::from_naive_utc_and_offset(utc, Utc).to_rfc3339()
}

/// Whether `now` is before `deadline` plus the grace period, or before a per-paper extension.
pub fn is_open(now: NaiveDateTime, deadline: NaiveDateTime, grace_minutes: i32, extension: Option<NaiveDateTime>) -> bool {
    now <= deadline + Duration::minutes(grace_minutes.max(0) as i64) || extension.is_some_and(|e| now <= e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn local_deadlines_become_utc() {
        let sh = parse_tz("Asia/Shanghai").unwrap();
        assert_eq!(local_to_utc("2026-12-01T23:59", sh), Some(utc("2026-12-01 15:59")));
        let ny = parse_tz("America/New_York").unwrap();
        assert_eq!(local_to_utc("2026-07-01T12:00", ny), Some(utc("2026-07-01 16:00")), "summer time");
        assert_eq!(local_to_utc("2026-12-01T12:00", ny), Some(utc("2026-12-01 17:00")), "winter time");
        assert_eq!(local_to_utc("2026-03-08T02:30", ny), None, "does not exist");
        let aoe = parse_tz("Etc/GMT+12").unwrap();
        assert_eq!(
            local_to_utc("2026-12-01T23:59", aoe),
            Some(utc("2026-12-02 11:59")),
            "anywhere on earth"
        );
        assert_eq!(local_to_utc("tomorrow", sh), None);
        assert!(parse_tz("Mars/Olympus").is_none());
    }

    #[test]
    fn round_trip_for_forms() {
        let sh = parse_tz("Asia/Shanghai").unwrap();
        assert_eq!(utc_to_local_input(utc("2026-12-01 15:59"), sh), "2026-12-01T23:59");
        assert_eq!(display(utc("2026-12-01 15:59"), sh), "2026-12-01 23:59 CST");
    }

    #[test]
    fn grace_and_extensions() {
        let d = utc("2026-12-01 16:00");
        assert!(is_open(utc("2026-12-01 16:00"), d, 0, None));
        assert!(!is_open(utc("2026-12-01 16:01"), d, 0, None));
        assert!(is_open(utc("2026-12-01 16:30"), d, 30, None));
        assert!(!is_open(utc("2026-12-01 16:31"), d, 30, None));
        assert!(is_open(utc("2026-12-03 10:00"), d, 0, Some(utc("2026-12-04 00:00"))));
    }
}
