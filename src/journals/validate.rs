//! Checking journal and field input (pure, no I/O): identifiers, country, languages, type, fields.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::identifiers;
use super::model::JournalKind;
use crate::error::{AppError, FieldErrors};

/// A journal as an organiser enters it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct JournalInput {
    /// Name in Chinese (one of the two names is required).
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
    /// Print ISSN; at least one of ISSN, eISSN and CN number is required.
    #[serde(default)]
    pub issn: String,
    /// Electronic ISSN.
    #[serde(default)]
    pub eissn: String,
    /// CN number (国内统一连续出版物号), e.g. `CN 11-1826/TP`.
    #[serde(default)]
    pub cn: String,
    /// Publisher.
    #[serde(default)]
    pub publisher: String,
    /// ISO 3166-1 alpha-2 country code, e.g. `CN`, `US`.
    #[serde(default)]
    pub country: String,
    /// ISO 639-1 language codes, e.g. `["zh", "en"]`.
    #[serde(default)]
    pub languages: Vec<String>,
    /// `basic` (basic research), `applied` (applied research / engineering) or `popular` (popular science).
    #[serde(default)]
    pub kind: String,
    /// Field codes, e.g. `["computing"]`.
    #[serde(default)]
    pub fields: Vec<String>,
    /// Home page (http or https).
    #[serde(default)]
    pub website: String,
}

/// A checked journal, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalSpec {
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Print ISSN.
    pub issn: Option<String>,
    /// Electronic ISSN.
    pub eissn: Option<String>,
    /// CN number.
    pub cn: Option<String>,
    /// Publisher.
    pub publisher: String,
    /// Upper-case country code.
    pub country: String,
    /// Lower-case language codes, without repeats, comma-joined.
    pub languages: String,
    /// Journal type.
    pub kind: JournalKind,
    /// Field ids.
    pub field_ids: Vec<i64>,
    /// Home page.
    pub website: String,
}

/// A field as an organiser enters it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct FieldInput {
    /// Code: lower-case letters, digits and hyphens.
    #[serde(default)]
    pub code: String,
    /// Name in Chinese.
    #[serde(default)]
    pub name_zh: String,
    /// Name in English.
    #[serde(default)]
    pub name_en: String,
}

/// Splits a list written in one form box or CSV cell: `zh; en`, `zh|en`, `zh en`, `zh,en`.
pub fn split_list(s: &str) -> Vec<String> {
    s.split([';', '|', ',', ' ', '；', '，', '、'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn too_long(f: &mut FieldErrors, name: &str, v: &str, max: usize) {
    if v.chars().count() > max {
        f.insert(name.into(), "validation.too_long".into());
    }
    crate::text::check_sized(f, name, v, max);
}

fn identifier(f: &mut FieldErrors, name: &str, v: &str, parse: fn(&str) -> Option<String>, key: &str) -> Option<String> {
    if v.trim().is_empty() {
        return None;
    }
    let parsed = parse(v);
    if parsed.is_none() {
        f.insert(name.into(), key.into());
    }
    parsed
}

/// Checks a journal; `fields` maps known field codes to ids.
pub fn journal(input: &JournalInput, fields: &HashMap<String, i64>) -> Result<JournalSpec, AppError> {
    let mut f = FieldErrors::new();
    let name_zh = input.name_zh.trim().to_string();
    let name_en = input.name_en.trim().to_string();
    if name_zh.is_empty() && name_en.is_empty() {
        f.insert("name_en".into(), "validation.journal_name_required".into());
    }
    too_long(&mut f, "name_zh", &name_zh, 300);
    too_long(&mut f, "name_en", &name_en, 300);
    let issn = identifier(&mut f, "issn", &input.issn, identifiers::issn, "validation.issn");
    let eissn = identifier(&mut f, "eissn", &input.eissn, identifiers::issn, "validation.issn");
    let cn = identifier(&mut f, "cn", &input.cn, identifiers::cn, "validation.cn");
    if input.issn.trim().is_empty() && input.eissn.trim().is_empty() && input.cn.trim().is_empty() {
        f.insert("issn".into(), "validation.journal_identifier_required".into());
    }
    if issn.is_some() && issn == eissn {
        f.insert("eissn".into(), "validation.eissn_same".into());
    }
    let publisher = input.publisher.trim().to_string();
    too_long(&mut f, "publisher", &publisher, 300);
    let country = input.country.trim().to_ascii_uppercase();
    if country.is_empty() {
        f.insert("country".into(), "validation.required".into());
    } else if country.len() != 2 || isocountry::CountryCode::for_alpha2(&country).is_err() {
        f.insert("country".into(), "validation.country".into());
    }
    let mut languages: Vec<String> = Vec::new();
    for l in input.languages.iter().flat_map(|l| split_list(l)) {
        let l = l.to_ascii_lowercase();
        if l.len() != 2 || !l.chars().all(|c| c.is_ascii_lowercase()) {
            f.insert("languages".into(), "validation.language_code".into());
        } else if !languages.contains(&l) {
            languages.push(l);
        }
    }
    if languages.is_empty() && !f.contains_key("languages") {
        f.insert("languages".into(), "validation.required".into());
    }
    let kind = JournalKind::parse(input.kind.trim());
    if kind.is_none() {
        f.insert("kind".into(), "validation.journal_kind".into());
    }
    let mut field_ids = Vec::new();
    for code in input.fields.iter().flat_map(|c| split_list(c)) {
        match fields.get(&code.to_ascii_lowercase()) {
            Some(id) if !field_ids.contains(id) => field_ids.push(*id),
            Some(_) => {}
            None => {
                f.insert("fields".into(), "validation.subject_field_unknown".into());
            }
        }
    }
    if field_ids.is_empty() && !f.contains_key("fields") {
        f.insert("fields".into(), "validation.required".into());
    }
    let website = input.website.trim().to_string();
    if !website.is_empty() {
        let ok = url::Url::parse(&website).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if !ok {
            f.insert("website".into(), "validation.url_invalid".into());
        }
        too_long(&mut f, "website", &website, 500);
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    Ok(JournalSpec {
        name_zh,
        name_en,
        issn,
        eissn,
        cn,
        publisher,
        country,
        languages: languages.join(","),
        kind: kind.unwrap_or(JournalKind::Basic),
        field_ids,
        website,
    })
}

/// Checks a field.
pub fn field(input: &FieldInput) -> Result<FieldInput, AppError> {
    let mut f = FieldErrors::new();
    let code = input.code.trim().to_ascii_lowercase();
    if crate::values::Slug::parse(&code).is_none() {
        f.insert("code".into(), "validation.slug_invalid".into());
    }
    let out = FieldInput {
        code,
        name_zh: input.name_zh.trim().into(),
        name_en: input.name_en.trim().into(),
    };
    for (k, v) in [("name_zh", &out.name_zh), ("name_en", &out.name_en)] {
        if v.is_empty() {
            f.insert(k.into(), "validation.required".into());
        }
        too_long(&mut f, k, v, 120);
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

    fn known() -> HashMap<String, i64> {
        HashMap::from([("computing".to_string(), 1), ("materials".to_string(), 2)])
    }

    fn good() -> JournalInput {
        JournalInput {
            name_zh: "计算机学报".into(),
            name_en: "Chinese Journal of Computers".into(),
            issn: "0254-4164".into(),
            cn: "CN 11-1826/TP".into(),
            country: "cn".into(),
            languages: vec!["zh; en".into()],
            kind: "basic".into(),
            fields: vec!["computing".into()],
            website: "https://cjc.ict.ac.cn".into(),
            ..Default::default()
        }
    }

    fn errors(input: &JournalInput) -> FieldErrors {
        match journal(input, &known()) {
            Err(AppError::Validation { fields }) => fields,
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_complete_journal_is_normalised() {
        let s = journal(&good(), &known()).unwrap();
        assert_eq!(s.country, "CN");
        assert_eq!(s.languages, "zh,en");
        assert_eq!(s.cn.as_deref(), Some("11-1826/TP"));
        assert_eq!(s.field_ids, vec![1]);
    }

    #[test]
    fn each_bad_value_is_named() {
        let mut i = good();
        i.issn = "0254-4165".into();
        i.country = "XX".into();
        i.languages = vec!["chinese".into()];
        i.kind = "magazine".into();
        i.fields = vec!["astrology".into()];
        i.website = "ftp://x".into();
        let e = errors(&i);
        for k in ["issn", "country", "languages", "kind", "fields", "website"] {
            assert!(e.contains_key(k), "{k} missing in {e:?}");
        }
    }

    #[test]
    fn a_journal_needs_a_name_and_an_identifier() {
        let i = JournalInput {
            country: "US".into(),
            languages: vec!["en".into()],
            kind: "applied".into(),
            fields: vec!["materials".into()],
            ..Default::default()
        };
        let e = errors(&i);
        assert_eq!(e.get("name_en").map(String::as_str), Some("validation.journal_name_required"));
        assert_eq!(e.get("issn").map(String::as_str), Some("validation.journal_identifier_required"));
    }

    #[test]
    fn print_and_electronic_issn_must_differ() {
        let mut i = good();
        i.eissn = "0254-4164".into();
        assert!(errors(&i).contains_key("eissn"));
    }

    #[test]
    fn lists_split_on_common_separators() {
        assert_eq!(split_list("zh; en|fr，de"), vec!["zh", "en", "fr", "de"]);
        assert!(split_list("  ").is_empty());
    }
}
