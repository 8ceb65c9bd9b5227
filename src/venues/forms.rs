//! The organiser's HTML forms for venues and calls, and their conversion to API inputs.

use serde::{Deserialize, Serialize};

use super::model::{Call, Question, Topic, Track, Venue};
use super::validate::{CallInput, OptionText, QuestionInput, TopicInput, TrackInput, VenueDetails, VenueInput};
use crate::error::{AppError, FieldErrors};
use crate::web::rows::{Kept, Row, Rows, checkbox, key, renumber};

/// A track row of the venue form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct TrackRow {
    #[serde(default)]
    pub slug: String,
    /// `track` or `forum` (a select).
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    /// Whole years, as typed.
    #[serde(default)]
    pub age_limit: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for TrackRow {
    fn is_blank(&self) -> bool {
        [&self.slug, &self.name_zh, &self.name_en, &self.age_limit]
            .iter()
            .all(|s| s.trim().is_empty())
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// A topic row of the venue form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct TopicRow {
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for TopicRow {
    fn is_blank(&self) -> bool {
        self.name_zh.trim().is_empty() && self.name_en.trim().is_empty()
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// The venue form as posted: the API's fields, numbers as text, tracks and topics as rows.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct VenueForm {
    /// The fields the API body has too.
    #[serde(flatten)]
    pub details: VenueDetails,
    #[serde(default)]
    pub age_limit: String,
    #[serde(default)]
    pub previous_edition: String,
    #[serde(default)]
    pub tracks: Rows<TrackRow>,
    #[serde(default)]
    pub topics: Rows<TopicRow>,
}

fn opt_number(f: &mut FieldErrors, name: &str, v: &str) -> Option<i32> {
    if v.trim().is_empty() {
        return None;
    }
    let n = v.trim().parse::<i32>().ok();
    if n.is_none() {
        f.insert(name.into(), "validation.number_invalid".into());
    }
    n
}

/// The API input a form gives, and where its list items came from on the form.
pub struct Converted<T> {
    /// The input the API would take.
    pub input: T,
    kept: Vec<Kept>,
}

impl<T> Converted<T> {
    /// Makes the errors the shared validation gives name the form's rows.
    pub fn renumber(&self, err: AppError) -> AppError {
        renumber(err, &self.kept.iter().collect::<Vec<_>>())
    }
}

impl VenueForm {
    /// Converts to the API input, reporting unparseable fields; blank and removed rows are left out.
    pub fn to_input(&self) -> Result<Converted<VenueInput>, AppError> {
        let mut f = FieldErrors::new();
        let age_limit = opt_number(&mut f, "age_limit", &self.age_limit);
        let (tracks, kept_tracks) = self.tracks.kept("tracks", |i, t| TrackInput {
            slug: t.slug.clone(),
            kind: t.kind.clone(),
            name_zh: t.name_zh.clone(),
            name_en: t.name_en.clone(),
            age_limit: opt_number(&mut f, &key("tracks", i, "age_limit"), &t.age_limit),
        });
        let (topics, kept_topics) = self.topics.kept("topics", |_, t| TopicInput {
            name_zh: t.name_zh.clone(),
            name_en: t.name_en.clone(),
        });
        if !f.is_empty() {
            return Err(AppError::Validation { fields: f });
        }
        Ok(Converted {
            input: VenueInput {
                details: self.details.clone(),
                age_limit,
                tracks,
                topics,
                previous_edition: self.previous_edition.clone(),
            },
            kept: vec![kept_tracks, kept_topics],
        })
    }

    /// Checks the form as the API would check its input; errors name the form's rows.
    pub fn check(&self) -> Result<super::validate::VenueSpec, AppError> {
        let c = self.to_input()?;
        super::validate::venue(&c.input).map_err(|e| c.renumber(e))
    }

    /// The form prefilled from a stored venue.
    pub fn from_venue(v: &Venue, tracks: &[Track], topics: &[Topic], previous: Option<&Venue>) -> VenueForm {
        VenueForm {
            details: VenueDetails {
                slug: v.slug.clone(),
                kind: v.kind.to_string(),
                title_zh: v.title_zh.clone(),
                title_en: v.title_en.clone(),
                description_zh: v.description_zh.clone(),
                description_en: v.description_en.clone(),
                starts_on: v.starts_on.map(|d| d.to_string()).unwrap_or_default(),
                ends_on: v.ends_on.map(|d| d.to_string()).unwrap_or_default(),
                place: v.place.clone(),
                online_url: v.online_url.clone(),
                timezone: v.timezone.clone(),
            },
            age_limit: v.age_limit.map(|a| a.to_string()).unwrap_or_default(),
            previous_edition: previous.map(|p| p.slug.clone()).unwrap_or_default(),
            tracks: Rows::of(tracks, |t| TrackRow {
                slug: t.slug.clone(),
                kind: t.kind.to_string(),
                name_zh: t.name_zh.clone(),
                name_en: t.name_en.clone(),
                age_limit: t.age_limit.map(|a| a.to_string()).unwrap_or_default(),
                remove: false,
            }),
            topics: Rows::of(topics, |t| TopicRow {
                name_zh: t.name_zh.clone(),
                name_en: t.name_en.clone(),
                remove: false,
            }),
        }
    }
}

/// A question row of the call form; a choice's options are one per line in each language,
/// matched by position.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct QuestionRow {
    /// `text`, `choice` or `checkbox` (a select).
    #[serde(default)]
    pub kind: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub required: bool,
    #[serde(default)]
    pub label_zh: String,
    #[serde(default)]
    pub label_en: String,
    #[serde(default)]
    pub options_zh: String,
    #[serde(default)]
    pub options_en: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for QuestionRow {
    fn is_blank(&self) -> bool {
        [&self.label_zh, &self.label_en, &self.options_zh, &self.options_en]
            .iter()
            .all(|s| s.trim().is_empty())
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

fn option_lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

impl QuestionRow {
    /// The API's question, or an error naming the options when the two lists differ in length
    /// (a list left empty takes the other language's words).
    pub fn input(&self, f: &mut FieldErrors, i: usize) -> QuestionInput {
        let (zh, en) = (option_lines(&self.options_zh), option_lines(&self.options_en));
        let options = match (zh.len(), en.len()) {
            (_, 0) => zh
                .iter()
                .map(|z| OptionText {
                    zh: z.clone(),
                    en: z.clone(),
                })
                .collect(),
            (0, _) => en
                .iter()
                .map(|e| OptionText {
                    zh: e.clone(),
                    en: e.clone(),
                })
                .collect(),
            (a, b) if a == b => zh.into_iter().zip(en).map(|(zh, en)| OptionText { zh, en }).collect(),
            _ => {
                f.insert(key("questions", i, "options"), "validation.options_mismatch".into());
                Vec::new()
            }
        };
        QuestionInput {
            kind: self.kind.clone(),
            label_zh: self.label_zh.clone(),
            label_en: self.label_en.clone(),
            options,
            required: self.required,
        }
    }

    fn of(q: &Question) -> QuestionRow {
        QuestionRow::of_parts(q.kind.as_str(), q.required, &q.label_zh, &q.label_en, &q.options)
    }

    /// A row showing a stored question (its options as stored JSON).
    pub fn of_parts(kind: &str, required: bool, label_zh: &str, label_en: &str, options: &str) -> QuestionRow {
        let opts: Vec<OptionText> = serde_json::from_str(options).unwrap_or_default();
        let join = |part: fn(&OptionText) -> &String| opts.iter().map(part).cloned().collect::<Vec<_>>().join("\n");
        QuestionRow {
            kind: kind.to_string(),
            required,
            label_zh: label_zh.to_string(),
            label_en: label_en.to_string(),
            options_zh: join(|o| &o.zh),
            options_en: join(|o| &o.en),
            remove: false,
        }
    }
}

/// The call form as posted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct CallForm {
    #[serde(default)]
    pub abstract_deadline: String,
    #[serde(default)]
    pub paper_deadline: String,
    #[serde(default)]
    pub grace_minutes: String,
    #[serde(default)]
    pub page_limit: String,
    #[serde(default)]
    pub max_file_mb: String,
    #[serde(default)]
    pub supp_max_mb: String,
    #[serde(default)]
    pub anonymity: String,
    #[serde(default)]
    pub only_corresponding_edits: Option<String>,
    #[serde(default)]
    pub questions: Rows<QuestionRow>,
}

impl CallForm {
    /// Converts to the API input; blank and removed question rows are left out.
    pub fn to_input(&self) -> Result<Converted<CallInput>, AppError> {
        let mut f = FieldErrors::new();
        let grace = opt_number(&mut f, "grace_minutes", &self.grace_minutes).unwrap_or(0);
        let page_limit = opt_number(&mut f, "page_limit", &self.page_limit);
        let max_file_mb = opt_number(&mut f, "max_file_mb", &self.max_file_mb);
        let supp_max_mb = opt_number(&mut f, "supp_max_mb", &self.supp_max_mb);
        let (questions, kept) = self.questions.kept("questions", |i, q| q.input(&mut f, i));
        if !f.is_empty() {
            return Err(AppError::Validation { fields: f });
        }
        Ok(Converted {
            input: CallInput {
                abstract_deadline: self.abstract_deadline.clone(),
                paper_deadline: self.paper_deadline.clone(),
                grace_minutes: grace,
                page_limit,
                max_file_mb,
                supp_max_mb,
                anonymity: self.anonymity.clone(),
                only_corresponding_edits: self.only_corresponding_edits.is_some(),
                questions,
            },
            kept: vec![kept],
        })
    }

    /// The form prefilled from a stored call (deadlines in the venue's zone).
    pub fn from_call(c: &Call, questions: &[Question], timezone: &str) -> CallForm {
        let tz = super::deadline::parse_tz(timezone).unwrap_or(chrono_tz::UTC);
        CallForm {
            abstract_deadline: c
                .abstract_deadline
                .map(|d| super::deadline::utc_to_local_input(d, tz))
                .unwrap_or_default(),
            paper_deadline: super::deadline::utc_to_local_input(c.paper_deadline, tz),
            grace_minutes: c.grace_minutes.to_string(),
            page_limit: c.page_limit.map(|p| p.to_string()).unwrap_or_default(),
            max_file_mb: c.max_file_mb.to_string(),
            supp_max_mb: c.supp_max_mb.to_string(),
            anonymity: c.anonymity.to_string(),
            only_corresponding_edits: c.only_corresponding_edits.then(|| "on".into()),
            questions: Rows::of(questions, QuestionRow::of),
        }
    }
}
