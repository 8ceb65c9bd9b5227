//! The JSON body extractor of the API: like `web::Json`, but the body must be a JSON object.
//!
//! Serde lets a struct be read from an array of its fields in order, so `web::Json` would take
//! `[null]` or `[]` for an object body; the API's contract says `object`, so anything else
//! answers 400.

use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A request body that must be a JSON object; reads through `web::Json`, so the app's
/// `JsonConfig` (size limit, content type, error answers) applies.
#[derive(Debug)]
pub struct Object<T>(pub T);

impl<T> Object<T> {
    /// The parsed body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Object<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Object<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let value = body.await?.into_inner();
            from_value(value).map(Object).map_err(Into::into)
        })
    }
}

/// Reads `value` as `T` when it is an object; 400 with the reason otherwise.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, AppError> {
    if !value.is_object() {
        return Err(AppError::BadRequest("malformed JSON: the body must be a JSON object".into()));
    }
    serde_json::from_value(value).map_err(|e| AppError::BadRequest(format!("malformed JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Input {
        #[serde(default)]
        label: Option<String>,
    }

    #[test]
    fn reads_objects() {
        let v: Input = from_value(serde_json::json!({"label": "accept"})).unwrap();
        assert_eq!(v.label.as_deref(), Some("accept"));
    }

    #[test]
    fn refuses_arrays_and_scalars_that_serde_would_take() {
        assert!(
            serde_json::from_value::<Input>(serde_json::json!([null])).is_ok(),
            "serde alone takes a sequence"
        );
        for bad in [
            serde_json::json!([null]),
            serde_json::json!([]),
            serde_json::json!(null),
            serde_json::json!(3),
        ] {
            assert!(matches!(from_value::<Input>(bad), Err(AppError::BadRequest(_))));
        }
    }
}
