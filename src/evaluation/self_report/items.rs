//! What a conference reports in a round (pure): every self-reported indicator of the round's
//! system, and, for a conference held outside xuehui, also the figures the platform would have
//! computed (platform metrics and the participants' satisfaction), typed by hand. Checks one
//! reported value against its item.

use serde::Serialize;

use super::super::metrics::{Metric, Unit};
use super::super::systems::definition::{Definition, IndicatorDef, Rule};

/// Longest statement, in characters.
pub const MAX_STATEMENT: usize = 4000;
/// Most evidence files per indicator.
pub const MAX_FILES: usize = 10;

/// One thing a conference reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    /// The indicator.
    pub indicator: &'a IndicatorDef,
    /// For a figure typed in place of a computed one: its metric (`None`: a self-reported
    /// indicator, whose value is free and whose statement is what the experts read).
    pub figure: Option<Metric>,
}

/// What an item asks for, as the page and the API name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ReportItemKind)]
pub enum ItemKind {
    /// A self-reported indicator: a statement, an optional figure, evidence.
    Statement,
    /// A platform figure typed by hand (a conference held outside xuehui).
    Figure,
}

impl Item<'_> {
    /// What the item asks for.
    pub fn kind(&self) -> ItemKind {
        if self.figure.is_some() {
            ItemKind::Figure
        } else {
            ItemKind::Statement
        }
    }

    /// The unit of its value (`None`: a free figure ≥ 0).
    pub fn unit(&self) -> Option<Unit> {
        self.figure.map(Metric::unit)
    }

    /// Why `value` does not fit the item (a message key), or `None`.
    pub fn value_problem(&self, value: f64) -> Option<&'static str> {
        match self.unit() {
            Some(u) if !u.admits(value) => Some(match u {
                Unit::Share => "evaluation.report_share_range",
                Unit::Rating => "evaluation.report_rating_range",
                Unit::Anonymity => "evaluation.report_anonymity",
                Unit::Count => "evaluation.report_whole_number",
                _ => "evaluation.report_not_negative",
            }),
            Some(_) => None,
            None if !value.is_finite() || value < 0.0 => Some("evaluation.report_not_negative"),
            None => None,
        }
    }
}

/// The items a conference reports, in the system's order.
pub fn items(d: &Definition, outside: bool) -> Vec<Item<'_>> {
    d.indicators
        .iter()
        .filter_map(|i| match &i.rule {
            Rule::SelfReported => Some(Item {
                indicator: i,
                figure: None,
            }),
            Rule::Metric { metric, .. } if outside => Some(Item {
                indicator: i,
                figure: Some(*metric),
            }),
            Rule::Participant if outside => Some(Item {
                indicator: i,
                figure: Some(Metric::Satisfaction),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_venue_reports_the_self_reported_indicators_and_an_outside_conference_its_figures_too() {
        let d = Definition::shipped();
        let own = items(&d, false);
        assert!(!own.is_empty());
        assert!(own.iter().all(|i| i.kind() == ItemKind::Statement));
        let outside = items(&d, true);
        let expert = d.indicators.iter().filter(|i| i.rule == Rule::Expert).count();
        assert_eq!(outside.len(), d.indicators.len() - expert);
        let satisfaction = outside.iter().find(|i| i.indicator.rule == Rule::Participant).unwrap();
        assert_eq!(satisfaction.figure, Some(Metric::Satisfaction));
    }

    #[test]
    fn typed_figures_must_fit_their_unit_and_free_figures_be_non_negative() {
        let d = Definition::shipped();
        let outside = items(&d, true);
        let share = outside.iter().find(|i| i.unit() == Some(Unit::Share)).unwrap();
        assert_eq!(share.value_problem(0.4), None);
        assert_eq!(share.value_problem(40.0), Some("evaluation.report_share_range"));
        let free = outside.iter().find(|i| i.figure.is_none()).unwrap();
        assert_eq!(free.value_problem(1_200_000.0), None);
        assert_eq!(free.value_problem(-3.0), Some("evaluation.report_not_negative"));
        assert_eq!(free.value_problem(f64::INFINITY), Some("evaluation.report_not_negative"));
    }
}
