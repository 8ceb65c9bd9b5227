//! Report routes.

use crate::web::register::Routes;

/// Mounts the reports' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{conference_report, release, recommend, round_report});
    r.get("/evaluation/{slug}/report", super::pages::round_report);
    // The PDF first: `{entry}` alone would also match `7.pdf`.
    r.get("/evaluation/{slug}/results/{entry}.pdf", super::pages::show_pdf);
    r.get("/evaluation/{slug}/results/{entry}", super::pages::show);
    r.post("/evaluation/{slug}/results/{entry}/comments/{number}", super::pages::release);
    r.post("/evaluation/{slug}/results/{entry}/recommendations", super::pages::recommend);
}
