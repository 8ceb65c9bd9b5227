//! Per-venue review settings: assignment defaults and affinity weights.

use chrono::Utc;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::affinity::Weights;
use crate::db::AnyConnection;
use crate::db::schema::{paper_demands, review_settings};
use crate::error::{AppError, AppResult, FieldErrors};

/// A venue's review settings.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Settings {
    /// Reviewers each paper needs.
    pub reviewers_per_paper: i32,
    /// Least papers per reviewer.
    pub min_load: i32,
    /// Most papers per reviewer.
    pub max_load: i32,
    /// Affinity weights.
    pub weights: Weights,
    /// Use imported affinities instead of computing them.
    pub use_imported: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            reviewers_per_paper: 3,
            min_load: 0,
            max_load: 6,
            weights: Weights::default(),
            use_imported: false,
        }
    }
}

/// Loads a venue's settings (defaults when none are saved).
pub fn load(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Settings> {
    let row: Option<(i32, i32, i32, f64, f64, f64, bool)> = review_settings::table
        .find(venue_id)
        .select((
            review_settings::reviewers_per_paper,
            review_settings::min_load,
            review_settings::max_load,
            review_settings::weight_bid,
            review_settings::weight_topic,
            review_settings::weight_text,
            review_settings::use_imported,
        ))
        .first(conn)
        .optional()?;
    Ok(match row {
        Some((k, min, max, bid, topic, text, imported)) => Settings {
            reviewers_per_paper: k,
            min_load: min,
            max_load: max,
            weights: Weights { bid, topic, text },
            use_imported: imported,
        },
        None => Settings::default(),
    })
}

/// Checks settings.
pub fn validate(s: &Settings) -> Result<(), AppError> {
    let mut f = FieldErrors::new();
    if !(1..=20).contains(&s.reviewers_per_paper) {
        f.insert("reviewers_per_paper".into(), "validation.k_range".into());
    }
    if !(0..=1000).contains(&s.min_load) {
        f.insert("min_load".into(), "validation.load_range".into());
    }
    if !(1..=1000).contains(&s.max_load) || s.max_load < s.min_load {
        f.insert("max_load".into(), "validation.max_load".into());
    }
    for (name, w) in [
        ("weight_bid", s.weights.bid),
        ("weight_topic", s.weights.topic),
        ("weight_text", s.weights.text),
    ] {
        if !w.is_finite() || !(0.0..=100.0).contains(&w) {
            f.insert(name.into(), "validation.weight_range".into());
        }
    }
    if f.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// Saves a venue's settings.
pub fn save(conn: &mut AnyConnection, venue_id: i64, s: &Settings) -> AppResult<()> {
    validate(s)?;
    diesel::delete(review_settings::table.find(venue_id)).execute(conn)?;
    diesel::insert_into(review_settings::table)
        .values((
            review_settings::venue_id.eq(venue_id),
            review_settings::reviewers_per_paper.eq(s.reviewers_per_paper),
            review_settings::min_load.eq(s.min_load),
            review_settings::max_load.eq(s.max_load),
            review_settings::weight_bid.eq(s.weights.bid),
            review_settings::weight_topic.eq(s.weights.topic),
            review_settings::weight_text.eq(s.weights.text),
            review_settings::use_imported.eq(s.use_imported),
            review_settings::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Papers that need another number of reviewers: submission id -> reviewers.
pub fn paper_demands(conn: &mut AnyConnection, venue_id: i64) -> AppResult<std::collections::HashMap<i64, i32>> {
    use crate::db::schema::submissions;
    Ok(paper_demands::table
        .inner_join(submissions::table)
        .filter(submissions::venue_id.eq(venue_id))
        .select((paper_demands::submission_id, paper_demands::reviewers))
        .load::<(i64, i32)>(conn)?
        .into_iter()
        .collect())
}

/// Sets (or, with `None`, clears) one paper's own number of reviewers.
pub fn set_paper_demand(conn: &mut AnyConnection, submission_id: i64, reviewers: Option<i32>) -> AppResult<()> {
    if reviewers.is_some_and(|k| !(0..=20).contains(&k)) {
        return Err(AppError::field("reviewers", "validation.k_range"));
    }
    diesel::delete(paper_demands::table.find(submission_id)).execute(conn)?;
    if let Some(k) = reviewers {
        diesel::insert_into(paper_demands::table)
            .values((paper_demands::submission_id.eq(submission_id), paper_demands::reviewers.eq(k)))
            .execute(conn)?;
    }
    Ok(())
}
