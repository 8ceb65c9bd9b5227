//! Request extractors that authenticate: a session cookie for pages, a bearer token for the API.

use actix_session::SessionExt;
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};
use std::future::Future;
use std::pin::Pin;

use super::model::User;
use super::{api_tokens, roles, sessions};
use crate::error::AppError;
use crate::web::AppState;

/// Session key of the login session secret.
pub const SESSION_SID: &str = "sid";

/// How the caller proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthVia {
    /// A login session cookie.
    Session,
    /// A personal API token.
    Token,
}

/// Resolved once per request and cached in the request extensions.
#[derive(Clone)]
struct Resolved(Option<(User, AuthVia)>);

/// What the request presents to prove who it is.
#[derive(Debug, Clone)]
pub enum Credential {
    /// `Authorization: Bearer <token>`.
    Bearer(String),
    /// The login session id from the cookie.
    Session(String),
}

/// The credential of a request, if any (a bearer token wins over the cookie).
pub fn credential(req: &HttpRequest) -> Option<Credential> {
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").map(|s| s.trim().to_string()));
    match bearer {
        Some(token) => Some(Credential::Bearer(token)),
        None => req
            .get_session()
            .get::<String>(SESSION_SID)
            .unwrap_or(None)
            .map(Credential::Session),
    }
}

/// The user a credential belongs to. A bad bearer token is an error, not an anonymous request,
/// so that API clients notice.
pub fn user_for(conn: &mut crate::db::AnyConnection, cred: &Credential) -> Result<Option<(User, AuthVia)>, AppError> {
    match cred {
        Credential::Bearer(token) => match api_tokens::user_of(conn, token)? {
            Some(u) => Ok(Some((u, AuthVia::Token))),
            None => Err(AppError::Unauthorized("auth.token_invalid".into())),
        },
        Credential::Session(sid) => Ok(sessions::user_of(conn, sid)?.map(|u| (u, AuthVia::Session))),
    }
}

async fn resolve(req: &HttpRequest) -> Result<Option<(User, AuthVia)>, AppError> {
    if let Some(r) = req.extensions().get::<Resolved>() {
        return Ok(r.0.clone());
    }
    let found = match credential(req) {
        Some(cred) => {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::bug("no app state"))?
                .clone();
            state.db.run_quick(move |conn| user_for(conn, &cred)).await?
        }
        None => None,
    };
    req.extensions_mut().insert(Resolved(found.clone()));
    Ok(found)
}

/// The logged-in user; anonymous requests get 401 (pages redirect to the login form).
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The account.
    pub user: User,
    /// Session or token.
    pub via: AuthVia,
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match resolve(&req).await? {
                Some((user, via)) => Ok(CurrentUser { user, via }),
                None => Err(AppError::Unauthorized("auth.login_required".into())),
            }
        })
    }
}

/// The logged-in user, if any.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<User>);

impl FromRequest for MaybeUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeUser(resolve(&req).await?.map(|(u, _)| u))) })
    }
}

/// A logged-in site administrator; others get 403 (401 when anonymous).
#[derive(Debug, Clone)]
pub struct SiteAdmin(pub User);

impl FromRequest for SiteAdmin {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let Some((user, _)) = resolve(&req).await? else {
                return Err(AppError::Unauthorized("auth.login_required".into()));
            };
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::bug("no app state"))?
                .clone();
            let uid = user.id;
            if state.db.run(move |conn| roles::is_site_admin(conn, uid)).await? {
                Ok(SiteAdmin(user))
            } else {
                Err(AppError::Forbidden)
            }
        })
    }
}

/// The client's address as seen by this server (proxies are not trusted for rate limiting).
pub fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}
