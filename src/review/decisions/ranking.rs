//! Score aggregation for the decision table: mean, confidence-weighted mean and spread of a
//! paper's submitted overall scores, and the order of the table.

use serde::Serialize;

/// A paper's aggregated scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Aggregate {
    /// Overall scores of the submitted reviews, in review order.
    pub scores: Vec<i32>,
    /// Mean overall score.
    pub mean: Option<f64>,
    /// Mean weighted by each reviewer's confidence (a review without one weighs 1).
    pub weighted_mean: Option<f64>,
    /// Highest minus lowest score: a large spread marks papers to discuss.
    pub spread: Option<i32>,
}

/// Aggregates `(overall, confidence)` pairs of submitted reviews.
pub fn aggregate(reviews: &[(i32, Option<i32>)]) -> Aggregate {
    if reviews.is_empty() {
        return Aggregate::default();
    }
    let n = reviews.len() as f64;
    let sum: f64 = reviews.iter().map(|(s, _)| f64::from(*s)).sum();
    let weight = |c: &Option<i32>| f64::from(c.unwrap_or(1).max(1));
    let wsum: f64 = reviews.iter().map(|(s, c)| f64::from(*s) * weight(c)).sum();
    let wtotal: f64 = reviews.iter().map(|(_, c)| weight(c)).sum();
    let max = reviews.iter().map(|(s, _)| *s).max().unwrap_or(0);
    let min = reviews.iter().map(|(s, _)| *s).min().unwrap_or(0);
    Aggregate {
        scores: reviews.iter().map(|(s, _)| *s).collect(),
        mean: Some(sum / n),
        weighted_mean: Some(wsum / wtotal),
        spread: Some(max - min),
    }
}

/// How the table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Confidence-weighted mean, best first (the default).
    Weighted,
    /// Mean, best first.
    Mean,
    /// Spread, most disputed first.
    Spread,
    /// Reviews done, fewest first (to chase missing reviews).
    Done,
    /// Paper number.
    Number,
}

impl Sort {
    /// Parses a `sort` parameter.
    pub fn parse(s: &str) -> Option<Sort> {
        Some(match s {
            "" | "weighted" => Sort::Weighted,
            "mean" => Sort::Mean,
            "spread" => Sort::Spread,
            "done" => Sort::Done,
            "number" => Sort::Number,
            _ => return None,
        })
    }
}

/// What ranking needs of a row.
pub trait Ranked {
    /// Paper number (the final tie-breaker).
    fn number(&self) -> i32;
    /// Aggregated scores.
    fn aggregate(&self) -> &Aggregate;
    /// Submitted reviews.
    fn done(&self) -> usize;
}

/// Sorts rows in place; papers without scores go last in score orders, ties by number.
pub fn sort<R: Ranked>(rows: &mut [R], by: Sort) {
    // Descending by an optional float, missing last.
    let desc = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    };
    rows.sort_by(|a, b| {
        let (x, y) = (a.aggregate(), b.aggregate());
        let primary = match by {
            Sort::Weighted => desc(x.weighted_mean, y.weighted_mean).then(desc(x.mean, y.mean)),
            Sort::Mean => desc(x.mean, y.mean).then(desc(x.weighted_mean, y.weighted_mean)),
            Sort::Spread => desc(x.spread.map(f64::from), y.spread.map(f64::from)),
            Sort::Done => a.done().cmp(&b.done()),
            Sort::Number => std::cmp::Ordering::Equal,
        };
        primary.then(a.number().cmp(&b.number()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Row(i32, Aggregate);
    impl Ranked for Row {
        fn number(&self) -> i32 {
            self.0
        }
        fn aggregate(&self) -> &Aggregate {
            &self.1
        }
        fn done(&self) -> usize {
            self.1.scores.len()
        }
    }

    #[test]
    fn confident_reviewers_weigh_more() {
        let a = aggregate(&[(5, Some(4)), (1, Some(1))]);
        assert_eq!(a.mean, Some(3.0));
        assert_eq!(a.weighted_mean, Some(21.0 / 5.0));
        assert_eq!(a.spread, Some(4));
        assert_eq!(a.scores, vec![5, 1]);
    }

    #[test]
    fn a_review_without_confidence_weighs_one() {
        let a = aggregate(&[(4, None), (2, Some(1))]);
        assert_eq!(a.weighted_mean, Some(3.0));
    }

    #[test]
    fn no_reviews_means_no_scores() {
        let a = aggregate(&[]);
        assert_eq!(a.mean, None);
        assert_eq!(a.weighted_mean, None);
        assert_eq!(a.spread, None);
    }

    #[test]
    fn best_first_unscored_last_ties_by_number() {
        let mut rows = vec![
            Row(1, aggregate(&[])),
            Row(2, aggregate(&[(3, Some(2))])),
            Row(3, aggregate(&[(5, Some(1)), (2, Some(3))])),
            Row(4, aggregate(&[(4, Some(4))])),
            Row(5, aggregate(&[(3, Some(2))])),
        ];
        sort(&mut rows, Sort::Weighted);
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [4, 2, 5, 3, 1], "ties by number");
        sort(&mut rows, Sort::Mean);
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [4, 3, 2, 5, 1]);
        sort(&mut rows, Sort::Spread);
        assert_eq!(rows[0].0, 3);
        sort(&mut rows, Sort::Done);
        assert_eq!(rows[0].0, 1, "fewest reviews first");
        sort(&mut rows, Sort::Number);
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    }

    #[test]
    fn unknown_sorts_are_refused() {
        assert_eq!(Sort::parse(""), Some(Sort::Weighted));
        assert_eq!(Sort::parse("spread"), Some(Sort::Spread));
        assert_eq!(Sort::parse("random"), None);
    }
}
