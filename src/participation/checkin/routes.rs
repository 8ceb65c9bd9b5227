//! Check-in routes.

use crate::web::register::Routes;

/// Mounts check-in's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{check_in, undo, attendance, helpers, add_helper, remove_helper});
    r.get("/venues/{slug}/checkin", super::pages::desk);
    r.post("/venues/{slug}/checkin", super::pages::check_in);
    r.get("/venues/{slug}/checkin/helpers", super::pages::helpers);
    r.post("/venues/{slug}/checkin/helpers", super::pages::add_helper);
    r.post("/venues/{slug}/checkin/helpers/{user_id}/delete", super::pages::remove_helper);
    r.get("/venues/{slug}/attendance", super::pages::attendance);
    r.post("/venues/{slug}/checkins/{id}/delete", super::pages::undo);
    r.get("/registrations/{id}/badge", super::pages::badge);
    r.get("/venues/{slug}/registration/{id}/badges", super::pages::badge_sheet);
}
