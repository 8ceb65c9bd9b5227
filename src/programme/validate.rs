//! Inputs of the programme editor and their checks (pure). Times are typed as wall-clock
//! times in the venue's zone and must fall on the venue's days.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::model::{SessionKind, SessionRole, SlotDefault, SlotKind, Speaker};
use crate::error::{AppError, FieldErrors};
use crate::values::Email;
use crate::venues::deadline;

/// Most slots in one session, people on one session or slot, rooms of a venue.
pub const MAX_SLOTS: usize = 100;
/// Most chairs, moderators or speakers on one session or slot.
pub const MAX_PEOPLE: usize = 20;
/// Longest slot, in minutes (a poster session or a panel may fill a day).
pub const MAX_SLOT_MINUTES: i32 = 720;

/// The venue's days and zone, which every time is checked against.
#[derive(Debug, Clone, Copy)]
pub struct Days {
    /// The venue's zone.
    pub tz: Tz,
    /// First day.
    pub first: NaiveDate,
    /// Last day.
    pub last: NaiveDate,
}

impl Days {
    /// Whether `date` is one of the venue's days.
    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.first && date <= self.last
    }
}

fn text(f: &mut FieldErrors, name: &str, v: &str, max: usize) -> String {
    let v = v.trim();
    crate::text::check_sized(f, name, v, max);
    v.to_string()
}

/// A room as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoomInput {
    /// Chinese name.
    #[serde(default)]
    pub name_zh: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// Seats.
    #[serde(default)]
    pub capacity: Option<i32>,
    /// Building and floor.
    #[serde(default)]
    pub location: String,
    /// Online link (http or https).
    #[serde(default)]
    pub online_url: String,
    /// Whether talks are recorded.
    #[serde(default)]
    pub recorded: bool,
    /// Whether talks are streamed.
    #[serde(default)]
    pub streamed: bool,
    /// Display order (default: after the others).
    #[serde(default)]
    pub position: Option<i32>,
}

/// A checked room.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomSpec {
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Seats.
    pub capacity: Option<i32>,
    /// Location.
    pub location: String,
    /// Online link.
    pub online_url: String,
    /// Recorded.
    pub recorded: bool,
    /// Streamed.
    pub streamed: bool,
    /// Order.
    pub position: Option<i32>,
}

fn url_field(f: &mut FieldErrors, name: &str, v: &str) -> String {
    let v = text(f, name, v, 500);
    if !v.is_empty() && !url::Url::parse(&v).is_ok_and(|u| u.scheme() == "https" || u.scheme() == "http") {
        f.insert(name.into(), "validation.url_invalid".into());
    }
    v
}

/// Checks a room: a name in at least one language, a positive capacity, a web link.
pub fn room(input: &RoomInput) -> Result<RoomSpec, AppError> {
    let mut f = FieldErrors::new();
    let name_zh = text(&mut f, "name_zh", &input.name_zh, 100);
    let name_en = text(&mut f, "name_en", &input.name_en, 100);
    if name_zh.is_empty() && name_en.is_empty() {
        f.insert("name_zh".into(), "validation.name_required".into());
    }
    if input.capacity.is_some_and(|c| !(1..=1_000_000).contains(&c)) {
        f.insert("capacity".into(), "programme.capacity_range".into());
    }
    let location = text(&mut f, "location", &input.location, 200);
    let online_url = url_field(&mut f, "online_url", &input.online_url);
    if f.is_empty() {
        Ok(RoomSpec {
            name_zh,
            name_en,
            capacity: input.capacity,
            location,
            online_url,
            recorded: input.recorded,
            streamed: input.streamed,
            position: input.position,
        })
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// A person on a session or slot as typed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// Name in Chinese characters.
    #[serde(default)]
    pub name_zh: String,
    /// Name in Latin script.
    #[serde(default)]
    pub name_latin: String,
    /// E-mail (optional; lets xuehui find clashes and mail the person).
    #[serde(default)]
    pub email: String,
    /// Institution.
    #[serde(default)]
    pub affiliation: String,
}

impl PersonInput {
    /// Whether nothing was typed.
    pub fn is_blank(&self) -> bool {
        self.name_zh.trim().is_empty()
            && self.name_latin.trim().is_empty()
            && self.email.trim().is_empty()
            && self.affiliation.trim().is_empty()
    }
}

fn people(f: &mut FieldErrors, field: &str, list: &[PersonInput]) -> Vec<Speaker> {
    let listed: Vec<(usize, &PersonInput)> = list.iter().enumerate().filter(|(_, p)| !p.is_blank()).collect();
    if listed.len() > MAX_PEOPLE {
        f.insert(field.into(), "programme.too_many_people".into());
    }
    let mut out = Vec::new();
    for (i, p) in listed {
        let key = |k: &str| format!("{field}[{i}].{k}");
        let name_zh = text(f, &key("name_zh"), &p.name_zh, 100);
        let name_latin = text(f, &key("name_latin"), &p.name_latin, 100);
        if name_zh.is_empty() && name_latin.is_empty() {
            f.insert(key("name_zh"), "validation.name_required".into());
        }
        let email = p.email.trim();
        let email = if email.is_empty() {
            String::new()
        } else {
            match Email::parse(email) {
                Some(e) => e.as_str().to_string(),
                None => {
                    f.insert(key("email"), "validation.email_invalid".into());
                    String::new()
                }
            }
        };
        let affiliation = text(f, &key("affiliation"), &p.affiliation, 200);
        out.push(Speaker {
            name_zh,
            name_latin,
            email,
            affiliation,
        });
    }
    out
}

/// A session as typed; times are wall-clock in the venue's zone.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    /// Kind code (`paper_session`, `keynote`, `break`, ...).
    #[serde(default)]
    pub kind: String,
    /// Chinese title.
    #[serde(default)]
    pub title_zh: String,
    /// English title.
    #[serde(default)]
    pub title_en: String,
    /// Room id (none: not in a room, e.g. a social event elsewhere).
    #[serde(default)]
    pub room_id: Option<i64>,
    /// Track id.
    #[serde(default)]
    pub track_id: Option<i64>,
    /// Day, `YYYY-MM-DD` (one of the venue's days).
    #[serde(default)]
    pub date: String,
    /// Start, `HH:MM`.
    #[serde(default)]
    pub start: String,
    /// End, `HH:MM` (after the start, same day).
    #[serde(default)]
    pub end: String,
    /// Most posters (poster sessions).
    #[serde(default)]
    pub capacity: Option<i32>,
    /// Session chairs.
    #[serde(default)]
    pub chairs: Vec<PersonInput>,
    /// Moderators.
    #[serde(default)]
    pub moderators: Vec<PersonInput>,
    /// The version the edit was made on (required when changing a session).
    #[serde(default)]
    pub version: Option<i32>,
}

/// A checked session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSpec {
    /// Kind.
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
    pub starts_at: NaiveDateTime,
    /// End (UTC).
    pub ends_at: NaiveDateTime,
    /// Poster capacity.
    pub capacity: Option<i32>,
    /// People, with their role.
    pub people: Vec<(SessionRole, Speaker)>,
    /// Version edited.
    pub version: Option<i32>,
}

/// Reads `date` + `time` in `days.tz` as UTC, or names the field that is wrong.
fn local(f: &mut FieldErrors, days: &Days, date: Option<NaiveDate>, time: &str, field: &str) -> Option<NaiveDateTime> {
    let t = NaiveTime::parse_from_str(time.trim(), "%H:%M").ok();
    if t.is_none() {
        f.insert(field.into(), "programme.time_invalid".into());
    }
    let (date, t) = (date?, t?);
    let utc = deadline::local_to_utc(&format!("{}T{}", date, t.format("%H:%M")), days.tz);
    if utc.is_none() {
        f.insert(field.into(), "programme.time_invalid".into());
    }
    utc
}

fn day(f: &mut FieldErrors, days: &Days, v: &str, field: &str) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d") {
        Ok(d) if days.contains(d) => Some(d),
        Ok(_) => {
            f.insert(field.into(), "programme.outside_days".into());
            None
        }
        Err(_) => {
            f.insert(field.into(), "validation.date_invalid".into());
            None
        }
    }
}

/// Checks a session: a known kind, a title, a time on one of the venue's days that ends
/// after it starts.
pub fn session(input: &SessionInput, days: &Days) -> Result<SessionSpec, AppError> {
    let mut f = FieldErrors::new();
    let kind = SessionKind::parse(input.kind.trim());
    if kind.is_none() {
        f.insert("kind".into(), "programme.kind_unknown".into());
    }
    let title_zh = text(&mut f, "title_zh", &input.title_zh, 300);
    let title_en = text(&mut f, "title_en", &input.title_en, 300);
    if title_zh.is_empty() && title_en.is_empty() {
        f.insert("title_zh".into(), "validation.title_required".into());
    }
    let date = day(&mut f, days, &input.date, "date");
    let starts_at = local(&mut f, days, date, &input.start, "start");
    let ends_at = local(&mut f, days, date, &input.end, "end");
    if let (Some(s), Some(e)) = (starts_at, ends_at)
        && e <= s
    {
        f.insert("end".into(), "programme.end_before_start".into());
    }
    if input.capacity.is_some_and(|c| !(1..=100_000).contains(&c)) {
        f.insert("capacity".into(), "programme.capacity_range".into());
    }
    let mut people_out = Vec::new();
    for p in people(&mut f, "chairs", &input.chairs) {
        people_out.push((SessionRole::Chair, p));
    }
    for p in people(&mut f, "moderators", &input.moderators) {
        people_out.push((SessionRole::Moderator, p));
    }
    match (f.is_empty(), kind, starts_at, ends_at) {
        (true, Some(kind), Some(starts_at), Some(ends_at)) => Ok(SessionSpec {
            kind,
            title_zh,
            title_en,
            room_id: input.room_id,
            track_id: input.track_id,
            starts_at,
            ends_at,
            capacity: input.capacity,
            people: people_out,
            version: input.version,
        }),
        _ => Err(AppError::Validation { fields: f }),
    }
}

/// A slot as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlotInput {
    /// Kind code (`paper`, `invited`, `panel`, `free`).
    #[serde(default)]
    pub kind: String,
    /// The paper's number within the venue (paper talks).
    #[serde(default)]
    pub paper: Option<i32>,
    /// Chinese title (other kinds).
    #[serde(default)]
    pub title_zh: String,
    /// English title (other kinds).
    #[serde(default)]
    pub title_en: String,
    /// Abstract (other kinds).
    #[serde(default)]
    pub abstract_text: String,
    /// Language of the talk (`zh` or `en`; default `zh`).
    #[serde(default)]
    pub language: String,
    /// Speakers (invited talks and panels).
    #[serde(default)]
    pub speakers: Vec<PersonInput>,
    /// Minutes (default: the paper's decision default, else 20).
    #[serde(default)]
    pub duration_min: Option<i32>,
    /// Whether the scheduler must leave it where it is.
    #[serde(default)]
    pub pinned: bool,
    /// Session to put it in (none: unscheduled).
    #[serde(default)]
    pub session_id: Option<i64>,
    /// Position in that session (default: last).
    #[serde(default)]
    pub position: Option<i32>,
    /// The version the edit was made on (required when changing a slot).
    #[serde(default)]
    pub version: Option<i32>,
}

/// A checked slot.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotSpec {
    /// Kind.
    pub kind: SlotKind,
    /// Paper number (paper talks).
    pub paper: Option<i32>,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Language.
    pub language: String,
    /// Speakers.
    pub speakers: Vec<Speaker>,
    /// Minutes, if given.
    pub duration_min: Option<i32>,
    /// Pinned.
    pub pinned: bool,
    /// Session.
    pub session_id: Option<i64>,
    /// Position.
    pub position: Option<i32>,
    /// Version edited.
    pub version: Option<i32>,
}

/// Checks a slot: a paper number for paper talks, a title for the other kinds, a sensible
/// length.
pub fn slot(input: &SlotInput) -> Result<SlotSpec, AppError> {
    let mut f = FieldErrors::new();
    let kind = SlotKind::parse(input.kind.trim());
    if kind.is_none() {
        f.insert("kind".into(), "programme.slot_kind_unknown".into());
    }
    let title_zh = text(&mut f, "title_zh", &input.title_zh, 300);
    let title_en = text(&mut f, "title_en", &input.title_en, 300);
    let abstract_text = text(&mut f, "abstract_text", &input.abstract_text, 10_000);
    let language = match input.language.trim() {
        "" => "zh".to_string(),
        l @ ("zh" | "en") => l.to_string(),
        _ => {
            f.insert("language".into(), "programme.language_unknown".into());
            String::new()
        }
    };
    let speakers = people(&mut f, "speakers", &input.speakers);
    match kind {
        Some(SlotKind::Paper) if input.paper.is_none() => {
            f.insert("paper".into(), "programme.paper_required".into());
        }
        Some(SlotKind::Paper) => {}
        Some(_) if title_zh.is_empty() && title_en.is_empty() => {
            f.insert("title_zh".into(), "validation.title_required".into());
        }
        _ => {}
    }
    if input.duration_min.is_some_and(|d| !(1..=MAX_SLOT_MINUTES).contains(&d)) {
        f.insert("duration_min".into(), "programme.duration_range".into());
    }
    match (f.is_empty(), kind) {
        (true, Some(kind)) => Ok(SlotSpec {
            kind,
            paper: if kind == SlotKind::Paper { input.paper } else { None },
            title_zh,
            title_en,
            abstract_text,
            language,
            speakers,
            duration_min: input.duration_min,
            pinned: input.pinned,
            session_id: input.session_id,
            position: input.position,
            version: input.version,
        }),
        _ => Err(AppError::Validation { fields: f }),
    }
}

/// Moving a slot: into a session at a position, or out of every session.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveInput {
    /// Target session (none: unscheduled).
    #[serde(default)]
    pub session_id: Option<i64>,
    /// Position in it, from 0 (default: last).
    #[serde(default)]
    pub position: Option<i32>,
    /// New length in minutes (resizing), if it changes.
    #[serde(default)]
    pub duration_min: Option<i32>,
    /// The slot's version the move was made on; a stale one is refused.
    #[serde(default)]
    pub version: Option<i32>,
}

/// Checks a move.
pub fn movement(input: &MoveInput) -> Result<(), AppError> {
    let mut f = FieldErrors::new();
    if input.position.is_some_and(|p| !(0..=MAX_SLOTS as i32).contains(&p)) {
        f.insert("position".into(), "programme.position_range".into());
    }
    if input.duration_min.is_some_and(|d| !(1..=MAX_SLOT_MINUTES).contains(&d)) {
        f.insert("duration_min".into(), "programme.duration_range".into());
    }
    if f.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// A time a speaker cannot attend, as typed (wall-clock in the venue's zone).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnavailabilityInput {
    /// Day, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
    /// From, `HH:MM` (empty: the whole day).
    #[serde(default)]
    pub start: String,
    /// Until, `HH:MM` (empty: the whole day).
    #[serde(default)]
    pub end: String,
    /// A note for the organisers.
    #[serde(default)]
    pub note: String,
}

/// A checked unavailable time (UTC) and its note.
pub fn unavailability(input: &UnavailabilityInput, days: &Days) -> Result<(NaiveDateTime, NaiveDateTime, String), AppError> {
    let mut f = FieldErrors::new();
    let date = day(&mut f, days, &input.date, "date");
    let whole_day = input.start.trim().is_empty() && input.end.trim().is_empty();
    let (s, e) = if whole_day {
        let s = date.and_then(|d| deadline::local_to_utc(&format!("{d}T00:00"), days.tz));
        let e = date.and_then(|d| deadline::local_to_utc(&format!("{}T00:00", d + Duration::days(1)), days.tz));
        (s, e)
    } else {
        (
            local(&mut f, days, date, &input.start, "start"),
            local(&mut f, days, date, &input.end, "end"),
        )
    };
    if let (Some(s), Some(e)) = (s, e)
        && e <= s
    {
        f.insert("end".into(), "programme.end_before_start".into());
    }
    let note = text(&mut f, "note", &input.note, 500);
    match (f.is_empty(), s, e) {
        (true, Some(s), Some(e)) => Ok((s, e, note)),
        _ => Err(AppError::Validation { fields: f }),
    }
}

/// Publishing a release.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleaseInput {
    /// Its name (default `v<n>`): letters, digits, `.`, `-`, `_`.
    #[serde(default)]
    pub name: String,
    /// Comment in Chinese.
    #[serde(default)]
    pub comment_zh: String,
    /// Comment in English.
    #[serde(default)]
    pub comment_en: String,
    /// Publish although there are warnings (a room clash still blocks).
    #[serde(default)]
    pub over_warnings: bool,
}

/// A checked release: name (empty for the default) and comments.
pub fn release(input: &ReleaseInput) -> Result<(String, String, String), AppError> {
    let mut f = FieldErrors::new();
    let name = input.name.trim().to_string();
    if name.chars().count() > 40 || !name.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        f.insert("name".into(), "programme.release_name_invalid".into());
    }
    let zh = text(&mut f, "comment_zh", &input.comment_zh, 2000);
    let en = text(&mut f, "comment_en", &input.comment_en, 2000);
    if f.is_empty() {
        Ok((name, zh, en))
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// The slot defaults per decision, as sent.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DefaultsInput {
    /// One line per accepting decision label.
    #[serde(default)]
    pub defaults: Vec<SlotDefault>,
}

/// Checks the defaults against the venue's accepting labels.
pub fn defaults(input: &DefaultsInput, accepting: &[String]) -> Result<Vec<SlotDefault>, AppError> {
    let mut f = FieldErrors::new();
    let mut seen = std::collections::HashSet::new();
    for (i, d) in input.defaults.iter().enumerate() {
        if !accepting.contains(&d.label) {
            f.insert(format!("defaults[{i}].label"), "programme.label_unknown".into());
        } else if !seen.insert(d.label.clone()) {
            f.insert(format!("defaults[{i}].label"), "programme.label_twice".into());
        }
        if !(1..=MAX_SLOT_MINUTES).contains(&d.duration_min) {
            f.insert(format!("defaults[{i}].duration_min"), "programme.duration_range".into());
        }
    }
    if f.is_empty() {
        Ok(input.defaults.clone())
    } else {
        Err(AppError::Validation { fields: f })
    }
}

/// Which talks a proposal places.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeInput {
    /// `unscheduled` (default: only talks without a session) or `all`.
    #[serde(default)]
    pub mode: String,
}

/// The mode of a proposal request.
pub fn mode(text: &str) -> Result<super::model::ProposalMode, AppError> {
    match text.trim() {
        "" => Ok(super::model::ProposalMode::Unscheduled),
        m => super::model::ProposalMode::parse(m).ok_or_else(|| AppError::field("mode", "programme.mode_unknown")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days() -> Days {
        Days {
            tz: chrono_tz::Asia::Shanghai,
            first: NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(),
            last: NaiveDate::from_ymd_opt(2027, 5, 16).unwrap(),
        }
    }

    fn fields(e: AppError) -> FieldErrors {
        match e {
            AppError::Validation { fields } => fields,
            other => panic!("expected validation, got {other:?}"),
        }
    }

    fn input() -> SessionInput {
        SessionInput {
            kind: "paper_session".into(),
            title_zh: "图学习".into(),
            date: "2027-05-14".into(),
            start: "09:00".into(),
            end: "10:30".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_session_is_read_in_the_venue_zone() {
        let s = session(&input(), &days()).unwrap();
        assert_eq!(s.starts_at.to_string(), "2027-05-14 01:00:00");
        assert_eq!(s.ends_at.to_string(), "2027-05-14 02:30:00");
    }

    #[test]
    fn times_outside_the_days_or_backwards_are_named() {
        let mut i = input();
        i.date = "2027-05-20".into();
        assert_eq!(fields(session(&i, &days()).unwrap_err())["date"], "programme.outside_days");
        let mut i = input();
        i.end = "08:00".into();
        assert_eq!(fields(session(&i, &days()).unwrap_err())["end"], "programme.end_before_start");
        let mut i = input();
        i.start = "9 am".into();
        i.kind = "party".into();
        let f = fields(session(&i, &days()).unwrap_err());
        assert_eq!(f["start"], "programme.time_invalid");
        assert_eq!(f["kind"], "programme.kind_unknown");
    }

    #[test]
    fn people_need_a_name_and_a_valid_address() {
        let mut i = input();
        i.chairs = vec![
            PersonInput {
                email: "not-an-address".into(),
                ..Default::default()
            },
            PersonInput::default(),
            PersonInput {
                name_latin: "Li Wei".into(),
                email: "LI@Example.org".into(),
                ..Default::default()
            },
        ];
        let f = fields(session(&i, &days()).unwrap_err());
        assert_eq!(f["chairs[0].name_zh"], "validation.name_required");
        assert_eq!(f["chairs[0].email"], "validation.email_invalid");
        i.chairs.remove(0);
        let s = session(&i, &days()).unwrap();
        assert_eq!(s.people.len(), 1, "blank rows are left out");
        assert_eq!(s.people[0].1.email, "li@example.org");
    }

    #[test]
    fn slots_need_a_paper_or_a_title() {
        let f = fields(
            slot(&SlotInput {
                kind: "paper".into(),
                ..Default::default()
            })
            .unwrap_err(),
        );
        assert_eq!(f["paper"], "programme.paper_required");
        let f = fields(
            slot(&SlotInput {
                kind: "invited".into(),
                duration_min: Some(0),
                ..Default::default()
            })
            .unwrap_err(),
        );
        assert_eq!(f["title_zh"], "validation.title_required");
        assert_eq!(f["duration_min"], "programme.duration_range");
        let s = slot(&SlotInput {
            kind: "invited".into(),
            title_en: "Keynote".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.language, "zh");
    }

    #[test]
    fn a_whole_day_of_unavailability() {
        let (s, e, _) = unavailability(
            &UnavailabilityInput {
                date: "2027-05-15".into(),
                ..Default::default()
            },
            &days(),
        )
        .unwrap();
        assert_eq!(s.to_string(), "2027-05-14 16:00:00");
        assert_eq!(e.to_string(), "2027-05-15 16:00:00");
    }

    #[test]
    fn release_names_are_plain() {
        assert!(
            release(&ReleaseInput {
                name: "v2".into(),
                ..Default::default()
            })
            .is_ok()
        );
        assert!(
            release(&ReleaseInput {
                name: "v 2/../".into(),
                ..Default::default()
            })
            .is_err()
        );
    }
}
