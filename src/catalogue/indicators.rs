//! Indicator values from CSV: a `journal` column (ISSN, eISSN or CN number of a journal in the
//! edition's field) and one column per indicator code. An empty cell clears the value. Every row
//! is checked first: all rows are applied or none, with a per-row report.

use std::collections::HashMap;

use serde_json::json;

use super::model::Edition;
use super::{audit, store};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::journals::import::{ImportReport, RowError};

/// One value to write: (indicator id, journal id, value or None to clear).
pub type Value = (i64, i64, Option<f64>);

fn err(line: usize, column: &str, problem: &str, value: &str) -> RowError {
    RowError {
        line,
        column: column.into(),
        problem: problem.into(),
        value: value.chars().take(200).collect(),
    }
}

/// Parses and checks a file: `indicators` maps codes to ids, `journals` identifiers of the
/// field's journals to ids (pure).
pub fn parse(data: &[u8], indicators: &HashMap<String, i64>, journals: &HashMap<String, i64>) -> Result<Vec<Value>, Vec<RowError>> {
    let data = data.strip_prefix("\u{feff}".as_bytes()).unwrap_or(data);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(data);
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => return Err(vec![err(1, "", "register_import.unreadable", &e.to_string())]),
    };
    let mut errors = Vec::new();
    if headers.first().map(String::as_str) != Some("journal") {
        errors.push(err(1, "journal", "register_import.missing_column", "journal"));
    }
    for h in headers.iter().skip(1) {
        if !indicators.contains_key(h) {
            errors.push(err(1, h, "indicator_import.unknown_indicator", h));
        }
    }
    if headers.len() < 2 {
        errors.push(err(1, "", "indicator_import.no_indicators", ""));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    let mut seen = HashMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(err(line, "", "register_import.unreadable", &e.to_string()));
                continue;
            }
        };
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let key = rec.get(0).unwrap_or("");
        let id = crate::journals::identifiers::issn(key)
            .or_else(|| crate::journals::identifiers::cn(key))
            .and_then(|k| journals.get(&k).copied());
        let Some(journal) = id else {
            errors.push(err(line, "journal", "indicator_import.unknown_journal", key));
            continue;
        };
        if let Some(first) = seen.insert(journal, line) {
            errors.push(err(line, "journal", "register_import.duplicate", &format!("{key} (line {first})")));
            continue;
        }
        for (col, h) in headers.iter().enumerate().skip(1) {
            let cell = rec.get(col).unwrap_or("");
            let value = if cell.is_empty() {
                None
            } else {
                match cell.replace(',', ".").parse::<f64>() {
                    Ok(v) if v.is_finite() => Some(v),
                    _ => {
                        errors.push(err(line, h, "indicator_import.not_a_number", cell));
                        continue;
                    }
                }
            };
            out.push((indicators[h], journal, value));
        }
    }
    if errors.is_empty() && out.is_empty() {
        errors.push(err(0, "", "register_import.empty", ""));
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Checks the file against the edition and writes every value, or none.
pub fn apply(conn: &mut AnyConnection, e: &Edition, by: i64, data: &[u8]) -> AppResult<ImportReport> {
    let indicators: HashMap<String, i64> = store::indicators(conn, e.id)?.into_iter().map(|i| (i.code, i.id)).collect();
    let mut journals = HashMap::new();
    for j in crate::journals::store::in_field(conn, e.field_id)? {
        for k in [j.issn, j.eissn, j.cn].into_iter().flatten() {
            journals.insert(k, j.id);
        }
    }
    let values = match parse(data, &indicators, &journals) {
        Ok(v) => v,
        Err(errors) => {
            return Ok(ImportReport {
                errors,
                ..Default::default()
            });
        }
    };
    let rows: std::collections::HashSet<i64> = values.iter().map(|v| v.1).collect();
    for (indicator, journal, value) in &values {
        store::set_indicator_value(conn, *indicator, *journal, *value)?;
    }
    audit::record(
        conn,
        e.id,
        Some(by),
        "indicators",
        None,
        json!({"journals": rows.len(), "values": values.len()}),
    )?;
    Ok(ImportReport {
        updated: rows.len(),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (HashMap<String, i64>, HashMap<String, i64>) {
        (
            HashMap::from([("impact_factor".into(), 1), ("days".into(), 2)]),
            HashMap::from([("0254-4164".into(), 10), ("11-1826/TP".into(), 10), ("0001-0782".into(), 11)]),
        )
    }

    #[test]
    fn values_are_read_per_journal_and_indicator() {
        let (i, j) = setup();
        let v = parse(
            b"journal,impact_factor,days\n0254-4164,2.5,120\nCN 11-2560/TP,,\n0001-0782,\"14,1\",\n".as_ref(),
            &i,
            &j,
        );
        let errors = v.unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            (errors[0].line, errors[0].problem.as_str()),
            (3, "indicator_import.unknown_journal")
        );
        let v = parse(
            b"journal,impact_factor,days\n0254-4164,2.5,120\n0001-0782,\"14,1\",\n".as_ref(),
            &i,
            &j,
        )
        .unwrap();
        assert_eq!(
            v,
            vec![(1, 10, Some(2.5)), (2, 10, Some(120.0)), (1, 11, Some(14.1)), (2, 11, None)]
        );
    }

    #[test]
    fn bad_numbers_and_unknown_columns_are_reported() {
        let (i, j) = setup();
        let errors = parse(b"journal,impact_factor,colour\n".as_ref(), &i, &j).unwrap_err();
        assert!(errors.iter().any(|e| e.column == "colour"));
        let errors = parse(b"journal,impact_factor\n0254-4164,high\n".as_ref(), &i, &j).unwrap_err();
        assert_eq!(
            (errors[0].column.as_str(), errors[0].problem.as_str()),
            ("impact_factor", "indicator_import.not_a_number")
        );
    }

    #[test]
    fn the_same_journal_twice_is_refused_even_under_another_identifier() {
        let (i, j) = setup();
        let errors = parse(b"journal,impact_factor\n0254-4164,1\nCN 11-1826/TP,2\n".as_ref(), &i, &j).unwrap_err();
        assert_eq!(errors[0].problem, "register_import.duplicate");
    }
}
