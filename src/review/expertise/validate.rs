//! Checks expertise input.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldErrors};

/// An earlier paper of the reviewer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct PastPaperInput {
    /// Title (any language).
    #[serde(default)]
    pub title: String,
    /// Abstract, optional.
    #[serde(default)]
    pub abstract_text: String,
    /// Year, optional.
    #[serde(default)]
    pub year: Option<i32>,
}

/// A reviewer's expertise.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ExpertiseInput {
    /// Keywords, separated by commas (，；; accepted).
    #[serde(default)]
    pub keywords: String,
    /// Earlier papers entered by hand (replaces the entered ones).
    #[serde(default)]
    pub papers: Vec<PastPaperInput>,
}

/// Normalises a keyword list to `a, b, c`.
pub fn keywords(text: &str, f: &mut FieldErrors) -> String {
    let list: Vec<&str> = text
        .split([',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .collect();
    let joined = list.join(", ");
    if joined.chars().count() > 2000 {
        f.insert("keywords".into(), "validation.too_long".into());
    }
    crate::text::check(f, "keywords", &joined, false);
    joined
}

/// Checks one paper; `field` names it in errors.
pub fn paper(p: &PastPaperInput, field: &str, f: &mut FieldErrors) -> PastPaperInput {
    let title = p.title.trim().to_string();
    if title.is_empty() {
        f.insert(field.into(), "validation.past_paper_title".into());
    }
    if title.chars().count() > 500 || p.abstract_text.chars().count() > 10_000 {
        f.insert(field.into(), "validation.too_long".into());
    }
    if !crate::text::is_clean(&title, false) || !crate::text::is_clean(&p.abstract_text, true) {
        f.insert(field.into(), crate::text::REFUSED.into());
    }
    if p.year.is_some_and(|y| !(1900..=2100).contains(&y)) {
        f.insert(field.into(), "validation.year_invalid".into());
    }
    PastPaperInput {
        title,
        abstract_text: p.abstract_text.trim().to_string(),
        year: p.year,
    }
}

/// Checks a whole expertise update.
pub fn expertise(input: &ExpertiseInput) -> Result<ExpertiseInput, AppError> {
    let mut f = FieldErrors::new();
    let kw = keywords(&input.keywords, &mut f);
    if input.papers.len() > 200 {
        f.insert("papers".into(), "validation.too_many_papers".into());
    }
    let papers = input.papers.iter().map(|p| paper(p, "papers", &mut f)).collect();
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    Ok(ExpertiseInput { keywords: kw, papers })
}
