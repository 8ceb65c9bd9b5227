//! Rows of the programme: rooms, sessions and their people, slots, speakers' unavailable
//! times, the venue's programme settings, scheduler proposals and releases.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{
    programme_proposals, programme_releases, programme_session_people, programme_sessions, programme_settings, programme_slots, rooms,
    speaker_unavailability,
};

crate::text_enum! {
    /// What a session is.
    pub enum SessionKind {
        /// Opening ceremony.
        Opening = "opening",
        /// Keynote.
        Keynote = "keynote",
        /// Talks of papers.
        PaperSession = "paper_session",
        /// A forum.
        Forum = "forum",
        /// A salon.
        Salon = "salon",
        /// Posters.
        PosterSession = "poster_session",
        /// A panel.
        Panel = "panel",
        /// A break.
        Break = "break",
        /// A meal.
        Meal = "meal",
        /// A social event.
        Social = "social",
    }
}

impl SessionKind {
    /// Whether talks may be put in it (breaks, meals and social events hold none).
    pub fn holds_talks(self) -> bool {
        !matches!(self, SessionKind::Break | SessionKind::Meal | SessionKind::Social)
    }
}

crate::text_enum! {
    /// What a slot is.
    pub enum SlotKind {
        /// The talk (or poster) of an accepted paper.
        Paper = "paper",
        /// An invited talk with its own speaker and abstract.
        Invited = "invited",
        /// A panel.
        Panel = "panel",
        /// Anything else (a discussion, an announcement).
        Free = "free",
        /// A key talk (主题引导发言): the one longer talk a salon allows.
        KeyTalk = "key_talk",
        /// A short intervention (插话) in a salon's debate.
        Intervention = "intervention",
    }
}

crate::text_enum! {
    /// A person's part in a session.
    pub enum SessionRole {
        /// Session chair.
        Chair = "chair",
        /// Moderator.
        Moderator = "moderator",
    }
}

crate::text_enum! {
    /// Where a scheduler proposal stands.
    pub enum ScheduleStatus {
        /// Waiting for the worker.
        Queued = "queued",
        /// Computed; waiting for the chair.
        Ready = "ready",
        /// The solver failed.
        Failed = "failed",
        /// The chair applied it to the draft.
        Accepted = "accepted",
        /// The chair set it aside, or the draft changed since.
        Discarded = "discarded",
    }
}

crate::text_enum! {
    /// Which talks a proposal places.
    pub enum ProposalMode {
        /// Only talks without a session; the others stay where they are.
        Unscheduled = "unscheduled",
        /// Every talk that is not pinned, with as few moves as possible.
        All = "all",
    }
}

/// A room of a venue.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = rooms)]
pub struct Room {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Stable GUID.
    pub guid: String,
    /// Display order.
    pub position: i32,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Seats.
    pub capacity: Option<i32>,
    /// Building and floor.
    pub location: String,
    /// Online link.
    pub online_url: String,
    /// Recorded.
    pub recorded: bool,
    /// Streamed.
    pub streamed: bool,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// A session of the draft.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = programme_sessions)]
pub struct Session {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Stable GUID.
    pub guid: String,
    /// Kind.
    #[diesel(deserialize_as = String)]
    pub kind: SessionKind,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Room.
    pub room_id: Option<i64>,
    /// Track.
    pub track_id: Option<i64>,
    /// Start (UTC).
    #[serde(with = "crate::web::utc")]
    pub starts_at: NaiveDateTime,
    /// End (UTC).
    #[serde(with = "crate::web::utc")]
    pub ends_at: NaiveDateTime,
    /// Most posters (poster sessions).
    pub capacity: Option<i32>,
    /// Edit counter: an edit names the version it was made on, and a stale one is refused.
    pub version: i32,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

/// A chair or moderator of a session.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, Deserialize, utoipa::ToSchema)]
#[diesel(table_name = programme_session_people)]
pub struct SessionPerson {
    /// Id.
    pub id: i64,
    /// Session.
    pub session_id: i64,
    /// Chair or moderator.
    #[diesel(deserialize_as = String)]
    pub role: SessionRole,
    /// Order.
    pub position: i32,
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// E-mail (how clashes with talks are found; never public).
    pub email: String,
    /// Institution.
    pub affiliation: String,
}

/// A speaker stored on an invited talk or panel slot (paper talks read their authors).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Speaker {
    /// Name in Chinese characters.
    #[serde(default)]
    pub name_zh: String,
    /// Name in Latin script.
    #[serde(default)]
    pub name_latin: String,
    /// E-mail (optional; needed for clash checks, availability and mail).
    #[serde(default)]
    pub email: String,
    /// Institution.
    #[serde(default)]
    pub affiliation: String,
}

/// A slot: a talk, poster, panel or free item, in a session or unscheduled.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = programme_slots)]
pub struct Slot {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Stable GUID.
    pub guid: String,
    /// Session (`None`: unscheduled).
    pub session_id: Option<i64>,
    /// Order within the session.
    pub position: i32,
    /// Kind.
    #[diesel(deserialize_as = String)]
    pub kind: SlotKind,
    /// The paper (paper talks).
    pub submission_id: Option<i64>,
    /// Chinese title (other kinds; papers use their own).
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract (other kinds).
    pub abstract_text: String,
    /// Language of the talk (`zh`, `en`).
    pub language: String,
    /// Speakers of other kinds, as JSON (`Speaker` list).
    #[serde(skip)]
    pub speakers: String,
    /// Length in minutes.
    pub duration_min: i32,
    /// Pinned: the scheduler leaves it where it is.
    pub pinned: bool,
    /// Edit counter.
    pub version: i32,
    /// Last change.
    #[serde(with = "crate::web::utc")]
    pub updated_at: NaiveDateTime,
}

impl Slot {
    /// The stored speakers of an invited talk or panel.
    pub fn stored_speakers(&self) -> Vec<Speaker> {
        serde_json::from_str(&self.speakers).unwrap_or_default()
    }
}

/// A time a speaker cannot attend.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = speaker_unavailability)]
pub struct Unavailability {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// The speaker's address (lower case).
    #[serde(skip)]
    pub email: String,
    /// The account that entered it.
    #[serde(skip)]
    pub user_id: Option<i64>,
    /// From (UTC).
    #[serde(with = "crate::web::utc")]
    pub starts_at: NaiveDateTime,
    /// Until (UTC).
    #[serde(with = "crate::web::utc")]
    pub ends_at: NaiveDateTime,
    /// Note for the organisers.
    pub note: String,
    /// Entered.
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}

/// A venue's programme settings.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = programme_settings)]
pub struct Settings {
    /// Venue.
    pub venue_id: i64,
    /// Slot defaults per decision label, as JSON (`SlotDefault` list).
    pub defaults: String,
    /// Draft revision: every edit adds one.
    pub revision: i64,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// How a paper with a given decision is placed by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SlotDefault {
    /// Decision label key (`accept_oral`).
    pub label: String,
    /// Minutes of its slot.
    pub duration_min: i32,
    /// Whether it goes in a poster session.
    pub poster: bool,
}

/// The defaults of a venue without settings: oral 20 minutes, posters in a poster session.
pub fn standard_defaults() -> Vec<SlotDefault> {
    vec![
        SlotDefault {
            label: "accept_oral".into(),
            duration_min: 20,
            poster: false,
        },
        SlotDefault {
            label: "accept_poster".into(),
            duration_min: 60,
            poster: true,
        },
    ]
}

/// A scheduler proposal.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = programme_proposals)]
pub struct Proposal {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: ScheduleStatus,
    /// Which talks it places.
    #[diesel(deserialize_as = String)]
    pub mode: ProposalMode,
    /// The draft revision it was computed from.
    pub revision: i64,
    /// The result as JSON (`proposals::Outcome`), or the error.
    pub result: String,
    /// Who asked.
    pub requested_by: i64,
    /// When.
    pub requested_at: NaiveDateTime,
    /// When the solver finished.
    pub finished_at: Option<NaiveDateTime>,
}

/// A published release.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = programme_releases)]
pub struct Release {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// 1, 2, ... in order of publication.
    pub number: i32,
    /// Name.
    pub name: String,
    /// Comment in Chinese.
    pub comment_zh: String,
    /// Comment in English.
    pub comment_en: String,
    /// The programme as published (`Snapshot` JSON).
    pub snapshot: String,
    /// Changes against the previous release (`changelog::Change` list JSON).
    pub changes: String,
    /// The draft revision it was made from.
    pub revision: i64,
    /// Who published it.
    pub published_by: i64,
    /// When.
    pub published_at: NaiveDateTime,
}

/// A release without its (large) snapshot and changelog, for readers that have them cached.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = programme_releases)]
pub struct ReleaseMeta {
    /// Id.
    pub id: i64,
    /// Venue.
    pub venue_id: i64,
    /// 1, 2, ...
    pub number: i32,
    /// Name.
    pub name: String,
    /// Comment in Chinese.
    pub comment_zh: String,
    /// Comment in English.
    pub comment_en: String,
    /// When.
    pub published_at: NaiveDateTime,
}
