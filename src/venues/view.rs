//! What a venue page or the API shows: the venue, tracks, topics and the call with its
//! deadlines in the venue's zone (browsers add the reader's own zone).

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;

use super::deadline;
use super::model::{Call, Question, Topic, Track, Venue};
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;

/// A deadline ready for display.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeadlineView {
    /// UTC instant (RFC 3339).
    pub utc: String,
    /// Wall-clock time in the venue's zone.
    pub venue_local: String,
    /// Value for a datetime-local form field, in the venue's zone.
    pub input: String,
    /// Whether it has passed (grace periods are not announced).
    pub passed: bool,
}

/// The call for papers as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CallView {
    /// The stored call.
    #[serde(flatten)]
    pub call: Call,
    /// Abstract registration deadline.
    pub abstract_due: Option<DeadlineView>,
    /// Paper deadline.
    pub paper_due: DeadlineView,
    /// Extra questions with parsed options.
    pub questions: Vec<QuestionView>,
    /// Whether new submissions are accepted now (grace included).
    pub accepting_new: bool,
}

/// A question with its options as a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    /// Stored question.
    #[serde(flatten)]
    pub question: Question,
    /// Options of a choice question.
    pub choices: Vec<super::validate::OptionText>,
}

/// Everything about one venue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VenueDetail {
    /// The venue.
    #[serde(flatten)]
    pub venue: Venue,
    /// Tracks and forum tracks.
    pub tracks: Vec<Track>,
    /// Topics.
    pub topics: Vec<Topic>,
    /// The venue-wide call, once the organisers have set one.
    pub call: Option<CallView>,
    /// Tracks with a call of their own (own deadlines, limits and questions).
    pub track_calls: Vec<TrackCallView>,
}

/// A track's own call.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrackCallView {
    /// The track.
    pub track: Track,
    /// Its call.
    pub call: CallView,
}

/// A deadline as pages show it, in the zone named by `timezone` (UTC when unknown).
pub fn deadline_view(utc: NaiveDateTime, timezone: &str) -> DeadlineView {
    due(utc, deadline::parse_tz(timezone).unwrap_or(chrono_tz::UTC), Utc::now().naive_utc())
}

fn due(utc: NaiveDateTime, tz: chrono_tz::Tz, now: NaiveDateTime) -> DeadlineView {
    DeadlineView {
        utc: deadline::iso(utc),
        venue_local: deadline::display(utc, tz),
        input: deadline::utc_to_local_input(utc, tz),
        passed: now > utc,
    }
}

/// Whether a new submission may be started at `now`.
pub fn accepting_new(call: &Call, now: NaiveDateTime) -> bool {
    let first = call.abstract_deadline.unwrap_or(call.paper_deadline);
    deadline::is_open(now, first, call.grace_minutes, None)
}

/// Builds the call view.
pub fn call_view(call: Call, questions: Vec<Question>, timezone: &str) -> CallView {
    let tz = deadline::parse_tz(timezone).unwrap_or(chrono_tz::UTC);
    let now = Utc::now().naive_utc();
    CallView {
        abstract_due: call.abstract_deadline.map(|d| due(d, tz, now)),
        paper_due: due(call.paper_deadline, tz, now),
        accepting_new: accepting_new(&call, now),
        questions: questions
            .into_iter()
            .map(|q| QuestionView {
                choices: serde_json::from_str(&q.options).unwrap_or_default(),
                question: q,
            })
            .collect(),
        call,
    }
}

/// Loads a venue with everything the call page shows, as `user` may see it (a draft only for
/// its chairs; its calls accept nothing until it is opened).
pub fn detail(conn: &mut AnyConnection, user: Option<&crate::auth::User>, slug: &str) -> AppResult<VenueDetail> {
    let venue = crate::guard::venue::visible(conn, user, slug)?;
    let tracks = store::tracks_of(conn, &[venue.id])?;
    let topics = store::topics_of(conn, venue.id)?;
    let mut call = None;
    let mut track_calls = Vec::new();
    for c in store::calls_of(conn, venue.id)? {
        let qs = store::questions_of(conn, c.id)?;
        let mut view = call_view(c, qs, &venue.timezone);
        view.accepting_new &= venue.is_open();
        match view.call.track_id {
            None => call = Some(view),
            Some(t) => {
                if let Some(track) = tracks.iter().find(|x| x.id == t) {
                    track_calls.push(TrackCallView {
                        track: track.clone(),
                        call: view,
                    });
                }
            }
        }
    }
    track_calls.sort_by_key(|tc| tc.track.id);
    Ok(VenueDetail {
        venue,
        tracks,
        topics,
        call,
        track_calls,
    })
}
