//! Imports affinities in openreview-matcher's CSV shape, `paper,reviewer,score`, where `paper`
//! is the submission number and `reviewer` a committee member's e-mail. Every row is checked;
//! either all rows are applied or none, with a report of each bad row.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use serde::Serialize;

use crate::db::AnyConnection;
use crate::db::schema::{imported_affinities, submissions};
use crate::error::AppResult;

/// A bad row.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = AffinityRowError)]
pub struct RowError {
    /// 1-based line number in the file.
    pub line: usize,
    /// Message key.
    pub problem: String,
    /// The problem in English (pages translate `problem`).
    #[serde(default)]
    pub message: String,
    /// The offending value.
    pub value: String,
}

/// What an import did or would have done.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = AffinityImportReport)]
pub struct ImportReport {
    /// Rows applied (0 when any row is bad).
    pub applied: usize,
    /// Every bad row.
    pub errors: Vec<RowError>,
}

/// Parses and checks rows against the venue's paper numbers and members' e-mails; returns
/// (submission id, user id, score) triples, or every problem found.
pub fn parse(data: &[u8], papers: &HashMap<i32, i64>, members: &HashMap<String, i64>) -> Result<Vec<(i64, i64, f64)>, Vec<RowError>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(data);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 1;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError {
                    line,
                    problem: "import.unreadable".into(),
                    message: String::new(),
                    value: e.to_string(),
                });
                continue;
            }
        };
        if rec.iter().all(|c| c.is_empty()) {
            continue;
        }
        if line == 1 && rec.get(0).is_some_and(|c| c.eq_ignore_ascii_case("paper")) {
            continue;
        }
        if rec.len() != 3 {
            errors.push(RowError {
                line,
                problem: "import.columns".into(),
                message: String::new(),
                value: rec.iter().collect::<Vec<_>>().join(","),
            });
            continue;
        }
        let (p, r, s) = (&rec[0], rec[1].to_lowercase(), &rec[2]);
        let paper = p.parse::<i32>().ok().and_then(|n| papers.get(&n).copied());
        let member = members.get(&r).copied();
        let score = s.parse::<f64>().ok().filter(|x| x.is_finite());
        match (paper, member, score) {
            (None, _, _) => errors.push(RowError {
                line,
                problem: "import.unknown_paper".into(),
                message: String::new(),
                value: p.to_string(),
            }),
            (_, None, _) => errors.push(RowError {
                line,
                problem: "import.unknown_reviewer".into(),
                message: String::new(),
                value: r,
            }),
            (_, _, None) => errors.push(RowError {
                line,
                problem: "import.bad_score".into(),
                message: String::new(),
                value: s.to_string(),
            }),
            (Some(p), Some(u), Some(x)) => {
                if seen.insert((p, u)) {
                    out.push((p, u, x));
                } else {
                    errors.push(RowError {
                        line,
                        problem: "import.duplicate".into(),
                        message: String::new(),
                        value: format!("{},{}", &rec[0], &rec[1]),
                    });
                }
            }
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Largest affinity file accepted (large venues' files run to tens of megabytes).
pub const MAX_BYTES: usize = 200 * 1024 * 1024;

/// Replaces the venue's imported affinities with the file's, or changes nothing.
pub fn apply(conn: &mut AnyConnection, chair: &crate::guard::Chair, data: &[u8]) -> AppResult<ImportReport> {
    let venue_id = chair.venue.id;
    // Papers hidden from the chair (their own, or conflicted) are not theirs to score: rows
    // naming them are refused like unknown papers, and their imported scores stay as they are.
    let papers: HashMap<i32, i64> = submissions::table
        .filter(submissions::venue_id.eq(venue_id))
        .select((submissions::number, submissions::id))
        .load::<(i32, i64)>(conn)?
        .into_iter()
        .filter(|(_, id)| chair.sees(*id))
        .collect();
    let mut members = HashMap::new();
    for (m, uid) in crate::review::committee::store::accepted_accounts(conn, venue_id)? {
        members.insert(m.email.clone(), uid);
        members.insert(crate::auth::store::by_id(conn, uid)?.email, uid);
    }
    match parse(data, &papers, &members) {
        Err(mut errors) => {
            for e in &mut errors {
                e.message = crate::web::i18n::t(crate::web::i18n::Lang::En, &e.problem);
            }
            Ok(ImportReport { applied: 0, errors })
        }
        Ok(rows) => {
            let ids: Vec<i64> = papers.values().copied().collect();
            diesel::delete(imported_affinities::table.filter(imported_affinities::submission_id.eq_any(&ids))).execute(conn)?;
            for (s, u, x) in &rows {
                diesel::insert_into(imported_affinities::table)
                    .values((
                        imported_affinities::submission_id.eq(s),
                        imported_affinities::user_id.eq(u),
                        imported_affinities::score.eq(x),
                    ))
                    .execute(conn)?;
            }
            Ok(ImportReport {
                applied: rows.len(),
                errors: vec![],
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_row_is_reported_and_good_files_parse_with_full_precision() {
        let papers = HashMap::from([(1, 101), (2, 102)]);
        let members = HashMap::from([("a@x.org".to_string(), 7)]);
        let good = parse(b"paper,reviewer,score\n1,A@x.org,0.123456789012\n2,a@x.org,-1\n", &papers, &members).unwrap();
        assert_eq!(good, vec![(101, 7, 0.123456789012), (102, 7, -1.0)]);
        let bad = parse(
            b"1,a@x.org,0.5\n9,a@x.org,0.5\n1,b@x.org,0.5\n2,a@x.org,high\n1,a@x.org,0.1\n1,a@x.org\n",
            &papers,
            &members,
        )
        .unwrap_err();
        let problems: Vec<(usize, &str)> = bad.iter().map(|e| (e.line, e.problem.as_str())).collect();
        assert_eq!(
            problems,
            vec![
                (2, "import.unknown_paper"),
                (3, "import.unknown_reviewer"),
                (4, "import.bad_score"),
                (5, "import.duplicate"),
                (6, "import.columns")
            ]
        );
    }
}
