//! The rules of overlap checking: which pairs the index names, when an overlap is a flag, and
//! what one side may see of the other. Pure, no I/O.

use super::model::DualSubmission;
use super::passages::Overlap;

/// A fingerprint found in more documents than this is boilerplate (a funding formula, a
/// licence text), not evidence, and is left out of the candidate search.
pub const COMMON_ABOVE: i64 = 50;
/// The index names at most this many documents per check, those sharing most fingerprints.
pub const CANDIDATES: usize = 50;
/// A document must share at least this many fingerprints to be compared in full.
pub const MIN_SHARED: i64 = 3;
/// A flag is raised when the shared passages cover at least this share (in thousandths) of
/// either text: a tenth, about two pages of a twenty-page paper.
pub const FLAG_PERMILLE: u32 = 100;

/// Whether an overlap between two texts is worth a chair's or editor's attention.
pub fn raises_flag(o: &Overlap) -> bool {
    o.own_permille >= FLAG_PERMILLE || o.other_permille >= FLAG_PERMILLE
}

/// Where the other document of a flag stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = IntegrityStanding)]
pub enum Standing {
    /// Submitted and not decided (or decided and not yet told), or a manuscript in review,
    /// in revision or accepted and not published: confidential to its venue or journal.
    UnderReview,
    /// Accepted and told, or published: anyone may read it.
    Public,
    /// Withdrawn, or rejected and told: no longer a concurrent submission.
    Ended,
}

/// How much of a flag one side sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = IntegrityShown)]
pub enum Shown {
    /// Not listed (the venue allows dual submission, or the other paper was withdrawn or
    /// rejected).
    Hidden,
    /// The other side's venue or journal, the shares and one's own passages only.
    Confidential,
    /// Both texts side by side, with the other paper's title: it is public, or both papers
    /// are one's own venue's.
    SideBySide,
}

/// What the side with `policy` sees of a flag whose other document stands at `other`; `same`
/// when both documents belong to the same venue or journal. `own` is where one's own paper
/// stands: a withdrawn or rejected paper's flags are of no more use.
pub fn shown(policy: DualSubmission, own: Standing, other: Standing, same: bool) -> Shown {
    match (own, other) {
        (Standing::Ended, _) | (_, Standing::Ended) => Shown::Hidden,
        _ if same => Shown::SideBySide,
        (_, Standing::Public) => Shown::SideBySide,
        (_, Standing::UnderReview) => match policy {
            DualSubmission::Allowed => Shown::Hidden,
            DualSubmission::Forbidden | DualSubmission::Declared => Shown::Confidential,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DualSubmission::*;
    use Standing::*;

    #[test]
    fn what_a_side_sees_follows_the_other_papers_standing_and_the_policy() {
        let table = [
            // policy, own, other, same venue, shown
            (Forbidden, UnderReview, UnderReview, false, Shown::Confidential),
            (Declared, UnderReview, UnderReview, false, Shown::Confidential),
            (Allowed, UnderReview, UnderReview, false, Shown::Hidden),
            (Allowed, UnderReview, Public, false, Shown::SideBySide),
            (Forbidden, UnderReview, Public, false, Shown::SideBySide),
            (Forbidden, Public, UnderReview, false, Shown::Confidential),
            (Forbidden, UnderReview, Ended, false, Shown::Hidden),
            (Forbidden, Ended, UnderReview, false, Shown::Hidden),
            (Allowed, UnderReview, UnderReview, true, Shown::SideBySide),
            (Forbidden, UnderReview, Ended, true, Shown::Hidden),
        ];
        for (policy, own, other, same, want) in table {
            assert_eq!(shown(policy, own, other, same), want, "{policy:?} {own:?} {other:?} {same}");
        }
    }

    #[test]
    fn a_tenth_of_either_text_raises_a_flag() {
        let o = |a, b| Overlap {
            passages: vec![],
            own_permille: a,
            other_permille: b,
        };
        assert!(raises_flag(&o(100, 5)));
        assert!(raises_flag(&o(20, 400)));
        assert!(!raises_flag(&o(99, 99)));
    }
}
