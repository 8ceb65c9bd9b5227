//! JSON API of registration: forms (everyone reads a visible venue's; chairs write), registering,
//! a person's own registrations, and the chairs' list, decisions, fees and invitations.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::model::Registration;
use super::service::{self, Invited};
use super::store;
use super::validate::{self, FeeInput, InviteGuestsInput, ListQuery, RegisterInput, RegistrationFormInput};
use super::view::{self, Reader, RegistrationFormView, RegistrationList, RegistrationView};
use crate::auth::{CurrentUser, MaybeUser};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// The venue's registration forms (any visible venue; a draft venue only for its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/registration-forms", tag = "participation",
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Vec<RegistrationFormView>), (status = 404, body = ErrorBody)))]
pub async fn list_forms(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
) -> AppResult<web::Json<Vec<RegistrationFormView>>> {
    let slug = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let venue = crate::guard::venue::visible(c, user.0.as_ref(), &slug)?;
                view::forms(c, &venue, now())
            })
            .await?,
    ))
}

/// One registration form.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/registration-forms/{id}", tag = "participation",
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "form id")),
    responses((status = 200, body = RegistrationFormView), (status = 404, body = ErrorBody)))]
pub async fn get_form(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<(String, i64)>,
) -> AppResult<web::Json<RegistrationFormView>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let venue = crate::guard::venue::visible(c, user.0.as_ref(), &slug)?;
                let f = store::form(c, venue.id, id)?;
                view::form_view(c, &venue, &f, now())
            })
            .await?,
    ))
}

/// Opens registration for the venue, one of its tracks or one programme session (chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/registration-forms", tag = "participation", security(("bearer" = [])),
    request_body = RegistrationFormInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = RegistrationFormView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<RegistrationFormInput>,
) -> AppResult<HttpResponse> {
    let (input, st) = (body.into_inner(), state.get_ref().clone());
    let v = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let id = service::save_form(c, &st, ch, None, &input, now())?;
        let f = store::form(c, ch.venue.id, id)?;
        view::form_view(c, &ch.venue, &f, now())
    })
    .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Changes a form (chairs). Send the `version` you loaded: a form changed since answers 409.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/registration-forms/{id}", tag = "participation", security(("bearer" = [])),
    request_body = RegistrationFormInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "form id")),
    responses((status = 200, body = RegistrationFormView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<RegistrationFormInput>,
) -> AppResult<web::Json<RegistrationFormView>> {
    let ((slug, id), input, st) = (path.into_inner(), body.into_inner(), state.get_ref().clone());
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::save_form(c, &st, ch, Some(id), &input, now())?;
            let f = store::form(c, ch.venue.id, id)?;
            view::form_view(c, &ch.venue, &f, now())
        })
        .await?,
    ))
}

/// Deletes a form nobody registered on (chairs); one with registrations answers 409 (close it instead).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/registration-forms/{id}", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "form id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete_form(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    as_chair(&state, &user, slug, move |c, ch| service::delete_form(c, ch, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Closes a form now (chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/registration-forms/{id}/close", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "form id")),
    responses((status = 200, body = RegistrationFormView), (status = 404, body = ErrorBody)))]
pub async fn close_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<web::Json<RegistrationFormView>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            service::close_form(c, ch, id, now())?;
            let f = store::form(c, ch.venue.id, id)?;
            view::form_view(c, &ch.venue, &f, now())
        })
        .await?,
    ))
}

/// Registers the caller. Full forms put new registrants on the waiting list in order; forms
/// with approval hold them as `pending`. 409 when already registered, not open or closed.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/registration-forms/{id}/registrations", tag = "participation", security(("bearer" = [])),
    request_body = RegisterInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "form id")),
    responses((status = 201, body = RegistrationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn register(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<RegisterInput>,
) -> AppResult<HttpResponse> {
    let ((slug, id), input, st) = (path.into_inner(), body.into_inner(), state.get_ref().clone());
    let u = user.user.clone();
    let v = state
        .db
        .tx(move |c| {
            let venue = crate::guard::venue::visible(c, Some(&u), &slug)?;
            let f = store::form(c, venue.id, id)?;
            let rid = service::register(c, &st, &u, &f, &input, None, now())?;
            {
                let r = store::registration(c, rid)?;
                view::own_view(c, &r, &f)
            }
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// The chairs' list of a form, with filters, counts per category and the participants' spread.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/registration-forms/{id}/registrations", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "form id"), ListQuery),
    responses((status = 200, body = RegistrationList), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_registrations(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    q: web::Query<ListQuery>,
) -> AppResult<web::Json<RegistrationList>> {
    let (slug, id) = path.into_inner();
    let filter = validate::filter(&q.into_inner())?;
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            let f = store::form(c, ch.venue.id, id)?;
            view::list(c, &ch.venue, &f, &filter, now())
        })
        .await?,
    ))
}

/// The caller's registrations.
#[utoipa::path(get, path = "/api/v1/registrations", tag = "participation", security(("bearer" = [])),
    responses((status = 200, body = Vec<RegistrationView>)))]
pub async fn mine(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<Vec<RegistrationView>>> {
    let id = user.user.id;
    Ok(web::Json(state.db.run(move |c| view::mine(c, id)).await?))
}

/// Who may act on a registration: its registrant, or the chairs of its venue.
enum Holder {
    Registrant,
    Chair(Box<crate::guard::venue::Chair>),
}

/// The registration and the caller's part in it; 404 for anyone else.
fn holder(c: &mut AnyConnection, user: &crate::auth::User, id: i64) -> AppResult<(Registration, super::model::Form, Holder)> {
    let r = store::registration(c, id)?;
    let f = store::form_by_id(c, r.form_id)?;
    if r.user_id == user.id {
        return Ok((r, f, Holder::Registrant));
    }
    let venue = crate::venues::store::by_id(c, f.venue_id)?;
    let ch = crate::guard::venue::chair_of(c, user, venue).map_err(|_| AppError::NotFound)?;
    Ok((r, f, Holder::Chair(Box::new(ch))))
}

fn answer(c: &mut AnyConnection, id: i64, who: &Holder) -> AppResult<RegistrationView> {
    let r = store::registration(c, id)?;
    let f = store::form_by_id(c, r.form_id)?;
    match who {
        Holder::Registrant => view::own_view(c, &r, &f),
        Holder::Chair(ch) => {
            let email = crate::auth::store::by_id(c, r.user_id)?.email;
            let categories = store::categories(c, f.id)?;
            view::registration_view(c, &r, &f, &categories, &ch.venue.slug, Reader::Organisers, Some(email))
        }
    }
}

/// One registration (its registrant or the venue's chairs).
#[utoipa::path(get, path = "/api/v1/registrations/{id}", tag = "participation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "registration id")),
    responses((status = 200, body = RegistrationView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<RegistrationView>> {
    let (id, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let (_, _, who) = holder(c, &u, id)?;
                answer(c, id, &who)
            })
            .await?,
    ))
}

/// Cancels a registration (its registrant or the venue's chairs); the place goes to the first person waiting.
#[utoipa::path(post, path = "/api/v1/registrations/{id}/cancel", tag = "participation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "registration id")),
    responses((status = 200, body = RegistrationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn cancel(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<RegistrationView>> {
    let (id, u, st) = (path.into_inner(), user.user.clone(), state.get_ref().clone());
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let (r, _, who) = holder(c, &u, id)?;
                service::cancel(c, &st, &r, matches!(who, Holder::Chair(_)), now())?;
                answer(c, id, &who)
            })
            .await?,
    ))
}

/// Confirms an offered place before its deadline (the registrant).
#[utoipa::path(post, path = "/api/v1/registrations/{id}/confirm", tag = "participation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "registration id")),
    responses((status = 200, body = RegistrationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn confirm(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<RegistrationView>> {
    let (id, u, st) = (path.into_inner(), user.user.clone(), state.get_ref().clone());
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let (r, f) = service::own(c, &u, id)?;
                service::confirm_offer(c, &st, &r, now())?;
                {
                    let r = store::registration(c, id)?;
                    view::own_view(c, &r, &f)
                }
            })
            .await?,
    ))
}

/// The chairs' decision on a pending registration.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct RegistrationDecision {
    /// `true` to approve (a place, or the waiting list when full), `false` to refuse.
    #[serde(default)]
    pub approve: bool,
    /// The reason, mailed to the registrant (optional; at most 2,000 characters).
    #[serde(default)]
    pub note: String,
}

/// Approves or refuses a pending registration (the venue's chairs).
#[utoipa::path(post, path = "/api/v1/registrations/{id}/decision", tag = "participation", security(("bearer" = [])),
    request_body = RegistrationDecision, params(("id" = i64, Path, description = "registration id")),
    responses((status = 200, body = RegistrationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<RegistrationDecision>,
) -> AppResult<web::Json<RegistrationView>> {
    let body = body.into_inner();
    let note = super::validate::decision_note(&body.note)?;
    let (id, u, st, approve) = (path.into_inner(), user.user.clone(), state.get_ref().clone(), body.approve);
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let (r, _, who) = chair_holder(c, &u, id)?;
                service::decide_listed(c, &st, &r, approve, &note, now())?;
                answer(c, id, &who)
            })
            .await?,
    ))
}

fn chair_holder(c: &mut AnyConnection, user: &crate::auth::User, id: i64) -> AppResult<(Registration, super::model::Form, Holder)> {
    let r = store::registration(c, id)?;
    let f = store::form_by_id(c, r.form_id)?;
    let venue = crate::venues::store::by_id(c, f.venue_id)?;
    let ch = crate::guard::venue::chair_of(c, user, venue).map_err(|_| AppError::NotFound)?;
    Ok((r, f, Holder::Chair(Box::new(ch))))
}

/// Records the fee as paid, waived or open, with a note (the venue's chairs). No payment is processed.
#[utoipa::path(put, path = "/api/v1/registrations/{id}/fee", tag = "participation", security(("bearer" = [])),
    request_body = FeeInput, params(("id" = i64, Path, description = "registration id")),
    responses((status = 200, body = RegistrationView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_fee(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<FeeInput>,
) -> AppResult<web::Json<RegistrationView>> {
    let (id, u, st, input) = (path.into_inner(), user.user.clone(), state.get_ref().clone(), body.into_inner());
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let (r, _, who) = chair_holder(c, &u, id)?;
                let Holder::Chair(ch) = &who else { return Err(AppError::NotFound) };
                service::set_fee(c, &st, ch, &r, &input, now())?;
                answer(c, id, &who)
            })
            .await?,
    ))
}

/// Sends personal registration links to guests (the venue's chairs); each address once per form.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/registration-forms/{id}/invitations/guests", tag = "participation", security(("bearer" = [])),
    request_body = InviteGuestsInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "form id")),
    responses((status = 200, body = Invited), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn invite_guests(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<InviteGuestsInput>,
) -> AppResult<web::Json<Invited>> {
    let ((slug, id), input, st) = (path.into_inner(), body.into_inner(), state.get_ref().clone());
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            let f = store::form(c, ch.venue.id, id)?;
            service::invite_guests(c, &st, ch.user_id, &f, &input, now())
        })
        .await?,
    ))
}

/// Which category invited speakers register in.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct InviteSpeakersInput {
    /// A category of the form (usually an invited-only "speaker" one).
    #[serde(default)]
    pub category_id: Option<i64>,
}

/// Invites the presenting author of every accepted, told paper to register with one click (the venue's chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/registration-forms/{id}/invitations/speakers", tag = "participation", security(("bearer" = [])),
    request_body = InviteSpeakersInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "form id")),
    responses((status = 200, body = Invited), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn invite_speakers(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<InviteSpeakersInput>,
) -> AppResult<web::Json<Invited>> {
    let ((slug, id), input, st) = (path.into_inner(), body.into_inner(), state.get_ref().clone());
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, ch| {
            let f = store::form(c, ch.venue.id, id)?;
            service::invite_speakers(c, &st, ch, &f, input.category_id, now())
        })
        .await?,
    ))
}

/// Registers the caller through an invitation's personal link (outside the capacity, approval
/// and opening times); the link works once.
#[utoipa::path(post, path = "/api/v1/registration-invitations/{token}/register", tag = "participation", security(("bearer" = [])),
    request_body = RegisterInput, params(("token" = String, Path, description = "the link's token")),
    responses((status = 201, body = RegistrationView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn register_invited(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<RegisterInput>,
) -> AppResult<HttpResponse> {
    let (token, input, st, u) = (path.into_inner(), body.into_inner(), state.get_ref().clone(), user.user.clone());
    let v = state
        .db
        .tx(move |c| {
            let (inv, f) = service::invitation(c, &token)?;
            if inv.used_at.is_some() {
                return Err(AppError::Conflict("registration.invitation_used".into()));
            }
            let rid = service::register(c, &st, &u, &f, &input, Some(&inv), now())?;
            {
                let r = store::registration(c, rid)?;
                view::own_view(c, &r, &f)
            }
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}
