//! One function per agenda action, each inside the caller's transaction: star and unstar an
//! item of a venue's latest release, read one's agenda, get, rotate and end the feed, and the
//! chairs' counts.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::model::ItemKind;
use super::validate::{self, AgendaStarInput};
use super::view::{self, AgendaCounts, AgendaFeed, AgendaStarState, AgendaView, Found};
use super::{counts, store};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::venue::Chair;
use crate::programme::snapshot::Snapshot;
use crate::venues::model::Venue;

/// The venue and its latest release as `user` may see them; 404 before the first release.
fn latest(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<(Venue, String, Arc<Snapshot>)> {
    let (r, s) = crate::programme::public::release(conn, Some(user), slug, None)?;
    let venue = crate::venues::store::by_slug(conn, slug)?;
    Ok((venue, r.name, s))
}

/// Stars `guid` (a session or talk of the venue's latest release) for `user`; starring it
/// again changes nothing.
pub fn star(
    conn: &mut AnyConnection,
    user: &User,
    slug: &str,
    guid: &str,
    input: &AgendaStarInput,
    now: NaiveDateTime,
) -> AppResult<AgendaStarState> {
    let kind = validate::kind(input)?;
    let guid = validate::guid(guid)?;
    let (venue, _, s) = latest(conn, user, slug)?;
    let actual = match view::find(&s, &guid) {
        Some(Found::Session(_)) => ItemKind::Session,
        Some(Found::Talk(..)) => ItemKind::Talk,
        None => return Err(AppError::field("guid", "agenda.not_in_programme")),
    };
    if actual != kind {
        return Err(AppError::field("kind", "agenda.kind_mismatch"));
    }
    store::add_star(conn, user.id, venue.id, kind, &guid, now)?;
    Ok(AgendaStarState { guid, kind, starred: true })
}

/// Removes `user`'s star on `guid`, whether or not the programme still has the item; removing
/// a star that is not there changes nothing.
pub fn unstar(conn: &mut AnyConnection, user: &User, slug: &str, guid: &str) -> AppResult<AgendaStarState> {
    let venue = crate::guard::venue::visible(conn, Some(user), slug)?;
    let guid = validate::guid(guid)?;
    let had = store::stars_of(conn, user.id, venue.id)?.into_iter().find(|s| s.guid == guid);
    store::remove_star(conn, user.id, venue.id, &guid)?;
    let kind = match had {
        Some(s) => s.kind,
        None => ItemKind::Talk,
    };
    Ok(AgendaStarState {
        guid,
        kind,
        starred: false,
    })
}

/// `user`'s agenda for venue `slug`, against its latest release.
pub fn agenda(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<(Venue, AgendaView)> {
    let (venue, name, s) = latest(conn, user, slug)?;
    let stars = store::stars_of(conn, user.id, venue.id)?;
    // Earlier releases are read only for titles of items the latest one no longer has.
    let mut older: Vec<Arc<Snapshot>> = Vec::new();
    if stars.iter().any(|x| view::find(&s, &x.guid).is_none()) {
        for r in crate::programme::store::release_metas_of(conn, venue.id)?.iter().skip(1) {
            older.push(crate::programme::public::parsed(conn, r)?);
        }
    }
    let older: Vec<&Snapshot> = older.iter().map(|o| &**o).collect();
    Ok((venue, view::agenda(&s, &name, &older, &stars)))
}

/// Venues in which `user` has starred something, for links to their agendas.
pub fn venues_starred(conn: &mut AnyConnection, user: &User) -> AppResult<Vec<Venue>> {
    let mut ids: Vec<i64> = store::all_stars_of(conn, user.id)?.iter().map(|s| s.venue_id).collect();
    ids.dedup();
    ids.iter().map(|id| crate::venues::store::by_id(conn, *id)).collect()
}

/// The feed's address for `token`.
pub fn feed_url(base_url: &str, token: &str) -> String {
    format!("{base_url}/agenda/{token}.ics")
}

/// `user`'s feed.
pub fn feed(conn: &mut AnyConnection, user: &User, base_url: &str) -> AppResult<AgendaFeed> {
    Ok(AgendaFeed {
        url: store::feed_of(conn, user.id)?.map(|f| feed_url(base_url, &f.token)),
    })
}

/// Gives `user` a feed at a new address; the old address (if any) stops working.
pub fn rotate(conn: &mut AnyConnection, user: &User, base_url: &str, now: NaiveDateTime) -> AppResult<AgendaFeed> {
    let token = crate::auth::tokens::random_token();
    store::replace_feed(conn, user.id, &token, now)?;
    Ok(AgendaFeed {
        url: Some(feed_url(base_url, &token)),
    })
}

/// Ends `user`'s feed.
pub fn revoke(conn: &mut AnyConnection, user: &User) -> AppResult<AgendaFeed> {
    store::delete_feed(conn, user.id)?;
    Ok(AgendaFeed { url: None })
}

/// The chair's per-session counts against the latest release.
pub fn counts(conn: &mut AnyConnection, ch: &Chair) -> AppResult<AgendaCounts> {
    let Some(r) = crate::programme::store::latest_release_meta(conn, ch.venue.id)? else {
        return Ok(view::counts(None, &Default::default()));
    };
    let s = crate::programme::public::parsed(conn, &r)?;
    let by_guid = counts::session_counts(conn, ch.venue.id)?;
    Ok(view::counts(Some((&r.name, &s)), &by_guid))
}
