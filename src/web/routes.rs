//! The route table: every URL of the service in one place.

use actix_web::web;

use crate::{auth, jobs, mail, submissions, venues};

/// Registers all routes.
pub fn configure(cfg: &mut web::ServiceConfig, static_dir: &std::path::Path) {
    cfg.service(actix_files::Files::new("/static", static_dir))
        .route("/healthz", web::get().to(super::health::healthz))
        .service(
            web::scope("/api/v1")
                .route("/openapi.json", web::get().to(super::openapi::document))
                .route("/session", web::post().to(auth::api::login))
                .route("/session", web::delete().to(auth::api::logout))
                .route("/accounts", web::post().to(auth::api::signup))
                .route("/me", web::get().to(auth::api::me))
                .route("/me", web::patch().to(auth::api::update_me))
                .route("/tokens", web::get().to(auth::api::list_tokens))
                .route("/tokens", web::post().to(auth::api::create_token))
                .route("/tokens/{id}", web::delete().to(auth::api::revoke_token))
                .route("/venues", web::get().to(venues::api::list))
                .route("/venues", web::post().to(venues::api::create))
                .route("/venues/{slug}", web::get().to(venues::api::get))
                .route("/venues/{slug}", web::put().to(venues::api::update))
                .route("/venues/{slug}/call", web::put().to(venues::api::set_call))
                .route(
                    "/venues/{slug}/submissions",
                    web::post().to(submissions::api::create),
                )
                .route(
                    "/venues/{slug}/submissions",
                    web::get().to(submissions::api::for_venue),
                )
                .route("/submissions/{id}", web::get().to(submissions::api::get))
                .route("/submissions/{id}", web::put().to(submissions::api::update))
                .route(
                    "/submissions/{id}/withdraw",
                    web::post().to(submissions::api::withdraw),
                )
                .route("/me/submissions", web::get().to(submissions::api::mine)),
        )
        .route("/", web::get().to(venues::pages::home))
        .route("/lang", web::post().to(super::lang_switch::switch))
        .route("/signup", web::get().to(auth::pages::signup_form))
        .route("/signup", web::post().to(auth::pages::signup_submit))
        .route("/verify", web::get().to(auth::pages::verify))
        .route("/verify/resend", web::post().to(auth::pages::resend))
        .route("/login", web::get().to(auth::pages::login_form))
        .route("/login", web::post().to(auth::pages::login_submit))
        .route("/logout", web::post().to(auth::pages::logout))
        .route("/password/forgot", web::get().to(auth::pages::forgot_form))
        .route(
            "/password/forgot",
            web::post().to(auth::pages::forgot_submit),
        )
        .route("/reset", web::get().to(auth::pages::reset_form))
        .route("/reset", web::post().to(auth::pages::reset_submit))
        .route("/profile", web::get().to(auth::pages::profile_form))
        .route("/profile", web::post().to(auth::pages::profile_submit))
        .route("/tokens", web::get().to(auth::pages::tokens))
        .route("/tokens", web::post().to(auth::pages::token_create))
        .route(
            "/tokens/{id}/revoke",
            web::post().to(auth::pages::token_revoke),
        )
        .route("/venues/new", web::get().to(venues::pages::new_form))
        .route("/venues/new", web::post().to(venues::pages::create))
        .route("/venues/{slug}", web::get().to(venues::pages::show))
        .route(
            "/venues/{slug}/edit",
            web::get().to(venues::pages::edit_form),
        )
        .route("/venues/{slug}/edit", web::post().to(venues::pages::update))
        .route(
            "/venues/{slug}/call/edit",
            web::get().to(venues::pages::call_form),
        )
        .route(
            "/venues/{slug}/call/edit",
            web::post().to(venues::pages::call_save),
        )
        .route(
            "/venues/{slug}/submit",
            web::get().to(submissions::pages::new_form),
        )
        .route(
            "/venues/{slug}/submit",
            web::post().to(submissions::pages::create),
        )
        .route(
            "/venues/{slug}/submissions",
            web::get().to(submissions::pages::table),
        )
        .route(
            "/venues/{slug}/submissions.csv",
            web::get().to(submissions::pages::export_csv),
        )
        .route("/submissions/{id}", web::get().to(submissions::pages::show))
        .route(
            "/submissions/{id}/edit",
            web::get().to(submissions::pages::edit_form),
        )
        .route(
            "/submissions/{id}/edit",
            web::post().to(submissions::pages::update),
        )
        .route(
            "/submissions/{id}/withdraw",
            web::post().to(submissions::pages::withdraw),
        )
        .route(
            "/submissions/{id}/extension",
            web::post().to(submissions::pages::extension),
        )
        .route(
            "/submissions/{id}/files/{file_id}",
            web::get().to(submissions::pages::download),
        )
        .route("/dashboard", web::get().to(submissions::pages::dashboard))
        .route("/admin/jobs", web::get().to(jobs::pages::index))
        .route("/admin/jobs/{id}/retry", web::post().to(jobs::pages::retry))
        .route("/admin/mail", web::get().to(mail::pages::index))
        .route("/admin/mail/test", web::post().to(mail::pages::send_test));
}
