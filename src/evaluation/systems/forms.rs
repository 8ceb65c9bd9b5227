//! The indicator system pages' forms: the system editor (names, dimension rows, indicator rows
//! with weights, expert scale rows) and one indicator's scoring rule and guidance, each turned
//! into the API's input.

use serde::{Deserialize, Serialize};

use super::super::metrics::Metric;
use super::super::normalise::{Band, Normalisation};
use super::definition::{Anchor, Definition, DimensionDef, IndicatorDef, Rule};
use super::service::SaveInput;
use crate::error::{AppError, FieldErrors};
use crate::web::rows::{Kept, Row, Rows, checkbox, renumber};

/// A number as typed; what is not a number becomes NaN, which the shared checks refuse.
fn number(s: &str) -> f64 {
    s.trim().parse().unwrap_or(f64::NAN)
}

/// A weight or threshold as shown: without a trailing `.0`.
fn shown(x: f64) -> String {
    format!("{x}")
}

/// A dimension row.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DimensionRow {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for DimensionRow {
    fn is_blank(&self) -> bool {
        [&self.code, &self.name_zh, &self.name_en].iter().all(|s| s.trim().is_empty())
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// An indicator row: where it sits and what it weighs (its rule and guidance have their own
/// page; `was` is its code when the page was drawn, to find them).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct IndicatorRow {
    #[serde(default)]
    pub was: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub dimension: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub weight: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for IndicatorRow {
    fn is_blank(&self) -> bool {
        [&self.code, &self.name_zh, &self.name_en, &self.weight]
            .iter()
            .all(|s| s.trim().is_empty())
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// A level of the expert scale.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct AnchorRow {
    #[serde(default)]
    pub zh: String,
    #[serde(default)]
    pub en: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for AnchorRow {
    fn is_blank(&self) -> bool {
        self.zh.trim().is_empty() && self.en.trim().is_empty()
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// The system editor as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SystemForm {
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub dimensions: Rows<DimensionRow, 2>,
    #[serde(default)]
    pub indicators: Rows<IndicatorRow, 3>,
    #[serde(default)]
    pub scale: Rows<AnchorRow, 2>,
}

impl SystemForm {
    /// The form filled from a definition.
    pub fn of(name_zh: &str, name_en: &str, d: &Definition) -> SystemForm {
        SystemForm {
            name_zh: name_zh.into(),
            name_en: name_en.into(),
            note: String::new(),
            dimensions: Rows::of(&d.dimensions, |x| DimensionRow {
                code: x.code.clone(),
                name_zh: x.name_zh.clone(),
                name_en: x.name_en.clone(),
                remove: false,
            }),
            indicators: Rows::of(&d.indicators, |x| IndicatorRow {
                was: x.code.clone(),
                code: x.code.clone(),
                dimension: x.dimension.clone(),
                name_zh: x.name_zh.clone(),
                name_en: x.name_en.clone(),
                weight: shown(x.weight),
                remove: false,
            }),
            scale: Rows::of(&d.scale, |a| AnchorRow {
                zh: a.zh.clone(),
                en: a.en.clone(),
                remove: false,
            }),
        }
    }

    /// The API's input, keeping each indicator's rule and guidance from `current`; a new
    /// indicator is scored by the experts until its own page says otherwise. Errors about an
    /// item are renamed to the row it came from.
    pub fn input(&self, current: &Definition) -> (SaveInput, Vec<Kept>) {
        let (dimensions, kd) = self.dimensions.kept("dimensions", |_, r| DimensionDef {
            code: r.code.trim().into(),
            name_zh: r.name_zh.clone(),
            name_en: r.name_en.clone(),
        });
        let (indicators, ki) = self.indicators.kept("indicators", |_, r| {
            let before = current.indicators.iter().find(|i| !r.was.is_empty() && i.code == r.was);
            IndicatorDef {
                code: r.code.trim().into(),
                dimension: r.dimension.trim().into(),
                name_zh: r.name_zh.clone(),
                name_en: r.name_en.clone(),
                guidance_zh: before.map(|b| b.guidance_zh.clone()).unwrap_or_default(),
                guidance_en: before.map(|b| b.guidance_en.clone()).unwrap_or_default(),
                weight: number(&r.weight),
                rule: before.map_or(Rule::Expert, |b| b.rule.clone()),
            }
        });
        let (scale, ks) = self.scale.kept("scale", |_, r| Anchor {
            zh: r.zh.clone(),
            en: r.en.clone(),
        });
        (
            SaveInput {
                name_zh: self.name_zh.clone(),
                name_en: self.name_en.clone(),
                note: self.note.clone(),
                definition: Definition {
                    dimensions,
                    indicators,
                    scale,
                },
            },
            vec![kd, ki, ks],
        )
    }
}

/// Renames an error's item keys to the form's rows.
pub fn to_rows(err: AppError, kept: &[Kept]) -> AppError {
    renumber(err, &kept.iter().collect::<Vec<_>>())
}

/// One indicator's page as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct IndicatorForm {
    #[serde(default)]
    pub guidance_zh: String,
    #[serde(default)]
    pub guidance_en: String,
    /// `metric`, `self_reported`, `expert` or `participant`.
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub metric: String,
    /// `linear`, `bands` or `rank`.
    #[serde(default)]
    pub normalisation: String,
    #[serde(default)]
    pub zero: String,
    #[serde(default)]
    pub full: String,
    /// `floor: score` pairs separated by commas or lines.
    #[serde(default)]
    pub bands: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub higher_is_better: bool,
    #[serde(default)]
    pub note: String,
}

impl IndicatorForm {
    /// The form filled from an indicator.
    pub fn of(i: &IndicatorDef) -> IndicatorForm {
        let mut f = IndicatorForm {
            guidance_zh: i.guidance_zh.clone(),
            guidance_en: i.guidance_en.clone(),
            rule: i.rule.kind().into(),
            normalisation: "linear".into(),
            higher_is_better: true,
            ..IndicatorForm::default()
        };
        if let Rule::Metric { metric, normalisation } = &i.rule {
            f.metric = metric.as_str().into();
            match normalisation {
                Normalisation::Linear { zero, full } => {
                    (f.zero, f.full) = (shown(*zero), shown(*full));
                }
                Normalisation::Bands { bands } => {
                    f.normalisation = "bands".into();
                    f.bands = bands
                        .iter()
                        .map(|b| format!("{}: {}", b.floor, b.score))
                        .collect::<Vec<_>>()
                        .join(", ");
                }
                Normalisation::Rank { higher_is_better } => {
                    f.normalisation = "rank".into();
                    f.higher_is_better = *higher_is_better;
                }
            }
        }
        f
    }

    /// The indicator with this form's rule and guidance, or the form's own errors (`metric`,
    /// `bands`, `rule`).
    pub fn apply(&self, i: &IndicatorDef) -> Result<IndicatorDef, AppError> {
        let mut f = FieldErrors::new();
        let rule = match self.rule.as_str() {
            "self_reported" => Rule::SelfReported,
            "expert" => Rule::Expert,
            "participant" => Rule::Participant,
            "metric" => {
                let metric = Metric::parse(&self.metric);
                if metric.is_none() {
                    f.insert("metric".into(), "evaluation.metric_unknown".into());
                }
                let normalisation = match self.normalisation.as_str() {
                    "bands" => Normalisation::Bands {
                        bands: self
                            .bands
                            .split([',', '\n', ';'])
                            .filter(|p| !p.trim().is_empty())
                            .map(|p| match p.split_once(':') {
                                Some((a, b)) => Band {
                                    floor: number(a),
                                    score: number(b),
                                },
                                None => Band {
                                    floor: f64::NAN,
                                    score: f64::NAN,
                                },
                            })
                            .collect(),
                    },
                    "rank" => Normalisation::Rank {
                        higher_is_better: self.higher_is_better,
                    },
                    _ => Normalisation::Linear {
                        zero: number(&self.zero),
                        full: number(&self.full),
                    },
                };
                match metric {
                    Some(metric) => Rule::Metric { metric, normalisation },
                    None => Rule::Expert,
                }
            }
            _ => {
                f.insert("rule".into(), "evaluation.rule_unknown".into());
                Rule::Expert
            }
        };
        AppError::unless_fields(f, ())?;
        Ok(IndicatorDef {
            guidance_zh: self.guidance_zh.clone(),
            guidance_en: self.guidance_en.clone(),
            rule,
            ..i.clone()
        })
    }
}

/// Renames errors of indicator `n` of the definition to this page's fields
/// (`indicators[3].normalisation` → `normalisation`).
pub fn indicator_errors(err: AppError, n: usize) -> AppError {
    match err {
        AppError::Validation { fields } => {
            let prefix = format!("indicators[{n}].");
            AppError::Validation {
                fields: fields
                    .into_iter()
                    .map(|(k, v)| match k.strip_prefix(&prefix) {
                        Some(rest) => (rest.to_string(), v),
                        None => (k, v),
                    })
                    .collect(),
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_keeps_rules_and_guidance_and_adds_expert_indicators() {
        let d = Definition::shipped();
        let mut form = SystemForm::of("体系", "System", &d);
        form.indicators.0[0].weight = "9".into();
        form.indicators.0[1].remove = true;
        form.indicators.0.push(IndicatorRow {
            code: "hospitality".into(),
            dimension: "organisation_integrity".into(),
            name_en: "Hospitality".into(),
            weight: "2".into(),
            ..IndicatorRow::default()
        });
        let (input, _) = form.input(&d);
        let out = &input.definition;
        assert_eq!(out.indicators.len(), d.indicators.len());
        assert_eq!(out.indicators[0].weight, 9.0);
        assert_eq!(out.indicators[0].rule, d.indicators[0].rule);
        assert_eq!(out.indicators[0].guidance_zh, d.indicators[0].guidance_zh);
        assert_eq!(out.indicators[1].code, d.indicators[2].code);
        let last = out.indicators.last().unwrap();
        assert_eq!((last.code.as_str(), &last.rule), ("hospitality", &Rule::Expert));
    }

    #[test]
    fn an_error_in_an_item_names_the_row_it_came_from() {
        let d = Definition::shipped();
        let mut form = SystemForm::of("体系", "System", &d);
        form.indicators.0[0].remove = true;
        form.indicators.0[3].weight = "heavy".into();
        let (input, kept) = form.input(&d);
        let err = AppError::Validation {
            fields: super::super::definition::problems(&input.definition),
        };
        let AppError::Validation { fields } = to_rows(err, &kept) else {
            panic!()
        };
        assert_eq!(fields["indicators[3].weight"], "evaluation.weight_invalid");
    }

    #[test]
    fn an_indicator_form_round_trips_and_reads_bands() {
        let d = Definition::shipped();
        for i in &d.indicators {
            assert_eq!(&IndicatorForm::of(i).apply(i).unwrap(), i);
        }
        let f = IndicatorForm {
            rule: "metric".into(),
            metric: "submissions".into(),
            normalisation: "bands".into(),
            bands: "0: 0, 100: 50\n300: 100".into(),
            ..IndicatorForm::default()
        };
        let i = f.apply(&d.indicators[0]).unwrap();
        let Rule::Metric {
            normalisation: Normalisation::Bands { bands },
            ..
        } = i.rule
        else {
            panic!()
        };
        assert_eq!(bands.len(), 3);
        assert_eq!(bands[1], Band { floor: 100.0, score: 50.0 });
        let bad = IndicatorForm {
            rule: "metric".into(),
            metric: "nonsense".into(),
            ..IndicatorForm::default()
        };
        let Err(AppError::Validation { fields }) = bad.apply(&d.indicators[0]) else {
            panic!()
        };
        assert_eq!(fields["metric"], "evaluation.metric_unknown");
    }
}
