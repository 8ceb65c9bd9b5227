//! Full-text search: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{search});
    r.get("/search", super::pages::index);
}
