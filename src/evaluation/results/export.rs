//! The results as a table for download (pure): one row per conference, best first; everyone
//! gets rank, rank range, total, grade, designation and each dimension; the committee also
//! gets every indicator's figure, score and source.

use super::service::{Results, grade_code};
use crate::web::bilingual::pick;
use crate::web::i18n::Lang;

/// Headers and rows; `t` translates a message key into the reader's language.
pub fn table(res: &Results, lang: Lang, t: &dyn Fn(&str) -> String) -> (Vec<String>, Vec<Vec<String>>) {
    let mut headers: Vec<String> = [
        "evaluation.rank",
        "evaluation.rank_best",
        "evaluation.rank_worst",
        "evaluation.conference",
        "evaluation.origin",
        "evaluation.total",
        "evaluation.grade",
        "evaluation.demonstrative",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    headers.extend(res.dimensions.iter().map(|d| pick(&d.name_zh, &d.name_en, lang).to_string()));
    if res.committee {
        for i in &res.indicators {
            let name = pick(&i.name_zh, &i.name_en, lang);
            for k in ["evaluation.raw", "evaluation.score", "evaluation.source"] {
                headers.push(format!("{name}: {}", t(k)));
            }
        }
    }
    let num = |x: Option<f64>, places: usize| x.map(|v| format!("{v:.places$}")).unwrap_or_default();
    let rows = res
        .lines
        .iter()
        .map(|l| {
            let mut row = vec![
                l.rank.to_string(),
                l.interval.best.to_string(),
                l.interval.worst.to_string(),
                pick(&l.name_zh, &l.name_en, lang).to_string(),
                t(&format!("evaluation.origin_{}", l.origin.as_str())),
                format!("{:.2}", l.total),
                t(&format!("evaluation.grade_{}", grade_code(l.grade))),
                if l.demonstrative {
                    t("evaluation.designated")
                } else {
                    String::new()
                },
            ];
            row.extend(l.dimensions.iter().map(|d| num(*d, 2)));
            for c in &l.cells {
                row.push(num(c.raw, 4));
                row.push(num(c.score, 2));
                row.push(t(&format!("evaluation.source_{}", c.source.code())));
            }
            row
        })
        .collect();
    (headers, rows)
}

/// Columns holding numbers (for the XLSX sheet).
pub fn number_columns(headers: &[String], res: &Results) -> Vec<usize> {
    let mut cols: Vec<usize> = vec![0, 1, 2, 5];
    cols.extend((0..res.dimensions.len()).map(|d| 8 + d));
    let start = 8 + res.dimensions.len();
    for c in (start..headers.len()).filter(|c| (c - start) % 3 != 2) {
        cols.push(c);
    }
    cols
}
