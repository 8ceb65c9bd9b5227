//! Demo stars: reviewers and authors of the demo conference star items of its latest release
//! (through the service, as a user would), one author with two talks that run in parallel so
//! the warning shows. Safe to run again: starring is idempotent.

use chrono::Utc;

use super::model::ItemKind;
use super::service;
use super::validate::AgendaStarInput;
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Stars items of venue `slug`'s latest release for `users` (the first of them gets the
/// parallel pair); does nothing before the first release.
pub fn seed(conn: &mut AnyConnection, slug: &str, users: &[i64]) -> AppResult<()> {
    let venue = crate::venues::store::by_slug(conn, slug)?;
    let Some(s) = crate::programme::public::latest(conn, venue.id)? else {
        return Ok(());
    };
    let now = Utc::now().naive_utc();
    let input = |k: ItemKind| AgendaStarInput { kind: k.as_str().into() };
    let with_talks: Vec<_> = s.sessions.iter().filter(|x| !x.talks.is_empty()).collect();
    for (n, &id) in users.iter().enumerate() {
        let user = crate::auth::store::by_id(conn, id)?;
        // Everyone wants the keynote; each person then picks every other talk, offset by
        // their place, so counts differ from session to session.
        for x in s.sessions.iter().filter(|x| x.kind == "keynote") {
            service::star(conn, &user, slug, &x.guid, &input(ItemKind::Session), now)?;
        }
        for (i, t) in with_talks.iter().flat_map(|x| &x.talks).enumerate() {
            if (i + n) % 3 == 0 {
                service::star(conn, &user, slug, &t.guid, &input(ItemKind::Talk), now)?;
            }
        }
    }
    // Two talks in sessions that overlap in different rooms, for the first user.
    if let Some(&first) = users.first() {
        let user = crate::auth::store::by_id(conn, first)?;
        let pair = with_talks.iter().enumerate().find_map(|(i, a)| {
            with_talks[i + 1..]
                .iter()
                .find(|b| a.room_id != b.room_id && a.starts_at < b.ends_at && b.starts_at < a.ends_at)
                .map(|b| (a.talks[0].guid.clone(), b.talks[0].guid.clone()))
        });
        if let Some((a, b)) = pair {
            service::star(conn, &user, slug, &a, &input(ItemKind::Talk), now)?;
            service::star(conn, &user, slug, &b, &input(ItemKind::Talk), now)?;
        }
    }
    Ok(())
}
