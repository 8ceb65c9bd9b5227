//! How a round's scores spread (pure): five-number summaries and histograms, for the charts
//! of the reports.

use serde::Serialize;

/// A five-number summary of some scores (quartiles by linear interpolation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationSpread)]
pub struct Spread {
    /// How many scores.
    pub n: usize,
    /// Lowest.
    pub min: f64,
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    /// Highest.
    pub max: f64,
}

fn quantile(sorted: &[f64], p: f64) -> f64 {
    let pos = p * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// The summary of `values` (non-finite ones ignored); `None` when there is none.
pub fn spread(values: &[f64]) -> Option<Spread> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(Spread {
        n: v.len(),
        min: v[0],
        q1: quantile(&v, 0.25),
        median: quantile(&v, 0.5),
        q3: quantile(&v, 0.75),
        max: v[v.len() - 1],
    })
}

/// Counts of scores 0–100 in ten bins of width 10 (100 falls in the last one).
pub fn histogram(values: &[f64]) -> [usize; 10] {
    let mut bins = [0; 10];
    for v in values.iter().filter(|x| x.is_finite()) {
        bins[((v.clamp(0.0, 100.0) / 10.0).floor() as usize).min(9)] += 1;
    }
    bins
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_between_scores() {
        let s = spread(&[40.0, 10.0, 30.0, 20.0, 50.0]).unwrap();
        assert_eq!((s.n, s.min, s.q1, s.median, s.q3, s.max), (5, 10.0, 20.0, 30.0, 40.0, 50.0));
        let s = spread(&[0.0, 100.0]).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (25.0, 50.0, 75.0));
        assert_eq!(spread(&[f64::NAN]), None);
        assert_eq!(spread(&[]), None);
    }

    #[test]
    fn a_full_score_falls_in_the_top_bin() {
        let h = histogram(&[0.0, 9.99, 10.0, 55.0, 100.0, -3.0]);
        assert_eq!(h, [3, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    }
}
