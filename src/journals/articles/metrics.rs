//! What a journal's own published articles say about it, for the catalogue's platform-derived
//! indicators (pure): how many it published in a year and how long they took.

use std::collections::HashMap;

use chrono::NaiveDate;

/// One journal's figures over a period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Output {
    /// Articles published.
    pub articles: usize,
    /// Median days from receipt to publication, when any article was published.
    pub median_days: Option<f64>,
}

/// The figures of every journal in `journals` from (journal, received, published) rows: a
/// journal without an article in the rows published none.
pub fn per_journal(journals: &[i64], rows: &[(i64, NaiveDate, NaiveDate)]) -> HashMap<i64, Output> {
    let mut days: HashMap<i64, Vec<i64>> = journals.iter().map(|j| (*j, Vec::new())).collect();
    for (j, received, published) in rows {
        if let Some(d) = days.get_mut(j) {
            d.push((*published - *received).num_days().max(0));
        }
    }
    days.into_iter()
        .map(|(j, mut d)| {
            d.sort_unstable();
            let median_days = match d.len() {
                0 => None,
                n if n % 2 == 1 => Some(d[n / 2] as f64),
                n => Some((d[n / 2 - 1] + d[n / 2]) as f64 / 2.0),
            };
            (
                j,
                Output {
                    articles: d.len(),
                    median_days,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    #[test]
    fn counts_and_the_median_lag_per_journal() {
        let rows = [
            (1, day(1, 1), day(1, 11)),
            (1, day(1, 1), day(1, 31)),
            (1, day(2, 1), day(2, 21)),
            (2, day(3, 1), day(3, 5)),
            (2, day(3, 1), day(3, 15)),
            (9, day(3, 1), day(3, 15)),
        ];
        let out = per_journal(&[1, 2, 3], &rows);
        assert_eq!(
            out[&1],
            Output {
                articles: 3,
                median_days: Some(20.0)
            }
        );
        assert_eq!(
            out[&2],
            Output {
                articles: 2,
                median_days: Some(9.0)
            },
            "even count: mean of the middle two"
        );
        assert_eq!(
            out[&3],
            Output {
                articles: 0,
                median_days: None
            },
            "a journal set up here that published nothing"
        );
        assert!(!out.contains_key(&9), "journals outside the list are left out");
    }

    #[test]
    fn an_article_dated_published_before_received_counts_zero_days() {
        let out = per_journal(&[1], &[(1, day(5, 1), day(4, 1))]);
        assert_eq!(out[&1].median_days, Some(0.0));
    }
}
