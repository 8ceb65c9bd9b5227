//! Issue routes.

use crate::web::register::Routes;

/// Mounts the issues' API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{list, create, get, update, delete, schedule, unschedule, move_article, number, publish, cover, crossref, deposit_crossref, crossref_deposits});
    r.get("/journals/{id}/issues", super::pages::index);
    r.post("/journals/{id}/issues", super::pages::create);
    r.get("/journals/{id}/issues/{issue}", super::pages::show);
    r.post("/journals/{id}/issues/{issue}", super::pages::update);
    r.post("/journals/{id}/issues/{issue}/articles", super::pages::schedule);
    r.post("/journals/{id}/issues/{issue}/articles/{article}/remove", super::pages::unschedule);
    r.post("/journals/{id}/issues/{issue}/articles/{article}/move", super::pages::move_article);
    r.post("/journals/{id}/issues/{issue}/numbering", super::pages::number);
    r.post("/journals/{id}/issues/{issue}/publish", super::pages::publish);
    r.post("/journals/{id}/issues/{issue}/delete", super::pages::delete);
    r.get("/journals/{id}/issues/{issue}/cover", super::pages::cover_image);
    r.get("/journals/{id}/issues/{issue}/crossref.xml", super::pages::crossref);
    r.post("/journals/{id}/issues/{issue}/crossref/deposit", super::pages::deposit);
    r.post("/journals/{id}/issues/{issue}/cover", super::pages::cover);
}
