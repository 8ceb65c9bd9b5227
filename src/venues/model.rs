//! Venue data.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{call_questions, calls, tracks, venue_topics, venues};

crate::text_enum! {
    /// What kind of event a venue is.
    pub enum VenueKind {
        /// A conference (年会 and the like).
        Conference = "conference",
        /// A forum.
        Forum = "forum",
        /// A "new viewpoints, new theories" academic salon (学术沙龙): small, by invitation and
        /// approved application, run by the salon rules.
        Salon = "salon",
    }
}

crate::text_enum! {
    /// What a part of a venue is.
    pub enum TrackKind {
        /// A track of the main programme.
        Track = "track",
        /// A forum inside the venue (e.g. a Young Scientists Forum).
        Forum = "forum",
    }
}

crate::text_enum! {
    /// How an extra question of a call is answered.
    pub enum QuestionKind {
        /// Free text.
        Text = "text",
        /// One of a list of options.
        Choice = "choice",
        /// Ticked or not.
        Checkbox = "checkbox",
    }
}

crate::text_enum! {
    /// What the committee and the authors know of each other.
    pub enum Anonymity {
        /// Neither side sees the other's names.
        DoubleBlind = "double_blind",
        /// Reviewers see the authors; authors do not see the reviewers.
        SingleBlind = "single_blind",
        /// Both sides see names.
        Open = "open",
    }
}

/// A conference or forum.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = venues)]
pub struct Venue {
    /// Id.
    pub id: i64,
    /// Organising society.
    pub society_id: Option<i64>,
    /// URL name.
    pub slug: String,
    /// `conference`, `forum` or `salon`.
    #[diesel(deserialize_as = String)]
    pub kind: VenueKind,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Description in Chinese.
    pub description_zh: String,
    /// Description in English.
    pub description_en: String,
    /// First day.
    pub starts_on: Option<NaiveDate>,
    /// Last day.
    pub ends_on: Option<NaiveDate>,
    /// City and hall, or an online link.
    pub place: String,
    /// IANA time zone of the venue.
    pub timezone: String,
    /// Creation time.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Link for online participation.
    pub online_url: String,
    /// For forums: the presenting author must be younger than this (years).
    pub age_limit: Option<i32>,
    /// When its chairs opened the call: until then the venue is a draft only they see, and
    /// nobody can submit.
    #[serde(default, with = "crate::web::utc::option")]
    pub opened_at: Option<NaiveDateTime>,
    /// The edition before this one, when the chairs named it (a conference series).
    pub previous_venue_id: Option<i64>,
}

impl Venue {
    /// Whether the call has been opened (the venue is public).
    pub fn is_open(&self) -> bool {
        self.opened_at.is_some()
    }
}

/// A track of a venue; a forum held inside a conference is a track of kind `forum`.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = tracks)]
pub struct Track {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// URL name within the venue.
    pub slug: String,
    /// `track` or `forum`.
    #[diesel(deserialize_as = String)]
    pub kind: TrackKind,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Creation time.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Age limit of a forum track.
    pub age_limit: Option<i32>,
}

/// A topic authors choose for their paper.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = venue_topics)]
pub struct Topic {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Order on forms.
    pub position: i32,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
}

/// A call for papers: deadlines (UTC), limits and anonymity.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = calls)]
pub struct Call {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Track, when the call is for one track only.
    pub track_id: Option<i64>,
    /// Abstract registration deadline (UTC), if the call has one.
    #[serde(default, with = "crate::web::utc::option")]
    pub abstract_deadline: Option<NaiveDateTime>,
    /// Full-paper deadline (UTC).
    #[serde(with = "crate::web::utc")]
    pub paper_deadline: NaiveDateTime,
    /// Minutes after each deadline during which submissions are still accepted, unannounced.
    pub grace_minutes: i32,
    /// Maximum pages of the PDF.
    pub page_limit: Option<i32>,
    /// Maximum PDF size in MB.
    pub max_file_mb: i32,
    /// Maximum supplementary file size in MB.
    pub supp_max_mb: i32,
    /// `double_blind`, `single_blind` or `open`.
    #[diesel(deserialize_as = String)]
    pub anonymity: Anonymity,
    /// Whether only the corresponding author may edit.
    pub only_corresponding_edits: bool,
    /// Creation time.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// An extra question on the submission form.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = call_questions)]
pub struct Question {
    /// Id.
    pub id: i64,
    /// Call.
    pub call_id: i64,
    /// Order on the form.
    pub position: i32,
    /// `text`, `choice` or `checkbox`.
    #[diesel(deserialize_as = String)]
    pub kind: QuestionKind,
    /// Question in Chinese.
    pub label_zh: String,
    /// Question in English.
    pub label_en: String,
    /// For `choice`: JSON list of `{"zh": .., "en": ..}`.
    pub options: String,
    /// Whether an answer is required.
    pub required: bool,
}

impl Question {
    /// What the answer check needs.
    pub fn asked(&self) -> super::questions::Asked<'_> {
        super::questions::Asked {
            id: self.id,
            kind: self.kind,
            options: &self.options,
            required: self.required,
        }
    }
}
