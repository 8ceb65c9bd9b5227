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
