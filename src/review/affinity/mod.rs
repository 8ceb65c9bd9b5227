//! How well a committee member fits a paper: their bid, the overlap of the paper's topics with
//! theirs, and the text similarity between the paper and their expertise and earlier papers,
//! weighted per venue; or scores imported from elsewhere (openreview-matcher's CSV).

pub mod api;
pub mod compute;
pub mod import;
pub mod text;

use crate::review::bids::model::Bid;

/// Per-venue weights of the three parts.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Weights {
    /// Weight of the bid.
    pub bid: f64,
    /// Weight of the topic overlap.
    pub topic: f64,
    /// Weight of the text similarity.
    pub text: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            bid: 1.0,
            topic: 0.5,
            text: 1.0,
        }
    }
}

/// A bid as a number: no bid is neutral; "not willing" weighs more than "eager" so that it
/// is rarely overridden by text similarity.
pub fn bid_score(b: Option<Bid>) -> f64 {
    match b {
        Some(Bid::Eager) => 1.0,
        Some(Bid::Willing) => 0.5,
        None => 0.0,
        Some(Bid::InAPinch) => -0.5,
        Some(Bid::NotWilling) => -2.0,
    }
}

/// Share of the paper's topics the member chose (0 when the paper has none).
pub fn topic_overlap(paper: &[i64], member: &[i64]) -> f64 {
    if paper.is_empty() {
        return 0.0;
    }
    paper.iter().filter(|t| member.contains(t)).count() as f64 / paper.len() as f64
}

/// The weighted affinity.
pub fn combine(w: Weights, bid: Option<Bid>, topics: f64, text: f64) -> f64 {
    w.bid * bid_score(bid) + w.topic * topics + w.text * text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bids_dominate_and_parts_add_up() {
        let w = Weights::default();
        assert!(combine(w, Some(Bid::Eager), 0.0, 0.0) > combine(w, None, 1.0, 0.4));
        assert!(combine(w, Some(Bid::NotWilling), 1.0, 1.0) < 0.0);
        assert_eq!(topic_overlap(&[1, 2], &[2, 3]), 0.5);
        assert_eq!(topic_overlap(&[], &[2]), 0.0);
        let only_text = Weights {
            bid: 0.0,
            topic: 0.0,
            text: 2.0,
        };
        assert_eq!(combine(only_text, Some(Bid::Eager), 1.0, 0.25), 0.5);
    }
}
