//! Routes of societies, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the society's members page.
pub fn routes(r: &mut Routes) {
    r.get("/societies/{slug}/members", super::pages::members);
    r.post("/societies/{slug}/members", super::pages::attach);
    r.post("/societies/{slug}/members/detach", super::pages::detach);
}
