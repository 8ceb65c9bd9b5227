//! Annual plan routes.

use crate::web::register::Routes;

/// Mounts the annual plan's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get, put, publish, add_item, update_item, delete_item, propose, proposals, decide});
    r.get("/societies/{slug}/salons", super::pages::current);
    r.get("/societies/{slug}/salons/{year}", super::pages::show);
    r.post("/societies/{slug}/salons/{year}/intro", super::pages::save_intro);
    r.post("/societies/{slug}/salons/{year}/publication", super::pages::publish);
    r.post("/societies/{slug}/salons/{year}/items", super::pages::add_item);
    r.post("/societies/{slug}/salons/{year}/items/{id}", super::pages::update_item);
    r.post("/societies/{slug}/salons/{year}/items/{id}/delete", super::pages::delete_item);
    r.post("/societies/{slug}/salons/{year}/themes", super::pages::propose);
    r.post("/societies/{slug}/salons/{year}/themes/{id}/decide", super::pages::decide);
}
