//! JSON API for accounts: session login/logout, sign-up, the current user, personal tokens.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::api_tokens::{self, ApiToken};
use super::extract::{CurrentUser, SESSION_SID, client_ip};
use super::model::{RoleGrant, User};
use super::validate::{ProfileInput, SignupInput};
use super::{roles, service, sessions, store, validate};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::AppState;
use crate::web::page::negotiate_lang;

/// The current user as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct Me {
    /// User id.
    pub id: i64,
    /// E-mail address.
    pub email: String,
    /// Name in Chinese characters.
    pub name_zh: String,
    /// Name in Latin script.
    pub name_latin: String,
    /// Institution.
    pub affiliation: String,
    /// Country or region.
    pub country: String,
    /// ORCID iD.
    pub orcid: Option<String>,
    /// `zh-CN`, `en`, or none.
    pub preferred_lang: Option<String>,
    /// Whether the address is confirmed.
    pub email_verified: bool,
    /// Account creation time (UTC).
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
    /// Year of birth.
    pub birth_year: Option<i32>,
    /// Roles on the site, venues and journals.
    pub roles: Vec<RoleGrant>,
}

fn me_view(u: User, roles: Vec<RoleGrant>) -> Me {
    Me {
        id: u.id,
        email: u.email,
        name_zh: u.name_zh,
        name_latin: u.name_latin,
        affiliation: u.affiliation,
        country: u.country,
        orcid: u.orcid,
        preferred_lang: u.preferred_lang,
        email_verified: u.email_verified_at.is_some(),
        created_at: u.created_at,
        birth_year: u.birth_year,
        roles,
    }
}

async fn load_me(state: &AppState, user: User) -> AppResult<Me> {
    let uid = user.id;
    let roles = state.db.run(move |c| roles::of_user(c, uid)).await?;
    Ok(me_view(user, roles))
}

/// Login body.
#[derive(Deserialize, ToSchema)]
pub struct LoginBody {
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Password.
    #[serde(default)]
    pub password: String,
}

/// Logs in and sets the session cookie.
#[utoipa::path(post, path = "/api/v1/session", tag = "accounts", request_body = LoginBody,
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, session: Session, body: web::Json<LoginBody>) -> AppResult<HttpResponse> {
    let ua = req.headers().get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("");
    let (user, sid) = service::login(&state, &body.email, &body.password, &client_ip(&req), ua).await?;
    session.renew();
    session.insert(SESSION_SID, sid).map_err(|e| AppError::caused("session", e))?;
    Ok(HttpResponse::Ok().json(load_me(&state, user).await?))
}

/// Logs out: ends the session on the server and clears the cookie.
#[utoipa::path(delete, path = "/api/v1/session", tag = "accounts", responses((status = 204)))]
pub async fn logout(state: web::Data<AppState>, session: Session) -> AppResult<HttpResponse> {
    if let Ok(Some(sid)) = session.get::<String>(SESSION_SID) {
        state.db.run(move |c| sessions::delete(c, &sid)).await?;
    }
    session.purge();
    Ok(HttpResponse::NoContent().finish())
}

/// Answer to a sign-up.
#[derive(Serialize, ToSchema)]
pub struct SignupAnswer {
    /// Normalised e-mail address.
    pub email: String,
    /// Always `sent`: a verification link (or, for an address that already has an account, a
    /// note to its owner) went to the address; the answer is the same either way.
    pub verification: &'static str,
}

/// Creates an account and mails a verification link.
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = SignupInput,
    responses((status = 201, body = SignupAnswer), (status = 422, body = ErrorBody)))]
pub async fn signup(state: web::Data<AppState>, req: HttpRequest, body: web::Json<SignupInput>) -> AppResult<HttpResponse> {
    let lang = negotiate_lang(&req, None);
    let email = service::signup(&state, &body, lang).await?;
    Ok(HttpResponse::Created().json(SignupAnswer {
        email,
        verification: "sent",
    }))
}

/// The caller's account and roles.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(state: web::Data<AppState>, req: HttpRequest) -> AppResult<web::Json<Me>> {
    // One trip to the database for the user and their roles: this is the API's hottest read.
    let cred = super::extract::credential(&req).ok_or_else(|| AppError::Unauthorized("auth.login_required".into()))?;
    let me = state
        .db
        .run_quick(move |c| {
            // A token: user and roles in one query. A session: two.
            if let super::extract::Credential::Bearer(token) = &cred {
                let (user, roles) =
                    super::api_tokens::user_with_roles_of(c, token)?.ok_or_else(|| AppError::Unauthorized("auth.token_invalid".into()))?;
                return Ok(me_view(user, roles));
            }
            let (user, _) = super::extract::user_for(c, &cred)?.ok_or_else(|| AppError::Unauthorized("auth.login_required".into()))?;
            let roles = roles::of_user(c, user.id)?;
            Ok(me_view(user, roles))
        })
        .await?;
    Ok(web::Json(me))
}

/// Updates the caller's profile.
#[utoipa::path(patch, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])), request_body = ProfileInput,
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_me(state: web::Data<AppState>, user: CurrentUser, body: web::Json<ProfileInput>) -> AppResult<web::Json<Me>> {
    let profile = validate::profile_update(&body)?;
    let uid = user.user.id;
    let updated = state.db.run(move |c| store::update_profile(c, uid, &profile)).await?;
    Ok(web::Json(load_me(&state, updated).await?))
}

/// The caller's tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = Vec<ApiToken>), (status = 401, body = ErrorBody)))]
pub async fn list_tokens(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<Vec<ApiToken>>> {
    let uid = user.user.id;
    Ok(web::Json(state.db.run(move |c| api_tokens::list(c, uid)).await?))
}

/// New token request.
#[derive(Deserialize, ToSchema)]
pub struct NewTokenBody {
    /// A label, e.g. "import script".
    #[serde(default)]
    pub name: String,
}

/// A created token with its secret, shown only this once.
#[derive(Serialize, ToSchema)]
pub struct CreatedToken {
    /// The listing.
    pub token: ApiToken,
    /// The secret to send as `Authorization: Bearer`.
    pub secret: String,
}

/// Creates a personal API token.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", security(("bearer" = [])), request_body = NewTokenBody,
    responses((status = 201, body = CreatedToken), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_token(state: web::Data<AppState>, user: CurrentUser, body: web::Json<NewTokenBody>) -> AppResult<HttpResponse> {
    let uid = user.user.id;
    let name = body.name.clone();
    let (token, secret) = state.db.run(move |c| api_tokens::create(c, uid, &name)).await?;
    Ok(HttpResponse::Created().json(CreatedToken { token, secret }))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "token id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let (uid, id) = (user.user.id, path.into_inner());
    state.db.run(move |c| api_tokens::revoke(c, uid, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// How many tokens a "revoke all" ended.
#[derive(Serialize, ToSchema)]
pub struct RevokedTokens {
    /// Tokens that were live and are now revoked.
    pub revoked: usize,
}

/// Revokes every one of the caller's tokens (including the one making the call).
#[utoipa::path(delete, path = "/api/v1/tokens", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = RevokedTokens), (status = 401, body = ErrorBody)))]
pub async fn revoke_all_tokens(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<RevokedTokens>> {
    let uid = user.user.id;
    let revoked = state.db.run(move |c| api_tokens::revoke_all(c, uid)).await?;
    Ok(web::Json(RevokedTokens { revoked }))
}
