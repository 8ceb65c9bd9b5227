//! Journals, their staff and the fields of science: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{list, create, import_csv, get, update, staff, add_staff, remove_staff, fields, create_field});
    r.get("/journals", super::pages::index);
    r.get("/journals/new", super::pages::new_form);
    r.post("/journals/new", super::pages::create);
    r.get("/journals/import", super::pages::import_form);
    r.post("/journals/import", super::pages::import_submit);
    r.get("/journals/{id}", super::pages::show);
    r.get("/journals/{id}/edit", super::pages::edit_form);
    r.post("/journals/{id}/edit", super::pages::update);
    r.post("/journals/{id}/staff", super::pages::add_staff);
    r.post("/journals/{id}/staff/{user}/remove", super::pages::remove_staff);
    super::setup::routes::routes(r);
    super::manuscripts::routes::routes(r);
    super::rounds::routes::routes(r);
    super::credit::routes::routes(r);
    super::decisions::routes::routes(r);
    super::articles::routes::routes(r);
    super::issues::routes::routes(r);
    super::public::routes::routes(r);
    r.get("/fields", super::pages::fields);
    r.post("/fields", super::pages::create_field);
}
