//! Platform metrics (平台指标): figures computed from xuehui's own records for one conference,
//! never typed. Each figure carries what it was computed from (numerator, denominator, the
//! records read) and, when it cannot be computed, why. `compute` reads everything in one
//! transaction's snapshot; the round freezes the result with its time (next step of issue 20).

pub mod compute;
pub mod country;
pub mod figures;
pub mod store;

use serde::Serialize;

crate::text_enum! {
    /// A platform metric (the codes the indicator systems name).
    pub enum Metric {
        /// Valid submissions (withdrawn ones excluded).
        Submissions = "submissions",
        /// Earlier editions held in xuehui.
        EarlierEditions = "earlier_editions",
        /// Accepted among decided papers.
        AcceptanceRate = "acceptance_rate",
        /// Counted reviews per decided paper.
        ReviewersPerPaper = "reviewers_per_paper",
        /// Mean length of the text authors read in a review.
        ReviewLength = "review_length",
        /// 2 double-blind, 1 single-blind, 0 open (the least anonymous call counts).
        Anonymity = "anonymity",
        /// Binding conflicts (declared or confirmed) per paper.
        ConflictsPerPaper = "conflicts_per_paper",
        /// Days from the paper deadline to the last decision told.
        DaysToDecision = "days_to_decision",
        /// Share of discussion time in the published programme.
        DebateShare = "debate_share",
        /// People checked in among people with a confirmed registration.
        Attendance = "attendance",
        /// Mean overall rating in the feedback survey, 1–5.
        Satisfaction = "satisfaction",
        /// Authors from outside mainland China among authors whose country is known.
        InternationalAuthors = "international_authors",
        /// Participants from outside mainland China among those whose country is known.
        InternationalParticipants = "international_participants",
        /// Participants under 40 among those whose birth year is known.
        YoungParticipants = "young_participants",
        /// Presenting authors of accepted papers under 40 among those whose birth year is known.
        YoungSpeakers = "young_speakers",
        /// Accepted papers whose authors later published in journals of a tiered catalogue.
        CatalogueOutputs = "catalogue_outputs",
    }
}

crate::text_enum! {
    /// How a metric's figure reads, and so what a hand-typed one may be.
    pub enum Unit {
        /// A whole number of things (≥ 0).
        Count = "count",
        /// A share, 0–1 (shown and typed on pages as a percentage).
        Share = "share",
        /// A mean per paper (≥ 0).
        PerPaper = "per_paper",
        /// A mean length in characters or words (≥ 0).
        Length = "length",
        /// Days (≥ 0).
        Days = "days",
        /// A mean rating, 1–5.
        Rating = "rating",
        /// 0 open, 1 single-blind, 2 double-blind.
        Anonymity = "anonymity",
    }
}

impl Unit {
    /// Whether `v` is a figure of this unit (finite, within its range).
    pub fn admits(self, v: f64) -> bool {
        v.is_finite()
            && match self {
                Unit::Count => v >= 0.0 && v.fract() == 0.0,
                Unit::Share => (0.0..=1.0).contains(&v),
                Unit::PerPaper | Unit::Length | Unit::Days => v >= 0.0,
                Unit::Rating => (1.0..=5.0).contains(&v),
                Unit::Anonymity => v == 0.0 || v == 1.0 || v == 2.0,
            }
    }
}

impl Metric {
    /// How the metric's figure reads.
    pub fn unit(self) -> Unit {
        match self {
            Metric::Submissions | Metric::EarlierEditions => Unit::Count,
            Metric::AcceptanceRate
            | Metric::DebateShare
            | Metric::Attendance
            | Metric::InternationalAuthors
            | Metric::InternationalParticipants
            | Metric::YoungParticipants
            | Metric::YoungSpeakers
            | Metric::CatalogueOutputs => Unit::Share,
            Metric::ReviewersPerPaper | Metric::ConflictsPerPaper => Unit::PerPaper,
            Metric::ReviewLength => Unit::Length,
            Metric::DaysToDecision => Unit::Days,
            Metric::Satisfaction => Unit::Rating,
            Metric::Anonymity => Unit::Anonymity,
        }
    }
}

/// One computed figure.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Figure {
    /// Which metric.
    pub metric: Metric,
    /// The figure (`None`: it cannot be computed, see `missing`).
    pub value: Option<f64>,
    /// What was counted (for a share: the part).
    pub numerator: f64,
    /// What it was counted against (for a share: the whole; 1 for a plain count).
    pub denominator: f64,
    /// Why there is no figure (a message key), when there is none.
    pub missing: Option<String>,
}

impl Figure {
    /// A figure from a count.
    pub fn count(metric: Metric, n: f64) -> Figure {
        Figure {
            metric,
            value: Some(n),
            numerator: n,
            denominator: 1.0,
            missing: None,
        }
    }

    /// A share or mean `part / whole`; no figure when `whole` is 0 (`why` says what is lacking).
    pub fn ratio(metric: Metric, part: f64, whole: f64, why: &str) -> Figure {
        Figure {
            metric,
            value: (whole > 0.0).then(|| part / whole),
            numerator: part,
            denominator: whole,
            missing: (whole <= 0.0).then(|| why.to_string()),
        }
    }

    /// No figure, because of `why` (a message key).
    pub fn missing(metric: Metric, why: &str) -> Figure {
        Figure {
            metric,
            value: None,
            numerator: 0.0,
            denominator: 0.0,
            missing: Some(why.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_typed_figures_must_fit_their_unit() {
        assert!(Metric::AcceptanceRate.unit().admits(0.25));
        assert!(!Metric::AcceptanceRate.unit().admits(25.0));
        assert!(Metric::Submissions.unit().admits(120.0));
        assert!(!Metric::Submissions.unit().admits(12.5));
        assert!(!Metric::Satisfaction.unit().admits(0.0));
        assert!(Metric::Anonymity.unit().admits(2.0));
        assert!(!Metric::Anonymity.unit().admits(1.5));
        assert!(!Metric::DaysToDecision.unit().admits(f64::NAN));
        assert!(!Metric::DaysToDecision.unit().admits(-1.0));
    }
}
