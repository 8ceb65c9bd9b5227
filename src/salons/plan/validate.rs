//! The annual plan API's input types and their checks (pure).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, FieldErrors};

use crate::text::field as text;

fn date(f: &mut FieldErrors, name: &str, v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            f.insert(name.into(), "validation.date_invalid".into());
            None
        }
    }
}

fn done<T>(f: FieldErrors, v: T) -> AppResult<T> {
    AppError::unless_fields(f, v)
}

/// The plan's introduction.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SalonPlanInput {
    /// Introduction in Chinese.
    #[serde(default)]
    pub intro_zh: String,
    /// Introduction in English.
    #[serde(default)]
    pub intro_en: String,
}

/// Checks the introduction.
pub fn intro(input: &SalonPlanInput) -> AppResult<(String, String)> {
    let mut f = FieldErrors::new();
    let zh = text(&mut f, "intro_zh", &input.intro_zh, 4000);
    let en = text(&mut f, "intro_en", &input.intro_en, 8000);
    done(f, (zh, en))
}

/// One planned salon.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SalonPlanItemInput {
    /// Theme in Chinese.
    #[serde(default)]
    pub theme_zh: String,
    /// Theme in English.
    #[serde(default)]
    pub theme_en: String,
    /// Lead scientists (names and institutions).
    #[serde(default)]
    pub lead_scientists: String,
    /// First day (`YYYY-MM-DD`, optional).
    #[serde(default)]
    pub starts_on: String,
    /// Last day (`YYYY-MM-DD`, optional).
    #[serde(default)]
    pub ends_on: String,
    /// Where.
    #[serde(default)]
    pub place: String,
    /// The salon's venue in xuehui, by URL name (optional).
    #[serde(default)]
    pub venue: String,
}

/// A checked item (the venue still a URL name).
#[derive(Debug, Clone)]
pub struct ItemSpec {
    /// Theme in Chinese.
    pub theme_zh: String,
    /// Theme in English.
    pub theme_en: String,
    /// Lead scientists.
    pub lead_scientists: String,
    /// First day.
    pub starts_on: Option<NaiveDate>,
    /// Last day.
    pub ends_on: Option<NaiveDate>,
    /// Where.
    pub place: String,
    /// Venue URL name (empty: none).
    pub venue: String,
}

/// Checks an item: a theme in one language at least, dates in order within `year`.
pub fn item(input: &SalonPlanItemInput, year: i32) -> AppResult<ItemSpec> {
    let mut f = FieldErrors::new();
    let theme_zh = text(&mut f, "theme_zh", &input.theme_zh, 300);
    let theme_en = text(&mut f, "theme_en", &input.theme_en, 500);
    if theme_zh.is_empty() && theme_en.is_empty() {
        f.insert("theme_zh".into(), "plan.theme_required".into());
    }
    let lead_scientists = text(&mut f, "lead_scientists", &input.lead_scientists, 500);
    let place = text(&mut f, "place", &input.place, 300);
    let venue = text(&mut f, "venue", &input.venue, 60);
    let starts_on = date(&mut f, "starts_on", &input.starts_on);
    let ends_on = date(&mut f, "ends_on", &input.ends_on);
    for (name, d) in [("starts_on", starts_on), ("ends_on", ends_on)] {
        if d.is_some_and(|d| chrono::Datelike::year(&d) != year) {
            f.insert(name.into(), "plan.date_outside_year".into());
        }
    }
    if let (Some(a), Some(b)) = (starts_on, ends_on)
        && b < a
    {
        f.insert("ends_on".into(), "plan.ends_before_start".into());
    }
    done(
        f,
        ItemSpec {
            theme_zh,
            theme_en,
            lead_scientists,
            starts_on,
            ends_on,
            place,
            venue,
        },
    )
}

/// A theme proposed for a year's plan.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SalonThemeInput {
    /// For which year (this year or a later one).
    #[serde(default)]
    pub year: Option<i32>,
    /// Theme in Chinese.
    #[serde(default)]
    pub theme_zh: String,
    /// Theme in English.
    #[serde(default)]
    pub theme_en: String,
    /// Why this theme is new and why now (required).
    #[serde(default)]
    pub rationale: String,
    /// Who could lead it (optional).
    #[serde(default)]
    pub lead_scientist: String,
}

/// A checked proposal.
#[derive(Debug, Clone)]
pub struct ThemeSpec {
    /// Year.
    pub year: i32,
    /// Theme in Chinese.
    pub theme_zh: String,
    /// Theme in English.
    pub theme_en: String,
    /// Why.
    pub rationale: String,
    /// Who could lead it.
    pub lead_scientist: String,
}

/// Checks a proposal made in `this_year`.
pub fn theme(input: &SalonThemeInput, this_year: i32) -> AppResult<ThemeSpec> {
    let mut f = FieldErrors::new();
    let year = input.year.unwrap_or(this_year);
    if !(this_year..=this_year + 2).contains(&year) {
        f.insert("year".into(), "plan.year_range".into());
    }
    let theme_zh = text(&mut f, "theme_zh", &input.theme_zh, 300);
    let theme_en = text(&mut f, "theme_en", &input.theme_en, 500);
    if theme_zh.is_empty() && theme_en.is_empty() {
        f.insert("theme_zh".into(), "plan.theme_required".into());
    }
    let rationale = text(&mut f, "rationale", &input.rationale, 3000);
    if rationale.is_empty() {
        f.insert("rationale".into(), "plan.rationale_required".into());
    }
    let lead_scientist = text(&mut f, "lead_scientist", &input.lead_scientist, 300);
    done(
        f,
        ThemeSpec {
            year,
            theme_zh,
            theme_en,
            rationale,
            lead_scientist,
        },
    )
}

/// The society's decision on a proposed theme.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SalonThemeDecisionInput {
    /// `true` to take it into the plan, `false` to decline.
    #[serde(default)]
    pub accept: bool,
    /// The reason, mailed to the proposer (required to decline).
    #[serde(default)]
    pub note: String,
}

/// Checks a decision.
pub fn theme_decision(input: &SalonThemeDecisionInput) -> AppResult<(bool, String)> {
    let mut f = FieldErrors::new();
    let note = text(&mut f, "note", &input.note, 2000);
    if !input.accept && note.is_empty() {
        f.insert("note".into(), "plan.reason_required".into());
    }
    done(f, (input.accept, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_need_a_theme_and_dates_in_their_year_and_in_order() {
        let bad = SalonPlanItemInput {
            starts_on: "2027-03-02".into(),
            ends_on: "2026-03-01".into(),
            ..Default::default()
        };
        let AppError::Validation { fields } = item(&bad, 2027).unwrap_err() else {
            panic!()
        };
        assert_eq!(fields.get("theme_zh").map(String::as_str), Some("plan.theme_required"));
        assert_eq!(fields.get("ends_on").map(String::as_str), Some("plan.ends_before_start"));
        let ok = SalonPlanItemInput {
            theme_en: "Quantum sensing".into(),
            starts_on: "2027-03-01".into(),
            ..Default::default()
        };
        assert!(item(&ok, 2027).is_ok());
    }

    #[test]
    fn proposals_need_a_reason_and_a_near_year() {
        let AppError::Validation { fields } = theme(
            &SalonThemeInput {
                year: Some(2031),
                theme_zh: "量子传感".into(),
                ..Default::default()
            },
            2026,
        )
        .unwrap_err() else {
            panic!()
        };
        assert!(fields.contains_key("year") && fields.contains_key("rationale"));
    }
}
