//! How to cite a journal article or a conference paper (pure). An area describes the work once
//! as a `Work`; the writers turn it into GB/T 7714-2015 (the Chinese national standard), an
//! English reference (ACM style), BibTeX, RIS and CSL-JSON. An entry is Chinese or English as a
//! whole (`Work::chinese`): its title, container and names are taken in that language, falling
//! back to the other where one is missing.

pub mod bibtex;
pub mod csl;
pub mod english;
pub mod gbt7714;
pub mod names;
pub mod ris;

use chrono::{Datelike, NaiveDate};

/// What kind of work is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// An article in a journal.
    #[default]
    JournalArticle,
    /// A paper of a conference (in its proceedings, once they are published).
    ConferencePaper,
}

/// An author, family and given names apart, in characters and in Latin script ("" where a
/// script is missing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// Family name in characters.
    pub family_zh: String,
    /// Given name in characters.
    pub given_zh: String,
    /// Family name in Latin script.
    pub family_en: String,
    /// Given name in Latin script.
    pub given_en: String,
}

impl Person {
    /// The name in characters, family name first ("" when none).
    pub fn han(&self) -> String {
        format!("{}{}", self.family_zh, self.given_zh)
    }

    /// Whether the person has a name in Latin script.
    pub fn has_latin(&self) -> bool {
        !self.family_en.trim().is_empty() || !self.given_en.trim().is_empty()
    }

    /// (family, given) in the entry's script: characters in a Chinese entry where the person
    /// has them, else Latin script, else characters.
    pub fn parts(&self, chinese: bool) -> (&str, &str) {
        let han = !self.han().trim().is_empty();
        if (chinese && han) || !self.has_latin() {
            (&self.family_zh, &self.given_zh)
        } else {
            (&self.family_en, &self.given_en)
        }
    }
}

/// A work as every citation format needs it.
#[derive(Debug, Clone, Default)]
pub struct Work {
    /// Journal article or conference paper.
    pub kind: Kind,
    /// Whether the entry is Chinese (the work's language).
    pub chinese: bool,
    /// Authors in order.
    pub authors: Vec<Person>,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// The journal's name, or the proceedings' title (the conference's before there are
    /// proceedings), Chinese.
    pub container_zh: String,
    /// The same in English.
    pub container_en: String,
    /// The conference's name, for papers, Chinese.
    pub event_zh: String,
    /// The conference's name, for papers, English.
    pub event_en: String,
    /// Volume (of a journal, or of a proceedings series).
    pub volume: String,
    /// Issue number.
    pub issue: String,
    /// Series of a proceedings volume.
    pub series: String,
    /// First page.
    pub first_page: String,
    /// Last page.
    pub last_page: String,
    /// Article number (e-locator), instead of pages.
    pub article_number: String,
    /// Year.
    pub year: i32,
    /// Publication date, when known to the day.
    pub date: Option<NaiveDate>,
    /// Publisher.
    pub publisher: String,
    /// Place of publication (or of the conference).
    pub place: String,
    /// ISSN (print or electronic).
    pub issn: Vec<String>,
    /// ISBN of a proceedings volume.
    pub isbn: String,
    /// DOI.
    pub doi: String,
    /// The work's page (absolute URL).
    pub url: String,
    /// Abstract in the entry's language.
    pub abstract_text: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Language of the text (ISO 639-1), "" when unknown.
    pub language: String,
}

/// `a` unless it is blank, else `b`.
fn or<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a.trim().is_empty() { b } else { a }
}

impl Work {
    /// The title in the entry's language.
    pub fn title(&self) -> &str {
        if self.chinese {
            or(&self.title_zh, &self.title_en)
        } else {
            or(&self.title_en, &self.title_zh)
        }
    }

    /// The journal or proceedings in the entry's language.
    pub fn container(&self) -> &str {
        if self.chinese {
            or(&self.container_zh, &self.container_en)
        } else {
            or(&self.container_en, &self.container_zh)
        }
    }

    /// The conference in the entry's language.
    pub fn event(&self) -> &str {
        if self.chinese {
            or(&self.event_zh, &self.event_en)
        } else {
            or(&self.event_en, &self.event_zh)
        }
    }

    /// Pages as `first-last` (with `sep`), one page, the article number, or "".
    pub fn pages(&self, sep: &str) -> String {
        match (self.first_page.as_str(), self.last_page.as_str()) {
            ("", _) => self.article_number.clone(),
            (f, "") => f.to_string(),
            (f, l) if f == l => f.to_string(),
            (f, l) => format!("{f}{sep}{l}"),
        }
    }

    /// (year, month, day) of publication, as far as known.
    pub fn date_parts(&self) -> Vec<i32> {
        match self.date {
            Some(d) => vec![d.year(), d.month() as i32, d.day() as i32],
            None => vec![self.year],
        }
    }

    /// A citation key: the first author's Latin family name, the year and the first word of
    /// the English title (`li2027fairness`), or `fallback` when there is no Latin name.
    pub fn key(&self, fallback: &str) -> String {
        let ascii = |s: &str| -> String { s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase() };
        let family = self.authors.first().map(|p| ascii(&p.family_en)).unwrap_or_default();
        if family.is_empty() {
            return fallback.to_string();
        }
        let word = self
            .title_en
            .split_whitespace()
            .map(ascii)
            .find(|w| w.len() > 3 && !["about", "from", "into", "with", "towards", "toward"].contains(&w.as_str()))
            .unwrap_or_default();
        format!("{family}{}{word}", self.year)
    }
}

/// The citation formats offered for download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// BibTeX (`.bib`).
    Bibtex,
    /// RIS (`.ris`).
    Ris,
    /// CSL-JSON (`.json`).
    CslJson,
}

impl Format {
    /// The format for a file extension (`bib`, `ris`, `json`).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext {
            "bib" => Some(Format::Bibtex),
            "ris" => Some(Format::Ris),
            "json" => Some(Format::CslJson),
            _ => None,
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Bibtex => "bib",
            Format::Ris => "ris",
            Format::CslJson => "json",
        }
    }

    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Bibtex => "application/x-bibtex; charset=utf-8",
            Format::Ris => "application/x-research-info-systems; charset=utf-8",
            Format::CslJson => "application/vnd.citationstyles.csl+json",
        }
    }

    /// The work in this format.
    pub fn write(self, w: &Work, key: &str) -> String {
        match self {
            Format::Bibtex => bibtex::entry(w, key),
            Format::Ris => ris::record(w),
            Format::CslJson => csl::items(w, key),
        }
    }
}

/// The references a page shows and an API answer carries.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[schema(as = CitationTexts)]
pub struct Texts {
    /// GB/T 7714-2015.
    pub gbt7714: String,
    /// English reference (ACM style).
    pub english: String,
    /// BibTeX entry.
    pub bibtex: String,
}

impl Texts {
    /// The references of `w`, with BibTeX key `key`.
    pub fn of(w: &Work, key: &str) -> Texts {
        Texts {
            gbt7714: gbt7714::reference(w),
            english: english::reference(w),
            bibtex: bibtex::entry(w, key),
        }
    }
}

#[cfg(test)]
pub(crate) mod samples {
    use super::*;

    /// A person from Chinese and Latin family and given names.
    pub fn p(fz: &str, gz: &str, fe: &str, ge: &str) -> Person {
        Person {
            family_zh: fz.into(),
            given_zh: gz.into(),
            family_en: fe.into(),
            given_en: ge.into(),
        }
    }

    /// A Chinese journal article with four authors.
    pub fn chinese_article() -> Work {
        Work {
            kind: Kind::JournalArticle,
            chinese: true,
            authors: vec![
                p("李", "华", "Li", "Hua"),
                p("王", "伟", "Wang", "Wei"),
                p("", "", "Smith", "John Paul"),
                p("张", "三", "", ""),
            ],
            title_zh: "同行评议的公平性".into(),
            title_en: "Fairness in peer review".into(),
            container_zh: "示范科学学报".into(),
            container_en: "Journal of Demonstration Science".into(),
            volume: "12".into(),
            issue: "3".into(),
            first_page: "101".into(),
            last_page: "108".into(),
            year: 2027,
            date: NaiveDate::from_ymd_opt(2027, 3, 15),
            publisher: "示范学会".into(),
            issn: vec!["2049-3630".into()],
            doi: "10.12345/j.2027.12.3.001".into(),
            url: "https://example.org/j/demo/articles/7".into(),
            abstract_text: "本文研究同行评议。".into(),
            keywords: vec!["同行评议".into(), "公平".into()],
            language: "zh".into(),
            ..Default::default()
        }
    }

    /// An English paper of a published proceedings volume.
    pub fn english_paper() -> Work {
        Work {
            kind: Kind::ConferencePaper,
            chinese: false,
            authors: vec![p("李", "华", "Li", "Hua"), p("", "", "Doe", "Jane")],
            title_zh: "".into(),
            title_en: "A Study of Peer Review".into(),
            container_zh: "2026 年学术年会论文集".into(),
            container_en: "Proceedings of the 2026 Annual Conference".into(),
            event_zh: "2026 年学术年会".into(),
            event_en: "2026 Annual Conference".into(),
            volume: "1".into(),
            series: "Demo Series".into(),
            first_page: "3".into(),
            last_page: "5".into(),
            year: 2026,
            publisher: "Demo Press".into(),
            place: "Beijing".into(),
            isbn: "978-7-111-11111-1".into(),
            doi: "10.12345/annual.2026".into(),
            url: "https://example.org/venues/annual-2026/papers/4".into(),
            ..Default::default()
        }
    }
}
