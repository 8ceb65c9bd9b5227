//! One error type for the whole service: JSON under `/api`, an HTML page elsewhere.

use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// A bug or unexpected failure; details are logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
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
}

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
            AppError::Internal(detail) => tracing::error!(error = %detail, "internal error"),
            AppError::Unavailable(detail) => {
                tracing::warn!(error = %detail, "dependency unavailable")
            }
            _ => {}
        }
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
        let mut res = HttpResponse::build(self.status_code()).json(ErrorBody {
            error: self.code(),
            message,
            fields,
        });
        res.extensions_mut().insert(RenderedError(self.clone()));
        res
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::Internal(format!("database: {other}")),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(format!("{e:#}"))
    }
}

impl From<tera::Error> for AppError {
    fn from(e: tera::Error) -> Self {
        use std::error::Error;
        let mut msg = e.to_string();
        let mut src = e.source();
        while let Some(s) = src {
            msg.push_str(": ");
            msg.push_str(&s.to_string());
            src = s.source();
        }
        AppError::Internal(format!("template: {msg}"))
    }
}

/// Result alias used by handlers and stores.
pub type AppResult<T> = Result<T, AppError>;
