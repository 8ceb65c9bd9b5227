//! A conference's report as PDF (Typst, `templates/reports/evaluation_report.typ`): the same
//! figures and charts as the page, in the reader's language, Chinese set in the CJK font.

use actix_web::HttpResponse;
use chrono::NaiveDateTime;

use super::charts;
use super::conference::ConferenceReport;
use super::wording;
use crate::error::AppResult;
use crate::evaluation::results::service::grade_code;
use crate::evaluation::robustness::Perturbation;
use crate::evaluation::rounds::model::EntryOrigin;
use crate::reports::documents::{EvaluationDimensionRow, EvaluationIndicatorRow, EvaluationReportDocument};
use crate::web::AppState;
use crate::web::bilingual::pick;
use crate::web::i18n::{Lang, t};
use crate::web::numbers::format;

const LABELS: [&str; 17] = [
    "summary",
    "dimensions",
    "indicators",
    "comments",
    "recommendations",
    "method",
    "dimension",
    "weight",
    "score",
    "median",
    "indicator",
    "figure",
    "source",
    "spread",
    "spread_hint",
    "outside",
    "comment",
];

/// The radar of a report's dimensions in `lang`.
pub fn radar(rep: &ConferenceReport, lang: Lang) -> String {
    let axes: Vec<charts::Axis> = rep
        .dimensions
        .iter()
        .map(|d| charts::Axis {
            label: pick(&d.name_zh, &d.name_en, lang).to_string(),
            value: d.score,
            reference: d.spread.map(|s| s.median),
        })
        .collect();
    charts::radar(
        &axes,
        &t(lang, "evaluation.report_radar"),
        (&t(lang, "evaluation.report_this"), &t(lang, "evaluation.report_median")),
    )
}

/// Each indicator's strip in `lang` (empty where the spread is withheld and nothing scored).
pub fn strips(rep: &ConferenceReport, lang: Lang) -> Vec<String> {
    rep.indicators
        .iter()
        .map(|i| {
            if !rep.spreads_shown && i.score.is_none() {
                return String::new();
            }
            charts::strip(
                i.spread.as_ref(),
                i.score,
                &format!("{}: {}", pick(&i.name_zh, &i.name_en, lang), wording::score(i.score)),
            )
        })
        .collect()
}

/// The document of `rep` in `lang`, made at `now` (China time, as readers read it).
pub fn document(rep: &ConferenceReport, lang: Lang, now: NaiveDateTime) -> EvaluationReportDocument {
    let l = |k: &str| t(lang, &format!("evaluation.{k}"));
    let grade = l(&format!("grade_{}", grade_code(rep.grade)));
    let designation = if rep.demonstrative {
        l(if rep.phase == crate::evaluation::rounds::model::RoundPhase::Published {
            "designated"
        } else {
            "proposed"
        })
    } else {
        "—".into()
    };
    let strips = strips(rep, lang);
    let p = Perturbation::default();
    EvaluationReportDocument {
        lang: if lang == Lang::ZhCn { "zh".into() } else { "en".into() },
        labels: LABELS.iter().map(|k| (k.to_string(), l(&format!("pdf_{k}")))).collect(),
        round: pick(&rep.round_title_zh, &rep.round_title_en, lang).to_string(),
        conference: pick(&rep.name_zh, &rep.name_en, lang).to_string(),
        outside: rep.origin == EntryOrigin::Outside,
        summary: vec![
            (l("total"), format!("{} / 100", format(rep.total, 2))),
            (l("grade"), grade),
            (
                l("rank"),
                l("report_rank_of")
                    .replace("{rank}", &rep.rank.to_string())
                    .replace("{n}", &rep.conferences.to_string()),
            ),
            (l("rank_interval"), wording::interval(&rep.interval)),
            (l("demonstrative"), designation),
        ],
        radar: radar(rep, lang),
        dimensions: rep
            .dimensions
            .iter()
            .map(|d| EvaluationDimensionRow {
                name: pick(&d.name_zh, &d.name_en, lang).to_string(),
                weight: format!("{}%", format(d.weight, 1)),
                score: wording::score(d.score),
                median: wording::score(d.spread.map(|s| s.median)),
            })
            .collect(),
        indicators: rep
            .indicators
            .iter()
            .zip(strips)
            .map(|(i, strip)| EvaluationIndicatorRow {
                dimension: rep
                    .dimensions
                    .iter()
                    .find(|d| d.code == i.dimension)
                    .map(|d| pick(&d.name_zh, &d.name_en, lang).to_string())
                    .unwrap_or_default(),
                name: pick(&i.name_zh, &i.name_en, lang).to_string(),
                figure: wording::figure(i, rep.scale, lang),
                score: wording::score(i.score),
                source: l(&format!("source_{}", i.source.code())),
                strip,
            })
            .collect(),
        comments: rep
            .comments
            .iter()
            .filter(|c| c.released)
            .map(|c| (c.number, c.text.clone()))
            .collect(),
        recommendations: pick(&rep.recommendations_zh, &rep.recommendations_en, lang).to_string(),
        method: l("pdf_method_text")
            .replace("{n}", &rep.conferences.to_string())
            .replace("{p}", &format(p.spread * 100.0, 0))
            .replace("{draws}", &p.draws.to_string()),
        generated: format!("{} {}", l("pdf_generated"), crate::web::times::format(now, "Asia/Shanghai")),
    }
}

/// Typesets `doc` off the async threads and answers it as a PDF named `file`.
pub async fn respond(state: &AppState, doc: EvaluationReportDocument, file: String) -> AppResult<HttpResponse> {
    crate::web::pdf::typeset(state, "evaluation_report", doc, file, true).await
}
