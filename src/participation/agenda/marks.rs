//! Stars on the programme's own pages: the star toggle of each session and talk (a plain POST
//! form), and the notice about starred items that overlap. The programme page's body is
//! rendered once per release and language and cached, so it carries markers
//! (`<!--star:session:ID-->`, `<!--star:talk:ID-->`) that [`fill`] turns into each reader's
//! toggles; a title can never forge one, because Tera escapes `<` in text.

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
        let on = self.has(guid);
        let label = t(self.lang, if on { "agenda.unstar" } else { "agenda.star" });
        let clash = if on && self.clashing.contains(guid) {
            format!(
                "<span class=\"star-clash\" title=\"{0}\">⚠<span class=\"visually-hidden\"> {0}</span></span>",
                tera::escape_html(&t(self.lang, "agenda.overlaps"))
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
            slug = tera::escape_html(&self.slug),
            csrf = tera::escape_html(&self.csrf),
            kind = kind.as_str(),
            guid = tera::escape_html(guid),
            set = if on { "0" } else { "1" },
            back = tera::escape_html(&self.back),
            state = if on { "on" } else { "off" },
            pressed = on,
            label = tera::escape_html(&label),
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
        let (what, id) = after[..end].split_once(':').unwrap_or(("", ""));
        let id: i64 = id.parse().unwrap_or(-1);
        if let Some(m) = marks {
            let found = match what {
                "session" => sessions.get(&id).map(|g| (ItemKind::Session, *g)),
                "talk" => talks.get(&id).map(|g| (ItemKind::Talk, *g)),
                _ => None,
            };
            if let Some((kind, guid)) = found {
                out.push_str(&m.form(kind, guid));
            }
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}
