//! Review forms as data: the fields, the default form, checking a form a chair writes and
//! checking the answers a reviewer gives. Pure: no I/O.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;

/// A number on a scale; the form's one `overall` score ranks papers.
pub const SCORE: &str = "score";
/// The reviewer's confidence; weights the scores in the decisions table.
pub const CONFIDENCE: &str = "confidence";
/// Free text.
pub const TEXT: &str = "text";

/// Most fields on one form.
pub const MAX_FIELDS: usize = 30;
/// Longest text answer unless the field says less.
pub const MAX_TEXT_CHARS: i32 = 20_000;

/// The name of one point on a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ScaleLabel {
    /// The value it names.
    pub value: i32,
    /// Chinese name.
    #[serde(default)]
    pub zh: String,
    /// English name.
    #[serde(default)]
    pub en: String,
}

/// One question of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = FormField)]
pub struct Field {
    /// Stable key the answers are stored under (`a`–`z`, `0`–`9`, `_`).
    pub key: String,
    /// `score`, `confidence` or `text`.
    pub kind: String,
    /// Chinese label.
    #[serde(default)]
    pub label_zh: String,
    /// English label.
    #[serde(default)]
    pub label_en: String,
    /// Help shown under the label (Chinese).
    #[serde(default)]
    pub help_zh: String,
    /// Help (English).
    #[serde(default)]
    pub help_en: String,
    /// Lowest value of a scale.
    #[serde(default)]
    pub min: i32,
    /// Highest value of a scale.
    #[serde(default)]
    pub max: i32,
    /// Names of the scale's points.
    #[serde(default)]
    pub labels: Vec<ScaleLabel>,
    /// Needed to submit (drafts may leave it empty).
    #[serde(default)]
    pub required: bool,
    /// Shown to the authors (without the reviewer's name) once reviews are released.
    #[serde(default)]
    pub visible_to_authors: bool,
    /// The score that ranks papers (exactly one score field has it).
    #[serde(default)]
    pub overall: bool,
    /// Longest answer in characters (text fields).
    #[serde(default)]
    pub max_chars: Option<i32>,
}

impl Field {
    /// Whether the field takes a number.
    pub fn is_scale(&self) -> bool {
        self.kind == SCORE || self.kind == CONFIDENCE
    }
}

fn label(value: i32, zh: &str, en: &str) -> ScaleLabel {
    ScaleLabel {
        value,
        zh: zh.into(),
        en: en.into(),
    }
}

fn text_field(key: &str, zh: &str, en: &str, required: bool, to_authors: bool) -> Field {
    Field {
        key: key.into(),
        kind: TEXT.into(),
        label_zh: zh.into(),
        label_en: en.into(),
        help_zh: String::new(),
        help_en: String::new(),
        min: 0,
        max: 0,
        labels: vec![],
        required,
        visible_to_authors: to_authors,
        overall: false,
        max_chars: None,
    }
}

/// An empty text field: the spare rows of the form editor.
pub fn blank_field() -> Field {
    Field {
        min: 1,
        max: 5,
        ..text_field("", "", "", false, false)
    }
}

/// The form a venue gets until its chairs change it (after HotCRP's and common CS practice).
pub fn default_form() -> Vec<Field> {
    vec![
        Field {
            key: "overall".into(),
            kind: SCORE.into(),
            label_zh: "总体评价".into(),
            label_en: "Overall merit".into(),
            help_zh: String::new(),
            help_en: String::new(),
            min: 1,
            max: 5,
            labels: vec![
                label(1, "强烈拒稿", "Strong reject"),
                label(2, "弱拒稿", "Weak reject"),
                label(3, "临界", "Borderline"),
                label(4, "弱接收", "Weak accept"),
                label(5, "强烈接收", "Strong accept"),
            ],
            required: true,
            visible_to_authors: true,
            overall: true,
            max_chars: None,
        },
        Field {
            key: "confidence".into(),
            kind: CONFIDENCE.into(),
            label_zh: "评审信心".into(),
            label_en: "Reviewer confidence".into(),
            help_zh: String::new(),
            help_en: String::new(),
            min: 1,
            max: 4,
            labels: vec![
                label(1, "不熟悉该领域", "Not familiar with the area"),
                label(2, "有一定了解", "Some familiarity"),
                label(3, "熟悉", "Knowledgeable"),
                label(4, "专家", "Expert"),
            ],
            required: true,
            visible_to_authors: true,
            overall: false,
            max_chars: None,
        },
        text_field("summary", "论文概要", "Paper summary", true, true),
        text_field("strengths", "优点", "Strengths", false, true),
        text_field("weaknesses", "不足与改进建议", "Weaknesses and suggestions", true, true),
        text_field("to_committee", "仅供委员会的意见", "Comments for the committee only", false, false),
    ]
}

/// The form a journal gets until its editors change it: an overall assessment, the reviewer's
/// confidence, comments for the authors and comments for the editor only (the recommendation
/// is asked for beside the form).
pub fn journal_form() -> Vec<Field> {
    let mut form = default_form();
    form.retain(|f| f.key == "overall" || f.key == "confidence");
    form[0].label_zh = "总体评价".into();
    form[0].label_en = "Overall assessment".into();
    form[0].labels = vec![
        label(1, "很差", "Poor"),
        label(2, "一般", "Fair"),
        label(3, "良好", "Good"),
        label(4, "很好", "Very good"),
        label(5, "优秀", "Excellent"),
    ];
    form.push(text_field("to_authors", "给作者的意见", "Comments to the authors", true, true));
    form.push(text_field(
        "to_editor",
        "仅供编辑的意见",
        "Comments to the editor only",
        false,
        false,
    ));
    form
}

/// The area chair's meta-review form: a summary for the authors and a recommendation for the chairs.
pub fn meta_form() -> Vec<Field> {
    vec![
        text_field("meta", "元评审意见", "Meta-review", true, true),
        Field {
            key: "recommendation".into(),
            kind: SCORE.into(),
            label_zh: "建议".into(),
            label_en: "Recommendation".into(),
            help_zh: String::new(),
            help_en: String::new(),
            min: 1,
            max: 3,
            labels: vec![
                label(1, "拒稿", "Reject"),
                label(2, "待讨论", "Discuss"),
                label(3, "接收", "Accept"),
            ],
            required: true,
            visible_to_authors: false,
            overall: true,
            max_chars: None,
        },
        text_field("to_committee", "仅供委员会的意见", "Comments for the committee only", false, false),
    ]
}

fn valid_key(k: &str) -> bool {
    !k.is_empty() && k.len() <= 32 && k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Checks a form a chair wrote. Errors are keyed `fields[i].part`.
pub fn check_form(fields: &[Field]) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    if fields.is_empty() {
        e.insert("fields".into(), "validation.form_empty".into());
    }
    if fields.len() > MAX_FIELDS {
        e.insert("fields".into(), "validation.form_too_long".into());
    }
    let mut keys = HashSet::new();
    for (i, f) in fields.iter().enumerate() {
        let at = |part: &str| format!("fields[{i}].{part}");
        if !valid_key(&f.key) {
            e.insert(at("key"), "validation.field_key".into());
        } else if !keys.insert(f.key.as_str()) {
            e.insert(at("key"), "validation.field_key_taken".into());
        }
        if f.label_zh.trim().is_empty() && f.label_en.trim().is_empty() {
            e.insert(at("label"), "validation.field_label".into());
        }
        if !crate::text::is_clean(&f.label_zh, false) || !crate::text::is_clean(&f.label_en, false) {
            e.insert(at("label"), crate::text::REFUSED.into());
        }
        match f.kind.as_str() {
            SCORE | CONFIDENCE => {
                if f.min < 0 || f.max > 100 || f.min >= f.max || f.max - f.min > 20 {
                    e.insert(at("max"), "validation.scale_range".into());
                }
                if f.labels.iter().any(|l| l.value < f.min || l.value > f.max) {
                    e.insert(at("labels"), "validation.scale_label".into());
                }
            }
            TEXT => {
                if f.max_chars.is_some_and(|m| !(1..=MAX_TEXT_CHARS).contains(&m)) {
                    e.insert(at("max_chars"), "validation.max_chars".into());
                }
                if f.overall {
                    e.insert(at("overall"), "validation.overall_not_score".into());
                }
            }
            _ => {
                e.insert(at("kind"), "validation.field_kind".into());
            }
        }
        if f.overall && f.kind != SCORE && f.kind != TEXT {
            e.insert(at("overall"), "validation.overall_not_score".into());
        }
    }
    if !fields.is_empty() && fields.iter().filter(|f| f.overall && f.kind == SCORE).count() != 1 {
        e.entry("fields".into()).or_insert_with(|| "validation.one_overall".into());
    }
    if fields.iter().filter(|f| f.kind == CONFIDENCE).count() > 1 {
        e.entry("fields".into()).or_insert_with(|| "validation.one_confidence".into());
    }
    if e.is_empty() { Ok(()) } else { Err(e) }
}

/// One answer: a number for scales, text otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum Answer {
    /// A point on a scale.
    Number(i64),
    /// Text.
    Text(String),
}

/// Answers by field key.
pub type Answers = BTreeMap<String, Answer>;

/// Checks and normalises answers against the form: unknown keys and wrong types are errors;
/// empty text is dropped; with `complete`, required fields must be answered.
pub fn check_answers(form: &[Field], given: &Answers, complete: bool) -> Result<Answers, FieldErrors> {
    let mut e = FieldErrors::new();
    let mut out = Answers::new();
    for k in given.keys() {
        if !form.iter().any(|f| &f.key == k) {
            e.insert(k.clone(), "validation.unknown_field".into());
        }
    }
    for f in form {
        match (given.get(&f.key), f.is_scale()) {
            (None, _) => {}
            (Some(Answer::Text(s)), _) if s.trim().is_empty() => {}
            (Some(Answer::Number(n)), true) => {
                if *n < f.min as i64 || *n > f.max as i64 {
                    e.insert(f.key.clone(), "validation.score_range".into());
                } else {
                    out.insert(f.key.clone(), Answer::Number(*n));
                }
            }
            (Some(Answer::Text(s)), true) => match s.trim().parse::<i64>() {
                Ok(n) if n >= f.min as i64 && n <= f.max as i64 => {
                    out.insert(f.key.clone(), Answer::Number(n));
                }
                _ => {
                    e.insert(f.key.clone(), "validation.score_range".into());
                }
            },
            (Some(Answer::Text(s)), false) => {
                let limit = f.max_chars.unwrap_or(MAX_TEXT_CHARS);
                if s.chars().count() > limit as usize {
                    e.insert(f.key.clone(), "validation.too_long".into());
                } else if !crate::text::is_clean(s, true) {
                    e.insert(f.key.clone(), crate::text::REFUSED.into());
                } else {
                    out.insert(f.key.clone(), Answer::Text(s.trim_end().to_string()));
                }
            }
            (Some(Answer::Number(_)), false) => {
                e.insert(f.key.clone(), "validation.text_expected".into());
            }
        }
        if complete && f.required && !out.contains_key(&f.key) && !e.contains_key(&f.key) {
            e.insert(f.key.clone(), "validation.required".into());
        }
    }
    if e.is_empty() { Ok(out) } else { Err(e) }
}

/// The overall score and the confidence in `answers`, if given.
pub fn key_scores(form: &[Field], answers: &Answers) -> (Option<i32>, Option<i32>) {
    let number = |pred: &dyn Fn(&Field) -> bool| {
        form.iter().find(|f| pred(f)).and_then(|f| match answers.get(&f.key) {
            Some(Answer::Number(n)) => Some(*n as i32),
            _ => None,
        })
    };
    (number(&|f| f.overall && f.kind == SCORE), number(&|f| f.kind == CONFIDENCE))
}

/// The answers authors may read.
pub fn for_authors(form: &[Field], answers: &Answers) -> Answers {
    answers
        .iter()
        .filter(|(k, _)| form.iter().any(|f| &f.key == *k && f.visible_to_authors))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_journal_form_is_a_valid_form() {
        assert_eq!(check_form(&journal_form()), Ok(()));
    }

    use super::*;

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn the_default_forms_are_valid() {
        assert_eq!(check_form(&default_form()), Ok(()));
        assert_eq!(check_form(&meta_form()), Ok(()));
    }

    #[test]
    fn a_form_needs_one_overall_score_and_unique_keys() {
        let mut f = default_form();
        f[0].overall = false;
        assert_eq!(check_form(&f).unwrap_err()["fields"], "validation.one_overall");
        let mut f = default_form();
        f[3].key = "summary".into();
        assert_eq!(check_form(&f).unwrap_err()["fields[3].key"], "validation.field_key_taken");
        let mut f = default_form();
        f[1].kind = SCORE.into();
        f[1].overall = true;
        assert_eq!(check_form(&f).unwrap_err()["fields"], "validation.one_overall");
    }

    #[test]
    fn scales_must_be_sane() {
        let mut f = default_form();
        f[0].min = 5;
        f[0].max = 1;
        let e = check_form(&f).unwrap_err();
        assert_eq!(e["fields[0].max"], "validation.scale_range");
        let mut f = default_form();
        f[0].labels.push(ScaleLabel {
            value: 9,
            zh: "?".into(),
            en: "?".into(),
        });
        assert_eq!(check_form(&f).unwrap_err()["fields[0].labels"], "validation.scale_label");
        let mut f = default_form();
        f[2].key = "Bad Key".into();
        f[2].kind = "essay".into();
        let e = check_form(&f).unwrap_err();
        assert_eq!(e["fields[2].key"], "validation.field_key");
        assert_eq!(e["fields[2].kind"], "validation.field_kind");
    }

    #[test]
    fn drafts_may_be_incomplete_but_submissions_may_not() {
        let form = default_form();
        let draft = answers(&[("overall", Answer::Number(4))]);
        assert!(check_answers(&form, &draft, false).is_ok());
        let e = check_answers(&form, &draft, true).unwrap_err();
        assert_eq!(e["summary"], "validation.required");
        assert_eq!(e["confidence"], "validation.required");
        assert!(!e.contains_key("strengths"), "optional fields stay optional");
    }

    #[test]
    fn answers_are_checked_against_the_form() {
        let form = default_form();
        let bad = answers(&[
            ("overall", Answer::Number(7)),
            ("confidence", Answer::Text("x".into())),
            ("summary", Answer::Number(3)),
            ("nonsense", Answer::Text("hi".into())),
        ]);
        let e = check_answers(&form, &bad, false).unwrap_err();
        assert_eq!(e["overall"], "validation.score_range");
        assert_eq!(e["confidence"], "validation.score_range");
        assert_eq!(e["summary"], "validation.text_expected");
        assert_eq!(e["nonsense"], "validation.unknown_field");
    }

    #[test]
    fn form_posts_give_numbers_as_text_and_blank_text_is_no_answer() {
        let form = default_form();
        let given = answers(&[
            ("overall", Answer::Text("4".into())),
            ("confidence", Answer::Text("".into())),
            ("summary", Answer::Text("  Good.  ".into())),
        ]);
        let out = check_answers(&form, &given, false).unwrap();
        assert_eq!(out["overall"], Answer::Number(4));
        assert!(!out.contains_key("confidence"));
        assert_eq!(out["summary"], Answer::Text("  Good.".into()));
        assert_eq!(key_scores(&form, &out), (Some(4), None));
    }

    #[test]
    fn text_limits_count_characters_not_bytes() {
        let mut form = default_form();
        form[2].max_chars = Some(4);
        let ok = answers(&[("summary", Answer::Text("同行评议".into()))]);
        assert!(check_answers(&form, &ok, false).is_ok());
        let long = answers(&[("summary", Answer::Text("同行评议好".into()))]);
        assert_eq!(check_answers(&form, &long, false).unwrap_err()["summary"], "validation.too_long");
    }

    #[test]
    fn authors_see_only_their_fields() {
        let form = default_form();
        let a = answers(&[
            ("overall", Answer::Number(2)),
            ("to_committee", Answer::Text("I know who wrote this".into())),
        ]);
        let seen = for_authors(&form, &a);
        assert!(seen.contains_key("overall"));
        assert!(!seen.contains_key("to_committee"));
    }
}
