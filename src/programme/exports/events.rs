//! The programme flattened into events, as every export sees it: each talk is an event, and
//! a session without talks (a keynote, a break) is one itself. Session events get ids above
//! [`SESSION_ID_BASE`] so they never collide with talk ids (two tables, two sequences).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::Site;
use crate::programme::snapshot::{Person, SessionItem, Snapshot, Talk};

/// Offset added to a session's id when the session itself is an event.
pub const SESSION_ID_BASE: i64 = 1_000_000_000;

/// One event of the programme.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// Unique id in the export.
    pub id: i64,
    /// GUID.
    pub guid: &'a str,
    /// The session it belongs to.
    pub session: &'a SessionItem,
    /// The talk, unless the session is the event.
    pub talk: Option<&'a Talk>,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
}

impl<'a> Event<'a> {
    /// Title in the site's language.
    pub fn title(&self, site: &Site) -> &'a str {
        match self.talk {
            Some(t) => site.pick(&t.title_zh, &t.title_en),
            None => site.pick(&self.session.title_zh, &self.session.title_en),
        }
    }

    /// Speakers.
    pub fn persons(&self) -> &'a [Person] {
        self.talk.map_or(&[], |t| &t.speakers)
    }

    /// The kind as a word (`Talk`, `Keynote`, `Break`, ...).
    pub fn kind(&self) -> &'static str {
        match (self.talk.map(|t| t.kind.as_str()), self.session.kind.as_str()) {
            (Some(_), "poster_session") => "Poster",
            (Some("paper" | "invited" | "key_talk" | "intervention"), _) => "Talk",
            (Some("panel"), _) => "Panel",
            (Some(_), _) => "Other",
            (None, k) => match k {
                "opening" => "Opening",
                "keynote" => "Keynote",
                "break" => "Break",
                "meal" => "Meal",
                "social" => "Social",
                "panel" => "Panel",
                "forum" => "Forum",
                "salon" => "Salon",
                _ => "Session",
            },
        }
    }

    /// The page of the event.
    pub fn url(&self, base: &str, slug: &str) -> String {
        match self.talk {
            Some(t) => format!("{base}/venues/{slug}/programme/talks/{}", t.id),
            None => format!("{base}/venues/{slug}/programme/sessions/{}", self.session.id),
        }
    }

    /// The public PDF of the paper, when there is one.
    pub fn pdf(&self, base: &str, slug: &str) -> Option<String> {
        let t = self.talk?;
        match (t.pdf, t.number) {
            (true, Some(n)) => Some(format!("{base}/venues/{slug}/papers/{n}/paper.pdf")),
            _ => None,
        }
    }

    /// Minutes.
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }
}

/// Every event, by start then room order.
pub fn all(s: &Snapshot) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    for x in &s.sessions {
        if x.talks.is_empty() {
            out.push(Event {
                id: SESSION_ID_BASE + x.id,
                guid: &x.guid,
                session: x,
                talk: None,
                start: x.starts_at,
                end: x.ends_at,
            });
        }
        for t in &x.talks {
            let end = t.starts_at + Duration::minutes(t.duration_min as i64);
            out.push(Event {
                id: t.id,
                guid: &t.guid,
                session: x,
                talk: Some(t),
                start: t.starts_at,
                end,
            });
        }
    }
    out
}

/// The venue's zone.
pub fn zone(s: &Snapshot) -> Tz {
    crate::venues::deadline::parse_tz(&s.venue.timezone).unwrap_or(chrono_tz::UTC)
}

/// The local day an event falls on.
pub fn day_of(e: &Event, tz: Tz) -> NaiveDate {
    e.start.with_timezone(&tz).date_naive()
}

/// An acronym both schemas accept, made from the venue's address name: lower-case letters,
/// digits and `_`, at least four characters (`salon-2026` becomes `salon2026`).
pub fn acronym(slug: &str) -> String {
    let mut a: String = slug
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    while a.len() < 4 {
        a.push('0');
    }
    a
}

/// An event slug both schemas accept: `<acronym>-<id>-<ascii words of the title>`.
pub fn slug(acronym: &str, id: i64, title: &str) -> String {
    let mut words = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            words.push(c.to_ascii_lowercase());
        } else if !words.ends_with('-') && !words.is_empty() {
            words.push('-');
        }
        if words.len() >= 40 {
            break;
        }
    }
    let words = words.trim_end_matches('-');
    if words.is_empty() {
        format!("{acronym}-{id}-talk")
    } else {
        format!("{acronym}-{id}-{words}")
    }
}

/// Room names in the site's language, made unique (apps key rooms by name).
pub fn room_names(s: &Snapshot, site: &Site) -> Vec<(i64, String)> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    s.rooms
        .iter()
        .map(|r| {
            let base = site.pick(&r.name_zh, &r.name_en).to_string();
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            (r.id, if *n == 1 { base } else { format!("{base} ({n})") })
        })
        .collect()
}

/// The name of the place of events without a room.
pub fn no_room(site: &Site) -> &'static str {
    if site.zh() { "其他地点" } else { "Elsewhere" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_slugs_fit_both_schemas() {
        assert_eq!(acronym("salon-2026"), "salon2026");
        assert_eq!(acronym("ai"), "ai00");
        assert_eq!(slug("cncc2027", 7, "图学习"), "cncc2027-7-talk");
        assert_eq!(
            slug("cncc2027", 7, "Graph  Learning: a survey!"),
            "cncc2027-7-graph-learning-a-survey"
        );
    }
}
