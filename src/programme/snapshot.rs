//! A programme as readers get it: the draft shaped for its chairs, or a release exactly as it
//! was published (stored as this struct's JSON, so a release never changes). Public pages,
//! exports, the changelog and the mails all read this one shape.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A whole programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Snapshot {
    /// The venue it belongs to.
    pub venue: VenueRef,
    /// The release this is (`None` for the draft).
    pub release: Option<ReleaseRef>,
    /// Rooms in display order.
    pub rooms: Vec<RoomItem>,
    /// The venue's tracks.
    pub tracks: Vec<TrackItem>,
    /// Sessions by start, then room order.
    pub sessions: Vec<SessionItem>,
}

/// The venue, as far as a programme needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VenueRef {
    /// Venue address name (`/venues/{slug}`).
    pub slug: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// IANA time zone of the venue (`Asia/Shanghai`).
    pub timezone: String,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
}

/// A named release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReleaseRef {
    /// Its name (`v1`, or the one the chair chose).
    pub name: String,
    /// Comment in Chinese.
    pub comment_zh: String,
    /// Comment in English.
    pub comment_en: String,
    /// When it was published.
    pub published_at: DateTime<Utc>,
}

/// A room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RoomItem {
    /// Stable id.
    pub id: i64,
    /// Stable GUID (UUID).
    pub guid: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Seats, when known.
    pub capacity: Option<i32>,
    /// Building and floor.
    pub location: String,
    /// Online link (stream or meeting), if any.
    pub online_url: String,
    /// Whether talks here are recorded.
    pub recorded: bool,
    /// Whether talks here are streamed.
    pub streamed: bool,
}

/// A track of the venue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TrackItem {
    /// Track id.
    pub id: i64,
    /// Address name.
    pub slug: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// A session: a block of time in a room, holding talks in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SessionItem {
    /// Stable id.
    pub id: i64,
    /// Stable GUID (UUID).
    pub guid: String,
    /// Kind code (`paper_session`, `keynote`, `break`, ...; see `model::SessionKind`).
    pub kind: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Its room, if placed in one.
    pub room_id: Option<i64>,
    /// Its track, if any.
    pub track_id: Option<i64>,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Session chairs.
    pub chairs: Vec<Person>,
    /// Moderators.
    pub moderators: Vec<Person>,
    /// Talks in order, with the times their durations give them.
    pub talks: Vec<Talk>,
}

/// A slot of a session: a talk of an accepted paper, an invited talk, a panel or a free item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Talk {
    /// Stable id.
    pub id: i64,
    /// Stable GUID (UUID).
    pub guid: String,
    /// Kind code (`paper`, `invited`, `panel`, `free`).
    pub kind: String,
    /// The paper's number within the venue (paper talks).
    pub number: Option<i32>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Language of the talk (ISO 639-1: `zh`, `en`).
    pub language: String,
    /// Start (the session's start plus the durations before it).
    pub starts_at: DateTime<Utc>,
    /// Length in minutes.
    pub duration_min: i32,
    /// Speakers (the presenting author first for papers).
    pub speakers: Vec<Person>,
    /// Whether the paper's PDF is public (`/venues/{slug}/papers/{number}/paper.pdf`).
    pub pdf: bool,
}

/// A person on the programme: names and institution, never an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Person {
    /// `uuid5(NS_URL, "acct:<e-mail>")` as the c3voc format asks, or a UUID made from the
    /// name when there is no address.
    pub guid: String,
    /// Name in Chinese characters (may be empty).
    pub name_zh: String,
    /// Name in Latin script (may be empty).
    pub name_latin: String,
    /// Institution.
    pub affiliation: String,
}

impl Person {
    /// The name to print for a reader of `lang` (`zh-CN` prefers Chinese characters), never
    /// empty when either name is set.
    pub fn name(&self, lang: &str) -> &str {
        let (first, second) = if lang.starts_with("zh") {
            (&self.name_zh, &self.name_latin)
        } else {
            (&self.name_latin, &self.name_zh)
        };
        if first.trim().is_empty() { second } else { first }
    }
}

impl Snapshot {
    /// The room with id `id`.
    pub fn room(&self, id: i64) -> Option<&RoomItem> {
        self.rooms.iter().find(|r| r.id == id)
    }

    /// The track with id `id`.
    pub fn track(&self, id: i64) -> Option<&TrackItem> {
        self.tracks.iter().find(|t| t.id == id)
    }

    /// The programme's days: every date from the venue's first to its last day.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.venue.starts_on.iter_days().take_while(|d| *d <= self.venue.ends_on).collect()
    }
}
