//! Routes of societies, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the API, the society's members page and its integrity committee forms.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get, attach, detach, appoint, dismiss});
    r.get("/societies/{slug}/members", super::pages::members);
    r.post("/societies/{slug}/members", super::pages::attach);
    r.post("/societies/{slug}/members/detach", super::pages::detach);
    r.post("/societies/{slug}/integrity-committee", super::pages::appoint);
    r.post("/societies/{slug}/integrity-committee/remove", super::pages::dismiss);
}
