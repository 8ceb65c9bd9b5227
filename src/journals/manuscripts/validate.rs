//! Checking a manuscript as authors send it (pure): metadata in Chinese and English, authors
//! with family and given names and ORCID iDs, the section, the checklist, the cover letter and
//! the suggested and opposed reviewers.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::model::Reviewer;
use crate::error::{AppError, FieldErrors};

/// Most authors on one manuscript.
pub const MAX_AUTHORS: usize = 50;
/// Most suggested (and most opposed) reviewers.
pub const MAX_REVIEWERS: usize = 10;
/// Languages a manuscript may be written in.
pub const LANGUAGES: [&str; 2] = ["zh", "en"];

/// An author as sent.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = ManuscriptAuthorInput)]
pub struct AuthorInput {
    /// Family name in Chinese characters (`张`).
    #[serde(default)]
    pub family_zh: String,
    /// Given name in Chinese characters (`三`).
    #[serde(default)]
    pub given_zh: String,
    /// Family name in Latin script (`Zhang`).
    #[serde(default)]
    pub family_en: String,
    /// Given name in Latin script (`San`).
    #[serde(default)]
    pub given_en: String,
    /// E-mail.
    #[serde(default)]
    pub email: String,
    /// Institution.
    #[serde(default)]
    pub affiliation: String,
    /// Country or region, ISO 3166-1 alpha-2 (`CN`).
    #[serde(default)]
    pub country: String,
    /// ORCID iD (`0000-0002-1825-0097`, with or without `https://orcid.org/`).
    #[serde(default)]
    pub orcid: String,
    /// Corresponding author (at least one).
    #[serde(default)]
    pub corresponding: bool,
}

impl AuthorInput {
    /// Nothing typed: a blank row of the form.
    pub fn is_blank(&self) -> bool {
        [
            &self.family_zh,
            &self.given_zh,
            &self.family_en,
            &self.given_en,
            &self.email,
            &self.affiliation,
            &self.orcid,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// A manuscript as authors send it (the `metadata` part of the upload).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ManuscriptInput {
    /// The section (one of the journal's open sections).
    #[serde(default)]
    pub section_id: i64,
    /// Title, Chinese (one title is needed; a Chinese manuscript needs both).
    #[serde(default)]
    pub title_zh: String,
    /// Title, English.
    #[serde(default)]
    pub title_en: String,
    /// Abstract, Chinese.
    #[serde(default)]
    pub abstract_zh: String,
    /// Abstract, English.
    #[serde(default)]
    pub abstract_en: String,
    /// Keywords, Chinese, separated by commas or semicolons.
    #[serde(default)]
    pub keywords_zh: String,
    /// Keywords, English.
    #[serde(default)]
    pub keywords_en: String,
    /// Language of the text: `zh` or `en`.
    #[serde(default)]
    pub language: String,
    /// Authors in order.
    #[serde(default)]
    pub authors: Vec<AuthorInput>,
    /// Cover letter to the editors.
    #[serde(default)]
    pub cover_letter: String,
    /// Suggested reviewers.
    #[serde(default)]
    pub suggested_reviewers: Vec<Reviewer>,
    /// People the authors ask not to be invited.
    #[serde(default)]
    pub opposed_reviewers: Vec<Reviewer>,
    /// Ticks of the journal's submission checklist, one per item, all needed.
    #[serde(default)]
    pub checklist: Vec<bool>,
}

/// A checked author.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorSpec {
    /// Family name, Chinese.
    pub family_zh: String,
    /// Given name, Chinese.
    pub given_zh: String,
    /// Family name, Latin.
    pub family_en: String,
    /// Given name, Latin.
    pub given_en: String,
    /// E-mail, lower-case.
    pub email: String,
    /// Institution.
    pub affiliation: String,
    /// Country code, upper-case.
    pub country: String,
    /// ORCID iD, normalised.
    pub orcid: Option<String>,
    /// Corresponding.
    pub corresponding: bool,
}

/// A checked manuscript.
#[derive(Debug, Clone, PartialEq)]
pub struct ManuscriptSpec {
    /// Section.
    pub section_id: i64,
    /// Titles.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstracts.
    pub abstract_zh: String,
    /// English abstract.
    pub abstract_en: String,
    /// Keywords, `, `-joined.
    pub keywords_zh: String,
    /// English keywords.
    pub keywords_en: String,
    /// Language.
    pub language: String,
    /// Authors.
    pub authors: Vec<AuthorSpec>,
    /// Cover letter.
    pub cover_letter: String,
    /// Suggested reviewers.
    pub suggested: Vec<Reviewer>,
    /// Opposed reviewers.
    pub opposed: Vec<Reviewer>,
}

/// What a manuscript is checked against.
pub struct JournalContext<'a> {
    /// Ids of the sections taking manuscripts.
    pub open_sections: &'a [i64],
    /// How many checklist items must be ticked.
    pub checklist_items: usize,
}

/// Keywords split on Chinese and Latin separators, joined with ", ", checked as one field.
pub fn keywords(f: &mut FieldErrors, name: &str, text: &str) -> String {
    let list: Vec<String> = text
        .split([',', '，', ';', '；', '、'])
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    let joined = list.join(", ");
    crate::text::field(f, name, &joined, 500)
}

fn reviewers(f: &mut FieldErrors, list_name: &str, list: &[Reviewer]) -> Vec<Reviewer> {
    if list.len() > MAX_REVIEWERS {
        f.insert(list_name.into(), "journal_ms.too_many_reviewers".into());
    }
    let mut out = Vec::new();
    for (i, r) in list.iter().enumerate() {
        let key = |part: &str| crate::web::rows::key(list_name, i, part);
        let name = crate::text::field(f, &key("name"), &r.name, 200);
        let email = r.email.trim().to_lowercase();
        let affiliation = crate::text::field(f, &key("affiliation"), &r.affiliation, 300);
        let reason = crate::text::field(f, &key("reason"), &r.reason, 2_000);
        if name.is_empty() && email.is_empty() {
            continue;
        }
        if name.is_empty() {
            f.insert(key("name"), "validation.name_required".into());
        }
        if !email.is_empty() && crate::values::Email::parse(&email).is_none() {
            f.insert(key("email"), "validation.email_invalid".into());
        }
        out.push(Reviewer {
            name,
            email,
            affiliation,
            reason,
        });
    }
    out
}

/// Checks the authors; errors name `authors[i].part`.
fn authors(f: &mut FieldErrors, list: &[AuthorInput]) -> Vec<AuthorSpec> {
    let listed: Vec<(usize, &AuthorInput)> = list.iter().enumerate().filter(|(_, a)| !a.is_blank()).collect();
    if listed.is_empty() {
        f.insert("authors".into(), "validation.authors_required".into());
    }
    if listed.len() > MAX_AUTHORS {
        f.insert("authors".into(), "validation.too_many_authors".into());
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, a) in listed {
        let key = |part: &str| crate::web::rows::key("authors", i, part);
        let family_zh = crate::text::field(f, &key("family_zh"), &a.family_zh, 50);
        let given_zh = crate::text::field(f, &key("given_zh"), &a.given_zh, 50);
        let family_en = crate::text::field(f, &key("family_en"), &a.family_en, 100);
        let given_en = crate::text::field(f, &key("given_en"), &a.given_en, 100);
        // Crossref and JATS need a family name in one script or the other.
        if family_zh.is_empty() && family_en.is_empty() {
            f.insert(key("family_en"), "journal_ms.family_name_required".into());
        }
        let email = a.email.trim().to_lowercase();
        if crate::values::Email::parse(&email).is_none() {
            f.insert(key("email"), "validation.email_invalid".into());
        } else if !seen.insert(email.clone()) {
            f.insert(key("email"), "validation.author_duplicate".into());
        }
        let affiliation = crate::text::field(f, &key("affiliation"), &a.affiliation, 300);
        let country = a.country.trim().to_uppercase();
        if !country.is_empty() && isocountry::CountryCode::for_alpha2(&country).is_err() {
            f.insert(key("country"), "journal_ms.country_unknown".into());
        }
        let orcid = match a.orcid.trim() {
            "" => None,
            o => {
                let n = crate::auth::orcid::normalize(o);
                if n.is_none() {
                    f.insert(key("orcid"), "validation.orcid_invalid".into());
                }
                n
            }
        };
        out.push(AuthorSpec {
            family_zh,
            given_zh,
            family_en,
            given_en,
            email,
            affiliation,
            country,
            orcid,
            corresponding: a.corresponding,
        });
    }
    if !out.is_empty() && !out.iter().any(|a| a.corresponding) {
        f.insert("authors".into(), "validation.corresponding_required".into());
    }
    out
}

/// A name in Latin script split into (family, given) to fill the form in: a person with a
/// Chinese name writes it family first (`Zhang Wei`), others given name first (`James Smith`).
/// The author corrects what a guess gets wrong.
pub fn split_latin(name: &str, chinese_order: bool) -> (String, String) {
    let name = name.trim();
    let split = if chinese_order {
        name.split_once(' ')
    } else {
        name.rsplit_once(' ').map(|(g, f)| (f, g))
    };
    match split {
        Some((family, given)) => (family.trim().to_string(), given.trim().to_string()),
        None => (name.to_string(), String::new()),
    }
}

/// Checks a manuscript sent by `submitter_email` (who must be among its authors).
pub fn manuscript(input: &ManuscriptInput, ctx: &JournalContext, submitter_email: &str) -> Result<ManuscriptSpec, AppError> {
    let mut f = FieldErrors::new();
    if !ctx.open_sections.contains(&input.section_id) {
        f.insert("section_id".into(), "journal_ms.section_not_open".into());
    }
    let language = input.language.trim().to_lowercase();
    if !LANGUAGES.contains(&language.as_str()) {
        f.insert("language".into(), "journal_ms.language_invalid".into());
    }
    let title_zh = crate::text::field(&mut f, "title_zh", &input.title_zh, 500);
    let title_en = crate::text::field(&mut f, "title_en", &input.title_en, 500);
    let abstract_zh = crate::text::field(&mut f, "abstract_zh", &input.abstract_zh, 10_000);
    let abstract_en = crate::text::field(&mut f, "abstract_en", &input.abstract_en, 10_000);
    let keywords_zh = keywords(&mut f, "keywords_zh", &input.keywords_zh);
    let keywords_en = keywords(&mut f, "keywords_en", &input.keywords_en);
    // The English title, abstract and keywords are always needed (indexes read them); a
    // Chinese manuscript also gives them in Chinese, as Chinese journals ask.
    for (name, value) in [
        ("title_en", &title_en),
        ("abstract_en", &abstract_en),
        ("keywords_en", &keywords_en),
    ] {
        if value.is_empty() {
            f.entry(name.into()).or_insert_with(|| "validation.required".into());
        }
    }
    if language == "zh" {
        for (name, value) in [
            ("title_zh", &title_zh),
            ("abstract_zh", &abstract_zh),
            ("keywords_zh", &keywords_zh),
        ] {
            if value.is_empty() {
                f.entry(name.into()).or_insert_with(|| "journal_ms.chinese_needed".into());
            }
        }
    }
    let authors = authors(&mut f, &input.authors);
    if !authors.is_empty() && !authors.iter().any(|a| a.email == submitter_email.to_lowercase()) {
        f.insert("authors".into(), "validation.submitter_not_author".into());
    }
    let cover_letter = crate::text::field(&mut f, "cover_letter", &input.cover_letter, 20_000);
    let suggested = reviewers(&mut f, "suggested_reviewers", &input.suggested_reviewers);
    let opposed = reviewers(&mut f, "opposed_reviewers", &input.opposed_reviewers);
    let author_emails: HashSet<&str> = authors.iter().map(|a| a.email.as_str()).collect();
    if suggested.iter().any(|r| author_emails.contains(r.email.as_str())) {
        f.insert("suggested_reviewers".into(), "journal_ms.author_as_reviewer".into());
    }
    if input.checklist.len() != ctx.checklist_items || input.checklist.iter().any(|t| !t) {
        f.insert("checklist".into(), "journal_ms.checklist_incomplete".into());
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    Ok(ManuscriptSpec {
        section_id: input.section_id,
        title_zh,
        title_en,
        abstract_zh,
        abstract_en,
        keywords_zh,
        keywords_en,
        language,
        authors,
        cover_letter,
        suggested,
        opposed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> ManuscriptInput {
        ManuscriptInput {
            section_id: 7,
            title_zh: "同行评议研究".into(),
            title_en: "A study of peer review".into(),
            abstract_zh: "摘要".into(),
            abstract_en: "Abstract".into(),
            keywords_zh: "评审；期刊".into(),
            keywords_en: "review, journals".into(),
            language: "zh".into(),
            authors: vec![
                AuthorInput {
                    family_zh: "张".into(),
                    given_zh: "三".into(),
                    family_en: "Zhang".into(),
                    given_en: "San".into(),
                    email: "Zhang@Example.org".into(),
                    country: "cn".into(),
                    orcid: "https://orcid.org/0000-0002-1825-0097".into(),
                    corresponding: true,
                    ..Default::default()
                },
                AuthorInput::default(),
            ],
            checklist: vec![true, true],
            ..Default::default()
        }
    }

    fn ctx() -> JournalContext<'static> {
        JournalContext {
            open_sections: &[7],
            checklist_items: 2,
        }
    }

    #[test]
    fn latin_names_split_by_the_persons_custom() {
        assert_eq!(split_latin("Zhang Wei", true), ("Zhang".into(), "Wei".into()));
        assert_eq!(split_latin("Ouyang Xiu Ming", true), ("Ouyang".into(), "Xiu Ming".into()));
        assert_eq!(split_latin("James van Smith", false), ("Smith".into(), "James van".into()));
        assert_eq!(split_latin("Plato", false), ("Plato".into(), String::new()));
    }

    #[test]
    fn a_complete_manuscript_is_normalised() {
        let s = manuscript(&good(), &ctx(), "zhang@example.org").unwrap();
        assert_eq!(s.keywords_zh, "评审, 期刊");
        assert_eq!(s.authors.len(), 1, "blank rows are left out");
        let a = &s.authors[0];
        assert_eq!((a.email.as_str(), a.country.as_str()), ("zhang@example.org", "CN"));
        assert_eq!(a.orcid.as_deref(), Some("0000-0002-1825-0097"));
    }

    #[test]
    fn a_chinese_manuscript_needs_its_chinese_metadata_and_every_tick() {
        let mut input = good();
        input.title_zh.clear();
        input.abstract_zh.clear();
        input.checklist = vec![true, false];
        input.section_id = 8;
        input.authors[0].orcid = "0000-0002-1825-0098".into();
        input.authors[0].corresponding = false;
        input.suggested_reviewers = vec![Reviewer {
            name: "Self".into(),
            email: "zhang@example.org".into(),
            ..Default::default()
        }];
        let Err(AppError::Validation { fields }) = manuscript(&input, &ctx(), "other@example.org") else {
            panic!("expected errors")
        };
        for name in [
            "title_zh",
            "abstract_zh",
            "checklist",
            "section_id",
            "authors[0].orcid",
            "authors",
            "suggested_reviewers",
        ] {
            assert!(fields.contains_key(name), "{name} missing: {fields:?}");
        }
    }

    #[test]
    fn an_english_manuscript_needs_no_chinese_but_an_author_needs_a_family_name() {
        let mut input = good();
        input.language = "en".into();
        input.title_zh.clear();
        input.abstract_zh.clear();
        input.keywords_zh.clear();
        assert!(manuscript(&input, &ctx(), "zhang@example.org").is_ok());
        input.authors[0].family_zh.clear();
        input.authors[0].family_en.clear();
        let Err(AppError::Validation { fields }) = manuscript(&input, &ctx(), "zhang@example.org") else {
            panic!("expected errors")
        };
        assert!(fields.contains_key("authors[0].family_en"), "{fields:?}");
    }
}
