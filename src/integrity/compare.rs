//! One document against the candidates the fingerprint index named: the exact overlaps that
//! raise a flag. Pure, no I/O; the check job and the benchmark share it.

use super::passages::{Overlap, Prepared, compare};
use super::rules::raises_flag;

/// The candidates (id and text) whose overlap with `own` raises a flag, with the overlap seen
/// from `own`'s side.
pub fn flagged(own: &str, candidates: &[(i64, String)]) -> Vec<(i64, Overlap)> {
    let own = Prepared::new(own);
    candidates
        .iter()
        .filter_map(|(id, text)| {
            let o = compare(&own, &Prepared::new(text));
            raises_flag(&o).then_some((*id, o))
        })
        .collect()
}

/// Of the documents sharing fingerprints (id, count), the ones worth comparing in full: at
/// least `min` shared, the `max` sharing most, in that order.
pub fn candidates(shared: impl IntoIterator<Item = (i64, i64)>, min: i64, max: usize) -> Vec<i64> {
    let mut v: Vec<(i64, i64)> = shared.into_iter().filter(|(_, n)| *n >= min).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().take(max).map(|(id, _)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_sharing_most_are_compared_first() {
        let got = candidates([(1, 2), (2, 9), (3, 5), (4, 9)], 3, 2);
        assert_eq!(got, [2, 4]);
    }

    #[test]
    fn only_real_overlaps_are_flagged() {
        let base = "Operando spectroscopy follows how single atom active sites change during three hundred hours of water electrolysis at industrial current density, and the coordination shell decides the stability. ".repeat(3);
        let near = format!("{base} A new closing sentence is all that differs between the two versions here.");
        let other =
            "A study of rural markets in winter, the prices of grain and how traders travel between towns when roads close.".repeat(3);
        let got = flagged(&base, &[(7, near), (8, other)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 7);
        assert!(got[0].1.own_permille > 900);
    }
}
