//! How the reports put figures into words (pure): a figure in its unit, a score, a rank range.

use super::conference::ReportIndicator;
use crate::evaluation::metrics::Unit;
use crate::evaluation::robustness::RankInterval;
use crate::web::i18n::{Lang, t};
use crate::web::numbers::format;

/// An indicator's figure as readers read it: a share in per cent, a count as a whole number,
/// the review mode in words, a rating or an experts' mean level out of its scale.
pub fn figure(i: &ReportIndicator, scale: usize, lang: Lang) -> String {
    let Some(v) = i.raw else {
        return "—".into();
    };
    match (i.kind.as_str(), i.unit) {
        ("expert" | "self_reported", _) => format!("{} / {scale}", format(v, 1)),
        (_, Some(Unit::Share)) => format!("{}%", format(v * 100.0, 1)),
        (_, Some(Unit::Count)) => format(v, 0),
        (_, Some(Unit::Rating)) => format!("{} / 5", format(v, 2)),
        (_, Some(Unit::Days)) => format!("{} {}", format(v, 1), t(lang, "evaluation.days_unit")),
        (_, Some(Unit::Anonymity)) => t(lang, &format!("evaluation.anonymity_{}", v.round() as i64)),
        _ => format(v, 2),
    }
}

/// A score out of 100, or a dash when missing.
pub fn score(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format(v, 1))
}

/// A rank interval: one rank when it never moved, else best–worst.
pub fn interval(i: &RankInterval) -> String {
    if i.best == i.worst {
        i.best.to_string()
    } else {
        format!("{}–{}", i.best, i.worst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::results::table::Source;

    fn ind(kind: &str, unit: Option<Unit>, raw: Option<f64>) -> ReportIndicator {
        ReportIndicator {
            code: "x".into(),
            name_zh: String::new(),
            name_en: String::new(),
            dimension: "d".into(),
            kind: kind.into(),
            unit,
            weight: 1.0,
            raw,
            score: None,
            source: Source::Computed,
            experts: 0,
            spread: None,
        }
    }

    #[test]
    fn each_unit_reads_as_people_say_it() {
        assert_eq!(figure(&ind("metric", Some(Unit::Share), Some(0.625)), 5, Lang::En), "62.5%");
        assert_eq!(figure(&ind("metric", Some(Unit::Count), Some(12.0)), 5, Lang::En), "12");
        assert_eq!(figure(&ind("expert", None, Some(4.5)), 5, Lang::En), "4.5 / 5");
        assert_eq!(figure(&ind("participant", Some(Unit::Rating), Some(4.25)), 5, Lang::En), "4.25 / 5");
        assert_eq!(
            figure(&ind("metric", Some(Unit::Anonymity), Some(2.0)), 5, Lang::En),
            "double-blind"
        );
        assert_eq!(figure(&ind("metric", Some(Unit::Anonymity), Some(2.0)), 5, Lang::ZhCn), "双盲");
        assert_eq!(figure(&ind("metric", Some(Unit::Count), None), 5, Lang::En), "—");
        let i = RankInterval {
            rank: 2,
            best: 1,
            worst: 3,
            kept: 0.5,
        };
        assert_eq!(interval(&i), "1–3");
    }
}
