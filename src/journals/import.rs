//! CSV import into the register. The header names the columns (any order):
//! `name_zh,name_en,issn,eissn,cn,publisher,country,languages,kind,fields,website`; lists in a
//! cell are separated by `;`. A row whose ISSN, eISSN or CN number is already in the register
//! updates that journal, any other row adds one. Every row is checked first: either all rows
//! are applied or none, and the report names each bad row, column and value.

use std::collections::HashMap;

use serde::Serialize;

use super::store;
use super::validate::{self, JournalInput, JournalSpec};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// Columns a file may have.
pub const COLUMNS: [&str; 11] = [
    "name_zh",
    "name_en",
    "issn",
    "eissn",
    "cn",
    "publisher",
    "country",
    "languages",
    "kind",
    "fields",
    "website",
];
/// Columns a file must have.
pub const REQUIRED: [&str; 5] = ["issn", "country", "languages", "kind", "fields"];
/// Largest file accepted, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Most rows accepted in one file.
pub const MAX_ROWS: usize = 20_000;

/// A problem with one cell or row.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = JournalRowError)]
pub struct RowError {
    /// 1-based line number in the file (the header is line 1); 0 for the file as a whole.
    pub line: usize,
    /// Column name, empty for the whole row.
    pub column: String,
    /// Message key (pages translate it).
    pub problem: String,
    /// The offending value.
    pub value: String,
}

/// What an import did, or why it did nothing.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = JournalImportReport)]
pub struct ImportReport {
    /// Journals added (0 when any row is bad).
    pub created: usize,
    /// Journals updated (0 when any row is bad).
    pub updated: usize,
    /// Every problem found.
    pub errors: Vec<RowError>,
}

fn err(line: usize, column: &str, problem: &str, value: &str) -> RowError {
    RowError {
        line,
        column: column.into(),
        problem: problem.into(),
        value: value.chars().take(200).collect(),
    }
}

/// A checked row: what to write and, for updates, which journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Line in the file.
    pub line: usize,
    /// Journal to update, or None to add one.
    pub existing: Option<i64>,
    /// The checked data.
    pub spec: JournalSpec,
}

/// Existing identifiers: ISSN or eISSN or CN number -> journal id.
pub type Known = HashMap<String, i64>;

/// Parses and checks a whole file against the known fields and identifiers (pure).
pub fn parse(data: &[u8], fields: &HashMap<String, i64>, known: &Known) -> Result<Vec<Row>, Vec<RowError>> {
    let data = data.strip_prefix("\u{feff}".as_bytes()).unwrap_or(data);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(data);
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => return Err(vec![err(1, "", "register_import.unreadable", &e.to_string())]),
    };
    let mut errors = Vec::new();
    for h in &headers {
        if !COLUMNS.contains(&h.as_str()) {
            errors.push(err(1, h, "register_import.unknown_column", h));
        }
    }
    for r in REQUIRED {
        if !headers.iter().any(|h| h == r) {
            errors.push(err(1, r, "register_import.missing_column", r));
        }
    }
    if !headers.iter().any(|h| h == "name_zh" || h == "name_en") {
        errors.push(err(1, "name_en", "register_import.missing_column", "name_zh / name_en"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        if line > MAX_ROWS + 1 {
            errors.push(err(line, "", "register_import.too_many_rows", &MAX_ROWS.to_string()));
            break;
        }
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
        if rec.len() > headers.len() {
            errors.push(err(line, "", "register_import.columns", &rec.iter().collect::<Vec<_>>().join(",")));
            continue;
        }
        let cell = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|p| rec.get(p))
                .unwrap_or("")
                .to_string()
        };
        let input = JournalInput {
            name_zh: cell("name_zh"),
            name_en: cell("name_en"),
            issn: cell("issn"),
            eissn: cell("eissn"),
            cn: cell("cn"),
            publisher: cell("publisher"),
            country: cell("country"),
            languages: vec![cell("languages")],
            kind: cell("kind"),
            fields: vec![cell("fields")],
            website: cell("website"),
        };
        let spec = match validate::journal(&input, fields) {
            Ok(s) => s,
            Err(AppError::Validation { fields: bad }) => {
                for (column, problem) in bad {
                    let value = match column.as_str() {
                        "languages" | "fields" => cell(&column),
                        c if COLUMNS.contains(&c) => cell(c),
                        _ => String::new(),
                    };
                    errors.push(err(line, &column, &problem, &value));
                }
                continue;
            }
            Err(e) => return Err(vec![err(line, "", "register_import.unreadable", &e.to_string())]),
        };
        let ids: Vec<(&str, &String)> = [("issn", &spec.issn), ("eissn", &spec.eissn), ("cn", &spec.cn)]
            .into_iter()
            .filter_map(|(c, v)| v.as_ref().map(|v| (c, v)))
            .collect();
        let mut clash = false;
        for (column, v) in &ids {
            if let Some(first) = seen.insert((*v).clone(), line) {
                errors.push(err(line, column, "register_import.duplicate", &format!("{v} (line {first})")));
                clash = true;
            }
        }
        let mut matches: Vec<i64> = ids.iter().filter_map(|(_, v)| known.get(*v).copied()).collect();
        matches.dedup();
        if matches.len() > 1 {
            errors.push(err(
                line,
                "issn",
                "register_import.identifier_conflict",
                &ids.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(" "),
            ));
            clash = true;
        }
        if !clash {
            rows.push(Row {
                line,
                existing: matches.first().copied(),
                spec,
            });
        }
    }
    if errors.is_empty() && rows.is_empty() {
        errors.push(err(0, "", "register_import.empty", ""));
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

/// Checks the file against the register and applies every row, or none.
pub fn apply(conn: &mut AnyConnection, data: &[u8]) -> AppResult<ImportReport> {
    let fields = store::field_codes(conn)?;
    let mut known = Known::new();
    for (id, issn, eissn, cn) in store::identifiers(conn)? {
        for v in [issn, eissn, cn].into_iter().flatten() {
            known.insert(v, id);
        }
    }
    let rows = match parse(data, &fields, &known) {
        Ok(rows) => rows,
        Err(errors) => {
            return Ok(ImportReport {
                errors,
                ..Default::default()
            });
        }
    };
    let mut report = ImportReport::default();
    for row in &rows {
        // A row may still clash with a journal that another row of the same file changes
        // (e.g. swapping ISSNs); the store refuses it, and the whole import rolls back.
        let result = match row.existing {
            Some(id) => store::update(conn, id, &row.spec).map(|()| report.updated += 1),
            None => store::create(conn, &row.spec).map(|_| report.created += 1),
        };
        if let Err(AppError::Validation { fields }) = result {
            let (column, problem) = fields.into_iter().next().unwrap_or_default();
            return Err(AppError::Conflict(format!("line {}: {column} {problem}", row.line)));
        }
        result?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> HashMap<String, i64> {
        HashMap::from([("computing".to_string(), 1)])
    }

    const HEADER: &str = "name_zh,name_en,issn,eissn,cn,country,languages,kind,fields\n";

    #[test]
    fn good_rows_become_specs_and_known_identifiers_become_updates() {
        let csv = format!(
            "{HEADER}计算机学报,Chinese Journal of Computers,0254-4164,,CN 11-1826/TP,CN,zh;en,basic,computing\n,Communications of the ACM,0001-0782,1557-7317,,US,en,applied,computing\n"
        );
        let known = Known::from([("0001-0782".to_string(), 9)]);
        let rows = parse(csv.as_bytes(), &fields(), &known).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].existing, None);
        assert_eq!(rows[0].spec.languages, "zh,en");
        assert_eq!(rows[1].existing, Some(9));
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn every_bad_cell_is_reported_with_its_line_and_column() {
        let csv = format!("{HEADER}甲,A,0254-4165,,,CN,zh,basic,computing\n乙,B,0001-0782,,,ZZ,zh,journal,astronomy\n");
        let errors = parse(csv.as_bytes(), &fields(), &Known::new()).unwrap_err();
        let got: Vec<(usize, &str, &str)> = errors.iter().map(|e| (e.line, e.column.as_str(), e.problem.as_str())).collect();
        assert!(got.contains(&(2, "issn", "validation.issn")), "{got:?}");
        assert!(got.contains(&(3, "country", "validation.country")), "{got:?}");
        assert!(got.contains(&(3, "kind", "validation.journal_kind")), "{got:?}");
        assert!(got.contains(&(3, "fields", "validation.subject_field_unknown")), "{got:?}");
        assert_eq!(errors.iter().find(|e| e.column == "fields").unwrap().value, "astronomy");
    }

    #[test]
    fn a_repeated_issn_within_the_file_is_refused() {
        let csv = format!("{HEADER}甲,A,0254-4164,,,CN,zh,basic,computing\n乙,B,,0254-4164,,CN,zh,basic,computing\n");
        let errors = parse(csv.as_bytes(), &fields(), &Known::new()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].problem.as_str()), (3, "register_import.duplicate"));
    }

    #[test]
    fn identifiers_of_two_different_journals_in_one_row_are_refused() {
        let csv = format!("{HEADER}甲,A,0254-4164,0001-0782,,CN,zh,basic,computing\n");
        let known = Known::from([("0254-4164".to_string(), 1), ("0001-0782".to_string(), 2)]);
        let errors = parse(csv.as_bytes(), &fields(), &known).unwrap_err();
        assert_eq!(errors[0].problem, "register_import.identifier_conflict");
    }

    #[test]
    fn unknown_and_missing_columns_are_reported_before_any_row() {
        let errors = parse(b"name_en,issn,colour\nA,0254-4164,red\n", &fields(), &Known::new()).unwrap_err();
        assert!(errors.iter().all(|e| e.line == 1));
        assert!(
            errors
                .iter()
                .any(|e| e.problem == "register_import.unknown_column" && e.column == "colour")
        );
        assert!(
            errors
                .iter()
                .any(|e| e.problem == "register_import.missing_column" && e.column == "country")
        );
    }

    #[test]
    fn a_file_with_only_a_header_is_empty() {
        let errors = parse(HEADER.as_bytes(), &fields(), &Known::new()).unwrap_err();
        assert_eq!(errors[0].problem, "register_import.empty");
    }

    #[test]
    fn a_byte_order_mark_from_spreadsheet_programs_is_ignored() {
        let csv = format!("\u{feff}{HEADER}甲,A,0254-4164,,,CN,zh,basic,computing\n");
        assert_eq!(parse(csv.as_bytes(), &fields(), &Known::new()).unwrap().len(), 1);
    }
}
