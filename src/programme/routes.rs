//! Programme: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations, exports and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{get, get_draft, add_room, update_room, delete_room, add_session, update_session, delete_session,
        add_slot, update_slot, move_slot, delete_slot, set_defaults, releases, publish, get_availability, add_unavailability,
        delete_unavailability, propose, get_proposal, accept_proposal, discard_proposal});
    r.get("/venues/{slug}/programme/schedule.json", super::public::schedule_json);
    r.get("/venues/{slug}/programme/schedule.xml", super::public::schedule_xml);
    r.get("/venues/{slug}/programme/schedule.ics", super::public::schedule_ics);
    r.get("/venues/{slug}/programme/timetable.csv", super::public::timetable_csv);
    r.get("/venues/{slug}/programme/timetable.xlsx", super::public::timetable_xlsx);
    r.get("/venues/{slug}/programme/rooms/{id}.ics", super::public::room_ics);
    r.get("/venues/{slug}/programme/tracks/{id}.ics", super::public::track_ics);
    r.get("/venues/{slug}/programme/sessions/{id}.ics", super::public::session_ics);
    r.get("/venues/{slug}/programme/talks/{id}.ics", super::public::talk_ics);
    r.get("/venues/{slug}/programme/changes.atom", super::public_pages::changes_atom);
    r.get("/venues/{slug}/programme", super::public_pages::programme);
    r.get("/venues/{slug}/programme/edit", super::pages::editor);
    r.post("/venues/{slug}/programme/edit/sessions", super::pages::add_session);
    r.get("/venues/{slug}/programme/edit/sessions/{id}", super::pages::session_form);
    r.post("/venues/{slug}/programme/edit/sessions/{id}", super::pages::save_session);
    r.post("/venues/{slug}/programme/edit/sessions/{id}/delete", super::pages::delete_session);
    r.post("/venues/{slug}/programme/edit/sessions/{id}/resize", super::pages::resize_session);
    r.post("/venues/{slug}/programme/edit/slots", super::pages::add_slot);
    r.get("/venues/{slug}/programme/edit/slots/{id}", super::pages::slot_form);
    r.post("/venues/{slug}/programme/edit/slots/{id}", super::pages::save_slot);
    r.post("/venues/{slug}/programme/edit/slots/{id}/move", super::pages::move_slot);
    r.post("/venues/{slug}/programme/edit/slots/{id}/delete", super::pages::delete_slot);
    r.post("/venues/{slug}/programme/propose", super::pages::propose);
    r.get("/venues/{slug}/programme/proposals/{id}", super::pages::proposal);
    r.post("/venues/{slug}/programme/proposals/{id}/accept", super::pages::accept_proposal);
    r.post("/venues/{slug}/programme/proposals/{id}/discard", super::pages::discard_proposal);
    r.get("/venues/{slug}/programme/rooms", super::pages::rooms);
    r.post("/venues/{slug}/programme/rooms", super::pages::save_rooms);
    r.get("/venues/{slug}/programme/publish", super::pages::publish_form);
    r.post("/venues/{slug}/programme/publish", super::pages::publish);
    r.get("/venues/{slug}/programme/availability", super::pages::availability);
    r.post("/venues/{slug}/programme/availability", super::pages::add_busy);
    r.post("/venues/{slug}/programme/availability/{id}/delete", super::pages::delete_busy);
    r.get("/venues/{slug}/programme/changes", super::public_pages::changes);
    r.get("/venues/{slug}/programme/sessions/{id}", super::public_pages::session);
    r.get("/venues/{slug}/programme/talks/{id}", super::public_pages::talk);
}
