//! Crossref deposit XML, schema 5.4.0 (pure): what a journal issue and its articles, or a
//! conference's proceedings and their papers, look like when registered with Crossref. An area
//! describes the deposit with these records; `journal` and `conference` write the `doi_batch`. Names are taken in Latin script where the author has one (Crossref's
//! `surname` and `given_name`), else in characters.

pub mod conference;
pub mod journal;
pub mod parts;

use chrono::NaiveDate;

/// The schema version written.
pub const VERSION: &str = "5.4.0";
/// The deposit schema's namespace.
pub const NAMESPACE: &str = "http://www.crossref.org/schema/5.4.0";

/// What a deposit needs of the service besides the database.
pub struct Site<'a> {
    /// The service's address, for landing pages.
    pub base_url: &'a str,
    /// The depositor's e-mail address (the service's sender address).
    pub depositor_email: &'a str,
}

/// A deposit as generated: the XML, a file name for downloading it, and its batch id.
#[derive(Debug, Clone)]
pub struct DepositFile {
    /// The `doi_batch` document.
    pub xml: String,
    /// File name, e.g. `crossref-jcs-3-2.xml`.
    pub name: String,
    /// The head's `doi_batch_id`, by which Crossref reports the result.
    pub batch_id: String,
}

/// The batch's head: who deposits, and the batch's id and timestamp.
#[derive(Debug, Clone, Default)]
pub struct Head {
    /// Unique id of the batch (the depositor's own).
    pub batch_id: String,
    /// A number that grows with every deposit of the same DOIs (`yyyymmddhhmmss`).
    pub timestamp: String,
    /// Depositor's name.
    pub depositor_name: String,
    /// Depositor's e-mail address (Crossref writes to it about the deposit).
    pub depositor_email: String,
    /// The organisation that owns the DOIs.
    pub registrant: String,
}

/// An author.
#[derive(Debug, Clone, Default)]
pub struct Contributor {
    /// Given name ("" when none).
    pub given: String,
    /// Family name.
    pub surname: String,
    /// Institution.
    pub affiliation: String,
    /// ORCID iD (`0000-0002-1825-0097`).
    pub orcid: Option<String>,
}

/// A reference of an article.
#[derive(Debug, Clone, Default)]
pub struct Citation {
    /// As printed.
    pub text: String,
    /// Its DOI.
    pub doi: Option<String>,
}

/// An abstract in one language.
#[derive(Debug, Clone, Default)]
pub struct Abstract {
    /// ISO 639-1.
    pub lang: String,
    /// Paragraphs.
    pub text: String,
}

/// A journal article.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// Language of the text (ISO 639-1).
    pub language: String,
    /// Title, in English where it has one.
    pub title: String,
    /// The title in the article's own language when `title` is its translation, with that
    /// language.
    pub original_title: Option<(String, String)>,
    /// Authors in order.
    pub contributors: Vec<Contributor>,
    /// Abstracts.
    pub abstracts: Vec<Abstract>,
    /// Published online.
    pub published: NaiveDate,
    /// First page ("" with an article number).
    pub first_page: String,
    /// Last page.
    pub last_page: String,
    /// Article number.
    pub article_number: String,
    /// Licence URL.
    pub licence_url: String,
    /// DOI.
    pub doi: String,
    /// Its landing page.
    pub url: String,
    /// References.
    pub citations: Vec<Citation>,
}

/// A journal issue with the articles deposited.
#[derive(Debug, Clone, Default)]
pub struct Issue {
    /// The journal's full title (English where it has one).
    pub journal_title: String,
    /// The journal's language (ISO 639-1), "" when it publishes in several.
    pub journal_language: String,
    /// Print ISSN.
    pub issn: Option<String>,
    /// Electronic ISSN.
    pub eissn: Option<String>,
    /// Volume.
    pub volume: String,
    /// Issue number.
    pub number: String,
    /// Published online.
    pub published: NaiveDate,
    /// The articles.
    pub articles: Vec<Article>,
}

/// A conference's published proceedings with the papers deposited.
#[derive(Debug, Clone, Default)]
pub struct Proceedings {
    /// The conference's name.
    pub conference_name: String,
    /// Where it took place.
    pub location: String,
    /// First day.
    pub starts: Option<NaiveDate>,
    /// Last day.
    pub ends: Option<NaiveDate>,
    /// The volume's title.
    pub title: String,
    /// The volume's language (ISO 639-1), "" when mixed.
    pub language: String,
    /// Publisher.
    pub publisher: String,
    /// Publisher's place.
    pub publisher_place: String,
    /// Published online.
    pub published: NaiveDate,
    /// ISBN ("" when none).
    pub isbn: String,
    /// The volume's DOI.
    pub doi: String,
    /// The volume's landing page.
    pub url: String,
    /// The papers (as `Article`s: no issue, no article number).
    pub papers: Vec<Article>,
}
