//! Venues, their calls and the home page: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{list, create, get, update, set_call, delete_track_call, open});
    r.get("/", super::pages::home);
    r.get("/venues/new", super::pages::new_form);
    r.post("/venues/new", super::pages::create);
    r.get("/venues/{slug}", super::pages::show);
    r.get("/venues/{slug}/edit", super::pages::edit_form);
    r.post("/venues/{slug}/edit", super::pages::update);
    r.get("/venues/{slug}/call/edit", super::pages::call_form);
    r.post("/venues/{slug}/call/edit", super::pages::call_save);
    r.post("/venues/{slug}/call/delete", super::pages::call_delete);
    r.post("/venues/{slug}/open", super::pages::open);
}
