//! The job queue admin pages: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    r.get("/admin/jobs", super::pages::index);
    r.post("/admin/jobs/{id}/retry", super::pages::retry);
    r.post("/admin/jobs/{id}/cancel", super::pages::cancel);
}
