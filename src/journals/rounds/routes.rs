//! Review round routes.

use crate::web::register::Routes;

/// Mounts the review rounds' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{list, check, invite, cancel, reinstate, confirm, remind, thank, set_due, show, accept, decline, review, mine});
    r.get("/review/{token}", super::pages::show);
    r.post("/review/{token}/accept", super::pages::accept);
    r.post("/review/{token}/decline", super::pages::decline);
    r.post("/review/{token}/review", super::pages::save);
    r.get("/review/{token}/manuscript.pdf", super::pages::pdf);
    r.post("/manuscripts/{id}/reviewers", super::pages::invite);
    r.post("/manuscripts/{id}/reviewers/{invitation}/{action}", super::pages::act);
}
