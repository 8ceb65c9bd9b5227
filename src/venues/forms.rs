//! The organiser's HTML forms for venues and calls, and their conversion to API inputs.

use serde::{Deserialize, Serialize};

use super::model::{Call, Question, Topic, Track, Venue};
use super::validate::{CallInput, VenueDetails, VenueInput, questions_from_text, topics_from_text, tracks_from_text};
use crate::error::{AppError, FieldErrors};

/// The venue form as posted (lists as one-per-line text).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct VenueForm {
    /// The fields the API body has too.
    #[serde(flatten)]
    pub details: VenueDetails,
    #[serde(default)]
    pub age_limit: String,
    #[serde(default)]
    pub tracks_text: String,
    #[serde(default)]
    pub topics_text: String,
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

impl VenueForm {
    /// Converts to the API input, reporting unparseable fields.
    pub fn to_input(&self) -> Result<VenueInput, AppError> {
        let mut f = FieldErrors::new();
        let age_limit = opt_number(&mut f, "age_limit", &self.age_limit);
        let tracks = tracks_from_text(&self.tracks_text).unwrap_or_else(|_| {
            f.insert("tracks_text".into(), "validation.tracks_invalid".into());
            vec![]
        });
        let topics = topics_from_text(&self.topics_text).unwrap_or_else(|_| {
            f.insert("topics_text".into(), "validation.topics_invalid".into());
            vec![]
        });
        if !f.is_empty() {
            return Err(AppError::Validation { fields: f });
        }
        Ok(VenueInput {
            details: self.details.clone(),
            age_limit,
            tracks,
            topics,
        })
    }

    /// The form prefilled from a stored venue.
    pub fn from_venue(v: &Venue, tracks: &[Track], topics: &[Topic]) -> VenueForm {
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
            tracks_text: tracks
                .iter()
                .map(|t| {
                    format!(
                        "{} | {} | {} | {}{}",
                        t.slug,
                        t.kind,
                        t.name_zh,
                        t.name_en,
                        t.age_limit.map(|a| format!(" | {a}")).unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            topics_text: topics
                .iter()
                .map(|t| format!("{} | {}", t.name_zh, t.name_en))
                .collect::<Vec<_>>()
                .join("\n"),
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
    pub questions_text: String,
}

impl CallForm {
    /// Converts to the API input.
    pub fn to_input(&self) -> Result<CallInput, AppError> {
        let mut f = FieldErrors::new();
        let grace = opt_number(&mut f, "grace_minutes", &self.grace_minutes).unwrap_or(0);
        let page_limit = opt_number(&mut f, "page_limit", &self.page_limit);
        let max_file_mb = opt_number(&mut f, "max_file_mb", &self.max_file_mb);
        let supp_max_mb = opt_number(&mut f, "supp_max_mb", &self.supp_max_mb);
        let questions = questions_from_text(&self.questions_text).unwrap_or_else(|_| {
            f.insert("questions_text".into(), "validation.questions_invalid".into());
            vec![]
        });
        if !f.is_empty() {
            return Err(AppError::Validation { fields: f });
        }
        Ok(CallInput {
            abstract_deadline: self.abstract_deadline.clone(),
            paper_deadline: self.paper_deadline.clone(),
            grace_minutes: grace,
            page_limit,
            max_file_mb,
            supp_max_mb,
            anonymity: self.anonymity.clone(),
            only_corresponding_edits: self.only_corresponding_edits.is_some(),
            questions,
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
            questions_text: questions
                .iter()
                .map(|q| {
                    let opts: Vec<super::validate::OptionText> = serde_json::from_str(&q.options).unwrap_or_default();
                    let opts = opts.iter().map(|o| format!("{}/{}", o.zh, o.en)).collect::<Vec<_>>().join("; ");
                    format!(
                        "{} | {} | {} | {}{}",
                        q.kind,
                        if q.required { "required" } else { "optional" },
                        q.label_zh,
                        q.label_en,
                        if opts.is_empty() { String::new() } else { format!(" | {opts}") }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}
