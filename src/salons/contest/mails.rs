//! Contest mail: on publication, the presenting authors of awarded talks, each in their
//! language (their account's, else Chinese when they gave a Chinese name, English otherwise).
//! Judges are told by `venues::role_holders` when they are named.

use super::model::Contest;
use super::view::ContestBoardRow;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::mail::Mail;
use crate::venues::model::Venue;
use crate::web::AppState;
use crate::web::i18n::Lang;

/// Tells the presenting author of each awarded talk their award, rank and score.
pub fn awarded(conn: &mut AnyConnection, state: &AppState, venue: &Venue, c: &Contest, rows: &[ContestBoardRow]) -> AppResult<()> {
    let awards = c.awards();
    for r in rows {
        let Some(tier) = r.award else { continue };
        let authors = crate::submissions::store::authors_of(conn, r.entry.paper.submission_id)?;
        let Some(p) = authors.iter().find(|a| a.is_presenter).or(authors.first()) else {
            continue;
        };
        let account = crate::auth::store::by_email(conn, &p.email)?;
        let lang = match &account {
            Some(u) => u.mail_lang(),
            None if p.name_zh.trim().is_empty() => Lang::En,
            None => Lang::ZhCn,
        };
        let name = match (lang, p.name_zh.trim().is_empty(), p.name_latin.trim().is_empty()) {
            (Lang::ZhCn, false, _) | (_, false, true) => p.name_zh.clone(),
            _ => p.name_latin.clone(),
        };
        let vars = serde_json::json!({
            "venue_zh": venue.title_zh,
            "venue_en": venue.title_en,
            "title_zh": r.entry.paper.title_zh,
            "title_en": r.entry.paper.title_en,
            "award_zh": awards[tier].name_zh,
            "award_en": awards[tier].name_en,
            "rank": r.rank,
            "score": r.score.map(|s| format!("{s:.2}")),
            "link": format!("{}/venues/{}/contest", state.config.base_url, venue.slug),
        });
        let mail = Mail {
            to: p.email.clone(),
            to_name: name,
            lang,
            template: "contest_award",
            vars,
        };
        crate::mail::queue(conn, state, mail)?;
    }
    Ok(())
}
