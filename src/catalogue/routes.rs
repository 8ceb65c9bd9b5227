//! Journal tiered catalogues: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    // The indicator import streams its body after authorizing (`web::body::read_capped`).
    crate::api!(r, super::api::{list, create, get, update, phase, nominate, get_ballot, vote, conflict, get_panel, add_members, remove_member, import_indicators, fill_indicators, get_proposal, set_override, clear_override, get_audit, entries_csv, entries_xlsx, diff, journal_history, proposals, propose, resolve_proposal, objections, object, decide_objection});
    r.get("/catalogues", super::pages::public::index);
    r.get("/catalogues/new", super::pages::manage::new_form);
    r.post("/catalogues/new", super::pages::manage::create);
    r.get("/catalogues/{slug}", super::pages::public::show);
    r.post("/catalogues/{slug}/nominate", super::pages::public::nominate);
    r.get("/catalogues/{slug}/manage", super::pages::manage::manage);
    r.post("/catalogues/{slug}/manage", super::pages::manage::save);
    r.post("/catalogues/{slug}/phase", super::pages::manage::phase);
    r.post("/catalogues/{slug}/panel", super::pages::manage::add_members);
    r.post("/catalogues/{slug}/panel/{user}/remove", super::pages::manage::remove_member);
    r.post("/catalogues/{slug}/indicators", super::pages::manage::import_indicators);
    r.post("/catalogues/{slug}/indicators/platform", super::pages::manage::fill_from_platform);
    r.get("/catalogues/{slug}/proposal", super::pages::manage::proposal_page);
    r.post("/catalogues/{slug}/overrides/{journal}", super::pages::manage::override_tier);
    r.get("/catalogues/{slug}/audit", super::pages::manage::audit_page);
    r.get("/catalogues/{slug}/vote", super::pages::vote::ballot_page);
    r.post("/catalogues/{slug}/vote", super::pages::vote::save);
    r.post("/catalogues/{slug}/vote/draft", super::pages::vote::save_draft);
    r.post("/catalogues/{slug}/conflicts", super::pages::vote::declare);
    r.post("/catalogues/{slug}/objections", super::pages::public::object);
    r.post("/catalogues/{slug}/proposals", super::pages::public::propose);
    r.post(
        "/catalogues/{slug}/proposals/{proposal}/resolve",
        super::pages::manage::resolve_proposal,
    );
    r.get("/catalogues/{slug}/catalogue.{format}", super::pages::public::export);
    r.get("/catalogues/{slug}/print", super::pages::public::print);
    r.get("/catalogues/{slug}/diff", super::pages::public::diff);
    r.post(
        "/catalogues/{slug}/objections/{objection}/decide",
        super::pages::manage::decide_objection,
    );
}
