//! Minutes routes.

use crate::web::register::Routes;

/// Mounts the minutes' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{
        get_public, get_draft, put_draft, add_statement, put_statement, delete_statement, resolve, send, publish,
        get_review, answer, add_rapporteur, remove_rapporteur
    });
    r.get("/venues/{slug}/minutes.pdf", super::pages::pdf);
    r.get("/venues/{slug}/minutes", super::pages::show);
    r.get("/venues/{slug}/minutes/edit", super::pages::edit);
    r.post("/venues/{slug}/minutes/edit", super::pages::save);
    r.post("/venues/{slug}/minutes/statements", super::pages::add_statement);
    r.post("/venues/{slug}/minutes/statements/{id}", super::pages::update_statement);
    r.post("/venues/{slug}/minutes/statements/{id}/delete", super::pages::delete_statement);
    r.post("/venues/{slug}/minutes/statements/{id}/resolve", super::pages::resolve);
    r.post("/venues/{slug}/minutes/send", super::pages::send);
    r.post("/venues/{slug}/minutes/publish", super::pages::publish);
    r.post("/venues/{slug}/minutes/rapporteurs", super::pages::add_rapporteur);
    r.post(
        "/venues/{slug}/minutes/rapporteurs/{user_id}/delete",
        super::pages::remove_rapporteur,
    );
    r.get("/venues/{slug}/minutes/review", super::pages::review);
    r.post("/venues/{slug}/minutes/review/{id}", super::pages::answer);
    r.get("/societies/{slug}/minutes/{year}.pdf", super::volume::pdf);
    r.get("/societies/{slug}/minutes/{year}", super::volume::page);
}
