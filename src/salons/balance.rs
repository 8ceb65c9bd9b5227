//! The salon's balance rules over its participants (pure): at most so many people from one
//! institution in one field, and a share of young people. Shown while approving; an approval
//! that breaks a rule needs an override with a reason.

use std::collections::BTreeMap;

use serde::Serialize;

use super::rules::Rules;

crate::text_enum! {
    /// A balance rule.
    pub enum Rule {
        /// At most N participants from one institution in one field.
        UnitField = "unit_field",
        /// At least a share of participants under the age limit.
        YoungShare = "young_share",
    }
}

crate::text_enum! {
    /// Where a participant stands against the age limit.
    pub enum AgeGroup {
        /// Younger than the limit in the salon's year.
        Young = "young",
        /// At or above the limit.
        Older = "older",
        /// No birth year given.
        Unknown = "unknown",
    }
}

/// One person as the rules see them.
#[derive(Debug, Clone)]
pub struct Person {
    /// Institution as given.
    pub institution: String,
    /// Field as given.
    pub field: String,
    /// Birth year, when given.
    pub birth_year: Option<i32>,
}

/// The age group of someone born in `birth_year`, in `year`.
pub fn age_group(birth_year: Option<i32>, year: i32, rules: &Rules) -> AgeGroup {
    match birth_year {
        None => AgeGroup::Unknown,
        Some(b) if year - b < rules.young_age => AgeGroup::Young,
        Some(_) => AgeGroup::Older,
    }
}

/// The key people are grouped by: case, spaces and full-width spaces do not make a different
/// institution or field.
pub fn key(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Participants from one institution in one field.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UnitFieldGroup {
    /// Institution (as the first of them gave it).
    pub institution: String,
    /// Field (as the first of them gave it).
    pub field: String,
    /// How many.
    pub count: i32,
    /// Above the salon's limit.
    pub over: bool,
}

/// The participants against the rules.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Balance {
    /// Participants.
    pub total: i32,
    /// Fewest planned.
    pub participants_min: i32,
    /// Most planned.
    pub participants_max: i32,
    /// Young participants.
    pub young: i32,
    /// Participants at or above the age limit.
    pub older: i32,
    /// Participants without a birth year.
    pub unknown: i32,
    /// Young share in thousandths (0 without participants).
    pub young_permille: i32,
    /// Least young share, in thousandths.
    pub young_min_permille: i32,
    /// Whether the young share is met now.
    pub young_share_met: bool,
    /// Most participants not known to be young that the planned size admits.
    pub others_cap: i32,
    /// Age limit (years).
    pub young_age: i32,
    /// Most people per institution and field.
    pub unit_field_max: i32,
    /// Groups of two or more from one institution in one field, largest first.
    pub groups: Vec<UnitFieldGroup>,
}

/// The balance of `people` (the participants) in the salon's `year`.
pub fn balance(people: &[Person], year: i32, rules: &Rules) -> Balance {
    let (mut young, mut older, mut unknown) = (0, 0, 0);
    let mut groups: BTreeMap<(String, String), UnitFieldGroup> = BTreeMap::new();
    for p in people {
        match age_group(p.birth_year, year, rules) {
            AgeGroup::Young => young += 1,
            AgeGroup::Older => older += 1,
            AgeGroup::Unknown => unknown += 1,
        }
        if p.institution.trim().is_empty() {
            continue;
        }
        let g = groups
            .entry((key(&p.institution), key(&p.field)))
            .or_insert_with(|| UnitFieldGroup {
                institution: p.institution.trim().to_string(),
                field: p.field.trim().to_string(),
                count: 0,
                over: false,
            });
        g.count += 1;
    }
    let total = people.len() as i32;
    let mut groups: Vec<UnitFieldGroup> = groups
        .into_values()
        .filter(|g| g.count >= 2)
        .map(|g| UnitFieldGroup {
            over: g.count > rules.unit_field_max,
            ..g
        })
        .collect();
    groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.institution.cmp(&b.institution)));
    Balance {
        total,
        participants_min: rules.participants_min,
        participants_max: rules.participants_max,
        young,
        older,
        unknown,
        young_permille: if total == 0 {
            0
        } else {
            (young as i64 * 1000 / total as i64) as i32
        },
        young_min_permille: rules.young_share_permille,
        young_share_met: rules.young_share_met(young as i64, total as i64),
        others_cap: rules.others_cap(),
        young_age: rules.young_age,
        unit_field_max: rules.unit_field_max,
        groups,
    }
}

/// The rules admitting `candidate` to `people` would break. Institution and field: one more
/// than the limit. Young share: someone not known to be young beyond the places the planned
/// size leaves them, so that the share could no longer be reached.
pub fn breaches(people: &[Person], candidate: &Person, year: i32, rules: &Rules) -> Vec<Rule> {
    let mut out = Vec::new();
    if !candidate.institution.trim().is_empty() {
        let k = (key(&candidate.institution), key(&candidate.field));
        let same = people.iter().filter(|p| (key(&p.institution), key(&p.field)) == k).count() as i32;
        if same >= rules.unit_field_max {
            out.push(Rule::UnitField);
        }
    }
    if age_group(candidate.birth_year, year, rules) != AgeGroup::Young {
        let others = people
            .iter()
            .filter(|p| age_group(p.birth_year, year, rules) != AgeGroup::Young)
            .count() as i32;
        if others >= rules.others_cap() {
            out.push(Rule::YoungShare);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(inst: &str, field: &str, born: Option<i32>) -> Person {
        Person {
            institution: inst.into(),
            field: field.into(),
            birth_year: born,
        }
    }

    #[test]
    fn a_fourth_person_from_one_institution_in_one_field_breaks_the_rule() {
        let r = Rules::default();
        let people = vec![
            p("清华大学", "催化", Some(1990)),
            p("清华大学 ", "催化", Some(1991)),
            p("清华大学", "催化", Some(1992)),
        ];
        assert_eq!(
            breaches(&people, &p("清华大学", "催化", Some(1993)), 2026, &r),
            vec![Rule::UnitField]
        );
        assert!(breaches(&people, &p("清华大学", "材料", Some(1993)), 2026, &r).is_empty());
        assert!(breaches(&people, &p("北京大学", "催化", Some(1993)), 2026, &r).is_empty());
        let b = balance(&people, 2026, &r);
        assert_eq!(b.groups.len(), 1);
        assert_eq!(b.groups[0].count, 3);
        assert!(!b.groups[0].over);
    }

    #[test]
    fn institutions_differing_in_case_and_spaces_are_one() {
        assert_eq!(key("  Tsinghua   University "), key("tsinghua university"));
        assert_eq!(key("清华大学\u{3000}"), key("清华大学"));
    }

    #[test]
    fn the_young_share_is_kept_for_young_people_from_the_start() {
        let r = Rules {
            participants_max: 6,
            ..Rules::default()
        };
        // Six places, a third young: two kept for young people, four for the others.
        assert_eq!(r.others_cap(), 4);
        let older: Vec<Person> = (0..4).map(|i| p(&format!("U{i}"), "f", Some(1960))).collect();
        assert!(breaches(&older[..3], &p("X", "f", Some(1960)), 2026, &r).is_empty());
        assert_eq!(breaches(&older, &p("X", "f", Some(1960)), 2026, &r), vec![Rule::YoungShare]);
        // Unknown birth years count as not young.
        assert_eq!(breaches(&older, &p("X", "f", None), 2026, &r), vec![Rule::YoungShare]);
        // A young person is always welcome.
        assert!(breaches(&older, &p("X", "f", Some(1995)), 2026, &r).is_empty());
    }

    #[test]
    fn age_is_counted_in_the_salons_year() {
        let r = Rules::default();
        assert_eq!(age_group(Some(1987), 2026, &r), AgeGroup::Young);
        assert_eq!(age_group(Some(1986), 2026, &r), AgeGroup::Older);
        assert_eq!(age_group(None, 2026, &r), AgeGroup::Unknown);
    }

    #[test]
    fn balance_counts_ages_and_the_share() {
        let r = Rules::default();
        let people = vec![p("A", "x", Some(1995)), p("B", "x", Some(1960)), p("C", "x", None)];
        let b = balance(&people, 2026, &r);
        assert_eq!((b.young, b.older, b.unknown, b.total), (1, 1, 1, 3));
        assert_eq!(b.young_permille, 333);
        assert!(b.young_share_met);
        let b = balance(&people[1..], 2026, &r);
        assert!(!b.young_share_met);
    }
}
