//! The mail outbox admin pages: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    r.get("/admin/mail", super::pages::index);
    r.post("/admin/mail/test", super::pages::send_test);
}
