//! Agenda routes.

use crate::web::register::Routes;

/// Mounts the agenda's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get, star, unstar, get_feed, rotate_feed, revoke_feed, counts});
    r.get("/venues/{slug}/agenda", super::pages::agenda);
    r.post("/venues/{slug}/agenda/stars", super::pages::star);
    r.get("/venues/{slug}/agenda/counts", super::pages::counts);
    r.post("/agenda/feed/rotate", super::pages::rotate);
    r.post("/agenda/feed/revoke", super::pages::revoke);
    r.get("/agenda/{token}.ics", super::pages::feed_ics);
}
