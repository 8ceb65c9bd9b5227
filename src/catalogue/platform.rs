//! Indicator values computed from what the field's journals published on this platform: the
//! indicators whose source is not `manual` get, for every journal whose office runs it here, the
//! number of articles it published in the year before the edition's, or their median days from
//! receipt to publication. Journals that do not run here keep their imported values.

use serde::Serialize;
use serde_json::json;

use super::model::{Edition, IndicatorSource};
use super::{audit, store};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::journals::articles::metrics;

/// What a fill wrote.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FillReport {
    /// The year whose articles were counted.
    pub year: i32,
    /// Indicators filled.
    pub indicators: usize,
    /// Journals of the field that run on this platform.
    pub journals: usize,
    /// Values written (a journal without articles that year has no median: its value is cleared).
    pub values: usize,
}

/// The year whose articles an edition's platform indicators count: the one before its own.
pub fn window_year(e: &Edition) -> i32 {
    e.year - 1
}

/// Fills every platform-sourced indicator of `e` and records it in the audit log.
pub fn fill(conn: &mut AnyConnection, e: &Edition, by: Option<i64>) -> AppResult<FillReport> {
    let year = window_year(e);
    let indicators: Vec<_> = store::indicators(conn, e.id)?
        .into_iter()
        .filter(|i| i.source != IndicatorSource::Manual)
        .collect();
    let field: Vec<i64> = crate::journals::store::in_field(conn, e.field_id)?.iter().map(|j| j.id).collect();
    let here = crate::journals::setup::store::set_up(conn, &field)?;
    let (Some(from), Some(to)) = (
        chrono::NaiveDate::from_ymd_opt(year, 1, 1),
        chrono::NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Ok(FillReport {
            year,
            ..Default::default()
        });
    };
    let rows = crate::journals::articles::store::publication_dates(conn, &here, from, to)?;
    let figures = metrics::per_journal(&here, &rows);
    let mut values = 0;
    for i in &indicators {
        for (journal, f) in &figures {
            let value = match i.source {
                IndicatorSource::PlatformArticles => Some(f.articles as f64),
                IndicatorSource::PlatformDaysToPublication => f.median_days,
                IndicatorSource::Manual => continue,
            };
            values += usize::from(value.is_some());
            store::set_indicator_value(conn, i.id, *journal, value)?;
        }
    }
    let report = FillReport {
        year,
        indicators: indicators.len(),
        journals: here.len(),
        values,
    };
    audit::record(
        conn,
        e.id,
        by,
        "indicators_platform",
        None,
        json!({"year": year, "indicators": report.indicators, "journals": report.journals, "values": values}),
    )?;
    Ok(report)
}
