//! Ballot routes.

use crate::web::register::Routes;

/// Mounts the ballots' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get, cast, draft, declare, get_progress});
    r.get("/evaluation/{slug}/ballot", super::pages::show);
    r.post("/evaluation/{slug}/ballot", super::pages::cast);
    r.post("/evaluation/{slug}/ballot/draft", super::pages::draft);
    r.post("/evaluation/{slug}/conflicts", super::pages::declare);
}
