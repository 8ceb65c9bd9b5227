//! The score table of a round (pure): for each conference and indicator, the raw figure and its
//! 0–100 score. Platform metrics use the frozen figure (or, for a conference held outside
//! xuehui, the figure it reported), normalised by the indicator's rule against the round's
//! figures; the participants' satisfaction scores 0 at 3 and 100 at 5; expert-scored
//! indicators score the mean level of the experts who scored them on the system's scale.

use std::collections::HashMap;

use serde::Serialize;

use super::super::metrics::Metric;
use super::super::normalise::{self, Normalisation};
use super::super::systems::definition::{Definition, Rule};

/// How the participants' mean satisfaction (1–5) becomes a score.
pub const PARTICIPANT: Normalisation = Normalisation::Linear { zero: 3.0, full: 5.0 };

/// What one conference brings to the table.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Frozen platform figures (a conference held in xuehui).
    pub figures: HashMap<Metric, f64>,
    /// Figures reported by hand, by indicator code (a conference held outside xuehui).
    pub reported: HashMap<String, f64>,
    /// The experts' levels, by indicator code.
    pub levels: HashMap<String, Vec<i32>>,
}

/// Where a score came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = EvaluationScoreSource)]
pub enum Source {
    /// Computed from the conference's records and frozen.
    Computed,
    /// Reported by the conference (held outside xuehui).
    Reported,
    /// The experts' mean level.
    Experts,
    /// Nothing to score (counts as 0).
    Missing,
}

impl Source {
    /// The source's code (as serialised).
    pub fn code(self) -> &'static str {
        match self {
            Source::Computed => "computed",
            Source::Reported => "reported",
            Source::Experts => "experts",
            Source::Missing => "missing",
        }
    }
}

/// One cell of the table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = EvaluationCell)]
pub struct Cell {
    /// The raw figure (a metric's value, the mean satisfaction, the experts' mean level).
    pub raw: Option<f64>,
    /// Its score, 0–100 (`None`: missing).
    pub score: Option<f64>,
    /// Where it came from.
    pub source: Source,
    /// How many experts scored it (expert-scored indicators).
    pub experts: usize,
}

fn raw_of(d: &Definition, i: usize, x: &Inputs) -> (Option<f64>, Source, usize) {
    let ind = &d.indicators[i];
    let figure = |m: Metric| match (x.figures.get(&m), x.reported.get(&ind.code)) {
        (Some(v), _) => (Some(*v), Source::Computed),
        (None, Some(v)) => (Some(*v), Source::Reported),
        (None, None) => (None, Source::Missing),
    };
    match &ind.rule {
        Rule::Metric { metric, .. } => {
            let (v, s) = figure(*metric);
            (v, s, 0)
        }
        Rule::Participant => {
            let (v, s) = figure(Metric::Satisfaction);
            (v, s, 0)
        }
        Rule::Expert | Rule::SelfReported => match x.levels.get(&ind.code).filter(|l| !l.is_empty()) {
            Some(l) => (
                Some(l.iter().map(|v| *v as f64).sum::<f64>() / l.len() as f64),
                Source::Experts,
                l.len(),
            ),
            None => (None, Source::Missing, 0),
        },
    }
}

/// The table: one row per conference (in the order given), one cell per indicator.
pub fn build(d: &Definition, rows: &[Inputs]) -> Vec<Vec<Cell>> {
    let raws: Vec<Vec<(Option<f64>, Source, usize)>> = rows
        .iter()
        .map(|x| (0..d.indicators.len()).map(|i| raw_of(d, i, x)).collect())
        .collect();
    // The round's figures per indicator, for ranks within the round.
    let column: Vec<Vec<f64>> = (0..d.indicators.len())
        .map(|i| raws.iter().filter_map(|r| r[i].0).collect())
        .collect();
    raws.iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, (raw, source, experts))| {
                    let score = raw.map(|v| match &d.indicators[i].rule {
                        Rule::Metric { normalisation, .. } => normalise::score(normalisation, v, &column[i]),
                        Rule::Participant => normalise::score(&PARTICIPANT, v, &column[i]),
                        Rule::Expert | Rule::SelfReported => normalise::level_score(v, d.scale.len()),
                    });
                    Cell {
                        raw: *raw,
                        score,
                        source: *source,
                        experts: *experts,
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(d: &Definition, pred: impl Fn(&Rule) -> bool) -> usize {
        d.indicators.iter().position(|i| pred(&i.rule)).unwrap()
    }

    #[test]
    fn each_rule_scores_from_its_own_source() {
        let d = Definition::shipped();
        let mut venue = Inputs::default();
        venue.figures.insert(Metric::Satisfaction, 4.0);
        let expert = index(&d, |r| *r == Rule::Expert);
        venue.levels.insert(d.indicators[expert].code.clone(), vec![4, 5]);
        let mut outside = Inputs::default();
        let participant = index(&d, |r| *r == Rule::Participant);
        outside.reported.insert(d.indicators[participant].code.clone(), 5.0);
        let t = build(&d, &[venue, outside]);
        assert_eq!(t[0][participant].score, Some(50.0));
        assert_eq!(t[0][participant].source, Source::Computed);
        assert_eq!(t[1][participant].score, Some(100.0));
        assert_eq!(t[1][participant].source, Source::Reported);
        // Mean level 4.5 on a 5-level scale.
        assert_eq!((t[0][expert].score, t[0][expert].experts), (Some(87.5), 2));
        assert_eq!((t[1][expert].score, t[1][expert].source), (None, Source::Missing));
    }

    #[test]
    fn rank_rules_compare_with_the_rounds_figures() {
        let mut d = Definition::shipped();
        let i = index(&d, |r| {
            matches!(
                r,
                Rule::Metric {
                    metric: Metric::Submissions,
                    ..
                }
            )
        });
        d.indicators[i].rule = Rule::Metric {
            metric: Metric::Submissions,
            normalisation: Normalisation::Rank { higher_is_better: true },
        };
        let rows: Vec<Inputs> = [100.0, 300.0, 200.0]
            .iter()
            .map(|n| {
                let mut x = Inputs::default();
                x.figures.insert(Metric::Submissions, *n);
                x
            })
            .collect();
        let t = build(&d, &rows);
        assert_eq!([t[0][i].score, t[1][i].score, t[2][i].score], [Some(0.0), Some(100.0), Some(50.0)]);
    }
}
