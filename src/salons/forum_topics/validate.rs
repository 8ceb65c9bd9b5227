//! Forum topic inputs and their checks (pure).

use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, FieldErrors};
use crate::text::field as text;

/// A topic proposed openly.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ForumTopicInput {
    /// Name in Chinese.
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
    /// What it covers and why it matters now (required).
    #[serde(default)]
    pub description: String,
    /// Who could convene it (optional; the proposer themselves, often).
    #[serde(default)]
    pub convener: String,
}

/// A topic the chairs commission, with the convener they ask to run it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ForumCommissionInput {
    /// Name in Chinese.
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
    /// What it covers (optional).
    #[serde(default)]
    pub description: String,
    /// The convener's name and institution (required).
    #[serde(default)]
    pub convener: String,
    /// The convener's address (optional): they are mailed the commission.
    #[serde(default)]
    pub convener_email: String,
}

/// A checked topic.
#[derive(Debug, Clone, Default)]
pub struct TopicSpec {
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// What it covers.
    pub description: String,
    /// Who convenes it.
    pub convener: String,
    /// The convener's address ('' for none).
    pub convener_email: String,
}

fn names(f: &mut FieldErrors, zh: &str, en: &str) -> (String, String) {
    let zh = text(f, "name_zh", zh, 200);
    let en = text(f, "name_en", en, 300);
    if zh.is_empty() && en.is_empty() {
        f.insert("name_zh".into(), "forum_topics.name_required".into());
    }
    (zh, en)
}

/// Checks a proposal: a name in one language at least and a description.
pub fn proposal(input: &ForumTopicInput) -> AppResult<TopicSpec> {
    let mut f = FieldErrors::new();
    let (name_zh, name_en) = names(&mut f, &input.name_zh, &input.name_en);
    let description = text(&mut f, "description", &input.description, 3000);
    if description.is_empty() {
        f.insert("description".into(), "forum_topics.description_required".into());
    }
    let convener = text(&mut f, "convener", &input.convener, 300);
    AppError::unless_fields(
        f,
        TopicSpec {
            name_zh,
            name_en,
            description,
            convener,
            convener_email: String::new(),
        },
    )
}

/// Checks a commission: a name in one language at least, a convener, a valid address if any.
pub fn commission(input: &ForumCommissionInput) -> AppResult<TopicSpec> {
    let mut f = FieldErrors::new();
    let (name_zh, name_en) = names(&mut f, &input.name_zh, &input.name_en);
    let description = text(&mut f, "description", &input.description, 3000);
    let convener = text(&mut f, "convener", &input.convener, 300);
    if convener.is_empty() {
        f.insert("convener".into(), "forum_topics.convener_required".into());
    }
    let convener_email = if input.convener_email.trim().is_empty() {
        String::new()
    } else {
        let mut e = FieldErrors::new();
        let email = crate::auth::validate::email(&input.convener_email, &mut e);
        if let Some(msg) = e.remove("email") {
            f.insert("convener_email".into(), msg);
        }
        email
    };
    AppError::unless_fields(
        f,
        TopicSpec {
            name_zh,
            name_en,
            description,
            convener,
            convener_email,
        },
    )
}

/// The chairs' decision on a proposed topic.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ForumTopicDecisionInput {
    /// `true` to adopt it, `false` to decline.
    #[serde(default)]
    pub adopt: bool,
    /// The reason, mailed to the proposer (required to decline).
    #[serde(default)]
    pub note: String,
}

/// Checks a decision.
pub fn decision(input: &ForumTopicDecisionInput) -> AppResult<(bool, String)> {
    let mut f = FieldErrors::new();
    let note = text(&mut f, "note", &input.note, 2000);
    if !input.adopt && note.is_empty() {
        f.insert("note".into(), "forum_topics.reason_required".into());
    }
    AppError::unless_fields(f, (input.adopt, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(e: AppError) -> FieldErrors {
        match e {
            AppError::Validation { fields } => fields,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_proposal_needs_a_name_and_a_description() {
        let f = fields(proposal(&ForumTopicInput::default()).unwrap_err());
        assert_eq!(f.get("name_zh").map(String::as_str), Some("forum_topics.name_required"));
        assert_eq!(f.get("description").map(String::as_str), Some("forum_topics.description_required"));
        let ok = proposal(&ForumTopicInput {
            name_en: "  Machine learning for materials ".into(),
            description: "Why now.".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.name_en, "Machine learning for materials");
    }

    #[test]
    fn a_commission_needs_a_convener_and_a_valid_address() {
        let f = fields(
            commission(&ForumCommissionInput {
                name_zh: "量子计算".into(),
                convener_email: "not an address".into(),
                ..Default::default()
            })
            .unwrap_err(),
        );
        assert!(f.contains_key("convener") && f.contains_key("convener_email"));
        let ok = commission(&ForumCommissionInput {
            name_zh: "量子计算".into(),
            convener: "李青 (清华大学)".into(),
            convener_email: " Li@Example.org ".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.convener_email, "li@example.org");
    }

    #[test]
    fn declining_needs_a_reason() {
        let f = fields(decision(&ForumTopicDecisionInput::default()).unwrap_err());
        assert_eq!(f.get("note").map(String::as_str), Some("forum_topics.reason_required"));
        assert!(
            decision(&ForumTopicDecisionInput {
                adopt: true,
                ..Default::default()
            })
            .is_ok()
        );
    }
}
