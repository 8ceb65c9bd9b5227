//! Minutes as PDF (Typst, `templates/reports/salon_minutes.typ`): one salon's minutes or a
//! society's yearly volume, every text in the reader's language, else the other one. Anonymous
//! statements carry "a participant", never a name.

use actix_web::HttpResponse;

use super::view::{MinutesPublic, MinutesPublicStatement};
use crate::error::AppResult;
use crate::reports::documents::{MinutesBook, MinutesDocument, MinutesEntry};
use crate::web::AppState;
use crate::web::bilingual::pick;
use crate::web::i18n::{Lang, t};

fn dates(m: &MinutesPublic) -> String {
    match (m.starts_on, m.ends_on) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

fn entries(list: &[MinutesPublicStatement], lang: Lang) -> Vec<MinutesEntry> {
    list.iter()
        .map(|s| MinutesEntry {
            text: pick(&s.text_zh, &s.text_en, lang).to_string(),
            speaker: s.speaker.clone().unwrap_or_else(|| t(lang, "minutes.a_participant")),
        })
        .collect()
}

/// One minutes document in `lang`.
pub fn document(m: &MinutesPublic, lang: Lang) -> MinutesDocument {
    MinutesDocument {
        title: pick(&m.title_zh, &m.title_en, lang).to_string(),
        salon: pick(&m.salon_zh, &m.salon_en, lang).to_string(),
        dates: dates(m),
        place: m.place.clone(),
        leads: m.lead_scientists.join(if lang == Lang::ZhCn { "、" } else { ", " }),
        intro: pick(&m.intro_zh, &m.intro_en, lang).to_string(),
        viewpoints: entries(&m.viewpoints, lang),
        dissents: entries(&m.dissents, lang),
        outlook: pick(&m.outlook_zh, &m.outlook_en, lang).to_string(),
    }
}

/// The book of `items` in `lang`; a volume when `cover` (title, subtitle) is given.
pub fn book(items: &[MinutesPublic], lang: Lang, cover: Option<(String, String)>) -> MinutesBook {
    let labels = [
        "contents",
        "lead",
        "dates",
        "place",
        "intro",
        "viewpoints",
        "dissents",
        "dissent",
        "outlook",
    ]
    .into_iter()
    .map(|k| (k.to_string(), t(lang, &format!("minutes.pdf_{k}"))))
    .collect();
    let (volume, (cover_title, cover_subtitle)) = match cover {
        Some(c) => (true, c),
        None => (false, (String::new(), String::new())),
    };
    MinutesBook {
        lang: if lang == Lang::ZhCn { "zh".into() } else { "en".into() },
        volume,
        cover_title,
        cover_subtitle,
        labels,
        items: items.iter().map(|m| document(m, lang)).collect(),
    }
}

/// Typesets `book` off the async threads and answers it as a PDF named `file`.
pub async fn respond(state: &AppState, book: MinutesBook, file: String) -> AppResult<HttpResponse> {
    crate::web::pdf::typeset(state, "salon_minutes", book, file, true).await
}
