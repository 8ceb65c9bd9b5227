//! Decision and revision routes.

use crate::web::register::Routes;

/// Mounts the decisions' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{draft, decide, resolve, revise});
    r.post("/manuscripts/{id}/decisions", super::pages::decide);
    r.post("/manuscripts/{id}/decisions/{decision}/resolve", super::pages::resolve);
    r.post("/manuscripts/{id}/revisions", super::pages::revise);
}
