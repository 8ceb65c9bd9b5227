//! The volume's details as the chairs send them, and their checks (pure).

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldErrors};

/// A volume's details.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VolumeInput {
    /// Chinese title (one of the titles is required).
    #[serde(default)]
    pub title_zh: String,
    /// English title.
    #[serde(default)]
    pub title_en: String,
    /// Chinese subtitle.
    #[serde(default)]
    pub subtitle_zh: String,
    /// English subtitle.
    #[serde(default)]
    pub subtitle_en: String,
    /// Series name.
    #[serde(default)]
    pub series: String,
    /// Volume number or name.
    #[serde(default)]
    pub volume: String,
    /// Publisher.
    #[serde(default)]
    pub publisher: String,
    /// Place of publication.
    #[serde(default)]
    pub place: String,
    /// Year of publication (1900 to 2200).
    #[serde(default)]
    pub year: i32,
    /// ISBN-13 (hyphens and spaces allowed), checked by its check digit.
    #[serde(default)]
    pub isbn: String,
    /// DOI of the volume (`10.<prefix>/<suffix>`).
    #[serde(default)]
    pub doi: String,
    /// Preface in Chinese (paragraphs separated by blank lines).
    #[serde(default)]
    pub preface_zh: String,
    /// Preface in English.
    #[serde(default)]
    pub preface_en: String,
}

/// Whether `isbn` is a valid ISBN-13 (digits, optional hyphens or spaces).
pub fn isbn13_ok(isbn: &str) -> bool {
    let digits: Vec<u32> = isbn
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_digit(10).unwrap_or(99))
        .collect();
    if digits.len() != 13 || digits.iter().any(|d| *d > 9) || isbn.chars().any(|c| !(c.is_ascii_digit() || c == '-' || c == ' ')) {
        return false;
    }
    let sum: u32 = digits.iter().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 }).sum();
    sum.is_multiple_of(10)
}

/// Whether `doi` looks like a DOI (`10.` registrant code, slash, suffix, no spaces).
pub fn doi_ok(doi: &str) -> bool {
    let Some((prefix, suffix)) = doi.split_once('/') else {
        return false;
    };
    prefix.starts_with("10.")
        && prefix.len() > 3
        && prefix[3..].chars().all(|c| c.is_ascii_digit() || c == '.')
        && !suffix.is_empty()
        && !doi.chars().any(char::is_whitespace)
}

/// Checks a volume's details, trimming them.
pub fn volume(input: &VolumeInput) -> Result<VolumeInput, AppError> {
    let mut f = FieldErrors::new();
    let mut v = input.clone();
    for (name, value, max) in [
        ("title_zh", &mut v.title_zh, 300),
        ("title_en", &mut v.title_en, 300),
        ("subtitle_zh", &mut v.subtitle_zh, 300),
        ("subtitle_en", &mut v.subtitle_en, 300),
        ("series", &mut v.series, 300),
        ("volume", &mut v.volume, 50),
        ("publisher", &mut v.publisher, 300),
        ("place", &mut v.place, 200),
        ("isbn", &mut v.isbn, 20),
        ("doi", &mut v.doi, 300),
        ("preface_zh", &mut v.preface_zh, 20_000),
        ("preface_en", &mut v.preface_en, 20_000),
    ] {
        *value = value.trim().to_string();
        if value.chars().count() > max {
            f.insert(name.into(), "validation.too_long".into());
        }
        crate::text::check_sized(&mut f, name, value, max);
    }
    if v.title_zh.is_empty() && v.title_en.is_empty() {
        f.insert("title_zh".into(), "validation.title_required".into());
    }
    if !(1900..=2200).contains(&v.year) {
        f.insert("year".into(), "validation.year_range".into());
    }
    if !v.isbn.is_empty() && !isbn13_ok(&v.isbn) {
        f.insert("isbn".into(), "validation.isbn_invalid".into());
    }
    if !v.doi.is_empty() && !doi_ok(&v.doi) {
        f.insert("doi".into(), "validation.doi_invalid".into());
    }
    if f.is_empty() {
        Ok(v)
    } else {
        Err(AppError::Validation { fields: f })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbns_and_dois_are_checked() {
        assert!(isbn13_ok("9780306406157"));
        assert!(isbn13_ok("978-0-306-40615-7"));
        assert!(!isbn13_ok("978-0-306-40615-8"));
        assert!(!isbn13_ok("0306406152"));
        assert!(!isbn13_ok("97803064061x7"));
        assert!(doi_ok("10.1234/xuehui.2026"));
        assert!(!doi_ok("10.abc/x"));
        assert!(!doi_ok("doi:10.1234/x"));
        assert!(!doi_ok("10.1234/a b"));
    }

    #[test]
    fn a_volume_needs_a_title_and_a_plausible_year() {
        let AppError::Validation { fields } = volume(&VolumeInput::default()).expect_err("empty") else {
            panic!()
        };
        assert!(fields.contains_key("title_zh") && fields.contains_key("year"));
        let ok = volume(&VolumeInput {
            title_en: "  Proceedings  ".into(),
            year: 2027,
            ..VolumeInput::default()
        })
        .expect("valid");
        assert_eq!(ok.title_en, "Proceedings");
    }
}
