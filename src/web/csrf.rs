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

/// Reads the form without its `csrf` pair, so one input type (even one that refuses unknown
/// fields, as the API's do) serves both the page form and the JSON body.
fn without_csrf<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    let malformed = |e: &dyn std::fmt::Display| AppError::BadRequest(format!("malformed form: {e}"));
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).map_err(|e| malformed(&e))?;
    let rest: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k != "csrf").collect();
    let rest = serde_urlencoded::to_string(&rest).map_err(|e| malformed(&e))?;
    serde_urlencoded::from_str(&rest).map_err(|e| malformed(&e))
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = checked_body(req, body).await?;
            Ok(CsrfForm(without_csrf(&body)?))
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

#[cfg(test)]
mod tests {
    use super::without_csrf;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        body: String,
    }

    #[test]
    fn a_strict_input_reads_a_form_without_its_csrf_token() {
        let s: Strict = without_csrf(b"csrf=abc&body=hello+world").unwrap();
        assert_eq!(
            s,
            Strict {
                body: "hello world".into()
            }
        );
    }

    #[test]
    fn other_unknown_fields_are_still_refused() {
        assert!(without_csrf::<Strict>(b"csrf=abc&body=x&extra=1").is_err());
    }
}
