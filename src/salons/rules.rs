//! The salon rules' numbers (from the CAST salon rules), each a setting of the salon with
//! these defaults (pure).

use serde::{Deserialize, Serialize};

/// A salon's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Rules {
    /// Fewest participants planned (default 20).
    pub participants_min: i32,
    /// Most participants (default 30).
    pub participants_max: i32,
    /// Most participants from one institution in one field (default 3).
    pub unit_field_max: i32,
    /// Participants younger than this many years in the salon's year count as young (default 40).
    pub young_age: i32,
    /// Least share of young participants, in thousandths (default 333: one third).
    pub young_share_permille: i32,
    /// Longest talk in minutes (default 10).
    pub talk_max_min: i32,
    /// Longest key talk in minutes (default 20).
    pub key_talk_max_min: i32,
    /// Longest intervention in minutes (default 5).
    pub intervention_max_min: i32,
    /// Least share of the agenda's time left to free debate, in percent (default 50).
    pub debate_min_pct: i32,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            participants_min: 20,
            participants_max: 30,
            unit_field_max: 3,
            young_age: 40,
            young_share_permille: 333,
            talk_max_min: 10,
            key_talk_max_min: 20,
            intervention_max_min: 5,
            debate_min_pct: 50,
        }
    }
}

impl Rules {
    /// The most participants who are not known to be young that a salon of the planned size
    /// can admit and still reach the young share: the rest of the places are kept for young
    /// people.
    pub fn others_cap(&self) -> i32 {
        let max = self.participants_max.max(0) as i64;
        let young_needed = (max * self.young_share_permille.max(0) as i64 + 999) / 1000;
        (max - young_needed).max(0) as i32
    }

    /// Whether `young` of `total` participants reach the young share.
    pub fn young_share_met(&self, young: i64, total: i64) -> bool {
        total == 0 || young * 1000 >= self.young_share_permille as i64 * total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_third_of_thirty_keeps_ten_places_for_young_people() {
        assert_eq!(Rules::default().others_cap(), 20);
    }

    #[test]
    fn one_third_is_met_by_ten_of_thirty_but_not_by_thirty_three_of_a_hundred() {
        let r = Rules::default();
        assert!(r.young_share_met(10, 30));
        assert!(r.young_share_met(1, 3));
        assert!(!r.young_share_met(9, 28));
        assert!(!r.young_share_met(33, 100));
        assert!(r.young_share_met(0, 0));
    }
}
