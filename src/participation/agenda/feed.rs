//! The private iCalendar feed: every starred item of the token's owner, across venues, from
//! each venue's latest release, so a calendar that polls it follows new releases.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::programme::exports::Site;
use crate::programme::exports::ical::{self, Pick};
use crate::web::i18n::{Lang, t};

/// The calendar of the feed with `token`; 404 for an unknown or revoked token.
pub fn calendar(conn: &mut AnyConnection, token: &str, base_url: &str) -> AppResult<String> {
    let feed = store::feed_by_token(conn, token)?.ok_or(AppError::NotFound)?;
    let owner = crate::auth::store::by_id(conn, feed.user_id)?;
    let lang = owner.preferred_lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::En);
    let mut by_venue: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for s in store::all_stars_of(conn, feed.user_id)? {
        by_venue.entry(s.venue_id).or_default().push(s.guid);
    }
    let mut parts = Vec::new();
    // Stamped with the newest release read, so the text changes exactly when one is published.
    let mut stamp = DateTime::<Utc>::UNIX_EPOCH;
    for (venue_id, guids) in by_venue {
        let Some(r) = crate::programme::store::latest_release_meta(conn, venue_id)? else {
            continue;
        };
        stamp = stamp.max(r.published_at.and_utc());
        parts.push((crate::programme::public::parsed(conn, &r)?, Pick::Guids(guids)));
    }
    let site = Site {
        base_url: base_url.to_string(),
        lang: lang.code().to_string(),
        generated_at: stamp,
    };
    let parts: Vec<(&crate::programme::snapshot::Snapshot, Pick)> = parts.iter().map(|(s, p)| (&**s, p.clone())).collect();
    Ok(ical::merged(&parts, &site, &t(lang, "agenda.feed_name")))
}
