//! The route table: every URL of the service in one place.

use actix_web::web;

use crate::review::{
    affinity, assignment, bids, committee, conflicts, decisions, discussion, expertise, forms, phases, responses, reviews,
};
use crate::{auth, catalogue, jobs, journals, mail, submissions, venues};

/// Registers all routes.
pub fn configure(cfg: &mut web::ServiceConfig, static_dir: &std::path::Path) {
    cfg.service(actix_files::Files::new("/static", static_dir))
        .route("/healthz", web::get().to(super::health::healthz))
        .service(
            web::scope("/api/v1")
                .route("/openapi.json", web::get().to(super::openapi::document))
                .route("/search", web::get().to(crate::search::api::search))
                .route("/session", web::post().to(auth::api::login))
                .route("/session", web::delete().to(auth::api::logout))
                .route("/accounts", web::post().to(auth::api::signup))
                .route("/me", web::get().to(auth::api::me))
                .route("/me", web::patch().to(auth::api::update_me))
                .route("/tokens", web::get().to(auth::api::list_tokens))
                .route("/tokens", web::post().to(auth::api::create_token))
                .route("/tokens", web::delete().to(auth::api::revoke_all_tokens))
                .route("/tokens/{id}", web::delete().to(auth::api::revoke_token))
                .route("/venues", web::get().to(venues::api::list))
                .route("/venues", web::post().to(venues::api::create))
                .route("/venues/{slug}", web::get().to(venues::api::get))
                .route("/venues/{slug}", web::put().to(venues::api::update))
                .route("/venues/{slug}/call", web::put().to(venues::api::set_call))
                .route("/venues/{slug}/call", web::delete().to(venues::api::delete_track_call))
                .route("/venues/{slug}/committee", web::get().to(committee::api::list))
                .route("/venues/{slug}/committee", web::post().to(committee::api::invite))
                .route("/venues/{slug}/committee/{id}", web::delete().to(committee::api::remove))
                .route("/venues/{slug}/committee/{id}/loads", web::put().to(committee::api::set_loads))
                .route("/venues/{slug}/conflicts", web::get().to(conflicts::api::list))
                .route("/venues/{slug}/conflicts", web::post().to(conflicts::api::add))
                .route("/venues/{slug}/conflicts/detect", web::post().to(conflicts::api::detect))
                .route("/venues/{slug}/conflicts/unusual", web::get().to(conflicts::api::unusual))
                .route("/venues/{slug}/conflicts/{id}/confirm", web::post().to(conflicts::api::confirm))
                .route("/venues/{slug}/conflicts/{id}/dismiss", web::post().to(conflicts::api::dismiss))
                .route("/venues/{slug}/my-conflicts", web::post().to(conflicts::api::declare))
                .route("/me/expertise", web::get().to(expertise::api::get))
                .route("/me/expertise", web::put().to(expertise::api::put))
                .route("/me/expertise/import-accepted", web::post().to(expertise::api::import_accepted))
                .route("/venues/{slug}/my-topics", web::get().to(expertise::api::get_topics))
                .route("/venues/{slug}/my-topics", web::put().to(expertise::api::put_topics))
                .route("/venues/{slug}/review-settings", web::get().to(affinity::api::get_settings))
                .route("/venues/{slug}/review-settings", web::put().to(affinity::api::put_settings))
                // The import streams its body after authorizing (`web::body::read_capped`).
                .route("/venues/{slug}/affinities", web::get().to(affinity::api::list))
                .route("/venues/{slug}/affinities", web::post().to(affinity::api::import_csv))
                .route("/venues/{slug}/assignment-runs", web::post().to(assignment::api::run))
                .route("/venues/{slug}/assignment-runs/{id}", web::get().to(assignment::api::get_run))
                .route(
                    "/venues/{slug}/assignment-runs/{id}/commit",
                    web::post().to(assignment::api::commit),
                )
                .route("/venues/{slug}/papers/{id}/demand", web::put().to(assignment::api::set_demand))
                .route("/venues/{slug}/assignments", web::get().to(assignment::api::list))
                .route("/venues/{slug}/assignments", web::post().to(assignment::api::add))
                .route("/venues/{slug}/assignments/{id}", web::delete().to(assignment::api::remove))
                .route("/venues/{slug}/bids", web::get().to(bids::api::list))
                .route("/venues/{slug}/bids/{id}", web::put().to(bids::api::save))
                .route("/venues/{slug}/review-form", web::get().to(forms::api::get))
                .route("/venues/{slug}/review-form", web::put().to(forms::api::put))
                .route("/venues/{slug}/review-form", web::delete().to(forms::api::reset))
                .route("/venues/{slug}/review-phase", web::get().to(phases::api::get))
                .route("/venues/{slug}/review-phase", web::put().to(phases::api::put))
                .route("/me/reviews", web::get().to(reviews::api::tasks))
                .route("/submissions/{id}/reviews", web::get().to(reviews::api::list))
                .route("/submissions/{id}/review", web::put().to(reviews::api::save))
                .route("/submissions/{id}/discussion", web::get().to(discussion::api::list))
                .route("/submissions/{id}/discussion", web::post().to(discussion::api::post))
                .route("/submissions/{id}/discussion/{post}", web::put().to(discussion::api::edit))
                .route("/submissions/{id}/response", web::get().to(responses::api::get))
                .route("/submissions/{id}/response", web::put().to(responses::api::put))
                .route("/submissions/{id}/decision", web::put().to(decisions::api::set))
                .route("/venues/{slug}/decisions", web::get().to(decisions::api::list))
                .route("/venues/{slug}/decisions/notify", web::post().to(decisions::api::notify))
                .route("/invitations/{token}", web::get().to(committee::api::show))
                .route("/invitations/{token}/accept", web::post().to(committee::api::accept))
                .route("/invitations/{token}/decline", web::post().to(committee::api::decline))
                .route("/venues/{slug}/submissions", web::post().to(submissions::api::create))
                .route("/venues/{slug}/submissions", web::get().to(submissions::api::for_venue))
                .route("/submissions/{id}", web::get().to(submissions::api::get))
                .route("/submissions/{id}", web::put().to(submissions::api::update))
                .route("/submissions/{id}/withdraw", web::post().to(submissions::api::withdraw))
                .route("/me/submissions", web::get().to(submissions::api::mine))
                .route("/me/authorships", web::get().to(submissions::api::awaiting))
                .route("/submissions/{id}/authorship", web::post().to(submissions::api::confirm_authorship))
                .route("/journals", web::get().to(journals::api::list))
                .route("/journals", web::post().to(journals::api::create))
                .route("/journals/import", web::post().to(journals::api::import_csv))
                .route("/journals/{id}", web::get().to(journals::api::get))
                .route("/journals/{id}", web::put().to(journals::api::update))
                .route("/journals/{id}/staff", web::get().to(journals::api::staff))
                .route("/journals/{id}/staff", web::post().to(journals::api::add_staff))
                .route("/journals/{id}/staff/{user}", web::delete().to(journals::api::remove_staff))
                .route("/fields", web::get().to(journals::api::fields))
                .route("/fields", web::post().to(journals::api::create_field))
                .route("/catalogues", web::get().to(catalogue::api::list))
                .route("/catalogues", web::post().to(catalogue::api::create))
                .route("/catalogues/{id}", web::get().to(catalogue::api::get))
                .route("/catalogues/{id}", web::put().to(catalogue::api::update))
                .route("/catalogues/{id}/phase", web::post().to(catalogue::api::phase))
                .route("/catalogues/{id}/nominations", web::post().to(catalogue::api::nominate))
                .route("/catalogues/{id}/ballot", web::get().to(catalogue::api::get_ballot))
                .route("/catalogues/{id}/votes/{journal}", web::put().to(catalogue::api::vote))
                .route("/catalogues/{id}/conflicts", web::post().to(catalogue::api::conflict))
                .route("/catalogues/{id}/panel", web::get().to(catalogue::api::get_panel))
                .route("/catalogues/{id}/panel", web::post().to(catalogue::api::add_members))
                .route("/catalogues/{id}/panel/{user}", web::delete().to(catalogue::api::remove_member))
                // CSV imports stream their bodies after authorizing (`web::body::read_capped`).
                .route(
                    "/catalogues/{id}/indicator-values",
                    web::post().to(catalogue::api::import_indicators),
                )
                .route("/catalogues/{id}/proposal", web::get().to(catalogue::api::get_proposal))
                .route("/catalogues/{id}/overrides/{journal}", web::put().to(catalogue::api::set_override))
                .route(
                    "/catalogues/{id}/overrides/{journal}",
                    web::delete().to(catalogue::api::clear_override),
                )
                .route("/catalogues/{id}/audit", web::get().to(catalogue::api::get_audit))
                .route("/catalogues/{id}/entries.csv", web::get().to(catalogue::api::entries_csv))
                .route("/catalogues/{id}/entries.xlsx", web::get().to(catalogue::api::entries_xlsx))
                .route("/catalogues/{id}/diff", web::get().to(catalogue::api::diff))
                .route("/journals/{id}/catalogues", web::get().to(catalogue::api::journal_history))
                .route("/catalogues/{id}/proposals", web::get().to(catalogue::api::proposals))
                .route("/catalogues/{id}/proposals", web::post().to(catalogue::api::propose))
                .route(
                    "/catalogues/{id}/proposals/{proposal}/decision",
                    web::post().to(catalogue::api::resolve_proposal),
                )
                .route("/catalogues/{id}/objections", web::get().to(catalogue::api::objections))
                .route("/catalogues/{id}/objections", web::post().to(catalogue::api::object))
                .route(
                    "/catalogues/{id}/objections/{objection}/decision",
                    web::post().to(catalogue::api::decide_objection),
                ),
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
        .route("/password/forgot", web::post().to(auth::pages::forgot_submit))
        .route("/reset", web::get().to(auth::pages::reset_form))
        .route("/reset", web::post().to(auth::pages::reset_submit))
        .route("/profile", web::get().to(auth::pages::profile_form))
        .route("/profile", web::post().to(auth::pages::profile_submit))
        .route("/tokens", web::get().to(auth::pages::tokens))
        .route("/tokens", web::post().to(auth::pages::token_create))
        .route("/tokens/revoke-all", web::post().to(auth::pages::token_revoke_all))
        .route("/tokens/{id}/revoke", web::post().to(auth::pages::token_revoke))
        .route("/journals", web::get().to(journals::pages::index))
        .route("/journals/new", web::get().to(journals::pages::new_form))
        .route("/journals/new", web::post().to(journals::pages::create))
        .route("/journals/import", web::get().to(journals::pages::import_form))
        .route("/journals/import", web::post().to(journals::pages::import_submit))
        .route("/journals/{id}", web::get().to(journals::pages::show))
        .route("/journals/{id}/edit", web::get().to(journals::pages::edit_form))
        .route("/journals/{id}/edit", web::post().to(journals::pages::update))
        .route("/journals/{id}/staff", web::post().to(journals::pages::add_staff))
        .route("/journals/{id}/staff/{user}/remove", web::post().to(journals::pages::remove_staff))
        .route("/fields", web::get().to(journals::pages::fields))
        .route("/fields", web::post().to(journals::pages::create_field))
        .route("/catalogues", web::get().to(catalogue::pages::public::index))
        .route("/catalogues/new", web::get().to(catalogue::pages::manage::new_form))
        .route("/catalogues/new", web::post().to(catalogue::pages::manage::create))
        .route("/catalogues/{slug}", web::get().to(catalogue::pages::public::show))
        .route("/catalogues/{slug}/nominate", web::post().to(catalogue::pages::public::nominate))
        .route("/catalogues/{slug}/manage", web::get().to(catalogue::pages::manage::manage))
        .route("/catalogues/{slug}/manage", web::post().to(catalogue::pages::manage::save))
        .route("/catalogues/{slug}/phase", web::post().to(catalogue::pages::manage::phase))
        .route("/catalogues/{slug}/panel", web::post().to(catalogue::pages::manage::add_members))
        .route(
            "/catalogues/{slug}/panel/{user}/remove",
            web::post().to(catalogue::pages::manage::remove_member),
        )
        .route(
            "/catalogues/{slug}/indicators",
            web::post().to(catalogue::pages::manage::import_indicators),
        )
        .route(
            "/catalogues/{slug}/proposal",
            web::get().to(catalogue::pages::manage::proposal_page),
        )
        .route(
            "/catalogues/{slug}/overrides/{journal}",
            web::post().to(catalogue::pages::manage::override_tier),
        )
        .route("/catalogues/{slug}/audit", web::get().to(catalogue::pages::manage::audit_page))
        .route("/catalogues/{slug}/vote", web::get().to(catalogue::pages::vote::ballot_page))
        .route("/catalogues/{slug}/vote", web::post().to(catalogue::pages::vote::save))
        .route("/catalogues/{slug}/conflicts", web::post().to(catalogue::pages::vote::declare))
        .route("/catalogues/{slug}/objections", web::post().to(catalogue::pages::public::object))
        .route("/catalogues/{slug}/proposals", web::post().to(catalogue::pages::public::propose))
        .route(
            "/catalogues/{slug}/proposals/{proposal}/resolve",
            web::post().to(catalogue::pages::manage::resolve_proposal),
        )
        .route(
            "/catalogues/{slug}/catalogue.{format}",
            web::get().to(catalogue::pages::public::export),
        )
        .route("/catalogues/{slug}/print", web::get().to(catalogue::pages::public::print))
        .route("/catalogues/{slug}/diff", web::get().to(catalogue::pages::public::diff))
        .route(
            "/catalogues/{slug}/objections/{objection}/decide",
            web::post().to(catalogue::pages::manage::decide_objection),
        )
        .route("/venues/new", web::get().to(venues::pages::new_form))
        .route("/venues/new", web::post().to(venues::pages::create))
        .route("/venues/{slug}", web::get().to(venues::pages::show))
        .route("/venues/{slug}/edit", web::get().to(venues::pages::edit_form))
        .route("/venues/{slug}/edit", web::post().to(venues::pages::update))
        .route("/venues/{slug}/call/edit", web::get().to(venues::pages::call_form))
        .route("/venues/{slug}/call/edit", web::post().to(venues::pages::call_save))
        .route("/venues/{slug}/call/delete", web::post().to(venues::pages::call_delete))
        .route("/venues/{slug}/committee", web::get().to(committee::pages::index))
        .route("/venues/{slug}/committee/invite", web::post().to(committee::pages::invite))
        .route("/venues/{slug}/committee/{id}/remove", web::post().to(committee::pages::remove))
        .route("/venues/{slug}/committee/{id}/loads", web::post().to(committee::pages::set_loads))
        .route("/profile/expertise", web::get().to(expertise::pages::index))
        .route("/profile/expertise", web::post().to(expertise::pages::save_keywords))
        .route("/profile/papers", web::post().to(expertise::pages::add_paper))
        .route("/profile/papers/import", web::post().to(expertise::pages::import_accepted))
        .route("/profile/papers/{id}/delete", web::post().to(expertise::pages::delete_paper))
        .route("/venues/{slug}/my-topics", web::post().to(expertise::pages::save_topics))
        .route("/venues/{slug}/assignment", web::get().to(assignment::pages::index))
        .route(
            "/venues/{slug}/assignment/settings",
            web::post().to(assignment::pages::save_settings),
        )
        .route("/venues/{slug}/assignment/run", web::post().to(assignment::pages::run))
        .route("/venues/{slug}/assignment/demand", web::post().to(assignment::pages::set_demand))
        .route(
            "/venues/{slug}/assignment/runs/{id}/commit",
            web::post().to(assignment::pages::commit),
        )
        .route("/venues/{slug}/assignments", web::post().to(assignment::pages::add))
        .route("/venues/{slug}/assignments/{id}/remove", web::post().to(assignment::pages::remove))
        .route("/venues/{slug}/bids", web::get().to(bids::pages::index))
        .route("/venues/{slug}/bids/{id}", web::post().to(bids::pages::save))
        .route("/venues/{slug}/conflicts", web::get().to(conflicts::pages::index))
        .route("/venues/{slug}/conflicts/detect", web::post().to(conflicts::pages::detect))
        .route("/venues/{slug}/conflicts/{id}/confirm", web::post().to(conflicts::pages::confirm))
        .route("/venues/{slug}/conflicts/{id}/dismiss", web::post().to(conflicts::pages::dismiss))
        .route("/venues/{slug}/review-setup", web::get().to(phases::pages::index))
        .route("/venues/{slug}/review-phase", web::post().to(phases::pages::save))
        .route("/venues/{slug}/review-form", web::post().to(forms::pages::save))
        .route("/venues/{slug}/review-form/reset", web::post().to(forms::pages::reset))
        .route("/reviews", web::get().to(reviews::pages::tasks))
        .route("/search", web::get().to(crate::search::pages::index))
        .route("/submissions/{id}/review", web::get().to(reviews::pages::show))
        .route("/submissions/{id}/review", web::post().to(reviews::pages::save))
        .route("/submissions/{id}/review/paper.pdf", web::get().to(reviews::paper_pdf::download))
        .route("/submissions/{id}/discussion", web::post().to(discussion::pages::post))
        .route("/submissions/{id}/discussion/{post}", web::post().to(discussion::pages::edit))
        .route("/submissions/{id}/response", web::post().to(responses::pages::save))
        .route("/venues/{slug}/decisions", web::get().to(decisions::pages::index))
        .route("/venues/{slug}/decisions", web::post().to(decisions::pages::save))
        .route("/venues/{slug}/decisions/notify", web::post().to(decisions::pages::notify))
        .route("/invitations/{token}", web::get().to(committee::pages::show))
        .route("/invitations/{token}/accept", web::post().to(committee::pages::accept))
        .route("/invitations/{token}/decline", web::post().to(committee::pages::decline))
        .route("/venues/{slug}/submit", web::get().to(submissions::pages::new_form))
        .route("/venues/{slug}/submit", web::post().to(submissions::pages::create))
        .route("/venues/{slug}/submissions", web::get().to(submissions::pages::table))
        .route("/venues/{slug}/submissions.csv", web::get().to(submissions::pages::export_csv))
        .route("/venues/{slug}/submissions.xlsx", web::get().to(submissions::pages::export_xlsx))
        .route("/venues/{slug}/submissions.zip", web::get().to(submissions::pages::export_zip))
        .route("/submissions/{id}", web::get().to(submissions::pages::show))
        .route("/submissions/{id}/edit", web::get().to(submissions::pages::edit_form))
        .route("/submissions/{id}/edit", web::post().to(submissions::pages::update))
        .route("/submissions/{id}/withdraw", web::post().to(submissions::pages::withdraw))
        .route(
            "/submissions/{id}/authorship",
            web::post().to(submissions::pages::confirm_authorship),
        )
        .route("/submissions/{id}/extension", web::post().to(submissions::pages::extension))
        .route("/submissions/{id}/files/{file_id}", web::get().to(submissions::pages::download))
        .route("/dashboard", web::get().to(submissions::pages::dashboard))
        .route("/admin/jobs", web::get().to(jobs::pages::index))
        .route("/admin/jobs/{id}/retry", web::post().to(jobs::pages::retry))
        .route("/admin/jobs/{id}/cancel", web::post().to(jobs::pages::cancel))
        .route("/admin/mail", web::get().to(mail::pages::index))
        .route("/admin/mail/test", web::post().to(mail::pages::send_test));
}
