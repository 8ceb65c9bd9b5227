//! Anonymous star counts, the only agenda data organisers and the programme read: per session
//! of the latest release, how many distinct users starred it or a talk in it; and per pair of
//! talks, how many users starred both (the scheduler's co-attendance). No user id leaves here.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::model::ItemKind;
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::programme::snapshot::Snapshot;

/// Talks of one user taken into pairs at most; bounds the quadratic pair count for the rare
/// user who stars a whole programme (such stars say little about which talks go together).
const MAX_TALKS_PER_USER: usize = 60;

/// Distinct users per session GUID of `s` who starred the session or any talk in it.
pub fn by_session(s: &Snapshot, stars: &[(i64, ItemKind, String)]) -> BTreeMap<String, i64> {
    let mut session_of: HashMap<&str, &str> = HashMap::new();
    for x in &s.sessions {
        session_of.insert(&x.guid, &x.guid);
        for t in &x.talks {
            session_of.insert(&t.guid, &x.guid);
        }
    }
    let mut users: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for (user, _, guid) in stars {
        if let Some(session) = session_of.get(guid.as_str()) {
            users.entry((*session).to_string()).or_default().insert(*user);
        }
    }
    users.into_iter().map(|(g, u)| (g, u.len() as i64)).collect()
}

/// Pairs of talk GUIDs (in order) with the number of users who starred both.
pub fn pairs(stars: &[(i64, ItemKind, String)]) -> Vec<(String, String, i64)> {
    let mut by_user: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    for (user, kind, guid) in stars {
        if *kind == ItemKind::Talk {
            by_user.entry(*user).or_default().insert(guid);
        }
    }
    let mut count: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    for talks in by_user.values() {
        let talks: Vec<&str> = talks.iter().take(MAX_TALKS_PER_USER).copied().collect();
        for (i, a) in talks.iter().enumerate() {
            for b in &talks[i + 1..] {
                *count.entry((a, b)).or_default() += 1;
            }
        }
    }
    count.into_iter().map(|((a, b), n)| (a.to_string(), b.to_string(), n)).collect()
}

/// The venue's per-session counts against its latest release, by session GUID (empty before
/// the first release).
pub fn session_counts(conn: &mut AnyConnection, venue_id: i64) -> AppResult<BTreeMap<String, i64>> {
    let Some(s) = crate::programme::public::latest(conn, venue_id)? else {
        return Ok(BTreeMap::new());
    };
    Ok(by_session(&s, &store::venue_stars(conn, venue_id)?))
}

/// The venue's talk pairs starred by the same users.
pub fn talk_pairs(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<(String, String, i64)>> {
    Ok(pairs(&store::venue_stars(conn, venue_id)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn star(user: i64, kind: ItemKind, guid: &str) -> (i64, ItemKind, String) {
        (user, kind, guid.to_string())
    }

    #[test]
    fn pairs_count_users_who_starred_both_talks() {
        let stars = vec![
            star(1, ItemKind::Talk, "a"),
            star(1, ItemKind::Talk, "b"),
            star(1, ItemKind::Session, "s"),
            star(2, ItemKind::Talk, "b"),
            star(2, ItemKind::Talk, "a"),
            star(2, ItemKind::Talk, "c"),
            star(3, ItemKind::Talk, "c"),
        ];
        assert_eq!(
            pairs(&stars),
            vec![
                ("a".into(), "b".into(), 2),
                ("a".into(), "c".into(), 1),
                ("b".into(), "c".into(), 1)
            ]
        );
    }
}
