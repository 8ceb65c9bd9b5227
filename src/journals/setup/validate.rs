//! Checking what editors type for the set-up and for a section (pure).

use serde::{Deserialize, Serialize};

use super::doi;
use super::model::{ReviewMode, SourceFiles};
use crate::error::{AppError, FieldErrors};

/// Most checklist items.
pub const MAX_CHECKLIST: usize = 20;
/// Largest file a journal may allow, MiB.
pub const MAX_FILE_MB: i32 = 100;

/// One item of the submission checklist authors tick before sending.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ChecklistItem {
    /// Chinese text.
    #[serde(default)]
    pub zh: String,
    /// English text.
    #[serde(default)]
    pub en: String,
}

/// The editorial set-up as the editors send it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetupInput {
    /// Take manuscripts (needs at least one open section).
    #[serde(default)]
    pub enabled: bool,
    /// `double_blind`, `single_blind` or `open`.
    #[serde(default = "double_blind")]
    pub review_mode: String,
    /// Section editors decide; otherwise they recommend and a chief or managing editor approves.
    #[serde(default)]
    pub section_editors_decide: bool,
    /// Author guidelines, Chinese.
    #[serde(default)]
    pub guidelines_zh: String,
    /// Author guidelines, English.
    #[serde(default)]
    pub guidelines_en: String,
    /// What authors confirm before sending (at most 20 items).
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    /// Word sources beside the PDF: `none`, `optional` or `required`.
    #[serde(default = "no_sources")]
    pub source_files: String,
    /// Largest file, MiB (1–100).
    #[serde(default = "twenty")]
    pub max_file_mb: i32,
    /// Days a reviewer has to answer an invitation (1–60).
    #[serde(default = "seven")]
    pub response_days: i32,
    /// Days a reviewer has to send the review after accepting (1–180).
    #[serde(default = "twenty_eight")]
    pub review_days: i32,
    /// Remind this many days before a due date (0–30, 0: no reminder).
    #[serde(default = "three")]
    pub remind_before_days: i32,
    /// Remind this many days after a missed due date (0–30, 0: no reminder).
    #[serde(default = "three")]
    pub remind_after_days: i32,
    /// DOI prefix `10.NNNN`, empty when the journal registers no DOIs.
    #[serde(default)]
    pub doi_prefix: String,
    /// DOI pattern; empty for the default `{prefix}/{journal}.{year}.{volume}.{issue}.{seq:03}`.
    #[serde(default)]
    pub doi_pattern: String,
    /// Licence of published articles as a URL (e.g. `https://creativecommons.org/licenses/by/4.0/`).
    #[serde(default)]
    pub licence_url: String,
}

fn double_blind() -> String {
    "double_blind".into()
}
fn no_sources() -> String {
    "none".into()
}
fn twenty() -> i32 {
    20
}
fn seven() -> i32 {
    7
}
fn twenty_eight() -> i32 {
    28
}
fn three() -> i32 {
    3
}

impl Default for SetupInput {
    fn default() -> Self {
        serde_json::from_str("{}").expect("every field has a default")
    }
}

/// A checked set-up.
#[derive(Debug, Clone, PartialEq)]
pub struct SetupSpec {
    /// Taking manuscripts.
    pub enabled: bool,
    /// Review mode.
    pub review_mode: ReviewMode,
    /// Section editors decide.
    pub section_editors_decide: bool,
    /// Guidelines.
    pub guidelines_zh: String,
    /// English guidelines.
    pub guidelines_en: String,
    /// Checklist, trimmed.
    pub checklist: Vec<ChecklistItem>,
    /// Word sources.
    pub source_files: SourceFiles,
    /// Largest file, MiB.
    pub max_file_mb: i32,
    /// Days to answer.
    pub response_days: i32,
    /// Days to review.
    pub review_days: i32,
    /// Reminder before.
    pub remind_before_days: i32,
    /// Reminder after.
    pub remind_after_days: i32,
    /// DOI prefix.
    pub doi_prefix: String,
    /// DOI pattern (the default when none was typed).
    pub doi_pattern: String,
    /// Licence URL.
    pub licence_url: String,
}

fn range(f: &mut FieldErrors, name: &str, v: i32, lo: i32, hi: i32) {
    if !(lo..=hi).contains(&v) {
        f.insert(name.into(), format!("journal_setup.range_{lo}_{hi}"));
    }
}

/// Whether `url` is an absolute http(s) address.
pub fn web_address(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

/// Checks the set-up.
pub fn setup(input: &SetupInput) -> Result<SetupSpec, AppError> {
    let mut f = FieldErrors::new();
    let review_mode = ReviewMode::parse(input.review_mode.trim());
    if review_mode.is_none() {
        f.insert("review_mode".into(), "journal_setup.review_mode_invalid".into());
    }
    let source_files = SourceFiles::parse(input.source_files.trim());
    if source_files.is_none() {
        f.insert("source_files".into(), "journal_setup.source_files_invalid".into());
    }
    let guidelines_zh = crate::text::field(&mut f, "guidelines_zh", &input.guidelines_zh, 20_000);
    let guidelines_en = crate::text::field(&mut f, "guidelines_en", &input.guidelines_en, 20_000);
    if input.checklist.len() > MAX_CHECKLIST {
        f.insert("checklist".into(), "journal_setup.checklist_too_long".into());
    }
    let mut checklist = Vec::new();
    for (i, item) in input.checklist.iter().enumerate() {
        let key = |part: &str| crate::web::rows::key("checklist", i, part);
        let zh = crate::text::field(&mut f, &key("zh"), &item.zh, 500);
        let en = crate::text::field(&mut f, &key("en"), &item.en, 500);
        if zh.is_empty() && en.is_empty() {
            f.insert(key("zh"), "journal_setup.checklist_item_empty".into());
        }
        checklist.push(ChecklistItem { zh, en });
    }
    range(&mut f, "max_file_mb", input.max_file_mb, 1, MAX_FILE_MB);
    range(&mut f, "response_days", input.response_days, 1, 60);
    range(&mut f, "review_days", input.review_days, 1, 180);
    range(&mut f, "remind_before_days", input.remind_before_days, 0, 30);
    range(&mut f, "remind_after_days", input.remind_after_days, 0, 30);
    let doi_prefix = input.doi_prefix.trim().to_string();
    if !doi_prefix.is_empty()
        && let Err(e) = doi::check_prefix(&doi_prefix)
    {
        f.insert("doi_prefix".into(), e.key().into());
    }
    let doi_pattern = match input.doi_pattern.trim() {
        "" => doi::DEFAULT_PATTERN.to_string(),
        p => p.to_string(),
    };
    if let Err(e) = doi::check_pattern(&doi_pattern) {
        f.insert("doi_pattern".into(), e.key().into());
    }
    let licence_url = input.licence_url.trim().to_string();
    if !licence_url.is_empty() && (licence_url.len() > 500 || !web_address(&licence_url)) {
        f.insert("licence_url".into(), "journal_setup.licence_url_invalid".into());
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    Ok(SetupSpec {
        enabled: input.enabled,
        review_mode: review_mode.unwrap_or(ReviewMode::DoubleBlind),
        section_editors_decide: input.section_editors_decide,
        guidelines_zh,
        guidelines_en,
        checklist,
        source_files: source_files.unwrap_or(SourceFiles::None),
        max_file_mb: input.max_file_mb,
        response_days: input.response_days,
        review_days: input.review_days,
        remind_before_days: input.remind_before_days,
        remind_after_days: input.remind_after_days,
        doi_prefix,
        doi_pattern,
        licence_url,
    })
}

/// A section as the editors send it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionInput {
    /// Short code, upper-case letters, digits, `-` or `_` (up to 16), unique in the journal.
    #[serde(default)]
    pub code: String,
    /// Title, Chinese.
    #[serde(default)]
    pub title_zh: String,
    /// Title, English.
    #[serde(default)]
    pub title_en: String,
    /// What the section takes, Chinese.
    #[serde(default)]
    pub policy_zh: String,
    /// English.
    #[serde(default)]
    pub policy_en: String,
    /// Takes new manuscripts.
    #[serde(default)]
    pub open: bool,
    /// Its manuscripts go to peer review.
    #[serde(default)]
    pub peer_reviewed: bool,
    /// Order (1 first); a new section goes last when left out.
    #[serde(default)]
    pub position: Option<i32>,
    /// Account ids of its section editors (each holds the journal's `section_editor` role).
    #[serde(default)]
    pub editors: Vec<i64>,
}

/// A checked section.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionSpec {
    /// Code, upper-cased.
    pub code: String,
    /// Titles.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Policies.
    pub policy_zh: String,
    /// English policy.
    pub policy_en: String,
    /// Open.
    pub open: bool,
    /// Peer reviewed.
    pub peer_reviewed: bool,
    /// Position, if given.
    pub position: Option<i32>,
    /// Editors, without repeats.
    pub editors: Vec<i64>,
}

/// Checks a section.
pub fn section(input: &SectionInput) -> Result<SectionSpec, AppError> {
    let mut f = FieldErrors::new();
    let code = input.code.trim().to_uppercase();
    if code.is_empty()
        || code.len() > 16
        || !code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        f.insert("code".into(), "journal_setup.section_code_invalid".into());
    }
    let title_zh = crate::text::field(&mut f, "title_zh", &input.title_zh, 200);
    let title_en = crate::text::field(&mut f, "title_en", &input.title_en, 200);
    if title_zh.is_empty() && title_en.is_empty() {
        f.insert("title_zh".into(), "journal_setup.section_title_missing".into());
    }
    let policy_zh = crate::text::field(&mut f, "policy_zh", &input.policy_zh, 5_000);
    let policy_en = crate::text::field(&mut f, "policy_en", &input.policy_en, 5_000);
    if input.position.is_some_and(|p| !(1..=1000).contains(&p)) {
        f.insert("position".into(), "journal_setup.range_1_1000".into());
    }
    if input.editors.len() > 50 {
        f.insert("editors".into(), "journal_setup.too_many_editors".into());
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    let mut editors = input.editors.clone();
    editors.sort_unstable();
    editors.dedup();
    Ok(SectionSpec {
        code,
        title_zh,
        title_en,
        policy_zh,
        policy_en,
        open: input.open,
        peer_reviewed: input.peer_reviewed,
        position: input.position,
        editors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(r: Result<impl std::fmt::Debug, AppError>) -> Vec<(String, String)> {
        match r {
            Err(AppError::Validation { fields }) => fields.into_iter().collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_setup_takes_the_defaults() {
        let s = setup(&SetupInput::default()).unwrap();
        assert_eq!(s.review_mode, ReviewMode::DoubleBlind);
        assert_eq!(s.source_files, SourceFiles::None);
        assert_eq!((s.max_file_mb, s.response_days, s.review_days), (20, 7, 28));
        assert_eq!(s.doi_pattern, doi::DEFAULT_PATTERN);
        assert!(!s.enabled);
    }

    #[test]
    fn each_bad_setting_is_named() {
        let input = SetupInput {
            review_mode: "secret".into(),
            source_files: "latex".into(),
            max_file_mb: 0,
            response_days: 61,
            review_days: 0,
            remind_before_days: -1,
            remind_after_days: 31,
            doi_prefix: "10.12".into(),
            doi_pattern: "{prefix}/{journal}".into(),
            licence_url: "javascript:alert(1)".into(),
            checklist: vec![
                ChecklistItem::default(),
                ChecklistItem {
                    zh: "a\u{202E}b".into(),
                    en: String::new(),
                },
            ],
            guidelines_zh: "x".repeat(20_001),
            ..SetupInput::default()
        };
        let names: Vec<String> = errors(setup(&input)).into_iter().map(|(k, _)| k).collect();
        for want in [
            "review_mode",
            "source_files",
            "max_file_mb",
            "response_days",
            "review_days",
            "remind_before_days",
            "remind_after_days",
            "doi_prefix",
            "doi_pattern",
            "licence_url",
            "checklist[0].zh",
            "checklist[1].zh",
            "guidelines_zh",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} missing from {names:?}");
        }
    }

    #[test]
    fn sections_need_a_code_and_a_title() {
        let e = errors(section(&SectionInput {
            code: "art icles".into(),
            ..Default::default()
        }));
        let names: Vec<&str> = e.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["code", "title_zh"]);
        let s = section(&SectionInput {
            code: " art ".into(),
            title_en: "Articles".into(),
            editors: vec![3, 2, 3],
            ..Default::default()
        })
        .unwrap();
        assert_eq!((s.code.as_str(), s.editors), ("ART", vec![2, 3]));
    }
}
