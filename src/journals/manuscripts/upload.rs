//! A manuscript upload: the multipart form is read by `submissions::upload::read` (parts `pdf`
//! for the manuscript and `source` for the Word source); the metadata comes as a `metadata`
//! JSON part (API clients) or as the HTML form's fields, named as the API's errors name them
//! (`authors[0].family_en`, `suggested_reviewers[1].email`, `checklist_0`).

use super::model::Reviewer;
use super::validate::{AuthorInput, MAX_REVIEWERS, ManuscriptInput};
use crate::error::AppError;
use crate::submissions::upload::{ReceivedFile, Upload};

/// Author rows the form offers.
pub const FORM_AUTHOR_ROWS: usize = 8;
/// Reviewer rows the form offers, per list.
pub const FORM_REVIEWER_ROWS: usize = 3;

fn rows<T>(up: &Upload, list: &str, n: usize, row: impl Fn(&dyn Fn(&str) -> String) -> T) -> Vec<T> {
    (0..n)
        .map(|i| {
            let get = |part: &str| up.get(&crate::web::rows::key(list, i, part));
            row(&get)
        })
        .collect()
}

/// The manuscript metadata of a form.
pub fn to_input(up: &Upload, checklist_items: usize) -> Result<ManuscriptInput, AppError> {
    if let Some(meta) = up.fields.get("metadata").and_then(|v| v.first()) {
        return serde_json::from_str(meta).map_err(|e| AppError::BadRequest(format!("malformed metadata JSON: {e}")));
    }
    let authors = rows(up, "authors", FORM_AUTHOR_ROWS, |g| AuthorInput {
        family_zh: g("family_zh"),
        given_zh: g("given_zh"),
        family_en: g("family_en"),
        given_en: g("given_en"),
        email: g("email"),
        affiliation: g("affiliation"),
        country: g("country"),
        orcid: g("orcid"),
        corresponding: !g("corresponding").is_empty(),
    });
    let reviewer = |g: &dyn Fn(&str) -> String| Reviewer {
        name: g("name"),
        email: g("email"),
        affiliation: g("affiliation"),
        reason: g("reason"),
    };
    Ok(ManuscriptInput {
        section_id: up.get("section_id").trim().parse().unwrap_or(0),
        title_zh: up.get("title_zh"),
        title_en: up.get("title_en"),
        abstract_zh: up.get("abstract_zh"),
        abstract_en: up.get("abstract_en"),
        keywords_zh: up.get("keywords_zh"),
        keywords_en: up.get("keywords_en"),
        language: up.get("language"),
        authors,
        cover_letter: up.get("cover_letter"),
        suggested_reviewers: rows(up, "suggested_reviewers", FORM_REVIEWER_ROWS.min(MAX_REVIEWERS), reviewer),
        opposed_reviewers: rows(up, "opposed_reviewers", FORM_REVIEWER_ROWS.min(MAX_REVIEWERS), reviewer),
        checklist: (0..checklist_items)
            .map(|i| !up.get(&format!("checklist_{i}")).is_empty())
            .collect(),
    })
}

/// The Word source's content type: a `.docx` file (a ZIP with the Word name) is all we take;
/// anything else named `.docx` is refused.
pub fn check_source(file: &ReceivedFile) -> Result<&'static str, AppError> {
    let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    match crate::files::sniff::document_type(&file.incoming.tmp_path, &file.name) {
        Ok(Some(t)) if t == docx => Ok(docx),
        Ok(_) => Err(AppError::field("source", "journal_ms.source_type")),
        Err(e) => Err(AppError::caused("reading the source file", e)),
    }
}
