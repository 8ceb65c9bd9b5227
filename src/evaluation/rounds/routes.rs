//! Evaluation round routes.

use crate::web::register::Routes;

/// Mounts the rounds' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{list, get, create, phase, enter, withdraw, entry, recompute, get_panel, add_panel, remove_panel});
    r.get("/evaluation", super::pages::list);
    r.get("/evaluation/{slug}", super::pages::show);
    r.post("/evaluation/{slug}/phase", super::pages::phase);
    r.post("/evaluation/{slug}/entries", super::pages::enter);
    r.post("/evaluation/{slug}/entries/{id}/withdraw", super::pages::withdraw);
    r.get("/evaluation/{slug}/entries/{id}", super::pages::entry);
    r.post("/evaluation/{slug}/panel", super::pages::add_panel);
    r.post("/evaluation/{slug}/panel/{user}/remove", super::pages::remove_panel);
    r.post("/evaluation/{slug}/entries/{id}/recompute", super::pages::recompute);
    r.get("/societies/{slug}/evaluation/rounds/new", super::pages::new);
    r.post("/societies/{slug}/evaluation/rounds/new", super::pages::create);
}
