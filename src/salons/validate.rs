//! The salon API's input types and their checks (pure).

use serde::{Deserialize, Serialize};

use super::rules::Rules;
use crate::error::{AppError, AppResult, FieldErrors};

/// A salon's numbers; an absent number takes the rules' default.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SalonRulesInput {
    /// Fewest participants planned (2–500; default 20).
    #[serde(default)]
    pub participants_min: Option<i32>,
    /// Most participants (at least the fewest, at most 500; default 30).
    #[serde(default)]
    pub participants_max: Option<i32>,
    /// Most participants from one institution in one field (1–50; default 3).
    #[serde(default)]
    pub unit_field_max: Option<i32>,
    /// Age limit of young participants in years (18–100; default 40).
    #[serde(default)]
    pub young_age: Option<i32>,
    /// Least young share in thousandths (0–1000; default 333).
    #[serde(default)]
    pub young_share_permille: Option<i32>,
    /// Longest talk in minutes (1–120; default 10).
    #[serde(default)]
    pub talk_max_min: Option<i32>,
    /// Longest key talk in minutes (1–120; default 20).
    #[serde(default)]
    pub key_talk_max_min: Option<i32>,
    /// Longest intervention in minutes (1–60; default 5).
    #[serde(default)]
    pub intervention_max_min: Option<i32>,
    /// Least share of free debate in percent (0–100; default 50).
    #[serde(default)]
    pub debate_min_pct: Option<i32>,
}

/// Checks a salon's numbers.
pub fn rules(input: &SalonRulesInput) -> AppResult<Rules> {
    let d = Rules::default();
    let mut f = FieldErrors::new();
    let mut take = |name: &str, v: Option<i32>, default: i32, lo: i32, hi: i32| {
        let v = v.unwrap_or(default);
        if !(lo..=hi).contains(&v) {
            f.insert(name.into(), "salon.number_range".into());
        }
        v
    };
    let r = Rules {
        participants_min: take("participants_min", input.participants_min, d.participants_min, 2, 500),
        participants_max: take("participants_max", input.participants_max, d.participants_max, 2, 500),
        unit_field_max: take("unit_field_max", input.unit_field_max, d.unit_field_max, 1, 50),
        young_age: take("young_age", input.young_age, d.young_age, 18, 100),
        young_share_permille: take("young_share_permille", input.young_share_permille, d.young_share_permille, 0, 1000),
        talk_max_min: take("talk_max_min", input.talk_max_min, d.talk_max_min, 1, 120),
        key_talk_max_min: take("key_talk_max_min", input.key_talk_max_min, d.key_talk_max_min, 1, 120),
        intervention_max_min: take("intervention_max_min", input.intervention_max_min, d.intervention_max_min, 1, 60),
        debate_min_pct: take("debate_min_pct", input.debate_min_pct, d.debate_min_pct, 0, 100),
    };
    if r.participants_max < r.participants_min && !f.contains_key("participants_max") {
        f.insert("participants_max".into(), "salon.max_below_min".into());
    }
    if f.is_empty() {
        Ok(r)
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// A decision on a salon application.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SalonDecisionInput {
    /// `true` to approve, `false` to decline.
    #[serde(default)]
    pub approve: bool,
    /// The reason, mailed to the applicant (required to decline; at most 2,000 characters).
    #[serde(default)]
    pub reason: String,
    /// Why a balance rule is broken on purpose (required when approving breaks one).
    #[serde(default)]
    pub override_reason: String,
}

/// A checked decision.
#[derive(Debug, Clone)]
pub struct Decision {
    /// Approve or decline.
    pub approve: bool,
    /// Reason for the applicant.
    pub reason: String,
    /// Reason for breaking a rule (empty: none given).
    pub override_reason: String,
}

/// Checks a decision: a decline needs its reason.
pub fn decision(input: &SalonDecisionInput) -> AppResult<Decision> {
    let mut f = FieldErrors::new();
    let reason = input.reason.trim().to_string();
    let override_reason = input.override_reason.trim().to_string();
    if !input.approve && reason.is_empty() {
        f.insert("reason".into(), "salon.reason_required".into());
    }
    for (name, v) in [("reason", &reason), ("override_reason", &override_reason)] {
        if v.chars().count() > 2000 {
            f.insert(name.into(), "validation.too_long".into());
        }
        crate::text::check_sized(&mut f, name, v, 2000);
    }
    if f.is_empty() {
        Ok(Decision {
            approve: input.approve,
            reason,
            override_reason,
        })
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// A person named to a salon role, by the address of their account.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct LeadScientistInput {
    /// Their account's e-mail address.
    #[serde(default)]
    pub email: String,
}

/// The address, checked.
pub fn email(input: &LeadScientistInput) -> AppResult<String> {
    crate::values::Email::parse(input.email.trim())
        .map(|e| e.as_str().to_string())
        .ok_or_else(|| AppError::field("email", "salon.email_invalid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_numbers_take_the_defaults_and_bad_ones_are_named() {
        assert_eq!(rules(&SalonRulesInput::default()).unwrap(), Rules::default());
        let e = rules(&SalonRulesInput {
            participants_min: Some(40),
            debate_min_pct: Some(120),
            ..Default::default()
        })
        .unwrap_err();
        let AppError::Validation { fields } = e else { panic!() };
        assert_eq!(fields.get("participants_max").map(String::as_str), Some("salon.max_below_min"));
        assert_eq!(fields.get("debate_min_pct").map(String::as_str), Some("salon.number_range"));
    }

    #[test]
    fn declining_needs_a_reason() {
        assert!(decision(&SalonDecisionInput::default()).is_err());
        assert!(
            decision(&SalonDecisionInput {
                approve: true,
                ..Default::default()
            })
            .is_ok()
        );
    }
}
