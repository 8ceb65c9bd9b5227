//! Checks what copyeditors and production send: corrected metadata, references, pages or an
//! article number. Pure: no I/O.

use serde::{Deserialize, Serialize};

use super::model::Reference;
use crate::error::{AppError, FieldErrors};

/// Most references an article may list.
pub const MAX_REFERENCES: usize = 500;

/// Corrected metadata of an article.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ArticleMetadataInput)]
pub struct MetadataInput {
    /// Title, Chinese.
    #[serde(default)]
    pub title_zh: String,
    /// Title, English (required).
    pub title_en: String,
    /// Abstract, Chinese.
    #[serde(default)]
    pub abstract_zh: String,
    /// Abstract, English (required).
    pub abstract_en: String,
    /// Keywords, Chinese (comma-separated).
    #[serde(default)]
    pub keywords_zh: String,
    /// Keywords, English.
    #[serde(default)]
    pub keywords_en: String,
    /// Licence URL (http or https), or empty.
    #[serde(default)]
    pub licence_url: String,
    /// References as printed, one per entry; DOIs in them are found.
    #[serde(default)]
    pub references: Vec<String>,
}

/// Checked metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataSpec {
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Abstract, Chinese.
    pub abstract_zh: String,
    /// Abstract, English.
    pub abstract_en: String,
    /// Keywords, Chinese.
    pub keywords_zh: String,
    /// Keywords, English.
    pub keywords_en: String,
    /// Licence URL.
    pub licence_url: String,
    /// References.
    pub references: Vec<Reference>,
}

/// The DOI inside a reference's text (`10.` registrant `/` suffix), without trailing punctuation.
pub fn doi_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = text[from..].find("10.") {
        let start = from + pos;
        from = start + 3;
        // The prefix must not continue a longer number ("210.5").
        if start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &text[start + 3..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(4..=9).contains(&digits) || rest.as_bytes().get(digits) != Some(&b'/') {
            continue;
        }
        let suffix: String = rest[digits + 1..].chars().take_while(|c| !c.is_whitespace()).collect();
        let suffix = suffix.trim_end_matches(['.', ',', ';', ')', ']', '"', '\'', '。', '，']);
        if suffix.is_empty() {
            continue;
        }
        return Some(format!("10.{}/{}", &rest[..digits], suffix));
    }
    None
}

/// Checks the references: one non-empty entry each, within limits, with their DOIs found.
pub fn references(f: &mut FieldErrors, list: &[String]) -> Vec<Reference> {
    let entries: Vec<&str> = list.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect();
    if entries.len() > MAX_REFERENCES {
        f.insert("references".into(), "journal_article.too_many_references".into());
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, text) in entries.into_iter().enumerate() {
        let key = format!("references.{i}");
        let text = crate::text::field(f, &key, text, 2_000);
        if text.contains('\n') {
            f.insert(key, "journal_article.reference_one_line".into());
            continue;
        }
        out.push(Reference { doi: doi_in(&text), text });
    }
    if f.keys().any(|k| k.starts_with("references.")) {
        f.entry("references".into())
            .or_insert_with(|| "journal_article.references_invalid".into());
    }
    out
}

/// Checks corrected metadata: the English title and abstract stay required (indexes read them).
pub fn metadata(input: &MetadataInput) -> Result<MetadataSpec, AppError> {
    let mut f = FieldErrors::new();
    let title_zh = crate::text::field(&mut f, "title_zh", &input.title_zh, 500);
    let title_en = crate::text::field(&mut f, "title_en", &input.title_en, 500);
    let abstract_zh = crate::text::field(&mut f, "abstract_zh", &input.abstract_zh, 10_000);
    let abstract_en = crate::text::field(&mut f, "abstract_en", &input.abstract_en, 10_000);
    let keywords_zh = crate::journals::manuscripts::validate::keywords(&mut f, "keywords_zh", &input.keywords_zh);
    let keywords_en = crate::journals::manuscripts::validate::keywords(&mut f, "keywords_en", &input.keywords_en);
    for (name, value) in [("title_en", &title_en), ("abstract_en", &abstract_en)] {
        if value.is_empty() {
            f.entry(name.into()).or_insert_with(|| "validation.required".into());
        }
    }
    let licence_url = input.licence_url.trim().to_string();
    if !licence_url.is_empty() && (licence_url.len() > 500 || !crate::journals::setup::validate::web_address(&licence_url)) {
        f.insert("licence_url".into(), "journal_setup.licence_url_invalid".into());
    }
    let references = references(&mut f, &input.references);
    AppError::unless_fields(
        f,
        MetadataSpec {
            title_zh,
            title_en,
            abstract_zh,
            abstract_en,
            keywords_zh,
            keywords_en,
            licence_url,
            references,
        },
    )
}

/// Pages or an article number.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ArticlePagesInput)]
pub struct PagesInput {
    /// First page (digits, or a roman or letter-prefixed page such as `xii` or `S12`).
    #[serde(default)]
    pub first_page: String,
    /// Last page.
    #[serde(default)]
    pub last_page: String,
    /// Article number (e-locator), instead of pages.
    #[serde(default)]
    pub article_number: String,
}

/// Checked pages: (first, last, article number).
pub type Pages = (String, String, String);

fn page_like(s: &str) -> bool {
    s.len() <= 20 && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Checks pages or an article number: pages are short letters and digits, the last not before
/// the first when both are numbers; an article number is letters, digits, `.` and `-`; not both.
pub fn pages(input: &PagesInput) -> Result<Pages, AppError> {
    let mut f = FieldErrors::new();
    let first = input.first_page.trim().to_string();
    let last = input.last_page.trim().to_string();
    let number = input.article_number.trim().to_string();
    for (name, v) in [("first_page", &first), ("last_page", &last)] {
        if !page_like(v) {
            f.insert(name.into(), "journal_article.page_invalid".into());
        }
    }
    if first.is_empty() && !last.is_empty() {
        f.insert("first_page".into(), "validation.required".into());
    }
    if let (Ok(a), Ok(b)) = (first.parse::<u32>(), last.parse::<u32>())
        && b < a
    {
        f.insert("last_page".into(), "journal_article.last_before_first".into());
    }
    if number.len() > 32 || !number.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
        f.insert("article_number".into(), "journal_article.number_invalid".into());
    }
    if !number.is_empty() && !first.is_empty() {
        f.insert("article_number".into(), "journal_article.pages_or_number".into());
    }
    AppError::unless_fields(f, (first, last, number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_are_found_in_references_without_trailing_punctuation() {
        for (text, want) in [
            ("Li H. Peer review[J]. 2020. DOI:10.1234/abc.5.", Some("10.1234/abc.5")),
            ("https://doi.org/10.48550/arXiv.2101.00001", Some("10.48550/arXiv.2101.00001")),
            ("(doi: 10.1000/xyz123), p. 4", Some("10.1000/xyz123")),
            (
                "王伟. 同行评议[J]. 2021, 12(3): 10-20. DOI：10.12345/j.issn.1000-1234.2021.03.002。",
                Some("10.12345/j.issn.1000-1234.2021.03.002"),
            ),
            ("Volume 210.5/ page", None),
            ("10.12/x too short a prefix", None),
            ("no identifier at all", None),
        ] {
            assert_eq!(doi_in(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn references_are_one_line_each_and_blank_ones_are_dropped() {
        let mut f = FieldErrors::new();
        let refs = references(&mut f, &["  A. 2020.  ".into(), "".into(), "B. doi:10.1000/b".into()]);
        assert!(f.is_empty());
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].text, "A. 2020.");
        assert_eq!(refs[1].doi.as_deref(), Some("10.1000/b"));
        let mut f = FieldErrors::new();
        references(&mut f, &["one\ntwo".into()]);
        assert_eq!(
            f.get("references.0").map(String::as_str),
            Some("journal_article.reference_one_line")
        );
        let mut f = FieldErrors::new();
        references(&mut f, &vec!["x".to_string(); MAX_REFERENCES + 1]);
        assert!(f.contains_key("references"));
    }

    #[test]
    fn pages_or_an_article_number_but_not_both() {
        let p = |a: &str, b: &str, n: &str| {
            pages(&PagesInput {
                first_page: a.into(),
                last_page: b.into(),
                article_number: n.into(),
            })
        };
        assert_eq!(p("12", "20", "").unwrap(), ("12".into(), "20".into(), "".into()));
        assert_eq!(p("xii", "xv", "").unwrap().0, "xii");
        assert_eq!(p("", "", "e1002").unwrap().2, "e1002");
        assert!(p("", "", "").is_ok());
        for (a, b, n, field) in [
            ("20", "12", "", "last_page"),
            ("", "12", "", "first_page"),
            ("1 2", "", "", "first_page"),
            ("1", "2", "e3", "article_number"),
            ("", "", "a/b", "article_number"),
        ] {
            match p(a, b, n) {
                Err(AppError::Validation { fields }) => assert!(fields.contains_key(field), "{a} {b} {n}: {fields:?}"),
                other => panic!("{a} {b} {n}: {other:?}"),
            }
        }
    }
}
