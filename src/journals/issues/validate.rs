//! Checks issue forms: volume, number and year, titles; numbering requests. Pure.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldErrors};

/// An issue as the editors make or change it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = JournalIssueInput)]
pub struct IssueInput {
    /// Volume, from 1.
    pub volume: i32,
    /// Number within the volume, from 1.
    pub number: i32,
    /// Year (1800–2200).
    pub year: i32,
    /// Title of a themed issue, Chinese.
    #[serde(default)]
    pub title_zh: String,
    /// Title, English.
    #[serde(default)]
    pub title_en: String,
}

/// A checked issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueSpec {
    /// Volume.
    pub volume: i32,
    /// Number.
    pub number: i32,
    /// Year.
    pub year: i32,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
}

/// Checks an issue.
pub fn issue(input: &IssueInput) -> Result<IssueSpec, AppError> {
    let mut f = FieldErrors::new();
    if !(1..=10_000).contains(&input.volume) {
        f.insert("volume".into(), "journal_issue.volume_invalid".into());
    }
    if !(1..=1_000).contains(&input.number) {
        f.insert("number".into(), "journal_issue.number_invalid".into());
    }
    if !(1800..=2200).contains(&input.year) {
        f.insert("year".into(), "journal_issue.year_invalid".into());
    }
    let title_zh = crate::text::field(&mut f, "title_zh", &input.title_zh, 300);
    let title_en = crate::text::field(&mut f, "title_en", &input.title_en, 300);
    AppError::unless_fields(
        f,
        IssueSpec {
            volume: input.volume,
            number: input.number,
            year: input.year,
            title_zh,
            title_en,
        },
    )
}

/// How to number an issue's articles.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IssueNumberingInput)]
pub struct NumberingInput {
    /// `pages` (consecutive pages from `first_page`, each article as long as its PDF galley) or
    /// `article_numbers` (issue and place, such as `030007`).
    pub mode: String,
    /// The issue's first page (`pages`; 1 when left out).
    #[serde(default)]
    pub first_page: Option<u32>,
}

/// A checked numbering request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Pages from this first page.
    Pages(u32),
    /// Article numbers.
    ArticleNumbers,
}

/// Checks a numbering request.
pub fn numbering(input: &NumberingInput) -> Result<Numbering, AppError> {
    match input.mode.trim() {
        "pages" => match input.first_page.unwrap_or(1) {
            p @ 1..=100_000 => Ok(Numbering::Pages(p)),
            _ => Err(AppError::field("first_page", "journal_issue.first_page_invalid")),
        },
        "article_numbers" => Ok(Numbering::ArticleNumbers),
        _ => Err(AppError::field("mode", "journal_issue.numbering_mode_invalid")),
    }
}

/// Where to move an article in the table of contents.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IssueMoveInput)]
pub struct MoveInput {
    /// `up` or `down` (within its section).
    pub direction: String,
}

/// An article to place in an issue.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IssueScheduleInput)]
pub struct ScheduleInput {
    /// The article's id (in production).
    pub article_id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issue_needs_a_volume_number_and_plausible_year() {
        let ok = IssueInput {
            volume: 12,
            number: 3,
            year: 2027,
            title_zh: " 同行评议专刊 ".into(),
            title_en: String::new(),
        };
        assert_eq!(issue(&ok).unwrap().title_zh, "同行评议专刊");
        for (bad, field) in [
            (IssueInput { volume: 0, ..ok.clone() }, "volume"),
            (IssueInput { number: -1, ..ok.clone() }, "number"),
            (IssueInput { year: 27, ..ok.clone() }, "year"),
            (
                IssueInput {
                    title_en: "x".repeat(301),
                    ..ok.clone()
                },
                "title_en",
            ),
        ] {
            match issue(&bad) {
                Err(AppError::Validation { fields }) => assert!(fields.contains_key(field), "{fields:?}"),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn numbering_is_pages_from_a_first_page_or_article_numbers() {
        let n = |mode: &str, first| {
            numbering(&NumberingInput {
                mode: mode.into(),
                first_page: first,
            })
        };
        assert_eq!(n("pages", None).unwrap(), Numbering::Pages(1));
        assert_eq!(n("pages", Some(101)).unwrap(), Numbering::Pages(101));
        assert_eq!(n("article_numbers", None).unwrap(), Numbering::ArticleNumbers);
        assert!(n("pages", Some(0)).is_err());
        assert!(n("roman", None).is_err());
    }
}
