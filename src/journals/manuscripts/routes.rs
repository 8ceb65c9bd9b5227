//! Manuscript routes.

use crate::web::register::Routes;

/// Mounts the manuscripts' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{submit, queue, get, mine, confirm_authorship, assign_editor, desk, withdraw});
    r.get("/journals/{id}/manuscripts", super::pages::queue);
    r.get("/journals/{id}/submit", super::pages::new_form);
    r.post("/journals/{id}/submit", super::pages::submit);
    r.get("/manuscripts/{id}", super::pages::show);
    r.post("/manuscripts/{id}/authorship", super::pages::confirm_authorship);
    r.get("/manuscripts/{id}/files/{file}", super::pages::file);
    r.post("/manuscripts/{id}/editor", super::pages::assign_editor);
    r.post("/manuscripts/{id}/desk", super::pages::desk);
    r.post("/manuscripts/{id}/withdraw", super::pages::withdraw);
}
