//! Copyediting and production routes.

use crate::web::register::Routes;

/// Mounts the articles' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{update, pages, copyedited, to_production, add_galley, remove_galley, proofs});
    r.post("/manuscripts/{id}/article", super::pages::update);
    r.post("/manuscripts/{id}/article/pages", super::pages::pages);
    r.post("/manuscripts/{id}/copyedited", super::pages::copyedited);
    r.post("/manuscripts/{id}/production", super::pages::to_production);
    r.post("/manuscripts/{id}/galleys", super::pages::add_galley);
    r.get("/manuscripts/{id}/galleys/{galley}", super::pages::galley);
    r.post("/manuscripts/{id}/galleys/{galley}/remove", super::pages::remove_galley);
    r.post("/manuscripts/{id}/proofs", super::pages::proofs);
}
