//! Aggregate figures of a form's registrations (pure): counts per category and status, and
//! the spread of participation the society documents ask about (age bands, countries,
//! institutions). Birth years appear only here, never per person.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::model::{RegStatus, Registration};

/// Counts of one category (or of registrations without one).
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct CategoryCount {
    /// The category (`null`: none).
    pub category_id: Option<i64>,
    /// Registrations per status.
    pub by_status: BTreeMap<String, i64>,
    /// Active registrations (pending, confirmed, waiting, offered).
    pub active: i64,
}

/// An age band and how many confirmed participants fall in it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgeBand {
    /// `under_30`, `30_34`, `35_39`, `40_49`, `50_plus` or `unknown`.
    pub band: String,
    /// Confirmed participants.
    pub count: i64,
}

/// The spread of the confirmed participants.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Spread {
    /// Confirmed participants.
    pub confirmed: i64,
    /// Of them, under 35 in the event's year (young scientists).
    pub under_35: i64,
    /// With a known birth year.
    pub with_age: i64,
    /// By age band.
    pub ages: Vec<AgeBand>,
    /// Country code -> participants, most first.
    pub countries: Vec<(String, i64)>,
    /// Distinct institutions.
    pub institutions: i64,
}

/// Counts per category, in the categories' order, then those without a category.
pub fn counts(regs: &[Registration], categories: &[i64]) -> Vec<CategoryCount> {
    let mut out: Vec<CategoryCount> = categories
        .iter()
        .map(|&c| CategoryCount {
            category_id: Some(c),
            ..Default::default()
        })
        .collect();
    let mut none = CategoryCount::default();
    for r in regs {
        let slot = match r.category_id.and_then(|c| out.iter_mut().find(|x| x.category_id == Some(c))) {
            Some(s) => s,
            None => &mut none,
        };
        *slot.by_status.entry(r.status.as_str().into()).or_default() += 1;
        if r.status.active() {
            slot.active += 1;
        }
    }
    if !none.by_status.is_empty() {
        out.push(none);
    }
    out
}

fn band(age: i32) -> &'static str {
    match age {
        ..30 => "under_30",
        30..35 => "30_34",
        35..40 => "35_39",
        40..50 => "40_49",
        _ => "50_plus",
    }
}

/// The spread of confirmed participants; ages are taken in `year`.
pub fn spread(regs: &[Registration], year: i32) -> Spread {
    let confirmed: Vec<&Registration> = regs.iter().filter(|r| r.status == RegStatus::Confirmed).collect();
    let mut bands: BTreeMap<&str, i64> = BTreeMap::new();
    let mut countries: BTreeMap<String, i64> = BTreeMap::new();
    let mut institutions = BTreeSet::new();
    let (mut under_35, mut with_age) = (0, 0);
    for r in &confirmed {
        match r.birth_year {
            Some(y) => {
                with_age += 1;
                if year - y < 35 {
                    under_35 += 1;
                }
                *bands.entry(band(year - y)).or_default() += 1;
            }
            None => *bands.entry("unknown").or_default() += 1,
        }
        if !r.country.is_empty() {
            *countries.entry(r.country.clone()).or_default() += 1;
        }
        let inst = r.institution.trim().to_lowercase();
        if !inst.is_empty() {
            institutions.insert(inst);
        }
    }
    let order = ["under_30", "30_34", "35_39", "40_49", "50_plus", "unknown"];
    let mut countries: Vec<(String, i64)> = countries.into_iter().collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Spread {
        confirmed: i64::try_from(confirmed.len()).unwrap_or(i64::MAX),
        under_35,
        with_age,
        ages: order
            .iter()
            .filter_map(|b| bands.get(b).map(|&count| AgeBand { band: (*b).into(), count }))
            .collect(),
        countries,
        institutions: i64::try_from(institutions.len()).unwrap_or(i64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participation::registration::model::Fee;

    fn reg(id: i64, status: RegStatus, category: Option<i64>, birth: Option<i32>, country: &str, inst: &str) -> Registration {
        let t = chrono::NaiveDateTime::default();
        Registration {
            id,
            form_id: 1,
            user_id: id,
            category_id: category,
            status,
            invited: false,
            holds_place: status == RegStatus::Confirmed,
            answers: "{}".into(),
            name_zh: String::new(),
            name_latin: format!("P{id}"),
            institution: inst.into(),
            country: country.into(),
            birth_year: birth,
            code: format!("C{id}"),
            queued_at: None,
            offer_until: None,
            fee: Fee::Open,
            fee_note: String::new(),
            fee_by: None,
            fee_at: None,
            created_at: t,
            updated_at: t,
            version: 1,
            viewpoint: String::new(),
            field: String::new(),
            decision_note: String::new(),
        }
    }

    #[test]
    fn counts_follow_the_categories_and_keep_the_uncategorised_apart() {
        let regs = [
            reg(1, RegStatus::Confirmed, Some(10), None, "", ""),
            reg(2, RegStatus::Waiting, Some(10), None, "", ""),
            reg(3, RegStatus::Cancelled, Some(11), None, "", ""),
            reg(4, RegStatus::Confirmed, None, None, "", ""),
        ];
        let c = counts(&regs, &[10, 11, 12]);
        assert_eq!(c.len(), 4);
        assert_eq!(c[0].active, 2);
        assert_eq!(c[0].by_status["waiting"], 1);
        assert_eq!(c[1].active, 0);
        assert!(c[2].by_status.is_empty());
        assert_eq!(c[3].category_id, None);
        assert_eq!(c[3].active, 1);
    }

    #[test]
    fn the_spread_counts_only_confirmed_people_and_bands_their_ages() {
        let regs = [
            reg(1, RegStatus::Confirmed, None, Some(1995), "CN", "Tsinghua University"),
            reg(2, RegStatus::Confirmed, None, Some(1992), "CN", "tsinghua university "),
            reg(3, RegStatus::Confirmed, None, None, "DE", "TU Berlin"),
            reg(4, RegStatus::Waiting, None, Some(2000), "FR", "X"),
        ];
        let s = spread(&regs, 2027);
        assert_eq!(s.confirmed, 3);
        assert_eq!(s.under_35, 1);
        assert_eq!(s.with_age, 2);
        let bands: Vec<(&str, i64)> = s.ages.iter().map(|a| (a.band.as_str(), a.count)).collect();
        assert_eq!(bands, vec![("30_34", 1), ("35_39", 1), ("unknown", 1)]);
        assert_eq!(s.countries, vec![("CN".to_string(), 2), ("DE".to_string(), 1)]);
        assert_eq!(s.institutions, 2);
    }
}
