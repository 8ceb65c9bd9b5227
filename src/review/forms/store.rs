//! Reading and saving a venue's review form.

use chrono::Utc;
use diesel::prelude::*;

use super::model::{Field, check_form, default_form};
use crate::db::AnyConnection;
use crate::db::schema::review_forms;
use crate::error::{AppError, AppResult};

/// The venue's form, or the default one.
pub fn load(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Vec<Field>> {
    let stored: Option<String> = review_forms::table
        .find(venue_id)
        .select(review_forms::fields)
        .first(conn)
        .optional()?;
    match stored {
        Some(json) => serde_json::from_str(&json).map_err(|e| AppError::caused("stored review form", e)),
        None => Ok(default_form()),
    }
}

/// Whether the venue changed the default form.
pub fn is_custom(conn: &mut AnyConnection, venue_id: i64) -> AppResult<bool> {
    Ok(review_forms::table.find(venue_id).count().get_result::<i64>(conn)? > 0)
}

/// Checks and saves the venue's form.
pub fn save(conn: &mut AnyConnection, venue_id: i64, fields: &[Field]) -> AppResult<()> {
    check_form(fields).map_err(|fields| AppError::Validation { fields })?;
    let json = serde_json::to_string(fields).map_err(|e| AppError::caused("review form", e))?;
    diesel::delete(review_forms::table.find(venue_id)).execute(conn)?;
    diesel::insert_into(review_forms::table)
        .values((
            review_forms::venue_id.eq(venue_id),
            review_forms::fields.eq(json),
            review_forms::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Goes back to the default form.
pub fn reset(conn: &mut AnyConnection, venue_id: i64) -> AppResult<()> {
    diesel::delete(review_forms::table.find(venue_id)).execute(conn)?;
    Ok(())
}
