//! Stars on the programme's own pages: the star toggle of each session and talk (a plain POST
//! form), and the notice about starred items that overlap. The programme page's body is
//! rendered once per release and language and cached, so it carries markers
//! (`<!--star:session:ID:ANCHOR-->`, `<!--star:talk:ID:ANCHOR-->`) that [`fill`] turns into
//! each reader's toggles, which come back to the anchor (the item's block, so the reader keeps
//! their place on a long page); a title can never forge one, because Tera escapes `<` in text.

use std::collections::{HashMap, HashSet};

use super::model::{ItemKind, Star};
use super::view;
use crate::programme::display;
use crate::programme::snapshot::Snapshot;
use crate::web::i18n::{Lang, t};

/// The marker the programme page leaves where a session's or talk's toggle goes.
pub const MARK: &str = "<!--star:";

/// A reader's stars on one programme, ready to draw toggles.
pub struct Marks {
    starred: HashSet<String>,
    clashing: HashSet<String>,
    csrf: String,
    slug: String,
    back: String,
    lang: Lang,
}

/// A pair of starred items that overlap, in words.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Clash {
    /// The earlier item's title.
    pub first: String,
    /// The other's title.
    pub second: String,
    /// When the first starts (venue time, `YYYY-MM-DD HH:MM`).
    pub at: String,
}

/// Escapes text for an HTML attribute value or text (quotes included).
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The signed-in reader's stars in a venue, for the programme's pages.
pub fn stars(conn: &mut crate::db::AnyConnection, user_id: i64, venue_id: i64) -> crate::error::AppResult<Vec<Star>> {
    super::store::stars_of(conn, user_id, venue_id)
}

impl Marks {
    /// Marks for `stars` on `s`; forms post `csrf` and come back to `back`.
    pub fn new(s: &Snapshot, stars: &[Star], csrf: &str, back: &str, lang: Lang) -> Marks {
        let agenda = view::agenda(s, "", &[], stars);
        let mut clashing = HashSet::new();
        for p in &agenda.parallel {
            clashing.insert(p.first.clone());
            clashing.insert(p.second.clone());
        }
        Marks {
            starred: stars.iter().map(|x| x.guid.clone()).collect(),
            clashing,
            csrf: csrf.to_string(),
            slug: s.venue.slug.clone(),
            back: back.to_string(),
            lang,
        }
    }

    /// Whether `guid` is starred.
    pub fn has(&self, guid: &str) -> bool {
        self.starred.contains(guid)
    }

    /// The toggle of one item: a form that stars it, or unstars it when starred.
    pub fn form(&self, kind: ItemKind, guid: &str) -> String {
        self.form_to(kind, guid, "")
    }

    /// The toggle, coming back to the element `anchor` of the page (none when empty).
    pub fn form_to(&self, kind: ItemKind, guid: &str, anchor: &str) -> String {
        let back = if anchor.is_empty() {
            self.back.clone()
        } else {
            format!("{}#{anchor}", self.back)
        };
        let on = self.has(guid);
        let label = t(self.lang, if on { "agenda.unstar" } else { "agenda.star" });
        let clash = if on && self.clashing.contains(guid) {
            format!(
                "<span class=\"star-clash\" title=\"{0}\">⚠<span class=\"visually-hidden\"> {0}</span></span>",
                attr(&t(self.lang, "agenda.overlaps"))
            )
        } else {
            String::new()
        };
        format!(
            "<form method=\"post\" action=\"/venues/{slug}/agenda/stars\" class=\"inline star-form\">\
<input type=\"hidden\" name=\"csrf\" value=\"{csrf}\"><input type=\"hidden\" name=\"kind\" value=\"{kind}\">\
<input type=\"hidden\" name=\"guid\" value=\"{guid}\"><input type=\"hidden\" name=\"on\" value=\"{set}\">\
<input type=\"hidden\" name=\"back\" value=\"{back}\">\
<button type=\"submit\" class=\"star {state}\" aria-pressed=\"{pressed}\" title=\"{label}\" aria-label=\"{label}\">{glyph}</button></form>{clash}",
            slug = attr(&self.slug),
            csrf = attr(&self.csrf),
            kind = kind.as_str(),
            guid = attr(guid),
            set = if on { "0" } else { "1" },
            back = attr(&back),
            state = if on { "on" } else { "off" },
            pressed = on,
            label = attr(&label),
            glyph = if on { "★" } else { "☆" },
        )
    }

    /// The reader's starred items that overlap, in words.
    pub fn clashes(&self, s: &Snapshot, stars: &[Star]) -> Vec<Clash> {
        let agenda = view::agenda(s, "", &[], stars);
        let tz = display::zone(s);
        let by_guid: HashMap<&str, &view::AgendaItem> = agenda.items.iter().map(|i| (i.guid.as_str(), i)).collect();
        agenda
            .parallel
            .iter()
            .filter_map(|p| {
                let (a, b) = (by_guid.get(p.first.as_str())?, by_guid.get(p.second.as_str())?);
                Some(Clash {
                    first: display::pick_name(self.lang, &a.title_zh, &a.title_en),
                    second: display::pick_name(self.lang, &b.title_zh, &b.title_en),
                    at: a.starts_at?.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
                })
            })
            .collect()
    }
}

/// The cached programme body with each marker replaced by the reader's toggle (removed for
/// readers who are not signed in).
pub fn fill(body: &str, s: &Snapshot, marks: Option<&Marks>) -> String {
    let mut sessions = HashMap::new();
    let mut talks = HashMap::new();
    if marks.is_some() {
        for x in &s.sessions {
            sessions.insert(x.id, x.guid.as_str());
            for k in &x.talks {
                talks.insert(k.id, k.guid.as_str());
            }
        }
    }
    let mut out = String::with_capacity(body.len() + body.len() / 4);
    let mut rest = body;
    while let Some(i) = rest.find(MARK) {
        out.push_str(&rest[..i]);
        let after = &rest[i + MARK.len()..];
        let Some(end) = after.find("-->") else {
            out.push_str(&rest[i..]);
            return out;
        };
        let mut parts = after[..end].splitn(3, ':');
        let (what, id, anchor) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let id: i64 = id.parse().unwrap_or(-1);
        // Anchors are element ids the template wrote; anything else is dropped.
        let anchor = if anchor.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            anchor
        } else {
            ""
        };
        if let Some(m) = marks {
            let found = match what {
                "session" => sessions.get(&id).map(|g| (ItemKind::Session, *g)),
                "talk" => talks.get(&id).map(|g| (ItemKind::Talk, *g)),
                _ => None,
            };
            if let Some((kind, guid)) = found {
                out.push_str(&m.form_to(kind, guid, anchor));
            }
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::programme::snapshot::{SessionItem, Talk, VenueRef};

    fn snapshot() -> Snapshot {
        let at = |h| Utc.with_ymd_and_hms(2027, 5, 10, h, 0, 0).unwrap();
        let talk = Talk {
            id: 7,
            guid: "t-guid".into(),
            kind: "invited".into(),
            number: None,
            title_zh: String::new(),
            title_en: "T".into(),
            abstract_text: String::new(),
            language: "en".into(),
            starts_at: at(1),
            duration_min: 30,
            speakers: vec![],
            pdf: false,
        };
        Snapshot {
            venue: VenueRef {
                slug: "v".into(),
                title_zh: String::new(),
                title_en: "V".into(),
                timezone: "UTC".into(),
                starts_on: NaiveDate::from_ymd_opt(2027, 5, 10).unwrap(),
                ends_on: NaiveDate::from_ymd_opt(2027, 5, 10).unwrap(),
            },
            release: None,
            rooms: vec![],
            tracks: vec![],
            sessions: vec![SessionItem {
                id: 3,
                guid: "s-guid".into(),
                kind: "paper_session".into(),
                title_zh: String::new(),
                title_en: "S".into(),
                room_id: None,
                track_id: None,
                starts_at: at(1),
                ends_at: at(2),
                chairs: vec![],
                moderators: vec![],
                talks: vec![talk],
            }],
        }
    }

    #[test]
    fn markers_become_toggles_for_readers_and_vanish_for_others() {
        let s = snapshot();
        let body = "<p>a<!--star:session:3:session-3-->b<!--star:talk:7:x\" onclick=\"y-->c<!--star:talk:99:z-->d</p>";
        assert_eq!(fill(body, &s, None), "<p>abcd</p>");
        let m = Marks::new(&s, &[], "tok", "/venues/v/programme?view=list", Lang::En);
        let out = fill(body, &s, Some(&m));
        assert!(!out.contains("<!--star:"), "{out}");
        assert!(
            out.contains("value=\"s-guid\"") && out.contains("value=\"/venues/v/programme?view=list#session-3\""),
            "{out}"
        );
        assert!(
            out.contains("value=\"t-guid\"") && !out.contains("onclick"),
            "a bad anchor is dropped: {out}"
        );
        assert_eq!(out.matches("<form").count(), 2, "an unknown id gets no toggle: {out}");
    }
}
