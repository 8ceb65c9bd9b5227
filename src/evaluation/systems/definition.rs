//! An indicator system's content (pure): dimensions, indicators with weights, names, guidance
//! and scoring rules, and the expert scale with its anchors. A version stores one of these as
//! JSON; `problems` says what keeps it from being used.

use serde::{Deserialize, Serialize};

use super::super::aggregate::Weighting;
use super::super::defaults::{self, Source};
use super::super::metrics::Metric;
use super::super::normalise::{self, Normalisation};
use crate::error::FieldErrors;

/// Most dimensions, indicators and scale levels a system may have.
pub const MAX_DIMENSIONS: usize = 20;
/// Most indicators.
pub const MAX_INDICATORS: usize = 100;

/// A dimension (维度).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = EvaluationDimension)]
pub struct DimensionDef {
    /// Code (lower case letters, digits, underscores).
    pub code: String,
    /// Name in Chinese.
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
}

/// How an indicator is scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schema(as = EvaluationRule)]
pub enum Rule {
    /// A platform metric computed from xuehui's records, normalised to 0–100.
    Metric {
        /// The metric's code.
        metric: Metric,
        /// How the figure becomes a score.
        normalisation: Normalisation,
    },
    /// Reported by the conference with evidence; the experts check it and score it.
    SelfReported,
    /// Scored by the experts on the system's scale.
    Expert,
    /// The participants' mean satisfaction in the feedback survey.
    Participant,
}

impl Rule {
    /// The rule's kind code (`metric`, `self_reported`, `expert`, `participant`).
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Metric { .. } => "metric",
            Rule::SelfReported => "self_reported",
            Rule::Expert => "expert",
            Rule::Participant => "participant",
        }
    }

    /// Whether the experts score it (expert scores and checked self-reports).
    pub fn by_experts(&self) -> bool {
        matches!(self, Rule::Expert | Rule::SelfReported)
    }
}

/// An indicator (指标).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = EvaluationIndicator)]
pub struct IndicatorDef {
    /// Code (lower case letters, digits, underscores), unique in the system.
    pub code: String,
    /// The dimension's code.
    pub dimension: String,
    /// Name in Chinese.
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
    /// Guidance for experts and conferences, Chinese.
    #[serde(default)]
    pub guidance_zh: String,
    /// Guidance, English.
    #[serde(default)]
    pub guidance_en: String,
    /// Weight (≥ 0; the weights need not sum to 100).
    pub weight: f64,
    /// How it is scored.
    pub rule: Rule,
}

/// One level of the expert scale, lowest first, with the anchor that describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = EvaluationAnchor)]
pub struct Anchor {
    /// Chinese.
    #[serde(default)]
    pub zh: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

/// A whole indicator system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = EvaluationDefinition)]
pub struct Definition {
    /// Dimensions in order.
    pub dimensions: Vec<DimensionDef>,
    /// Indicators in order.
    pub indicators: Vec<IndicatorDef>,
    /// The expert scale (2–10 levels, lowest first); an expert's level maps linearly to 0–100.
    pub scale: Vec<Anchor>,
}

impl Definition {
    /// The default system shipped with xuehui.
    pub fn shipped() -> Definition {
        Definition {
            dimensions: defaults::dimensions()
                .into_iter()
                .map(|d| DimensionDef {
                    code: d.code.into(),
                    name_zh: d.name_zh.into(),
                    name_en: d.name_en.into(),
                })
                .collect(),
            indicators: defaults::indicators()
                .into_iter()
                .map(|i| IndicatorDef {
                    code: i.code.into(),
                    dimension: i.dimension.into(),
                    name_zh: i.name_zh.into(),
                    name_en: i.name_en.into(),
                    guidance_zh: i.guidance_zh.into(),
                    guidance_en: i.guidance_en.into(),
                    weight: i.weight,
                    rule: match i.source {
                        Source::Metric { metric, normalisation } => Rule::Metric {
                            metric: Metric::parse(metric).expect("the shipped metrics exist"),
                            normalisation,
                        },
                        Source::SelfReported => Rule::SelfReported,
                        Source::Expert => Rule::Expert,
                        Source::Participant => Rule::Participant,
                    },
                })
                .collect(),
            scale: defaults::EXPERT_ANCHORS
                .iter()
                .map(|(zh, en)| Anchor {
                    zh: (*zh).into(),
                    en: (*en).into(),
                })
                .collect(),
        }
    }

    /// The sum of the weights.
    pub fn total_weight(&self) -> f64 {
        self.indicators.iter().map(|i| i.weight).sum()
    }

    /// The weight of each dimension, in order.
    pub fn dimension_weights(&self) -> Vec<f64> {
        self.dimensions
            .iter()
            .map(|d| self.indicators.iter().filter(|i| i.dimension == d.code).map(|i| i.weight).sum())
            .collect()
    }

    /// The weighting the aggregation uses (a checked definition: every dimension exists).
    pub fn weighting(&self) -> Weighting {
        Weighting {
            dimension: self
                .indicators
                .iter()
                .map(|i| self.dimensions.iter().position(|d| d.code == i.dimension).unwrap_or(0))
                .collect(),
            weight: self.indicators.iter().map(|i| i.weight).collect(),
            dimensions: self.dimensions.len(),
        }
    }
}

/// Whether `code` is a usable code: 1–40 lower-case ASCII letters, digits or underscores,
/// starting with a letter.
pub fn code_ok(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && code.len() <= 40
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn put(f: &mut FieldErrors, k: String, v: &str) {
    f.entry(k).or_insert_with(|| v.to_string());
}

/// What keeps the definition from being used, by field (`dimensions[2].code`,
/// `indicators[5].weight`, `scale`); empty when it can be used.
pub fn problems(d: &Definition) -> FieldErrors {
    let mut f = FieldErrors::new();
    if d.dimensions.is_empty() {
        put(&mut f, "dimensions".into(), "evaluation.dimensions_empty");
    }
    if d.dimensions.len() > MAX_DIMENSIONS {
        put(&mut f, "dimensions".into(), "evaluation.too_many_dimensions");
    }
    for (n, dim) in d.dimensions.iter().enumerate() {
        if !code_ok(&dim.code) {
            put(&mut f, format!("dimensions[{n}].code"), "evaluation.code_invalid");
        } else if d.dimensions[..n].iter().any(|o| o.code == dim.code) {
            put(&mut f, format!("dimensions[{n}].code"), "evaluation.code_taken");
        }
        if dim.name_zh.trim().is_empty() && dim.name_en.trim().is_empty() {
            put(&mut f, format!("dimensions[{n}].name_zh"), "evaluation.name_required");
        }
        for (k, t) in [("name_zh", &dim.name_zh), ("name_en", &dim.name_en)] {
            crate::text::field(&mut f, &format!("dimensions[{n}].{k}"), t, 200);
        }
    }
    if d.indicators.is_empty() {
        put(&mut f, "indicators".into(), "evaluation.indicators_empty");
    }
    if d.indicators.len() > MAX_INDICATORS {
        put(&mut f, "indicators".into(), "evaluation.too_many_indicators");
    }
    for (n, i) in d.indicators.iter().enumerate() {
        if !code_ok(&i.code) {
            put(&mut f, format!("indicators[{n}].code"), "evaluation.code_invalid");
        } else if d.indicators[..n].iter().any(|o| o.code == i.code) {
            put(&mut f, format!("indicators[{n}].code"), "evaluation.code_taken");
        }
        if !d.dimensions.iter().any(|dim| dim.code == i.dimension) {
            put(&mut f, format!("indicators[{n}].dimension"), "evaluation.dimension_unknown");
        }
        if i.name_zh.trim().is_empty() && i.name_en.trim().is_empty() {
            put(&mut f, format!("indicators[{n}].name_zh"), "evaluation.name_required");
        }
        for (k, t, max) in [
            ("name_zh", &i.name_zh, 200),
            ("name_en", &i.name_en, 200),
            ("guidance_zh", &i.guidance_zh, 4000),
            ("guidance_en", &i.guidance_en, 4000),
        ] {
            crate::text::field(&mut f, &format!("indicators[{n}].{k}"), t, max);
        }
        if !i.weight.is_finite() || i.weight < 0.0 || i.weight > 1000.0 {
            put(&mut f, format!("indicators[{n}].weight"), "evaluation.weight_invalid");
        }
        if let Rule::Metric { normalisation, .. } = &i.rule
            && let Some(p) = normalise::problem(normalisation)
        {
            put(&mut f, format!("indicators[{n}].normalisation"), p);
        }
    }
    if !d.indicators.is_empty() && d.total_weight() <= 0.0 {
        put(&mut f, "indicators".into(), "evaluation.weights_zero");
    }
    if !(2..=10).contains(&d.scale.len()) {
        put(&mut f, "scale".into(), "evaluation.scale_levels");
    }
    for (n, a) in d.scale.iter().enumerate() {
        if a.zh.trim().is_empty() && a.en.trim().is_empty() {
            put(&mut f, format!("scale[{n}].zh"), "evaluation.anchor_required");
        }
        for (k, t) in [("zh", &a.zh), ("en", &a.en)] {
            crate::text::field(&mut f, &format!("scale[{n}].{k}"), t, 500);
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_system_is_usable_and_weighs_100() {
        let d = Definition::shipped();
        assert!(problems(&d).is_empty(), "{:?}", problems(&d));
        assert!((d.total_weight() - 100.0).abs() < 1e-9);
        assert_eq!(d.dimension_weights().len(), 6);
        let w = d.weighting();
        assert_eq!(w.weight.len(), d.indicators.len());
        assert!(w.dimension.iter().all(|&i| i < 6));
    }

    #[test]
    fn a_broken_definition_names_each_problem_by_field() {
        let mut d = Definition::shipped();
        d.dimensions[1].code = "Bad Code".into();
        d.indicators[0].dimension = "nowhere".into();
        d.indicators[1].code = d.indicators[2].code.clone();
        d.indicators[3].weight = -1.0;
        d.indicators[4].name_zh.clear();
        d.indicators[4].name_en.clear();
        d.scale.truncate(1);
        let p = problems(&d);
        assert_eq!(p["dimensions[1].code"], "evaluation.code_invalid");
        assert_eq!(p["indicators[0].dimension"], "evaluation.dimension_unknown");
        assert_eq!(p["indicators[2].code"], "evaluation.code_taken");
        assert_eq!(p["indicators[3].weight"], "evaluation.weight_invalid");
        assert_eq!(p["indicators[4].name_zh"], "evaluation.name_required");
        assert_eq!(p["scale"], "evaluation.scale_levels");
    }

    #[test]
    fn all_weights_zero_is_refused() {
        let mut d = Definition::shipped();
        for i in &mut d.indicators {
            i.weight = 0.0;
        }
        assert_eq!(problems(&d)["indicators"], "evaluation.weights_zero");
    }

    #[test]
    fn rules_read_and_write_as_tagged_json() {
        let d = Definition::shipped();
        let text = serde_json::to_string(&d).unwrap();
        assert!(text.contains(r#""rule":{"kind":"metric","metric":"submissions","normalisation":{"kind":"linear""#));
        assert!(text.contains(r#""rule":{"kind":"self_reported"}"#));
        let back: Definition = serde_json::from_str(&text).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn codes_are_lower_case_words() {
        assert!(code_ok("days_to_decision2"));
        assert!(!code_ok("2days"));
        assert!(!code_ok(""));
        assert!(!code_ok("Days"));
        assert!(!code_ok(&"a".repeat(41)));
    }
}
