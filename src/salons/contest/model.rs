//! Rows of a speech contest: the contest (its state, method, score form and award tiers), its
//! entries in talk order, and the judges' scores.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{contest_entries, contest_scores, contests};

crate::text_enum! {
    /// Where a contest stands; the organisers move it.
    pub enum ContestState {
        /// Being prepared: score form, entries, judges.
        Setup = "setup",
        /// Judges are scoring.
        Open = "open",
        /// No more scores; the organisers check the board (and may reopen).
        Closed = "closed",
        /// The results are public.
        Published = "published",
    }
}

crate::text_enum! {
    /// How a talk's score is made from its judges' totals.
    pub enum ContestMethod {
        /// Drop the highest and lowest totals (`trim` of each), then average.
        TrimmedMean = "trimmed_mean",
        /// Average every total.
        Mean = "mean",
        /// The middle total.
        Median = "median",
    }
}

/// One criterion of the score form (stored in the contest's `criteria` JSON, in order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContestCriterion {
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// What judges look at (optional), Chinese.
    #[serde(default)]
    pub description_zh: String,
    /// What judges look at (optional), English.
    #[serde(default)]
    pub description_en: String,
    /// Most points a judge may give (whole points).
    pub max: u32,
    /// Weight in the total.
    pub weight: u32,
}

/// One award tier (stored in the contest's `awards` JSON, highest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContestAward {
    /// Chinese name (一等奖).
    pub name_zh: String,
    /// English name (First prize).
    pub name_en: String,
    /// How many talks receive it.
    pub count: u32,
}

/// A venue's contest.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contests)]
pub struct Contest {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Only papers of this track enter (a conference's forum track).
    pub track_id: Option<i64>,
    /// Setup, open, closed or published.
    #[diesel(deserialize_as = String)]
    pub state: ContestState,
    /// Trimmed mean, mean or median.
    #[diesel(deserialize_as = String)]
    pub method: ContestMethod,
    /// Highest and lowest totals dropped by the trimmed mean (each).
    pub trim_count: i32,
    /// The score form, JSON list of [`ContestCriterion`].
    pub criteria: String,
    /// Award tiers, JSON list of [`ContestAward`].
    pub awards: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// When the results were published.
    pub published_at: Option<NaiveDateTime>,
}

impl Contest {
    /// The score form.
    pub fn criteria(&self) -> Vec<ContestCriterion> {
        serde_json::from_str(&self.criteria).unwrap_or_default()
    }

    /// The award tiers.
    pub fn awards(&self) -> Vec<ContestAward> {
        serde_json::from_str(&self.awards).unwrap_or_default()
    }
}

/// A talk in the contest.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contest_entries)]
pub struct Entry {
    /// Id.
    pub id: i64,
    /// Contest.
    pub contest_id: i64,
    /// The paper.
    pub submission_id: i64,
    /// Talk order (0 first).
    pub position: i32,
}

/// A judge's score of a talk.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contest_scores)]
pub struct JudgeScore {
    /// Id.
    pub id: i64,
    /// Contest.
    pub contest_id: i64,
    /// Entry.
    pub entry_id: i64,
    /// The judge's account.
    pub judge_id: i64,
    /// Points per criterion in the form's order, JSON list.
    pub points: String,
    /// The judge's comment (seen by the organisers).
    pub comment: String,
    /// Last saved.
    pub updated_at: NaiveDateTime,
}

impl JudgeScore {
    /// Points per criterion.
    pub fn points(&self) -> Vec<u32> {
        serde_json::from_str(&self.points).unwrap_or_default()
    }
}
