//! Result routes.

use crate::web::register::Routes;

/// Mounts the results' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get, what_if, set_override});
    r.get("/evaluation/{slug}/results", super::pages::show);
    r.get("/evaluation/{slug}/results.csv", super::pages::csv);
    r.get("/evaluation/{slug}/results.xlsx", super::pages::xlsx);
    r.post("/evaluation/{slug}/results/what-if", super::pages::what_if);
    r.post("/evaluation/{slug}/results/{entry}/override", super::pages::set_override);
}
