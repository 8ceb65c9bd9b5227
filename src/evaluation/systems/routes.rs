//! Indicator system routes.

use crate::web::register::Routes;

/// Mounts the indicator systems' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{list, create, get, save, finalise});
    r.get("/societies/{slug}/evaluation/systems", super::pages::list);
    r.post("/societies/{slug}/evaluation/systems", super::pages::create);
    r.get("/societies/{slug}/evaluation/systems/{id}", super::pages::show);
    r.post("/societies/{slug}/evaluation/systems/{id}", super::pages::save);
    r.post("/societies/{slug}/evaluation/systems/{id}/finalise", super::pages::finalise);
    r.get(
        "/societies/{slug}/evaluation/systems/{id}/indicators/{code}",
        super::pages::indicator,
    );
    r.post(
        "/societies/{slug}/evaluation/systems/{id}/indicators/{code}",
        super::pages::save_indicator,
    );
}
