//! JATS 1.3 (Journal Publishing) XML of an article (pure): the front matter complete (journal,
//! identifiers, titles in both languages, authors with their names in both scripts, ORCID iDs,
//! affiliations and the corresponding author, publication and history dates, volume, issue and
//! pages or e-locator, licence, abstracts and keywords in both languages), the body where the
//! text is known as paragraphs, and the references. Chinese names are `name-style="eastern"`.

pub mod body;
pub mod write;

use chrono::NaiveDate;

/// An author.
#[derive(Debug, Clone, Default)]
pub struct Author {
    /// Family name in characters.
    pub family_zh: String,
    /// Given name in characters.
    pub given_zh: String,
    /// Family name in Latin script.
    pub family_en: String,
    /// Given name in Latin script.
    pub given_en: String,
    /// Institution.
    pub affiliation: String,
    /// Country (ISO 3166-1 alpha-2).
    pub country: String,
    /// Country name in English.
    pub country_name: String,
    /// ORCID iD.
    pub orcid: Option<String>,
    /// Corresponding author (marked; the address stays private, as on the article's page).
    pub corresponding: bool,
}

/// A reference.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// As printed.
    pub text: String,
    /// Its DOI.
    pub doi: Option<String>,
}

/// An article.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// The journal's id at its publisher (its address name).
    pub journal_id: String,
    /// The journal's title, Chinese.
    pub journal_zh: String,
    /// The journal's title, English.
    pub journal_en: String,
    /// Print ISSN.
    pub issn: Option<String>,
    /// Electronic ISSN.
    pub eissn: Option<String>,
    /// Publisher.
    pub publisher: String,
    /// Language of the article (ISO 639-1).
    pub language: String,
    /// The publisher's id of the article.
    pub article_id: String,
    /// DOI.
    pub doi: Option<String>,
    /// Its section, Chinese.
    pub section_zh: String,
    /// Its section, English.
    pub section_en: String,
    /// Title, Chinese.
    pub title_zh: String,
    /// Title, English.
    pub title_en: String,
    /// Authors in order.
    pub authors: Vec<Author>,
    /// Published.
    pub published: Option<NaiveDate>,
    /// Volume.
    pub volume: String,
    /// Issue.
    pub issue: String,
    /// First page.
    pub first_page: String,
    /// Last page.
    pub last_page: String,
    /// Article number.
    pub article_number: String,
    /// Received.
    pub received: Option<NaiveDate>,
    /// Last revision received.
    pub revised: Option<NaiveDate>,
    /// Accepted.
    pub accepted: Option<NaiveDate>,
    /// Licence URL.
    pub licence_url: String,
    /// Abstract, Chinese.
    pub abstract_zh: String,
    /// Abstract, English.
    pub abstract_en: String,
    /// Keywords, Chinese.
    pub keywords_zh: Vec<String>,
    /// Keywords, English.
    pub keywords_en: Vec<String>,
    /// The inside of `<body>` (escaped JATS, see [`body::from_html`]), when an HTML galley
    /// gave the text.
    pub body: Option<String>,
    /// References.
    pub references: Vec<Reference>,
}
