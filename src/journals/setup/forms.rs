//! The set-up pages' forms, each converted to the API's input: the settings (with checklist
//! rows) and a section (its editors as `editor_<id>` boxes).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::validate::{ChecklistItem, SectionInput, SetupInput};
use super::view::{EditorialSetup, SectionView};
use crate::error::AppError;
use crate::web::rows::{Kept, Row, Rows, checkbox, renumber};

/// A number as typed; what is not a whole number becomes -1, which the checks refuse.
fn number(s: &str) -> i32 {
    s.trim().parse().unwrap_or(-1)
}

/// A checklist row.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ChecklistRow {
    #[serde(default)]
    pub zh: String,
    #[serde(default)]
    pub en: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for ChecklistRow {
    fn is_blank(&self) -> bool {
        self.zh.trim().is_empty() && self.en.trim().is_empty()
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// The settings form as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SetupForm {
    #[serde(default, deserialize_with = "checkbox")]
    pub enabled: bool,
    #[serde(default)]
    pub review_mode: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub section_editors_decide: bool,
    #[serde(default)]
    pub guidelines_zh: String,
    #[serde(default)]
    pub guidelines_en: String,
    #[serde(default)]
    pub checklist: Rows<ChecklistRow>,
    #[serde(default)]
    pub source_files: String,
    #[serde(default)]
    pub max_file_mb: String,
    #[serde(default)]
    pub response_days: String,
    #[serde(default)]
    pub review_days: String,
    #[serde(default)]
    pub remind_before_days: String,
    #[serde(default)]
    pub remind_after_days: String,
    #[serde(default)]
    pub doi_prefix: String,
    #[serde(default)]
    pub doi_pattern: String,
    #[serde(default)]
    pub licence_url: String,
}

impl SetupForm {
    /// The form showing the stored set-up.
    pub fn of(s: &EditorialSetup) -> SetupForm {
        SetupForm {
            enabled: s.enabled,
            review_mode: s.review_mode.as_str().into(),
            section_editors_decide: s.section_editors_decide,
            guidelines_zh: s.guidelines_zh.clone(),
            guidelines_en: s.guidelines_en.clone(),
            checklist: Rows::of(&s.checklist, |c| ChecklistRow {
                zh: c.zh.clone(),
                en: c.en.clone(),
                remove: false,
            }),
            source_files: s.source_files.as_str().into(),
            max_file_mb: s.max_file_mb.to_string(),
            response_days: s.response_days.to_string(),
            review_days: s.review_days.to_string(),
            remind_before_days: s.remind_before_days.to_string(),
            remind_after_days: s.remind_after_days.to_string(),
            doi_prefix: s.doi_prefix.clone(),
            doi_pattern: s.doi_pattern.clone(),
            licence_url: s.licence_url.clone(),
        }
    }

    /// The API input and where its checklist rows came from.
    pub fn to_input(&self) -> (SetupInput, Kept) {
        let (checklist, kept) = self.checklist.kept("checklist", |_, r| ChecklistItem {
            zh: r.zh.clone(),
            en: r.en.clone(),
        });
        let input = SetupInput {
            enabled: self.enabled,
            review_mode: self.review_mode.clone(),
            section_editors_decide: self.section_editors_decide,
            guidelines_zh: self.guidelines_zh.clone(),
            guidelines_en: self.guidelines_en.clone(),
            checklist,
            source_files: self.source_files.clone(),
            max_file_mb: number(&self.max_file_mb),
            response_days: number(&self.response_days),
            review_days: number(&self.review_days),
            remind_before_days: number(&self.remind_before_days),
            remind_after_days: number(&self.remind_after_days),
            doi_prefix: self.doi_prefix.clone(),
            doi_pattern: self.doi_pattern.clone(),
            licence_url: self.licence_url.clone(),
        };
        (input, kept)
    }
}

/// Makes the shared validation's errors name the form's checklist rows.
pub fn renumbered(err: AppError, kept: &Kept) -> AppError {
    renumber(err, &[kept])
}

/// The section form as posted; editors arrive as `editor_<id>` boxes.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SectionForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title_zh: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub policy_zh: String,
    #[serde(default)]
    pub policy_en: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub open: String,
    #[serde(default)]
    pub peer_reviewed: String,
    #[serde(flatten)]
    pub rest: BTreeMap<String, String>,
}

impl SectionForm {
    /// A new section's form: open and peer reviewed.
    pub fn blank() -> SectionForm {
        SectionForm {
            open: "1".into(),
            peer_reviewed: "1".into(),
            ..Default::default()
        }
    }

    /// The form showing a stored section.
    pub fn of(s: &SectionView) -> SectionForm {
        let x = &s.section;
        SectionForm {
            code: x.code.clone(),
            title_zh: x.title_zh.clone(),
            title_en: x.title_en.clone(),
            policy_zh: x.policy_zh.clone(),
            policy_en: x.policy_en.clone(),
            position: x.position.to_string(),
            open: if x.open { "1".into() } else { String::new() },
            peer_reviewed: if x.peer_reviewed { "1".into() } else { String::new() },
            rest: s
                .editors
                .iter()
                .map(|e| (format!("editor_{}", e.user_id), "1".to_string()))
                .collect(),
        }
    }

    /// The API input.
    pub fn to_input(&self) -> SectionInput {
        SectionInput {
            code: self.code.clone(),
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            policy_zh: self.policy_zh.clone(),
            policy_en: self.policy_en.clone(),
            open: !self.open.is_empty(),
            peer_reviewed: !self.peer_reviewed.is_empty(),
            position: match self.position.trim() {
                "" => None,
                p => Some(p.parse().unwrap_or(-1)),
            },
            editors: self
                .rest
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .filter_map(|(k, _)| k.strip_prefix("editor_")?.parse().ok())
                .collect(),
        }
    }
}
