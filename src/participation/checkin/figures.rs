//! Attendance counts, pure: people per day (each person once a day, whichever place they were
//! checked in at) and check-ins per session.

use std::collections::{BTreeMap, BTreeSet};

/// Distinct people per day, from (day, place, registration, person) rows.
pub fn people_per_day(rows: &[(String, String, i64, i64)]) -> BTreeMap<String, i64> {
    let mut seen: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
    for (day, _, _, person) in rows {
        seen.entry(day.as_str()).or_default().insert(*person);
    }
    seen.into_iter().map(|(d, p)| (d.to_string(), p.len() as i64)).collect()
}

/// Distinct people per session GUID (event check-ins left out).
pub fn people_per_session(rows: &[(String, String, i64, i64)]) -> BTreeMap<String, i64> {
    let mut seen: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
    for (_, place, _, person) in rows.iter().filter(|r| !r.1.is_empty()) {
        seen.entry(place.as_str()).or_default().insert(*person);
    }
    seen.into_iter().map(|(s, p)| (s.to_string(), p.len() as i64)).collect()
}

/// Distinct people checked in anywhere, any day.
pub fn people(rows: &[(String, String, i64, i64)]) -> i64 {
    rows.iter().map(|r| r.3).collect::<BTreeSet<_>>().len() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(day: &str, place: &str, person: i64) -> (String, String, i64, i64) {
        (day.into(), place.into(), person * 10, person)
    }

    #[test]
    fn a_person_counts_once_a_day_and_once_a_session() {
        let rows = vec![
            row("2026-10-01", "", 1),
            row("2026-10-01", "s1", 1),
            row("2026-10-01", "", 2),
            row("2026-10-02", "", 1),
            row("2026-10-02", "s1", 3),
            row("2026-10-02", "s2", 3),
        ];
        let days = people_per_day(&rows);
        assert_eq!(days["2026-10-01"], 2);
        assert_eq!(days["2026-10-02"], 2);
        let sessions = people_per_session(&rows);
        assert_eq!(sessions["s1"], 2);
        assert_eq!(sessions["s2"], 1);
        assert!(!sessions.contains_key(""));
        assert_eq!(people(&rows), 3);
    }
}
