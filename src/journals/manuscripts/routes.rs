//! Manuscript routes.

use crate::web::register::Routes;

/// Mounts the manuscripts' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{submit, get, mine, confirm_authorship});
    r.get("/journals/{id}/submit", super::pages::new_form);
    r.post("/journals/{id}/submit", super::pages::submit);
    r.get("/manuscripts/{id}", super::pages::show);
    r.post("/manuscripts/{id}/authorship", super::pages::confirm_authorship);
    r.get("/manuscripts/{id}/files/{file}", super::pages::file);
}
