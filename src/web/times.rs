//! Stored times (UTC) as people read them on pages: in the venue's (or the catalogue's) zone,
//! with the zone named. The `local` template filter: `{{ post.created_at | local(zone=venue.timezone) }}`
//! reads `2026-12-05 06:38 CST`; an unknown zone shows the time in UTC, saying so.

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeZone};
use tera::{Result as TeraResult, Value};

/// `utc` in `zone` as `YYYY-MM-DD HH:MM ABBR`.
pub fn format(utc: NaiveDateTime, zone: &str) -> String {
    match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => tz.from_utc_datetime(&utc).format("%Y-%m-%d %H:%M %Z").to_string(),
        Err(_) => format!("{} UTC", utc.format("%Y-%m-%d %H:%M")),
    }
}

/// Reads a timestamp as serialised in page contexts (`2026-12-04T22:38:00`, with or without
/// fractions or a trailing `Z`).
fn parse(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim_end_matches('Z');
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
        .ok()
}

fn local(value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
    let zone = args.get("zone").and_then(Value::as_str).unwrap_or("UTC");
    Ok(match value.as_str().and_then(parse) {
        Some(t) => Value::String(format(t, zone)),
        None => value.clone(),
    })
}

/// Adds the filter to a template set.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("local", local);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_read_in_the_given_zone_with_its_name() {
        let t = parse("2026-12-04T22:38:00").unwrap();
        assert_eq!(format(t, "Asia/Shanghai"), "2026-12-05 06:38 CST");
        assert_eq!(format(t, "Europe/London"), "2026-12-04 22:38 GMT");
        assert_eq!(format(t, "Mars/Olympus"), "2026-12-04 22:38 UTC");
        assert_eq!(
            parse("2026-12-04T22:38:00.123456Z"),
            Some(t + chrono::Duration::microseconds(123_456))
        );
    }
}
