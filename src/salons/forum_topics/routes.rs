//! Forum topic routes.

use crate::web::register::Routes;

/// Mounts the forum topics' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get, propose, commission, decide});
    r.get("/venues/{slug}/topics", super::pages::show);
    r.post("/venues/{slug}/topics", super::pages::propose);
    r.post("/venues/{slug}/topics/commissions", super::pages::commission);
    r.post("/venues/{slug}/topics/{id}/decide", super::pages::decide);
}
