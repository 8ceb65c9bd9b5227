//! Self-report routes.

use crate::web::register::Routes;

/// Mounts the self-reports' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{report, save, attach, detach, download});
    r.post("/evaluation/{slug}/entries/{id}/report/{code}", super::pages::save);
    r.post("/evaluation/{slug}/entries/{id}/report/{code}/evidence", super::pages::attach);
    r.post("/evaluation/{slug}/entries/{id}/evidence/{evidence}/remove", super::pages::detach);
    r.get("/evaluation/{slug}/entries/{id}/evidence/{evidence}", super::pages::download);
}
