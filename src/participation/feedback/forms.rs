//! The survey pages' forms: the chairs' question rows and a participant's answers, each
//! converted to the API's input.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::SurveyQuestion;
use super::validate::{SurveyAnswerInput, SurveyAnswerItem, SurveyInput, SurveyQuestionInput};
use super::view::SurveySettings;
use crate::error::{AppError, FieldErrors};
use crate::web::rows::{Kept, Row, Rows, checkbox, renumber};

/// A question row.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SurveyQuestionRow {
    /// The stored question's id (hidden), empty for a new row.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub label_zh: String,
    #[serde(default)]
    pub label_en: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub required: bool,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
    /// Someone answered it (shown; its kind and scope are fixed).
    #[serde(default, deserialize_with = "checkbox")]
    pub has_answers: bool,
}

impl Row for SurveyQuestionRow {
    fn is_blank(&self) -> bool {
        self.label_zh.trim().is_empty() && self.label_en.trim().is_empty() && self.id.trim().is_empty()
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// The settings form as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SurveySettingsForm {
    #[serde(default)]
    pub questions: Rows<SurveyQuestionRow>,
}

impl SurveySettingsForm {
    /// The form showing the stored questions.
    pub fn of(s: &SurveySettings) -> SurveySettingsForm {
        SurveySettingsForm {
            questions: Rows::of(&s.questions, |q| SurveyQuestionRow {
                id: q.question.id.to_string(),
                scope: q.question.scope.as_str().into(),
                kind: q.question.kind.as_str().into(),
                label_zh: q.question.label_zh.clone(),
                label_en: q.question.label_en.clone(),
                required: q.question.required,
                remove: false,
                has_answers: q.has_answers,
            }),
        }
    }

    /// The API input (blank and removed rows left out) and where its rows came from.
    pub fn to_input(&self) -> Result<(SurveyInput, Kept), AppError> {
        let mut f = FieldErrors::new();
        let (questions, kept) = self.questions.kept("questions", |i, r| {
            let id = r.id.trim();
            let id = if id.is_empty() {
                None
            } else {
                let n = id.parse::<i64>().ok();
                if n.is_none() {
                    f.insert(crate::web::rows::key("questions", i, "id"), "feedback.unknown_question".into());
                }
                n
            };
            SurveyQuestionInput {
                id,
                scope: r.scope.clone(),
                kind: r.kind.clone(),
                label_zh: r.label_zh.clone(),
                label_en: r.label_en.clone(),
                required: r.required,
            }
        });
        if !f.is_empty() {
            return Err(AppError::Validation { fields: f });
        }
        Ok((SurveyInput { questions }, kept))
    }
}

/// Makes the shared validation's errors name the form's rows.
pub fn renumbered(err: AppError, kept: &Kept) -> AppError {
    renumber(err, &[kept])
}

/// A participant's answers as posted: `q<id>` holds a rating, `c<id>` a comment.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SurveyAnswerForm {
    /// The `q<id>` and `c<id>` fields.
    #[serde(flatten)]
    pub fields: BTreeMap<String, String>,
}

impl SurveyAnswerForm {
    /// The API input for `target`, asking `questions`: a rating that is not a number is
    /// passed on as text, so the shared check refuses it with its message.
    pub fn to_input(&self, target: &str, questions: &[SurveyQuestion]) -> SurveyAnswerInput {
        let mut answers = BTreeMap::new();
        for q in questions {
            let rating = self.fields.get(&format!("q{}", q.id)).map(|s| s.trim()).filter(|s| !s.is_empty());
            let comment = self.fields.get(&format!("c{}", q.id)).map(|s| s.trim()).filter(|s| !s.is_empty());
            if rating.is_none() && comment.is_none() {
                continue;
            }
            answers.insert(
                q.id.to_string(),
                SurveyAnswerItem {
                    rating: rating.map(|r| r.parse::<i64>().map_or_else(|_| r.into(), serde_json::Value::from)),
                    comment: comment.map(String::from),
                },
            );
        }
        SurveyAnswerInput {
            target: target.to_string(),
            answers,
        }
    }

    /// Field errors of the API (`answers.<id>`, `answers.<id>.rating`, `.comment`) under the
    /// names of the page's inputs (`q<id>`, `c<id>`), so each shows next to its question.
    pub fn page_errors(err: AppError) -> AppError {
        match err {
            AppError::Validation { fields } => AppError::Validation {
                fields: fields
                    .into_iter()
                    .map(|(k, v)| {
                        let key = match k.strip_prefix("answers.").map(|r| r.split_once('.').unwrap_or((r, ""))) {
                            Some((id, "comment")) => format!("c{id}"),
                            Some((id, _)) => format!("q{id}"),
                            None => k.clone(),
                        };
                        (key, v)
                    })
                    .collect(),
            },
            other => other,
        }
    }
}
