//! The draft programme of a venue, read in one go: its sessions and slots shaped as a
//! [`Snapshot`], the unscheduled talks and accepted papers beside it, and the facts the
//! warnings and the scheduler need (decisions, authors, unavailable times).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::Serialize;

use super::model::{Room, Session, SessionKind, SessionRole, Slot, SlotDefault, SlotKind, Speaker};
use super::snapshot::{Person, RoomItem, SessionItem, Snapshot, Talk, TrackItem, VenueRef};
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::submissions::model::{Author, SubmissionStatus};
use crate::venues::model::Venue;

/// The c3voc person GUID: `uuid5(NS_URL, "acct:<address>")`, or one made from the name when
/// there is no address (stable as long as the name is).
pub fn person_guid(email: &str, name: &str) -> String {
    let key = if email.trim().is_empty() {
        format!("name:{}", name.trim())
    } else {
        format!("acct:{}", email.trim().to_lowercase())
    };
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, key.as_bytes()).to_string()
}

/// A paper talk's GUID: made from the venue and paper, so it is the same however often the
/// slot is made again.
pub fn paper_guid(venue_guid_seed: &str, submission_id: i64) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("xuehui:{venue_guid_seed}:paper:{submission_id}").as_bytes(),
    )
    .to_string()
}

fn person(p: &Speaker) -> Person {
    let name = if p.name_latin.trim().is_empty() {
        &p.name_zh
    } else {
        &p.name_latin
    };
    Person {
        guid: person_guid(&p.email, name),
        name_zh: p.name_zh.clone(),
        name_latin: p.name_latin.clone(),
        affiliation: p.affiliation.clone(),
    }
}

fn author_speaker(a: &Author) -> Speaker {
    Speaker {
        name_zh: a.name_zh.clone(),
        name_latin: a.name_latin.clone(),
        email: a.email.clone(),
        affiliation: a.affiliation.clone(),
    }
}

/// What the programme knows about a paper.
#[derive(Debug, Clone, Serialize)]
pub struct PaperFacts {
    /// Submission id.
    pub id: i64,
    /// Number within the venue.
    pub number: i32,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Keywords.
    pub keywords: String,
    /// Track.
    pub track_id: Option<i64>,
    /// Topics.
    pub topics: Vec<i64>,
    /// Decision label key.
    pub label: Option<String>,
    /// Whether the decision accepts it.
    pub accepted: bool,
    /// Whether the authors were told.
    pub told: bool,
    /// Whether it was withdrawn.
    pub withdrawn: bool,
    /// Its presenting speakers (presenting authors, else the first author).
    #[serde(skip)]
    pub speakers: Vec<Speaker>,
    /// The person GUIDs of every author.
    #[serde(skip)]
    pub author_guids: Vec<String>,
    /// Whether its PDF is public (filled for releases only).
    pub pdf: bool,
}

impl PaperFacts {
    /// Whether it may be on a published programme.
    pub fn schedulable(&self) -> bool {
        self.accepted && !self.withdrawn
    }
}

/// A time a speaker cannot attend.
#[derive(Debug, Clone, Serialize)]
pub struct Busy {
    /// The speaker's person GUID.
    pub person: String,
    /// From.
    pub starts_at: DateTime<Utc>,
    /// Until.
    pub ends_at: DateTime<Utc>,
    /// Their note.
    pub note: String,
}

/// A talk waiting for a session: an unscheduled slot, or an accepted paper without one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Waiting {
    /// The slot, if one exists.
    pub slot_id: Option<i64>,
    /// Its version (for edits).
    pub version: Option<i32>,
    /// Slot kind code.
    pub kind: SlotKind,
    /// The paper.
    pub submission_id: Option<i64>,
    /// Its number.
    pub number: Option<i32>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Minutes it needs.
    pub duration_min: i32,
    /// Whether it is a poster.
    pub poster: bool,
    /// Track.
    pub track_id: Option<i64>,
    /// Topics.
    pub topics: Vec<i64>,
    /// Decision label key.
    pub label: Option<String>,
    /// Speakers' names.
    pub speakers: Vec<Person>,
}

/// The draft of a venue.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The venue.
    pub venue: Venue,
    /// Sessions and their talks as readers would get them.
    pub snapshot: Snapshot,
    /// Session rows (with their versions).
    pub sessions: Vec<Session>,
    /// Slot rows.
    pub slots: Vec<Slot>,
    /// Talks without a session.
    pub waiting: Vec<Waiting>,
    /// Every paper with a decision or a slot, by submission id.
    pub papers: BTreeMap<i64, PaperFacts>,
    /// Unavailable times of people on the programme.
    pub busy: Vec<Busy>,
    /// Slot defaults per decision.
    pub defaults: Vec<SlotDefault>,
    /// The draft's revision.
    pub revision: i64,
    /// The room rows.
    pub rooms: Vec<Room>,
    /// Expected audience per draft session id: people who starred the session of the latest
    /// release with the same GUID (or a talk in it) in their agenda.
    pub audience: HashMap<i64, i64>,
    /// Pairs of talk GUIDs and how many people starred both (the scheduler's co-attendance).
    pub coattend: Vec<(String, String, i64)>,
    /// A salon's rules (none for other kinds of venue).
    pub salon: Option<crate::salons::rules::Rules>,
}

fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}

/// The default length and placement of a paper with `label`.
pub fn default_for(defaults: &[SlotDefault], label: Option<&str>) -> (i32, bool) {
    defaults
        .iter()
        .find(|d| Some(d.label.as_str()) == label)
        .map_or((20, false), |d| (d.duration_min, d.poster))
}

/// Reads the draft. With `for_release`, papers' public-PDF flags are filled in too.
pub fn load(conn: &mut AnyConnection, venue: &Venue, for_release: bool, now: NaiveDateTime) -> AppResult<Draft> {
    let settings = store::settings(conn, venue.id, now)?;
    let defaults = store::defaults(conn, venue.id, now)?;
    let labels = crate::review::phases::load(conn, venue.id)?.labels();
    let rooms = store::rooms_of(conn, venue.id)?;
    let sessions = store::sessions_of(conn, venue.id)?;
    let people = store::people_of(conn, venue.id)?;
    let slots = store::slots_of(conn, venue.id)?;
    let tracks = crate::venues::store::tracks_of(conn, &[venue.id])?;

    let rows = store::papers(conn, venue.id)?;
    let ids: Vec<i64> = rows.iter().map(|(s, _, _)| s.id).collect();
    let mut authors: HashMap<i64, Vec<Author>> = HashMap::new();
    for a in store::authors_of(conn, &ids)? {
        authors.entry(a.submission_id).or_default().push(a);
    }
    let mut topics: HashMap<i64, Vec<i64>> = HashMap::new();
    for (s, t) in store::topics_of(conn, &ids)? {
        topics.entry(s).or_default().push(t);
    }
    let mut papers = BTreeMap::new();
    for (s, label, told) in rows {
        let list = authors.remove(&s.id).unwrap_or_default();
        let presenters: Vec<Speaker> = list.iter().filter(|a| a.is_presenter).map(author_speaker).collect();
        let speakers = if presenters.is_empty() {
            list.first().map(author_speaker).into_iter().collect()
        } else {
            presenters
        };
        let accepted = label
            .as_deref()
            .is_some_and(|l| crate::review::decisions::service::label_of(&labels, l).accept);
        let pdf = if for_release && accepted {
            (s.pdf_public && s.pdf_file_id.is_some()) || crate::finals::store::public_final_pdf(conn, s.id, venue.id, s.call_id)?.is_some()
        } else {
            false
        };
        papers.insert(
            s.id,
            PaperFacts {
                id: s.id,
                number: s.number,
                title_zh: s.title_zh,
                title_en: s.title_en,
                abstract_text: s.abstract_text,
                keywords: s.keywords,
                track_id: s.track_id,
                topics: topics.remove(&s.id).unwrap_or_default(),
                label,
                accepted,
                told: told.is_some(),
                withdrawn: s.status == SubmissionStatus::Withdrawn,
                author_guids: list.iter().map(|a| person_guid(&a.email, &a.name_latin)).collect(),
                speakers,
                pdf,
            },
        );
    }

    let talk_of = |slot: &Slot, starts_at: DateTime<Utc>| -> Talk {
        let paper = slot.submission_id.and_then(|id| papers.get(&id));
        let (title_zh, title_en, abstract_text, speakers, number, pdf) = match paper {
            Some(p) => (
                p.title_zh.clone(),
                p.title_en.clone(),
                p.abstract_text.clone(),
                p.speakers.clone(),
                Some(p.number),
                p.pdf,
            ),
            None => (
                slot.title_zh.clone(),
                slot.title_en.clone(),
                slot.abstract_text.clone(),
                slot.stored_speakers(),
                None,
                false,
            ),
        };
        Talk {
            id: slot.id,
            guid: slot.guid.clone(),
            kind: slot.kind.as_str().to_string(),
            number,
            title_zh,
            title_en,
            abstract_text,
            language: slot.language.clone(),
            starts_at,
            duration_min: slot.duration_min,
            speakers: speakers.iter().map(person).collect(),
            pdf,
        }
    };

    let mut by_session: HashMap<i64, Vec<&Slot>> = HashMap::new();
    let mut waiting = Vec::new();
    for slot in &slots {
        match slot.session_id {
            Some(sid) => by_session.entry(sid).or_default().push(slot),
            None => {
                let paper = slot.submission_id.and_then(|id| papers.get(&id));
                let talk = talk_of(slot, utc(now));
                let (_, poster) = default_for(&defaults, paper.and_then(|p| p.label.as_deref()));
                waiting.push(Waiting {
                    slot_id: Some(slot.id),
                    version: Some(slot.version),
                    kind: slot.kind,
                    submission_id: slot.submission_id,
                    number: talk.number,
                    title_zh: talk.title_zh,
                    title_en: talk.title_en,
                    duration_min: slot.duration_min,
                    poster: paper.is_some() && poster,
                    track_id: paper.and_then(|p| p.track_id),
                    topics: paper.map(|p| p.topics.clone()).unwrap_or_default(),
                    label: paper.and_then(|p| p.label.clone()),
                    speakers: talk.speakers,
                });
            }
        }
    }
    let with_slot: std::collections::HashSet<i64> = slots.iter().filter_map(|s| s.submission_id).collect();
    for p in papers.values().filter(|p| p.schedulable() && !with_slot.contains(&p.id)) {
        let (duration_min, poster) = default_for(&defaults, p.label.as_deref());
        waiting.push(Waiting {
            slot_id: None,
            version: None,
            kind: SlotKind::Paper,
            submission_id: Some(p.id),
            number: Some(p.number),
            title_zh: p.title_zh.clone(),
            title_en: p.title_en.clone(),
            duration_min,
            poster,
            track_id: p.track_id,
            topics: p.topics.clone(),
            label: p.label.clone(),
            speakers: p.speakers.iter().map(person).collect(),
        });
    }
    waiting.sort_by_key(|w| (w.number.unwrap_or(i32::MAX), w.slot_id));

    let mut items = Vec::new();
    for s in &sessions {
        let start = utc(s.starts_at);
        let mut at = start;
        let poster = s.kind == SessionKind::PosterSession;
        let talks = by_session
            .get(&s.id)
            .map(|list| {
                list.iter()
                    .map(|slot| {
                        let t = talk_of(slot, if poster { start } else { at });
                        if !poster {
                            at += Duration::minutes(slot.duration_min as i64);
                        }
                        t
                    })
                    .collect()
            })
            .unwrap_or_default();
        let role = |r: SessionRole| {
            people
                .iter()
                .filter(|p| p.session_id == s.id && p.role == r)
                .map(|p| {
                    person(&Speaker {
                        name_zh: p.name_zh.clone(),
                        name_latin: p.name_latin.clone(),
                        email: p.email.clone(),
                        affiliation: p.affiliation.clone(),
                    })
                })
                .collect()
        };
        items.push(SessionItem {
            id: s.id,
            guid: s.guid.clone(),
            kind: s.kind.as_str().to_string(),
            title_zh: s.title_zh.clone(),
            title_en: s.title_en.clone(),
            room_id: s.room_id,
            track_id: s.track_id,
            starts_at: start,
            ends_at: utc(s.ends_at),
            chairs: role(SessionRole::Chair),
            moderators: role(SessionRole::Moderator),
            talks,
        });
    }
    let room_order: HashMap<i64, usize> = rooms.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    items.sort_by_key(|s| {
        (
            s.starts_at,
            s.room_id.and_then(|r| room_order.get(&r).copied()).unwrap_or(usize::MAX),
            s.id,
        )
    });

    let busy = store::unavailability_of(conn, venue.id)?
        .into_iter()
        .map(|u| Busy {
            person: person_guid(&u.email, ""),
            starts_at: utc(u.starts_at),
            ends_at: utc(u.ends_at),
            note: u.note,
        })
        .collect();

    let snapshot = Snapshot {
        venue: venue_ref(venue),
        release: None,
        rooms: rooms
            .iter()
            .map(|r| RoomItem {
                id: r.id,
                guid: r.guid.clone(),
                name_zh: r.name_zh.clone(),
                name_en: r.name_en.clone(),
                capacity: r.capacity,
                location: r.location.clone(),
                online_url: r.online_url.clone(),
                recorded: r.recorded,
                streamed: r.streamed,
            })
            .collect(),
        tracks: tracks
            .iter()
            .map(|t| TrackItem {
                id: t.id,
                slug: t.slug.clone(),
                name_zh: t.name_zh.clone(),
                name_en: t.name_en.clone(),
            })
            .collect(),
        sessions: items,
    };
    let stars = crate::participation::agenda::counts::session_counts(conn, venue.id)?;
    let audience = snapshot
        .sessions
        .iter()
        .filter_map(|x| stars.get(&x.guid).map(|n| (x.id, *n)))
        .collect();
    let coattend = crate::participation::agenda::counts::talk_pairs(conn, venue.id)?;
    let salon = if venue.kind == crate::venues::model::VenueKind::Salon {
        Some(crate::salons::store::rules(conn, venue.id)?)
    } else {
        None
    };
    Ok(Draft {
        venue: venue.clone(),
        snapshot,
        sessions,
        slots,
        waiting,
        papers,
        busy,
        defaults,
        revision: settings.revision,
        rooms,
        audience,
        coattend,
        salon,
    })
}

/// The venue as a programme refers to it; a venue without dates gets its creation day.
pub fn venue_ref(venue: &Venue) -> VenueRef {
    let first = venue.starts_on.unwrap_or(venue.created_at.date());
    VenueRef {
        slug: venue.slug.clone(),
        title_zh: venue.title_zh.clone(),
        title_en: venue.title_en.clone(),
        timezone: venue.timezone.clone(),
        starts_on: first,
        ends_on: venue.ends_on.unwrap_or(first).max(first),
    }
}

impl Draft {
    /// The snapshot a release publishes: talks of papers that are no longer accepted (or were
    /// withdrawn) are left out.
    pub fn publishable(&self) -> Snapshot {
        let mut s = self.snapshot.clone();
        let slot_paper: HashMap<i64, i64> = self.slots.iter().filter_map(|s| s.submission_id.map(|p| (s.id, p))).collect();
        for session in &mut s.sessions {
            session.talks.retain(|t| match slot_paper.get(&t.id) {
                Some(p) => self.papers.get(p).is_some_and(PaperFacts::schedulable),
                None => true,
            });
        }
        s
    }
}
