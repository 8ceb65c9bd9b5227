//! Structured errors: invalid input and infeasibility reasons.
//!
//! Every variant carries the numbers a chair needs to act on it; `Display` renders English, and the service
//! renders other languages from the fields.

use std::fmt;

/// Which input list an [`InputError`] refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairList {
    /// `Problem::candidates`.
    Candidates,
    /// `Problem::conflicts`.
    Conflicts,
    /// `Problem::forbidden`.
    Forbidden,
    /// `Problem::forced`.
    Forced,
    /// The `existing` list of [`super::Mode::Incremental`].
    Existing,
}

/// Why a forced pair is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ban {
    /// The pair is a conflict of interest.
    Conflict,
    /// The pair is in the forbidden list.
    Forbidden,
}

/// A malformed input; nothing was solved.
#[derive(Debug, Clone, PartialEq)]
pub enum InputError {
    /// A per-paper or per-reviewer vector has the wrong length.
    LengthMismatch {
        what: &'static str,
        expected: usize,
        actual: usize,
    },
    /// A reviewer's minimum load is above their maximum load.
    MinLoadExceedsMax { reviewer: u32, min: u32, max: u32 },
    /// A pair names a paper index `>= num_papers`.
    PaperOutOfRange { list: PairList, position: usize, paper: u32 },
    /// A pair names a reviewer index `>= num_reviewers`.
    ReviewerOutOfRange { list: PairList, position: usize, reviewer: u32 },
    /// A candidate score is NaN or infinite.
    NonFiniteScore { position: usize, paper: u32, reviewer: u32 },
    /// The same pair appears twice in a list where that is ambiguous.
    DuplicatePair { list: PairList, paper: u32, reviewer: u32 },
    /// A forced pair is also a conflict or forbidden.
    ForcedPairBanned { paper: u32, reviewer: u32, ban: Ban },
    /// The instance exceeds the engine's index range (more than `u32::MAX` arcs or nodes).
    TooLarge { what: &'static str, count: u64 },
}

/// A reason the constraints cannot all be met. Counts exclude forced pairs, which are already subtracted.
#[derive(Debug, Clone, PartialEq)]
pub enum Infeasibility {
    /// A paper has more forced reviewers than its demand.
    ForcedExceedsDemand { paper: u32, forced: u32, demand: u32 },
    /// A reviewer has more forced papers than their maximum load.
    ForcedExceedsMaxLoad { reviewer: u32, forced: u32, max_load: u32 },
    /// Total demand is above the sum of maximum loads.
    DemandExceedsCapacity { demand: u64, capacity: u64 },
    /// The sum of minimum loads is above total demand.
    MinLoadsExceedDemand { min_total: u64, demand: u64 },
    /// A paper has fewer allowed candidates with spare capacity than it needs.
    PaperShort { paper: u32, needs: u32, available: u32 },
    /// A reviewer has fewer allowed candidate papers than their minimum load.
    ReviewerShort { reviewer: u32, needs: u32, available: u32 },
    /// A group of papers (Hall violator from the min cut) needs more reviews than its allowed reviewers can give.
    PaperGroupShort { papers: Vec<u32>, needs: u64, available: u64 },
    /// A group of reviewers (from the min cut) must review more papers in total than their candidate papers can supply.
    ReviewerGroupShort { reviewers: Vec<u32>, needs: u64, available: u64 },
}

/// Why [`super::solve`] returned no assignment.
#[derive(Debug, Clone, PartialEq)]
pub enum SolveError {
    /// The input is malformed (at most [`MAX_REPORTED`] errors are listed).
    Input(Vec<InputError>),
    /// The input is well-formed but no assignment satisfies all hard constraints (at most [`MAX_REPORTED`] reasons).
    Infeasible(Vec<Infeasibility>),
}

/// Cap on the number of errors or reasons returned, so a broken import cannot produce a huge error value.
pub const MAX_REPORTED: usize = 100;

impl fmt::Display for PairList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PairList::Candidates => "candidate",
            PairList::Conflicts => "conflict",
            PairList::Forbidden => "forbidden",
            PairList::Forced => "forced",
            PairList::Existing => "existing",
        })
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::LengthMismatch { what, expected, actual } => write!(f, "{what} has {actual} entries; expected {expected}"),
            InputError::MinLoadExceedsMax { reviewer, min, max } => {
                write!(f, "reviewer {reviewer} has minimum load {min} above maximum load {max}")
            }
            InputError::PaperOutOfRange { list, position, paper } => write!(f, "{list} pair #{position} names unknown paper {paper}"),
            InputError::ReviewerOutOfRange { list, position, reviewer } => {
                write!(f, "{list} pair #{position} names unknown reviewer {reviewer}")
            }
            InputError::NonFiniteScore { position, paper, reviewer } => {
                write!(
                    f,
                    "candidate #{position} (paper {paper}, reviewer {reviewer}) has a NaN or infinite score"
                )
            }
            InputError::DuplicatePair { list, paper, reviewer } => {
                write!(f, "{list} pair (paper {paper}, reviewer {reviewer}) appears twice")
            }
            InputError::ForcedPairBanned { paper, reviewer, ban } => {
                let why = match ban {
                    Ban::Conflict => "a conflict of interest",
                    Ban::Forbidden => "forbidden",
                };
                write!(f, "forced pair (paper {paper}, reviewer {reviewer}) is {why}")
            }
            InputError::TooLarge { what, count } => write!(f, "too many {what}: {count}"),
        }
    }
}

/// Lists ids, eliding the middle of long sets so messages stay readable.
fn ids(v: &[u32]) -> String {
    const SHOW: usize = 10;
    let shown: Vec<String> = v.iter().take(SHOW).map(|x| x.to_string()).collect();
    if v.len() > SHOW {
        format!("{{{}, … and {} more}}", shown.join(", "), v.len() - SHOW)
    } else {
        format!("{{{}}}", shown.join(", "))
    }
}

impl fmt::Display for Infeasibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Infeasibility::ForcedExceedsDemand { paper, forced, demand } => {
                write!(f, "paper {paper} has {forced} forced reviewers but needs only {demand}")
            }
            Infeasibility::ForcedExceedsMaxLoad {
                reviewer,
                forced,
                max_load,
            } => {
                write!(f, "reviewer {reviewer} has {forced} forced papers but a maximum load of {max_load}")
            }
            Infeasibility::DemandExceedsCapacity { demand, capacity } => {
                write!(f, "papers need {demand} reviews but reviewers' maximum loads total {capacity}")
            }
            Infeasibility::MinLoadsExceedDemand { min_total, demand } => {
                write!(f, "reviewers' minimum loads total {min_total} but papers need only {demand}")
            }
            Infeasibility::PaperShort { paper, needs, available } => write!(
                f,
                "paper {paper} has only {available} unconflicted candidate reviewers with spare capacity; it needs {needs}"
            ),
            Infeasibility::ReviewerShort {
                reviewer,
                needs,
                available,
            } => {
                write!(
                    f,
                    "reviewer {reviewer} must review at least {needs} papers but has only {available} allowed candidates"
                )
            }
            Infeasibility::PaperGroupShort { papers, needs, available } => write!(
                f,
                "papers {} need {needs} reviews in total but their allowed reviewers can give only {available}",
                ids(papers)
            ),
            Infeasibility::ReviewerGroupShort {
                reviewers,
                needs,
                available,
            } => write!(
                f,
                "reviewers {} must review at least {needs} papers in total but their allowed candidate papers can supply only {available}",
                ids(reviewers)
            ),
        }
    }
}

impl fmt::Display for SolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, items): (&str, Vec<String>) = match self {
            SolveError::Input(v) => ("invalid input", v.iter().map(|e| e.to_string()).collect()),
            SolveError::Infeasible(v) => ("no valid assignment exists", v.iter().map(|e| e.to_string()).collect()),
        };
        write!(f, "{head}: {}", items.join("; "))
    }
}

impl std::error::Error for SolveError {}
