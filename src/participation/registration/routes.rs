//! Registration routes.

use crate::web::register::Routes;

/// Mounts registration's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{list_forms, create_form, get_form, update_form, delete_form, close_form, register, list_registrations,
        mine, get, cancel, confirm, decide, set_fee, invite_guests, invite_speakers, register_invited});
    r.get("/venues/{slug}/registration", super::pages::index);
    r.get("/venues/{slug}/registration/new", super::pages::new_form);
    r.post("/venues/{slug}/registration/new", super::pages::create_form);
    r.get("/venues/{slug}/registration/{id}", super::pages::form_page);
    r.post("/venues/{slug}/registration/{id}", super::pages::register);
    r.get("/venues/{slug}/registration/{id}/edit", super::pages::edit_form);
    r.post("/venues/{slug}/registration/{id}/edit", super::pages::update_form);
    r.post("/venues/{slug}/registration/{id}/close", super::pages::close_form);
    r.post("/venues/{slug}/registration/{id}/delete", super::pages::delete_form);
    r.get("/venues/{slug}/registration/{id}/list", super::pages::list);
    r.post("/venues/{slug}/registration/{id}/guests", super::pages::invite_guests);
    r.post("/venues/{slug}/registration/{id}/speakers", super::pages::invite_speakers);
    r.get("/venues/{slug}/registration/{id}/registrations.csv", super::pages::export_csv);
    r.get("/venues/{slug}/registration/{id}/registrations.xlsx", super::pages::export_xlsx);
    r.get("/registrations/invitations/{token}", super::pages::invitation);
    r.post("/registrations/invitations/{token}", super::pages::register_invited);
    r.get("/registrations/{id}", super::pages::show);
    r.post("/registrations/{id}/cancel", super::pages::cancel);
    r.post("/registrations/{id}/confirm", super::pages::confirm);
    r.post("/registrations/{id}/decide", super::pages::decide);
    r.post("/registrations/{id}/fee", super::pages::fee);
}
