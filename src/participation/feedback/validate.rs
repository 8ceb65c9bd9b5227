//! Survey input, checked without I/O: the chairs' question list (and the standard questions),
//! a target, and one participant's answers against the questions they were asked.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::model::{EVENT, StoredAnswer, StoredAnswers, SurveyKind, SurveyQuestion, SurveyScope};
use crate::error::{AppError, AppResult, FieldErrors};

/// Most questions a venue's survey may have.
pub const MAX_QUESTIONS: usize = 50;
/// Longest question wording, in characters.
pub const MAX_LABEL: usize = 300;
/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 2000;

/// One survey question as the chairs send it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SurveyQuestionInput {
    /// The stored question's id, to keep it (and its answers); absent for a new question.
    #[serde(default)]
    pub id: Option<i64>,
    /// `event` (asked once about the whole event) or `session` (asked about each session).
    #[serde(default)]
    pub scope: String,
    /// `rating` (1 to 5 with an optional comment) or `comment` (free text).
    #[serde(default)]
    pub kind: String,
    /// Chinese wording (one of the two languages is enough).
    #[serde(default)]
    pub label_zh: String,
    /// English wording.
    #[serde(default)]
    pub label_en: String,
    /// Whether it must be answered.
    #[serde(default)]
    pub required: bool,
}

/// The whole ordered list of a venue's survey questions (it replaces the stored list).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SurveyInput {
    /// The questions in order; an empty list turns the survey off.
    #[serde(default)]
    pub questions: Vec<SurveyQuestionInput>,
}

/// A checked survey question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSpec {
    /// The stored question it keeps, if any.
    pub id: Option<i64>,
    /// Event or session.
    pub scope: SurveyScope,
    /// Rating or comment.
    pub kind: SurveyKind,
    /// Chinese wording, trimmed.
    pub label_zh: String,
    /// English wording, trimmed.
    pub label_en: String,
    /// Must be answered.
    pub required: bool,
}

fn key(i: usize, field: &str) -> String {
    crate::web::rows::key("questions", i, field)
}

/// Checks the chairs' list: known scopes and kinds, a wording in at least one language, no
/// stored id twice; errors name `questions[i].field`.
pub fn questions(input: &SurveyInput) -> AppResult<Vec<QuestionSpec>> {
    let mut f = FieldErrors::new();
    if input.questions.len() > MAX_QUESTIONS {
        f.insert("questions".into(), "feedback.too_many_questions".into());
        return Err(AppError::Validation { fields: f });
    }
    let mut ids = BTreeSet::new();
    let mut out = Vec::new();
    for (i, q) in input.questions.iter().enumerate() {
        let scope = SurveyScope::parse(q.scope.trim());
        if scope.is_none() {
            f.insert(key(i, "scope"), "feedback.scope_invalid".into());
        }
        let kind = SurveyKind::parse(q.kind.trim());
        if kind.is_none() {
            f.insert(key(i, "kind"), "feedback.kind_invalid".into());
        }
        let (zh, en) = (q.label_zh.trim(), q.label_en.trim());
        if zh.is_empty() && en.is_empty() {
            f.insert(key(i, "label_zh"), "feedback.label_missing".into());
        }
        for (field, text) in [("label_zh", zh), ("label_en", en)] {
            if text.chars().count() > MAX_LABEL {
                f.insert(key(i, field), "feedback.label_too_long".into());
            }
        }
        if let Some(id) = q.id
            && !ids.insert(id)
        {
            f.insert(key(i, "id"), "feedback.question_twice".into());
        }
        if let (Some(scope), Some(kind)) = (scope, kind) {
            out.push(QuestionSpec {
                id: q.id,
                scope,
                kind,
                label_zh: zh.to_string(),
                label_en: en.to_string(),
                required: q.required,
            });
        }
    }
    if f.is_empty() {
        Ok(out)
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// The standard questions chairs add in one click: overall, content and organisation ratings
/// and a comment about the event; a rating and a comment about each session.
pub fn standard_questions() -> Vec<SurveyQuestionInput> {
    let q = |scope: SurveyScope, kind: SurveyKind, zh: &str, en: &str, required: bool| SurveyQuestionInput {
        id: None,
        scope: scope.as_str().into(),
        kind: kind.as_str().into(),
        label_zh: zh.into(),
        label_en: en.into(),
        required,
    };
    use SurveyKind::{Comment, Rating};
    use SurveyScope::{Event, Session};
    vec![
        q(
            Event,
            Rating,
            "您对本次会议的总体评价",
            "Overall, how would you rate the event?",
            true,
        ),
        q(Event, Rating, "报告和讨论的内容", "The content of the talks and discussions", false),
        q(
            Event,
            Rating,
            "会务组织（报到、场地、时间安排）",
            "The organisation (registration, rooms, timing)",
            false,
        ),
        q(
            Event,
            Comment,
            "其他意见和建议",
            "Anything else you would like to tell the organisers?",
            false,
        ),
        q(Session, Rating, "您对本场次的评价", "How would you rate this session?", true),
        q(Session, Comment, "对本场次的意见", "Comments on this session", false),
    ]
}

/// One answer as a participant sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SurveyAnswerItem {
    /// A whole number from 1 to 5 (rating questions only).
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub rating: Option<serde_json::Value>,
    /// Free text (at most 2000 characters).
    #[serde(default)]
    pub comment: Option<String>,
}

/// A participant's answers to one survey.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct SurveyAnswerInput {
    /// `event`, or the GUID of a session of the published programme.
    #[serde(default)]
    pub target: String,
    /// Answers by question id.
    #[serde(default)]
    pub answers: BTreeMap<String, SurveyAnswerItem>,
}

/// The target named: `event` or a session GUID (an error on `target` otherwise).
pub fn target(text: &str) -> AppResult<String> {
    let t = text.trim();
    if t == EVENT {
        return Ok(EVENT.to_string());
    }
    uuid::Uuid::parse_str(t)
        .map(|u| u.to_string())
        .map_err(|_| AppError::field("target", "feedback.unknown_target"))
}

fn rating(v: &serde_json::Value) -> Option<u8> {
    v.as_u64().filter(|n| (1..=5).contains(n)).map(|n| n as u8)
}

/// Checks answers against `asked` (the questions of the target's scope): ratings are whole
/// numbers 1 to 5 and only for rating questions, comments are trimmed and not too long,
/// required questions are answered, unknown question ids are refused, and something is said.
pub fn answers(asked: &[SurveyQuestion], input: &BTreeMap<String, SurveyAnswerItem>) -> AppResult<StoredAnswers> {
    let mut f = FieldErrors::new();
    let mut out = StoredAnswers::new();
    for (k, item) in input {
        let name = format!("answers.{k}");
        let Some(q) = k.trim().parse::<i64>().ok().and_then(|id| asked.iter().find(|q| q.id == id)) else {
            f.insert(name, "feedback.unknown_question".into());
            continue;
        };
        let mut a = StoredAnswer::default();
        match (&item.rating, q.kind) {
            (None | Some(serde_json::Value::Null), _) => {}
            (Some(v), SurveyKind::Rating) => match rating(v) {
                Some(r) => a.rating = Some(r),
                None => {
                    f.insert(format!("{name}.rating"), "feedback.rating_range".into());
                }
            },
            (Some(_), SurveyKind::Comment) => {
                f.insert(format!("{name}.rating"), "feedback.no_rating_here".into());
            }
        }
        let comment = item.comment.as_deref().unwrap_or("").trim();
        if comment.chars().count() > MAX_COMMENT {
            f.insert(format!("{name}.comment"), "feedback.comment_too_long".into());
        }
        a.comment = comment.to_string();
        if a != StoredAnswer::default() {
            out.insert(q.id, a);
        }
    }
    for q in asked.iter().filter(|q| q.required) {
        let given = out.get(&q.id);
        let answered = match q.kind {
            SurveyKind::Rating => given.is_some_and(|a| a.rating.is_some()),
            SurveyKind::Comment => given.is_some_and(|a| !a.comment.is_empty()),
        };
        let name = format!("answers.{}", q.id);
        if !answered && !f.keys().any(|k| k.starts_with(&name)) {
            f.insert(name, "feedback.required".into());
        }
    }
    if f.is_empty() && out.is_empty() {
        f.insert("answers".into(), "feedback.empty".into());
    }
    if f.is_empty() {
        Ok(out)
    } else {
        Err(AppError::Validation { fields: f })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(id: i64, kind: SurveyKind, required: bool) -> SurveyQuestion {
        SurveyQuestion {
            id,
            venue_id: 1,
            position: id as i32,
            scope: SurveyScope::Event,
            kind,
            label_zh: "问".into(),
            label_en: "Q".into(),
            required,
        }
    }

    fn input(v: serde_json::Value) -> BTreeMap<String, SurveyAnswerItem> {
        serde_json::from_value(v).unwrap()
    }

    fn error_keys(r: AppResult<StoredAnswers>) -> Vec<(String, String)> {
        match r {
            Err(AppError::Validation { fields }) => fields.into_iter().collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn ratings_are_whole_numbers_from_one_to_five() {
        let asked = [q(1, SurveyKind::Rating, true), q(2, SurveyKind::Comment, false)];
        let ok = answers(&asked, &input(json!({"1": {"rating": 5, "comment": "  good  "}}))).unwrap();
        assert_eq!(
            ok[&1],
            StoredAnswer {
                rating: Some(5),
                comment: "good".into()
            }
        );
        for bad in [json!(0), json!(6), json!(3.5), json!("3"), json!(-1)] {
            let errs = error_keys(answers(&asked, &input(json!({"1": {"rating": bad}}))));
            assert_eq!(
                errs,
                [("answers.1.rating".to_string(), "feedback.rating_range".to_string())],
                "{bad}"
            );
        }
        let errs = error_keys(answers(&asked, &input(json!({"1": {"rating": 4}, "2": {"rating": 4}}))));
        assert_eq!(errs[0].1, "feedback.no_rating_here");
    }

    #[test]
    fn required_unknown_long_and_empty_answers_are_refused() {
        let asked = [q(1, SurveyKind::Rating, true), q(2, SurveyKind::Comment, true)];
        let errs = error_keys(answers(&asked, &input(json!({"1": {"comment": "no rating"}}))));
        assert_eq!(
            errs,
            [
                ("answers.1".to_string(), "feedback.required".to_string()),
                ("answers.2".to_string(), "feedback.required".to_string())
            ]
        );
        let errs = error_keys(answers(
            &asked,
            &input(json!({"1": {"rating": 3}, "2": {"comment": "x"}, "99": {"rating": 1}})),
        ));
        assert_eq!(errs, [("answers.99".to_string(), "feedback.unknown_question".to_string())]);
        let long = "字".repeat(MAX_COMMENT + 1);
        let errs = error_keys(answers(&asked, &input(json!({"1": {"rating": 3}, "2": {"comment": long}}))));
        assert_eq!(errs, [("answers.2.comment".to_string(), "feedback.comment_too_long".to_string())]);
        let optional = [q(1, SurveyKind::Rating, false)];
        let errs = error_keys(answers(&optional, &input(json!({"1": {"comment": "   "}}))));
        assert_eq!(errs, [("answers".to_string(), "feedback.empty".to_string())]);
    }

    #[test]
    fn question_lists_need_known_kinds_a_wording_and_distinct_ids() {
        let ok = questions(&SurveyInput {
            questions: standard_questions(),
        })
        .unwrap();
        assert_eq!(ok.len(), 6);
        assert!(ok.iter().all(|q| !q.label_zh.is_empty() && !q.label_en.is_empty()));
        let bad = SurveyInput {
            questions: vec![
                SurveyQuestionInput {
                    id: Some(4),
                    scope: "day".into(),
                    kind: "rating".into(),
                    label_en: "x".into(),
                    ..Default::default()
                },
                SurveyQuestionInput {
                    id: Some(4),
                    scope: "event".into(),
                    kind: "stars".into(),
                    ..Default::default()
                },
            ],
        };
        let Err(AppError::Validation { fields }) = questions(&bad) else {
            panic!()
        };
        assert_eq!(fields["questions[0].scope"], "feedback.scope_invalid");
        assert_eq!(fields["questions[1].kind"], "feedback.kind_invalid");
        assert_eq!(fields["questions[1].label_zh"], "feedback.label_missing");
        assert_eq!(fields["questions[1].id"], "feedback.question_twice");
    }

    #[test]
    fn a_target_is_the_event_or_a_session_guid() {
        assert_eq!(target(" event ").unwrap(), "event");
        assert!(target("6BA7B810-9DAD-11D1-80B4-00C04FD430C8").is_ok());
        assert!(target("session-1").is_err());
        assert!(target("").is_err());
    }
}
