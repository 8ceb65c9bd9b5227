//! What changed between two editions' catalogues (pure): journals new, removed, moved up or
//! down a tier, and unchanged.

use std::collections::HashMap;

use serde::Serialize;

/// A journal's tier in both editions (None: not listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Change {
    /// Journal id.
    pub journal_id: i64,
    /// Tier in the earlier edition.
    pub before: Option<String>,
    /// Tier in the later edition.
    pub after: Option<String>,
}

/// The changes, each list ordered by the later (or, for removals, the earlier) tier.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Diff {
    /// Listed now, not before.
    pub new: Vec<Change>,
    /// Listed before, not now.
    pub removed: Vec<Change>,
    /// In a better tier now.
    pub up: Vec<Change>,
    /// In a lower tier now.
    pub down: Vec<Change>,
    /// Journals in the same tier.
    pub unchanged: usize,
}

fn rank(tier: &str) -> u8 {
    match tier {
        "T1" => 1,
        "T2" => 2,
        _ => 3,
    }
}

/// Compares two catalogues given as (journal, tier) lists.
pub fn diff(before: &[(i64, String)], after: &[(i64, String)]) -> Diff {
    let old: HashMap<i64, &str> = before.iter().map(|(j, t)| (*j, t.as_str())).collect();
    let new: HashMap<i64, &str> = after.iter().map(|(j, t)| (*j, t.as_str())).collect();
    let mut d = Diff::default();
    let change = |j: i64, b: Option<&str>, a: Option<&str>| Change {
        journal_id: j,
        before: b.map(str::to_string),
        after: a.map(str::to_string),
    };
    for (j, t) in after {
        match old.get(j) {
            None => d.new.push(change(*j, None, Some(t))),
            Some(b) if rank(b) > rank(t) => d.up.push(change(*j, Some(b), Some(t))),
            Some(b) if rank(b) < rank(t) => d.down.push(change(*j, Some(b), Some(t))),
            Some(_) => d.unchanged += 1,
        }
    }
    for (j, t) in before {
        if !new.contains_key(j) {
            d.removed.push(change(*j, Some(t), None));
        }
    }
    let key = |c: &Change| (c.after.as_deref().or(c.before.as_deref()).map(rank), c.journal_id);
    for list in [&mut d.new, &mut d.removed, &mut d.up, &mut d.down] {
        list.sort_by_key(key);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(v: &[(i64, &str)]) -> Vec<(i64, String)> {
        v.iter().map(|(j, t)| (*j, t.to_string())).collect()
    }

    #[test]
    fn new_removed_up_down_and_unchanged_are_told_apart() {
        let before = cat(&[(1, "T1"), (2, "T2"), (3, "T3"), (4, "T2")]);
        let after = cat(&[(1, "T1"), (2, "T1"), (3, "T3"), (4, "T3"), (5, "T2")]);
        let d = diff(&before, &after);
        assert_eq!(d.new.iter().map(|c| c.journal_id).collect::<Vec<_>>(), [5]);
        assert_eq!(
            d.up,
            vec![Change {
                journal_id: 2,
                before: Some("T2".into()),
                after: Some("T1".into())
            }]
        );
        assert_eq!(d.down.iter().map(|c| c.journal_id).collect::<Vec<_>>(), [4]);
        assert!(d.removed.is_empty());
        assert_eq!(d.unchanged, 2);
        let back = diff(&after, &before);
        assert_eq!(back.removed.iter().map(|c| c.journal_id).collect::<Vec<_>>(), [5]);
        assert_eq!(back.up.iter().map(|c| c.journal_id).collect::<Vec<_>>(), [4]);
    }

    #[test]
    fn identical_catalogues_have_no_changes() {
        let c = cat(&[(1, "T1"), (2, "T3")]);
        let d = diff(&c, &c);
        assert!(d.new.is_empty() && d.removed.is_empty() && d.up.is_empty() && d.down.is_empty());
        assert_eq!(d.unchanged, 2);
    }
}
