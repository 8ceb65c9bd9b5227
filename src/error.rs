//! One error type for the whole service: JSON under `/api`, an HTML page elsewhere.

use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::web::i18n::{Lang, t};

/// Field name -> message key (see `locales/`), so pages and the API can each say it in their language.
pub type FieldErrors = BTreeMap<String, String>;

/// Everything a handler can fail with.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    /// The object does not exist, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// Not logged in, or the credentials are wrong.
    #[error("{0}")]
    Unauthorized(String),
    /// Logged in but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// A form arrived without the session's CSRF token.
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// The request is not well formed (e.g. malformed JSON).
    #[error("{0}")]
    BadRequest(String),
    /// Well formed but invalid input, with a message key per field.
    #[error("invalid input")]
    Validation {
        /// Field name -> message key.
        fields: FieldErrors,
    },
    /// The change conflicts with the current state (e.g. e-mail already registered).
    #[error("{0}")]
    Conflict(String),
    /// Rate limit reached.
    #[error("{0}")]
    TooManyRequests(String),
    /// A dependency (the database) is unreachable.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A bug or unexpected failure; its cause chain is logged with the request id, never shown.
    #[error("internal error")]
    Internal(#[source] Cause),
}

/// The cause of an internal error: the original error with its whole source chain (cheap to
/// clone, so the page layer can keep a copy of the error).
#[derive(Clone)]
pub struct Cause(Arc<anyhow::Error>);

impl Cause {
    /// The cause as an `anyhow::Error`, e.g. to downcast it to the original error type.
    pub fn error(&self) -> &anyhow::Error {
        &self.0
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#}", self.0)
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only the outermost message: the rest of the chain is the source, so chain printers
        // (anyhow's `{:#}`, tracing) print each cause once. `{:?}` prints the whole chain.
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for Cause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let inner: &(dyn std::error::Error + Send + Sync + 'static) = &**self.0;
        inner.source()
    }
}

/// JSON error body of the API.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Machine-readable code, e.g. `validation`.
    pub error: &'static str,
    /// Human-readable explanation in English.
    pub message: String,
    /// Per-field messages for validation errors.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// With server-side failures (5xx): the id under which the cause was logged, to quote when
    /// reporting the problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Seconds a client is asked to wait before retrying while a dependency is unavailable.
pub const RETRY_AFTER_SECS: u32 = 5;

/// Attached to error responses so the page layer can render them as HTML in the user's language.
#[derive(Debug, Clone)]
pub struct RenderedError(pub AppError);

impl AppError {
    /// A validation error for one field.
    pub fn field(name: &str, key: &str) -> AppError {
        let mut fields = FieldErrors::new();
        fields.insert(name.to_string(), key.to_string());
        AppError::Validation { fields }
    }

    /// `value` when no field failed, else a validation error with every failed field.
    pub fn unless_fields<T>(fields: FieldErrors, value: T) -> AppResult<T> {
        if fields.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Validation { fields })
        }
    }

    /// An internal error that wraps `err` (keeping its source chain) under `context`.
    pub fn caused<E>(context: &'static str, err: E) -> AppError
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        AppError::Internal(Cause(Arc::new(anyhow::Error::new(err).context(context))))
    }

    /// An internal error with no underlying error: a broken invariant, described by `message`.
    pub fn bug(message: impl fmt::Display + fmt::Debug + Send + Sync + 'static) -> AppError {
        AppError::Internal(Cause(Arc::new(anyhow::Error::msg(message))))
    }

    /// The original error behind an internal error, when it is of type `E`.
    pub fn cause<E: fmt::Display + fmt::Debug + Send + Sync + 'static>(&self) -> Option<&E> {
        match self {
            AppError::Internal(c) => c.0.downcast_ref::<E>(),
            _ => None,
        }
    }

    /// The stable code sent as `error` in JSON bodies.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf_failed",
            AppError::BadRequest(_) => "bad_request",
            AppError::Validation { .. } => "validation",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// The message shown to a user in `lang`; never includes internal details.
    pub fn user_message(&self, lang: Lang) -> String {
        match self {
            AppError::Unauthorized(m) | AppError::BadRequest(m) | AppError::Conflict(m) | AppError::TooManyRequests(m) => {
                // These carry message keys when they come from our code, plain text otherwise.
                let translated = t(lang, m);
                if translated == *m { m.clone() } else { translated }
            }
            other => t(lang, &format!("error.{}", other.code())),
        }
    }
}

impl AppError {
    /// The JSON body of this error in the API, with the request id for server-side failures.
    pub fn body(&self, request_id: Option<String>) -> ErrorBody {
        let fields = match self {
            AppError::Validation { fields } => fields.iter().map(|(k, v)| (k.clone(), t(Lang::En, v))).collect(),
            _ => BTreeMap::new(),
        };
        let message = match self {
            AppError::Validation { fields } if fields.len() == 1 => {
                let (k, v) = fields.iter().next().expect("one field");
                format!("{k}: {}", t(Lang::En, v))
            }
            other => other.user_message(Lang::En),
        };
        ErrorBody {
            error: self.code(),
            message,
            fields,
            request_id,
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            // Logged inside the request's span, so the line carries the request id that the
            // answer shows.
            AppError::Internal(cause) => tracing::error!(error = ?cause, "internal error"),
            AppError::Unavailable(detail) => {
                tracing::warn!(error = %detail, "dependency unavailable");
            }
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code()).json(self.body(None));
        if let AppError::Unavailable(_) = self {
            res.headers_mut()
                .insert(actix_web::http::header::RETRY_AFTER, RETRY_AFTER_SECS.into());
        }
        res.extensions_mut().insert(RenderedError(self.clone()));
        res
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::caused("database", other),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        // An AppError that travelled through anyhow comes back as itself (a 404 stays a 404).
        match e.downcast::<AppError>() {
            Ok(app) => app,
            Err(e) => AppError::Internal(Cause(Arc::new(e))),
        }
    }
}

impl From<tera::Error> for AppError {
    fn from(e: tera::Error) -> Self {
        AppError::caused("template", e)
    }
}

/// Result alias used by handlers and stores.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_keeps_its_whole_cause_chain() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
        let e = AppError::caused("storage", io);
        let AppError::Internal(cause) = &e else { panic!("internal") };
        assert_eq!(format!("{cause:?}"), "storage: connection refused", "logged with every cause");
        assert!(e.cause::<std::io::Error>().is_some(), "the original error can be inspected");
        // Through anyhow (the CLI and jobs) the chain survives, and an AppError comes back as itself.
        let through = anyhow::Error::from(e.clone());
        assert_eq!(format!("{through:#}"), "internal error: storage: connection refused");
        assert!(matches!(
            AppError::from(anyhow::Error::from(AppError::NotFound)),
            AppError::NotFound
        ));
    }

    #[test]
    fn the_answer_never_carries_the_cause() {
        let e = AppError::caused("database", std::io::Error::other("password authentication failed"));
        let body = serde_json::to_string(&e.body(Some("abc".into()))).unwrap();
        assert!(!body.contains("password"), "{body}");
        assert!(body.contains("\"request_id\":\"abc\""), "{body}");
        assert!(
            !serde_json::to_string(&AppError::NotFound.body(None))
                .unwrap()
                .contains("request_id")
        );
    }
}
