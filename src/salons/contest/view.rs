//! What contest readers get back, shared by the API and the pages: the organisers' settings,
//! entries and judges, a judge's sheet (their own scores only), the organisers' board, and the
//! public results (no judge names, no individual scores).

use chrono::NaiveDateTime;
use serde::Serialize;

use super::model::{ContestAward, ContestCriterion, ContestMethod, ContestState};

/// The contest's settings as the organisers manage them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestSettings {
    /// Setup, open, closed or published.
    pub state: ContestState,
    /// Only papers of this track enter.
    pub track_id: Option<i64>,
    /// How talks' scores are made.
    pub method: ContestMethod,
    /// Totals the trimmed mean drops on each side.
    pub trim: i64,
    /// The score form.
    pub criteria: Vec<ContestCriterion>,
    /// Award tiers, highest first.
    pub awards: Vec<ContestAward>,
    /// Someone has scored: the score form is fixed.
    pub scored: bool,
}

/// A paper in the contest (or that could enter it).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestPaper {
    /// The submission's id.
    pub submission_id: i64,
    /// Its number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// The presenting author's Chinese name.
    pub presenter_zh: String,
    /// The presenting author's name in Latin script.
    pub presenter_latin: String,
}

/// A talk of the contest.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestEntryView {
    /// The entry's id (judges score `/contest/entries/{id}/scores/mine`).
    pub id: i64,
    /// Talk order, 1 first.
    pub position: i64,
    /// The paper.
    #[serde(flatten)]
    pub paper: ContestPaper,
}

/// The contest's entries and the accepted papers that could enter.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestEntries {
    /// The talks in order.
    pub entries: Vec<ContestEntryView>,
    /// Accepted papers (told their decision, of the contest's track if set) not in the contest.
    pub candidates: Vec<ContestPaper>,
}

/// A judge as the organisers see them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestJudge {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// Address.
    pub email: String,
    /// How many talks they have scored.
    pub scored: i64,
}

/// A talk on a judge's sheet.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestSheetEntry {
    /// The talk.
    #[serde(flatten)]
    pub entry: ContestEntryView,
    /// The judge may not score it (their own paper or a conflict).
    pub conflict: bool,
    /// Whether they have scored it.
    pub scored: bool,
    /// Their points per criterion, when scored.
    pub points: Option<Vec<u32>>,
    /// Their comment.
    pub comment: String,
}

/// What a judge sees: the state, the form and the talks with their own scores only.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestSheet {
    /// Judges score only while the contest is open.
    pub state: ContestState,
    /// The score form.
    pub criteria: Vec<ContestCriterion>,
    /// The talks in order.
    pub entries: Vec<ContestSheetEntry>,
}

/// One judge's total for a talk on the board.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestJudgeTotal {
    /// The judge.
    pub judge_id: i64,
    /// Their total out of 100 (two decimals), none when not scored.
    pub total: Option<f64>,
    /// They may not score this talk.
    pub conflict: bool,
}

/// A talk on the organisers' board.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestBoardRow {
    /// The talk.
    #[serde(flatten)]
    pub entry: ContestEntryView,
    /// Judges who may score it.
    pub eligible: i64,
    /// Of those, how many have.
    pub scored: i64,
    /// Some judge who may score it has not.
    pub missing: bool,
    /// Per judge, in the order of `judges`.
    pub totals: Vec<ContestJudgeTotal>,
    /// The talk's score (two decimals), none without scores.
    pub score: Option<f64>,
    /// Highest and lowest totals were dropped (false: too few scores to trim, or another method).
    pub trimmed: bool,
    /// Rank (ties share one), none without scores.
    pub rank: Option<u32>,
    /// The award tier (index into `awards`), if any.
    pub award: Option<usize>,
}

/// A tier given to more talks than its count because tied talks were not split.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestOverflow {
    /// The tier (index into `awards`).
    pub tier: usize,
    /// Its count.
    pub count: u32,
    /// How many talks received it.
    pub given: u32,
}

/// The organisers' live board.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestBoard {
    /// State.
    pub state: ContestState,
    /// Method.
    pub method: ContestMethod,
    /// Trim of the trimmed mean.
    pub trim: i64,
    /// The judges (named only to the organisers).
    pub judges: Vec<ContestJudge>,
    /// Award tiers.
    pub awards: Vec<ContestAward>,
    /// Talks by rank (unranked last, in talk order).
    pub rows: Vec<ContestBoardRow>,
    /// Tiers exceeded by ties.
    pub overflows: Vec<ContestOverflow>,
}

/// A talk in the published results.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestResultRow {
    /// The paper.
    #[serde(flatten)]
    pub paper: ContestPaper,
    /// Score (two decimals).
    pub score: Option<f64>,
    /// How many judges' totals it rests on.
    pub counted: i64,
    /// Highest and lowest totals were dropped.
    pub trimmed: bool,
    /// Rank.
    pub rank: Option<u32>,
    /// Award, Chinese name.
    pub award_zh: Option<String>,
    /// Award, English name.
    pub award_en: Option<String>,
}

/// The published results of a contest.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ContestResults {
    /// Method.
    pub method: ContestMethod,
    /// Trim of the trimmed mean.
    pub trim: i64,
    /// When published (UTC).
    #[serde(with = "crate::web::utc")]
    pub published_at: NaiveDateTime,
    /// Award tiers.
    pub awards: Vec<ContestAward>,
    /// Talks by rank.
    pub rows: Vec<ContestResultRow>,
    /// Tiers exceeded by ties.
    pub overflows: Vec<ContestOverflow>,
}
