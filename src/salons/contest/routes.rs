//! Contest routes.

use crate::web::register::Routes;

/// Mounts the contest's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(
        r,
        super::api::{get_contest, put_contest, get_entries, put_entries, judges, add_judge, remove_judge, change_state, board, sheet, put_score, results}
    );
    r.get("/venues/{slug}/contest", super::pages::index);
    r.post("/venues/{slug}/contest/state", super::pages::change_state);
    r.get("/venues/{slug}/contest/settings", super::pages::settings);
    r.post("/venues/{slug}/contest/settings", super::pages::save_settings);
    r.post("/venues/{slug}/contest/settings/default", super::pages::use_default);
    r.get("/venues/{slug}/contest/entries", super::pages::entries);
    r.post("/venues/{slug}/contest/entries", super::pages::save_entries);
    r.get("/venues/{slug}/contest/judges", super::pages::judges);
    r.post("/venues/{slug}/contest/judges", super::pages::add_judge);
    r.post("/venues/{slug}/contest/judges/{user_id}/delete", super::pages::remove_judge);
    r.get("/venues/{slug}/contest/judge", super::pages::sheet);
    r.get("/venues/{slug}/contest/judge/{entry_id}", super::pages::entry);
    r.post("/venues/{slug}/contest/judge/{entry_id}", super::pages::save_score);
}
