//! Routes of published results.

use crate::web::register::Routes;

/// Mounts the published results' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{demonstrative, history});
    r.get("/evaluation/demonstrative", super::pages::demonstrative);
    r.get("/evaluation/conferences/{slug}", super::pages::history);
    r.get("/evaluation/{slug}/badge/{entry}", super::pages::badge);
}
