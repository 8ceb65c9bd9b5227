//! The minutes pages' forms, each converted to the API's input: a statement (the speaker is a
//! participant's id or "outside" with a name), a speaker's answer and a writer's resolution.

use serde::{Deserialize, Serialize};

use super::validate::{MinutesResolveInput, MinutesReviewInput, MinutesStatementInput};
use super::view::MinutesStatementView;

/// A statement as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct StatementForm {
    /// The statement's id (for showing errors next to it); empty for a new one.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub text_zh: String,
    #[serde(default)]
    pub text_en: String,
    /// A participant's account id, or `outside`.
    #[serde(default)]
    pub speaker: String,
    /// The name of someone outside the list.
    #[serde(default)]
    pub speaker_name: String,
    #[serde(default)]
    pub attribution: String,
    /// Place in the list, 1-based; empty: unchanged (or at the end).
    #[serde(default)]
    pub position: String,
}

impl StatementForm {
    /// A blank new statement: a main viewpoint, named.
    pub fn blank() -> StatementForm {
        StatementForm {
            kind: "viewpoint".into(),
            attribution: "named".into(),
            ..Default::default()
        }
    }

    /// The form showing a stored statement.
    pub fn of(s: &MinutesStatementView) -> StatementForm {
        StatementForm {
            id: s.id.to_string(),
            kind: s.kind.as_str().into(),
            text_zh: s.text_zh.clone(),
            text_en: s.text_en.clone(),
            speaker: s.speaker_id.map_or_else(|| "outside".to_string(), |id| id.to_string()),
            speaker_name: if s.speaker_id.is_none() { s.speaker.clone() } else { String::new() },
            attribution: s.attribution.as_str().into(),
            position: s.position.to_string(),
        }
    }

    /// The API input; a position that is not a number is sent as 0, which the check refuses.
    pub fn to_input(&self) -> MinutesStatementInput {
        let position = self.position.trim();
        MinutesStatementInput {
            kind: self.kind.clone(),
            text_zh: self.text_zh.clone(),
            text_en: self.text_en.clone(),
            speaker_id: self.speaker.trim().parse::<i64>().ok(),
            speaker_name: if self.speaker.trim().parse::<i64>().is_ok() {
                String::new()
            } else {
                self.speaker_name.clone()
            },
            attribution: self.attribution.clone(),
            position: if position.is_empty() {
                None
            } else {
                Some(position.parse().unwrap_or(0))
            },
        }
    }
}

/// A speaker's answer as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ReviewForm {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub proposed_zh: String,
    #[serde(default)]
    pub proposed_en: String,
    #[serde(default)]
    pub attribution: String,
}

impl ReviewForm {
    /// The API input (an empty attribution leaves it unchanged).
    pub fn to_input(&self) -> MinutesReviewInput {
        MinutesReviewInput {
            action: self.action.clone(),
            comment: self.comment.clone(),
            proposed_zh: self.proposed_zh.clone(),
            proposed_en: self.proposed_en.clone(),
            attribution: Some(self.attribution.clone()).filter(|a| !a.trim().is_empty()),
        }
    }
}

/// A writer's resolution as posted: `decision` is `accept` or `decline`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ResolveForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reply: String,
}

impl ResolveForm {
    /// The API input.
    pub fn to_input(&self) -> MinutesResolveInput {
        MinutesResolveInput {
            accept: self.decision == "accept",
            reply: self.reply.clone(),
        }
    }
}
