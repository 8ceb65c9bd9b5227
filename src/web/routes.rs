//! The route table: the service's own routes, then each area's (`<area>/routes.rs`). The same
//! registration mounts the handlers and builds the OpenAPI document (`web::register`).

use actix_web::web;

use super::register::Routes;
use crate::{
    auth, catalogue, evaluation, finals, integrity, jobs, journals, mail, participation, proceedings, programme, review, salons, search,
    societies, submissions, venues,
};

/// Mounts the static files and every route.
pub fn configure(cfg: &mut web::ServiceConfig, static_dir: &std::path::Path) {
    cfg.service(actix_files::Files::new("/static", static_dir));
    register(&mut Routes::mounting(cfg));
}

/// Registers every route: used to mount them and to document them.
pub fn register(r: &mut Routes) {
    crate::api!(r, super::health::{healthz});
    r.get("/api/v1/openapi.json", super::openapi::document);
    r.post("/lang", super::lang_switch::switch);
    search::routes::routes(r);
    auth::routes::routes(r);
    venues::routes::routes(r);
    review::routes::routes(r);
    submissions::routes::routes(r);
    finals::routes::routes(r);
    proceedings::routes::routes(r);
    programme::routes::routes(r);
    participation::routes::routes(r);
    salons::routes::routes(r);
    societies::routes::routes(r);
    journals::routes::routes(r);
    catalogue::routes::routes(r);
    evaluation::routes::routes(r);
    integrity::routes::routes(r);
    jobs::routes::routes(r);
    mail::routes::routes(r);
    crate::oai::routes::routes(r);
}

/// Every registered route, in order (for the route table tests).
pub fn table() -> Vec<super::register::Entry> {
    let mut r = Routes::recording();
    register(&mut r);
    r.entries().to_vec()
}
