//! Editorial set-up routes.

use crate::web::register::Routes;

/// Mounts the set-up's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get_setup, put_setup, put_review_form, reset_review_form, create_section, update_section, delete_section, guidelines});
    r.get("/journals/{id}/setup", super::pages::show);
    r.post("/journals/{id}/setup", super::pages::save);
    r.post("/journals/{id}/review-form", super::pages::save_review_form);
    r.post("/journals/{id}/review-form/reset", super::pages::reset_review_form);
    r.get("/journals/{id}/sections/new", super::pages::new_section);
    r.post("/journals/{id}/sections", super::pages::create_section);
    r.get("/journals/{id}/sections/{section}", super::pages::edit_section);
    r.post("/journals/{id}/sections/{section}", super::pages::update_section);
    r.post("/journals/{id}/sections/{section}/delete", super::pages::delete_section);
}
