//! CSRF protection for HTML forms: every state-changing form carries the session's token.

use actix_session::SessionExt;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

use super::page::SESSION_CSRF;
use crate::error::AppError;

#[derive(serde::Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// An urlencoded form whose `csrf` field matched the session's token.
pub struct CsrfForm<T>(pub T);

fn same(a: &str, b: &str) -> bool {
    // Constant-time comparison, so the token cannot be guessed byte by byte.
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Checks a token sent some other way than an urlencoded form (e.g. a multipart upload).
pub fn check(session: &actix_session::Session, sent: &str) -> Result<(), AppError> {
    let expected = session.get::<String>(SESSION_CSRF).ok().flatten().unwrap_or_default();
    if expected.is_empty() || !same(sent, &expected) {
        Err(AppError::Csrf)
    } else {
        Ok(())
    }
}

/// Reads the body and checks its `csrf` field.
async fn checked_body(req: HttpRequest, body: impl Future<Output = Result<web::Bytes, actix_web::Error>>) -> Result<web::Bytes, AppError> {
    let body = body.await.map_err(|e| AppError::BadRequest(format!("unreadable form: {e}")))?;
    let sent: CsrfOnly = serde_urlencoded::from_bytes(&body).map_err(|e| AppError::BadRequest(format!("malformed form: {e}")))?;
    let expected = req.get_session().get::<String>(SESSION_CSRF).ok().flatten().unwrap_or_default();
    if expected.is_empty() || !same(&sent.csrf, &expected) {
        return Err(AppError::Csrf);
    }
    Ok(body)
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = checked_body(req, body).await?;
            let value: T = serde_urlencoded::from_bytes(&body).map_err(|e| AppError::BadRequest(format!("malformed form: {e}")))?;
            Ok(CsrfForm(value))
        })
    }
}

/// An urlencoded form with lists posted as rows (`tracks[0].slug`, see `web::rows`), whose
/// `csrf` field matched the session's token.
pub struct CsrfRowsForm<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for CsrfRowsForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = checked_body(req, body).await?;
            Ok(CsrfRowsForm(super::rows::from_body(&body)?))
        })
    }
}
