//! Salons and forums: every route of the area, registered once (see `web::register`), one
//! capability after the other.

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get, set_rules, lead_scientists, add_lead, remove_lead, applications, decide, invite});
    r.get("/venues/{slug}/salon/applications", super::pages::applications);
    r.post("/venues/{slug}/salon/applications/{id}/decide", super::pages::decide);
    r.post("/venues/{slug}/salon/invitations", super::pages::invite);
    r.get("/venues/{slug}/salon/settings", super::pages::settings);
    r.post("/venues/{slug}/salon/settings", super::pages::save_settings);
    r.post("/venues/{slug}/salon/lead-scientists", super::pages::add_lead);
    r.post("/venues/{slug}/salon/lead-scientists/{user_id}/delete", super::pages::remove_lead);
    super::plan::routes::routes(r);
    super::minutes::routes::routes(r);
    super::contest::routes::routes(r);
    super::forum_topics::routes::routes(r);
}
