//! The OpenAPI document, generated from the handlers' annotations.

use actix_web::HttpResponse;
use utoipa::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};

/// Adds the bearer-token scheme.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "xuehui API", description = "Academic conference and journal management. Authenticate with a personal API token (`Authorization: Bearer xh_...`) or the session cookie set by `POST /api/v1/session`."),
    paths(
        crate::web::health::healthz,
        crate::auth::api::login,
        crate::auth::api::logout,
        crate::auth::api::signup,
        crate::auth::api::me,
        crate::auth::api::update_me,
        crate::auth::api::list_tokens,
        crate::auth::api::create_token,
        crate::auth::api::revoke_token,
        crate::auth::api::revoke_all_tokens,
        crate::venues::api::list,
        crate::venues::api::get,
        crate::venues::api::create,
        crate::venues::api::update,
        crate::venues::api::set_call,
        crate::venues::api::delete_track_call,
        crate::review::committee::api::list,
        crate::review::committee::api::invite,
        crate::review::committee::api::remove,
        crate::review::committee::api::set_loads,
        crate::review::committee::api::show,
        crate::review::committee::api::accept,
        crate::review::committee::api::decline,
        crate::review::conflicts::api::list,
        crate::review::conflicts::api::add,
        crate::review::conflicts::api::detect,
        crate::review::conflicts::api::confirm,
        crate::review::conflicts::api::dismiss,
        crate::review::conflicts::api::declare,
        crate::review::conflicts::api::unusual,
        crate::review::expertise::api::get,
        crate::review::expertise::api::put,
        crate::review::expertise::api::import_accepted,
        crate::review::expertise::api::get_topics,
        crate::review::expertise::api::put_topics,
        crate::review::affinity::api::get_settings,
        crate::review::affinity::api::put_settings,
        crate::review::affinity::api::import_csv,
        crate::review::affinity::api::list,
        crate::review::assignment::api::run,
        crate::review::assignment::api::get_run,
        crate::review::assignment::api::commit,
        crate::review::assignment::api::set_demand,
        crate::review::assignment::api::list,
        crate::review::assignment::api::add,
        crate::review::assignment::api::remove,
        crate::review::bids::api::list,
        crate::review::bids::api::save,
        crate::review::forms::api::get,
        crate::review::forms::api::put,
        crate::review::forms::api::reset,
        crate::review::phases::api::get,
        crate::review::phases::api::put,
        crate::review::reviews::api::tasks,
        crate::review::reviews::api::list,
        crate::review::reviews::api::save,
        crate::review::discussion::api::list,
        crate::review::discussion::api::post,
        crate::review::discussion::api::edit,
        crate::review::responses::api::get,
        crate::review::responses::api::put,
        crate::review::decisions::api::list,
        crate::review::decisions::api::set,
        crate::review::decisions::api::notify,
        crate::search::api::search,
        crate::journals::api::list,
        crate::journals::api::get,
        crate::journals::api::create,
        crate::journals::api::update,
        crate::journals::api::import_csv,
        crate::journals::api::fields,
        crate::journals::api::create_field,
        crate::journals::api::staff,
        crate::journals::api::add_staff,
        crate::journals::api::remove_staff,
        crate::catalogue::api::list,
        crate::catalogue::api::get,
        crate::catalogue::api::create,
        crate::catalogue::api::update,
        crate::catalogue::api::phase,
        crate::catalogue::api::nominate,
        crate::catalogue::api::get_ballot,
        crate::catalogue::api::vote,
        crate::catalogue::api::conflict,
        crate::catalogue::api::get_panel,
        crate::catalogue::api::add_members,
        crate::catalogue::api::remove_member,
        crate::catalogue::api::import_indicators,
        crate::catalogue::api::get_proposal,
        crate::catalogue::api::set_override,
        crate::catalogue::api::clear_override,
        crate::catalogue::api::get_audit,
        crate::catalogue::api::object,
        crate::catalogue::api::objections,
        crate::catalogue::api::decide_objection,
        crate::catalogue::api::entries_csv,
        crate::catalogue::api::entries_xlsx,
        crate::catalogue::api::diff,
        crate::catalogue::api::journal_history,
        crate::catalogue::api::propose,
        crate::catalogue::api::proposals,
        crate::catalogue::api::resolve_proposal,
        crate::submissions::api::create,
        crate::submissions::api::get,
        crate::submissions::api::update,
        crate::submissions::api::withdraw,
        crate::submissions::api::mine,
        crate::submissions::api::awaiting,
        crate::submissions::api::confirm_authorship,
        crate::submissions::api::for_venue,
    ),
    modifiers(&BearerAuth),
    tags((name = "system"), (name = "accounts"), (name = "venues"), (name = "submissions"), (name = "review"), (name = "search"), (name = "journals"), (name = "catalogues"))
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
