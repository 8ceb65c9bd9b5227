//! JSON API of salons: the public facts, the rules' numbers and lead scientists (chairs), and
//! the applications with their balance (lead scientists and chairs).

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::rules::Rules;
use super::validate::{LeadScientistInput, SalonDecisionInput, SalonRulesInput};
use super::view::{ApplicationsView, LeadScientistView, SalonView};
use super::{service, validate, view};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::guard::salon::as_lead;
use crate::participation::registration::service::Invited;
use crate::participation::registration::validate::InviteGuestsInput;
use crate::web::AppState;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// A salon's rules, lead scientists and number of participants (404 for a venue that is not a
/// salon).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/salon", tag = "salons",
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = SalonView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: MaybeUser, path: web::Path<String>) -> AppResult<web::Json<SalonView>> {
    let slug = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let v = crate::guard::venue::visible(c, user.0.as_ref(), &slug)?;
                view::salon(c, &v, false)
            })
            .await?,
    ))
}

/// Sets the salon's numbers (chairs); absent numbers take the rules' defaults.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/salon/rules", tag = "salons", security(("bearer" = [])),
    request_body = SalonRulesInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Rules), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_rules(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<SalonRulesInput>,
) -> AppResult<web::Json<Rules>> {
    let rules = validate::rules(&body)?;
    as_chair(&state, &user, path.into_inner(), move |c, ch| {
        service::save_rules(c, ch, &rules, now())
    })
    .await?;
    Ok(web::Json(rules))
}

/// The salon's lead scientists with their addresses (chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/salon/lead-scientists", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Vec<LeadScientistView>), (status = 404, body = ErrorBody)))]
pub async fn lead_scientists(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<web::Json<Vec<LeadScientistView>>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            Ok(view::salon(c, &ch.venue, true)?.lead_scientists)
        })
        .await?,
    ))
}

/// Names an account a lead scientist of the salon (chairs); they are mailed in their language.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/salon/lead-scientists", tag = "salons", security(("bearer" = [])),
    request_body = LeadScientistInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = LeadScientistView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_lead(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<LeadScientistInput>,
) -> AppResult<HttpResponse> {
    let email = validate::email(&body)?;
    let st = state.get_ref().clone();
    let u = as_chair(&state, &user, path.into_inner(), move |c, ch| service::add_lead(c, &st, ch, &email)).await?;
    Ok(HttpResponse::Created().json(LeadScientistView {
        user_id: u.id,
        name: u.display_name(),
        affiliation: u.affiliation.clone(),
        email: Some(u.email.clone()),
    }))
}

/// Takes the lead scientist role away (chairs).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/salon/lead-scientists/{user_id}", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("user_id" = i64, Path, description = "account id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove_lead(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    as_chair(&state, &user, slug, move |c, ch| service::remove_lead(c, ch, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The salon's applications and participants with the balance rules (lead scientists and
/// chairs; ages only as groups).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/salon/applications", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ApplicationsView), (status = 404, body = ErrorBody)))]
pub async fn applications(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<web::Json<ApplicationsView>> {
    Ok(web::Json(
        as_lead(&state, &user, path.into_inner(), move |c, l| view::applications(c, l, now())).await?,
    ))
}

/// Approves or declines an application (lead scientists and chairs). A decline needs a reason;
/// an approval that breaks a balance rule needs `override_reason`, recorded. The applicant is
/// mailed the decision and the reason.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/salon/applications/{id}/decision", tag = "salons", security(("bearer" = [])),
    request_body = SalonDecisionInput, params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "registration id")),
    responses((status = 200, body = ApplicationsView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<SalonDecisionInput>,
) -> AppResult<web::Json<ApplicationsView>> {
    let d = validate::decision(&body)?;
    let (slug, id) = path.into_inner();
    let st = state.get_ref().clone();
    Ok(web::Json(
        as_lead(&state, &user, slug, move |c, l| {
            service::decide(c, &st, l, id, &d, now())?;
            view::applications(c, l, now())
        })
        .await?,
    ))
}

/// Invites people to the salon by address (lead scientists and chairs): each gets a personal
/// link and joins without approval.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/salon/invitations", tag = "salons", security(("bearer" = [])),
    request_body = InviteGuestsInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Invited), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn invite(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<InviteGuestsInput>,
) -> AppResult<web::Json<Invited>> {
    let input = body.into_inner();
    let st = state.get_ref().clone();
    Ok(web::Json(
        as_lead(&state, &user, path.into_inner(), move |c, l| {
            service::invite(c, &st, l, &input, now())
        })
        .await?,
    ))
}
