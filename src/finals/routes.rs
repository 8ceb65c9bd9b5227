//! Final versions: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get_phase, set_phase, list, remind, get, upload, authors, consent, review, decide_change, withdraw});
    r.get("/venues/{slug}/finals", super::pages::table);
    r.get("/venues/{slug}/finals/settings", super::pages::settings_form);
    r.post("/venues/{slug}/finals/settings", super::pages::save_settings);
    r.post("/venues/{slug}/finals/remind", super::pages::remind);
    r.get("/submissions/{id}/final", super::pages::show);
    r.post("/submissions/{id}/final", super::pages::upload);
    r.post("/submissions/{id}/final/authors", super::pages::authors);
    r.post("/submissions/{id}/final/consent", super::pages::consent);
    r.get("/submissions/{id}/final/consent.pdf", super::pages::consent_pdf);
    r.post("/submissions/{id}/final/review", super::pages::review);
    r.post("/submissions/{id}/final/changes/{change}", super::pages::decide_change);
    r.post("/submissions/{id}/final/withdraw", super::pages::withdraw);
}
