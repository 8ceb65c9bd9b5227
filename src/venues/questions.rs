//! Extra questions on a form (a call for papers, a registration form): checking the
//! organiser's list and a person's answers. One rule for every form that asks them (pure).

use std::collections::BTreeMap;

use super::model::QuestionKind;
use super::validate::{OptionText, QuestionInput};
use crate::error::FieldErrors;

/// Kinds of extra questions.
pub const KINDS: [&str; 3] = [
    QuestionKind::Text.as_str(),
    QuestionKind::Choice.as_str(),
    QuestionKind::Checkbox.as_str(),
];

/// Most questions one form may ask.
pub const MAX_QUESTIONS: usize = 50;

fn too_long(f: &mut FieldErrors, name: &str, v: &str, max: usize) {
    if v.chars().count() > max {
        f.insert(name.into(), "validation.too_long".into());
    }
    crate::text::check_sized(f, name, v, max);
}

/// Checks an organiser's questions (named `list[i].field` in the errors) and returns them trimmed.
pub fn check_list(list: &str, input: &[QuestionInput], f: &mut FieldErrors) -> Vec<QuestionInput> {
    let mut questions = input.to_vec();
    for (i, q) in questions.iter_mut().enumerate() {
        let at = |field: &str| crate::web::rows::key(list, i, field);
        q.kind = q.kind.trim().to_string();
        q.label_zh = q.label_zh.trim().to_string();
        q.label_en = q.label_en.trim().to_string();
        if !KINDS.contains(&q.kind.as_str()) {
            f.insert(at("kind"), "validation.question_kind".into());
        }
        if q.label_zh.is_empty() && q.label_en.is_empty() {
            f.insert(at("label_zh"), "validation.question_label".into());
        }
        if q.kind == "choice" && (q.options.is_empty() || q.options.iter().any(|o| o.zh.trim().is_empty() && o.en.trim().is_empty())) {
            f.insert(at("options"), "validation.question_options".into());
        } else if q.kind != "choice" && !q.options.is_empty() {
            f.insert(at("options"), "validation.question_no_options".into());
        }
        too_long(f, &at("label_zh"), &q.label_zh, 500);
        too_long(f, &at("label_en"), &q.label_en, 500);
        for o in &q.options {
            too_long(f, &at("options"), &o.zh, 200);
            too_long(f, &at("options"), &o.en, 200);
        }
    }
    if questions.len() > MAX_QUESTIONS {
        f.insert(list.into(), "validation.too_many".into());
    }
    questions
}

/// The options of a stored `choice` question (its JSON list), none for other kinds.
pub fn options(stored: &str) -> Vec<OptionText> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// One stored question as the answer check needs it.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// Question id (answers are keyed by it).
    pub id: i64,
    /// Its kind.
    pub kind: QuestionKind,
    /// For `choice`: the stored JSON list of options.
    pub options: &'a str,
    /// Whether an answer is required.
    pub required: bool,
}

/// Checks answers (question id -> text, option index, or "yes" for a ticked checkbox); errors
/// are named `q<id>`. Returns what is stored: text, option index, or a boolean per question.
pub fn check_answers(asked: &[Asked<'_>], given: &BTreeMap<String, String>, f: &mut FieldErrors) -> BTreeMap<String, serde_json::Value> {
    let mut answers = BTreeMap::new();
    for q in asked {
        let key = q.id.to_string();
        let raw = given.get(&key).map(|s| s.trim().to_string()).unwrap_or_default();
        let field = format!("q{}", q.id);
        match q.kind {
            QuestionKind::Checkbox => {
                let ticked = matches!(raw.as_str(), "yes" | "on" | "true" | "1");
                if q.required && !ticked {
                    f.insert(field, "validation.required".into());
                }
                answers.insert(key, serde_json::Value::Bool(ticked));
            }
            QuestionKind::Choice => {
                let n = options(q.options).len();
                match raw.parse::<usize>() {
                    Ok(i) if i < n => {
                        answers.insert(key, serde_json::Value::from(i));
                    }
                    _ if raw.is_empty() && !q.required => {}
                    _ if raw.is_empty() => {
                        f.insert(field, "validation.required".into());
                    }
                    _ => {
                        f.insert(field, "validation.choice_invalid".into());
                    }
                }
            }
            QuestionKind::Text => {
                if q.required && raw.is_empty() {
                    f.insert(field.clone(), "validation.required".into());
                }
                too_long(f, &field, &raw, 5000);
                if !raw.is_empty() {
                    answers.insert(key, serde_json::Value::String(raw));
                }
            }
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_needs_options_and_other_kinds_take_none() {
        let mut f = FieldErrors::new();
        let list = [
            QuestionInput {
                kind: "choice".into(),
                label_en: "Diet".into(),
                ..Default::default()
            },
            QuestionInput {
                kind: "text".into(),
                label_zh: "备注".into(),
                options: vec![OptionText {
                    zh: "a".into(),
                    en: "a".into(),
                }],
                ..Default::default()
            },
            QuestionInput {
                kind: "rating".into(),
                ..Default::default()
            },
        ];
        check_list("questions", &list, &mut f);
        assert_eq!(
            f.get("questions[0].options").map(String::as_str),
            Some("validation.question_options")
        );
        assert_eq!(
            f.get("questions[1].options").map(String::as_str),
            Some("validation.question_no_options")
        );
        assert_eq!(f.get("questions[2].kind").map(String::as_str), Some("validation.question_kind"));
        assert_eq!(
            f.get("questions[2].label_zh").map(String::as_str),
            Some("validation.question_label")
        );
    }

    #[test]
    fn answers_are_checked_against_their_questions() {
        let choice = r#"[{"zh":"素食","en":"Vegetarian"},{"zh":"无","en":"None"}]"#;
        let asked = [
            Asked {
                id: 1,
                kind: QuestionKind::Choice,
                options: choice,
                required: true,
            },
            Asked {
                id: 2,
                kind: QuestionKind::Checkbox,
                options: "[]",
                required: true,
            },
            Asked {
                id: 3,
                kind: QuestionKind::Text,
                options: "[]",
                required: false,
            },
        ];
        let mut f = FieldErrors::new();
        let given = BTreeMap::from([("1".to_string(), "5".to_string())]);
        check_answers(&asked, &given, &mut f);
        assert_eq!(f.get("q1").map(String::as_str), Some("validation.choice_invalid"));
        assert_eq!(f.get("q2").map(String::as_str), Some("validation.required"));
        assert!(!f.contains_key("q3"));

        let mut f = FieldErrors::new();
        let given = BTreeMap::from([
            ("1".to_string(), "1".into()),
            ("2".to_string(), "yes".into()),
            ("3".to_string(), " hi ".into()),
        ]);
        let a = check_answers(&asked, &given, &mut f);
        assert!(f.is_empty());
        assert_eq!(a["1"], serde_json::json!(1));
        assert_eq!(a["2"], serde_json::json!(true));
        assert_eq!(a["3"], serde_json::json!("hi"));
    }
}
