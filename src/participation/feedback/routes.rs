//! Survey routes.

use crate::web::register::Routes;

/// Mounts the survey's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get_survey, put_survey, mine, answer, results});
    r.get("/venues/{slug}/survey", super::pages::index);
    r.get("/venues/{slug}/survey/settings", super::pages::settings);
    r.post("/venues/{slug}/survey/settings", super::pages::save_settings);
    r.post("/venues/{slug}/survey/settings/standard", super::pages::add_standard);
    r.get("/venues/{slug}/survey/results", super::pages::results);
    r.get("/venues/{slug}/survey/{target}", super::pages::form);
    r.post("/venues/{slug}/survey/{target}", super::pages::answer);
}
