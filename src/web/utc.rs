//! Serde helpers that send stored UTC timestamps (chrono `NaiveDateTime`) as RFC 3339 with a
//! `Z`, as the OpenAPI `date-time` format requires, and read them back with any offset.
//!
//! Use with `#[serde(with = "crate::web::utc")]`, or `crate::web::utc::option` for
//! `Option<NaiveDateTime>` (with `default`, so a missing field is `None`).

use chrono::{DateTime, NaiveDateTime, SecondsFormat};
use serde::{Deserialize, Deserializer, Serializer};

/// `2026-12-04T14:00:00Z` (fractions only when present).
pub fn format(t: &NaiveDateTime) -> String {
    t.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Reads RFC 3339 with any offset (converted to UTC); a time without a zone is taken as UTC,
/// so clients that relied on the old zoneless form keep working.
pub fn parse(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.naive_utc());
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// Serialises as RFC 3339 UTC.
pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(t))
}

/// Deserialises RFC 3339 (any offset) or a zoneless UTC time.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let s = String::deserialize(d)?;
    parse(&s).ok_or_else(|| serde::de::Error::custom(format!("invalid date-time {s:?}: use RFC 3339, e.g. 2026-12-04T14:00:00Z")))
}

/// The same for optional timestamps (`null` stays `null`).
pub mod option {
    use super::*;

    /// Serialises as RFC 3339 UTC or `null`.
    pub fn serialize<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::format(t)),
            None => s.serialize_none(),
        }
    }

    /// Deserialises RFC 3339 (any offset), a zoneless UTC time, or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => super::parse(&s)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("invalid date-time {s:?}: use RFC 3339, e.g. 2026-12-04T14:00:00Z"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap()
    }

    #[test]
    fn sends_utc_with_a_zone() {
        assert_eq!(format(&t("2026-12-04 14:00:00")), "2026-12-04T14:00:00Z");
        assert_eq!(format(&t("2026-12-04 14:00:00.250")), "2026-12-04T14:00:00.250Z");
    }

    #[test]
    fn reads_offsets_as_utc_and_zoneless_as_utc() {
        assert_eq!(parse("2026-12-04T22:00:00+08:00"), Some(t("2026-12-04 14:00:00")));
        assert_eq!(parse("2026-12-04T14:00:00Z"), Some(t("2026-12-04 14:00:00")));
        assert_eq!(parse("2026-12-04T14:00:00"), Some(t("2026-12-04 14:00:00")));
        assert_eq!(parse("next tuesday"), None);
    }
}
