//! Research integrity: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{venue_flags, venue_flag, venue_dismiss, venue_reopen, get_policy, put_policy, journal_flags, journal_flag, journal_dismiss, journal_reopen});
    r.get("/venues/{slug}/integrity", super::pages::venue_flags);
    r.get("/venues/{slug}/integrity/flags/{id}", super::pages::venue_flag);
    r.post("/venues/{slug}/integrity/flags/{id}/dismiss", super::pages::venue_dismiss);
    r.post("/venues/{slug}/integrity/flags/{id}/reopen", super::pages::venue_reopen);
    r.post("/venues/{slug}/integrity/policy", super::pages::venue_policy);
    r.get("/journals/{id}/integrity", super::pages::journal_flags);
    r.get("/journals/{id}/integrity/flags/{flag}", super::pages::journal_flag);
    r.post("/journals/{id}/integrity/flags/{flag}/dismiss", super::pages::journal_dismiss);
    r.post("/journals/{id}/integrity/flags/{flag}/reopen", super::pages::journal_reopen);
    super::cases::routes::routes(r);
}
