//! The data each report template reads (`data.json`), typed so callers fill them completely.
//! Missing optional texts are empty strings; templates leave empty parts out.

use serde::Serialize;

/// Two names of one thing.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Titles {
    /// Chinese.
    pub title_zh: String,
    /// English.
    pub title_en: String,
}

/// The paper a consent is about.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConsentPaper {
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Authors as named in the volume.
    pub authors: Vec<String>,
}

/// The licence accepted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Licence {
    /// Code.
    pub code: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Text in Chinese.
    pub text_zh: String,
    /// Text in English.
    pub text_en: String,
}

/// `consent_form.typ`: the record of a corresponding author's acceptance.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConsentForm {
    /// The venue.
    pub venue: Titles,
    /// The paper.
    pub paper: ConsentPaper,
    /// The licence.
    pub licence: Licence,
    /// Name typed as signature.
    pub signer_name: String,
    /// The account's address.
    pub signer_email: String,
    /// Time in the venue's zone.
    pub accepted_at_local: String,
    /// Time in UTC (ISO 8601).
    pub accepted_at_utc: String,
    /// Client address.
    pub ip: String,
    /// Record id.
    pub consent_id: i64,
    /// SHA-256 of the record.
    pub digest: String,
}

/// The volume on the title and imprint pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VolumeInfo {
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Chinese subtitle.
    pub subtitle_zh: String,
    /// English subtitle.
    pub subtitle_en: String,
    /// Series.
    pub series: String,
    /// Volume.
    pub volume: String,
    /// Publisher.
    pub publisher: String,
    /// Place.
    pub place: String,
    /// Year.
    pub year: i32,
    /// ISBN.
    pub isbn: String,
    /// DOI.
    pub doi: String,
}

/// The conference on the title page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VenueInfo {
    /// Chinese name.
    pub title_zh: String,
    /// English name.
    pub title_en: String,
    /// Place.
    pub place: String,
    /// Dates as readers read them, Chinese.
    pub dates_zh: String,
    /// Dates, English.
    pub dates_en: String,
}

/// A committee group.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CommitteeGroup {
    /// Role in Chinese.
    pub role_zh: String,
    /// Role in English.
    pub role_en: String,
    /// (name, affiliation).
    pub members: Vec<(String, String)>,
}

/// A paper in the contents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ContentsPaper {
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Authors, joined.
    pub authors: String,
    /// First page.
    pub first_page: u32,
}

/// A part of the contents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ContentsPart {
    /// Part name, Chinese.
    pub part_zh: String,
    /// Part name, English.
    pub part_en: String,
    /// Its papers.
    pub papers: Vec<ContentsPaper>,
}

/// `proceedings_front.typ`: title page, imprint, preface, committee, contents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FrontMatter {
    /// The volume.
    pub volume: VolumeInfo,
    /// The conference.
    pub venue: VenueInfo,
    /// Preface in Chinese.
    pub preface_zh: String,
    /// Preface in English.
    pub preface_en: String,
    /// Committee groups.
    pub committee: Vec<CommitteeGroup>,
    /// Contents.
    pub contents: Vec<ContentsPart>,
}

/// `proceedings_index.typ`: the author index.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuthorIndex {
    /// Heading, Chinese.
    pub title_zh: String,
    /// Heading, English.
    pub title_en: String,
    /// Number of the index's first page.
    pub first_page: u32,
    /// Authors in order with their first pages.
    pub authors: Vec<(String, Vec<u32>)>,
}

/// A statement of salon minutes, in the reader's language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MinutesEntry {
    /// The text, verbatim.
    pub text: String,
    /// The speaker's name, or "a participant" for an anonymous statement.
    pub speaker: String,
}

/// One salon's minutes, every text already in the reader's language (else the other one).
#[derive(Debug, Clone, Default, Serialize)]
pub struct MinutesDocument {
    /// Title.
    pub title: String,
    /// The salon's name.
    pub salon: String,
    /// Dates as readers read them.
    pub dates: String,
    /// Place.
    pub place: String,
    /// The lead scientists, joined.
    pub leads: String,
    /// Introduction.
    pub intro: String,
    /// Main viewpoints.
    pub viewpoints: Vec<MinutesEntry>,
    /// Dissenting views, verbatim.
    pub dissents: Vec<MinutesEntry>,
    /// Consensus and outlook.
    pub outlook: String,
}

/// `salon_minutes.typ`: one salon's minutes, or a society's year of them (`volume`: a cover
/// and a table of contents, each minutes document starting a page).
#[derive(Debug, Clone, Default, Serialize)]
pub struct MinutesBook {
    /// `zh` or `en`: the reader's language.
    pub lang: String,
    /// A yearly volume (cover and contents) rather than one salon's minutes.
    pub volume: bool,
    /// Cover title of a volume.
    pub cover_title: String,
    /// Cover subtitle (the society).
    pub cover_subtitle: String,
    /// Labels in the reader's language: `contents`, `lead`, `dates`, `place`, `intro`,
    /// `viewpoints`, `dissents`, `dissent`, `outlook`.
    pub labels: std::collections::BTreeMap<String, String>,
    /// The minutes, in date order.
    pub items: Vec<MinutesDocument>,
}

/// A dimension's row in an evaluation report, as readers read it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvaluationDimensionRow {
    /// Its name.
    pub name: String,
    /// Its share of the weight ("20%").
    pub weight: String,
    /// The conference's score.
    pub score: String,
    /// The round's median.
    pub median: String,
}

/// An indicator's row in an evaluation report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvaluationIndicatorRow {
    /// Its dimension's name.
    pub dimension: String,
    /// Its name.
    pub name: String,
    /// The figure in its unit.
    pub figure: String,
    /// The score out of 100.
    pub score: String,
    /// Where it came from, in words.
    pub source: String,
    /// The score in the round's spread (SVG), empty when withheld.
    pub strip: String,
}

/// `evaluation_report.typ`: one conference's evaluation report, every text already in the
/// reader's language (else the other one).
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvaluationReportDocument {
    /// `zh` or `en`.
    pub lang: String,
    /// Labels in the reader's language: `summary`, `dimensions`, `indicators`, `comments`,
    /// `recommendations`, `method`, `dimension`, `weight`, `score`, `median`, `indicator`,
    /// `figure`, `source`, `spread`, `spread_hint`, `outside`, `comment`.
    pub labels: std::collections::BTreeMap<String, String>,
    /// The round's title.
    pub round: String,
    /// The conference's name.
    pub conference: String,
    /// Held outside xuehui (self-reported data).
    pub outside: bool,
    /// (label, value) pairs: total, grade, rank, rank interval, designation.
    pub summary: Vec<(String, String)>,
    /// The radar of the dimensions (SVG).
    pub radar: String,
    /// Dimensions in order.
    pub dimensions: Vec<EvaluationDimensionRow>,
    /// Indicators in order.
    pub indicators: Vec<EvaluationIndicatorRow>,
    /// Released expert comments, numbered.
    pub comments: Vec<(usize, String)>,
    /// The committee's recommendations.
    pub recommendations: String,
    /// The method in one paragraph.
    pub method: String,
    /// When it was made, as readers read it.
    pub generated: String,
}

/// One review on a certificate: the manuscript's number, the round and when it came in (no
/// title: what a reviewer read stays confidential).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CertifiedReview {
    /// Manuscript number in the journal.
    pub number: i32,
    /// Review round.
    pub round: i32,
    /// Date the review was submitted (ISO).
    pub submitted_on: String,
}

/// `review_certificate.typ`: the reviews a reviewer completed for one journal.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewCertificate {
    /// The reviewer's name.
    pub reviewer: String,
    /// The journal's names.
    pub journal: Titles,
    /// ISSNs, print then electronic, where the journal has them.
    pub issn: Vec<String>,
    /// Publisher.
    pub publisher: String,
    /// The reviews, oldest first.
    pub reviews: Vec<CertifiedReview>,
    /// First year of a review.
    pub first_year: i32,
    /// Last year of a review.
    pub last_year: i32,
    /// Date of issue (ISO).
    pub issued_on: String,
    /// Verification code (SHA-256 of the certified facts, first 16 hex digits).
    pub code: String,
}
