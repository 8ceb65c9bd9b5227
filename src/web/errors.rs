//! Error rendering: JSON for `/api`, an HTML page (or a login redirect) for pages, and
//! extractor configs that turn malformed input into clear 400 answers.

use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};

use super::AppState;
use super::i18n::{self, Lang};
use super::page::negotiate_lang;
use crate::error::{AppError, RenderedError};

/// Largest JSON body accepted by the API (uploads use multipart, not JSON).
const JSON_LIMIT: usize = 1024 * 1024;

/// Malformed or wrongly typed JSON bodies answer 400 with the parser's explanation.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(JSON_LIMIT).error_handler(|err, _req| {
        use actix_web::error::JsonPayloadError as E;
        let msg = match &err {
            E::ContentType => "Content-Type must be application/json".to_string(),
            E::OverflowKnownLength { .. } | E::Overflow { .. } => {
                format!("body larger than {JSON_LIMIT} bytes")
            }
            E::Deserialize(e) => format!("malformed JSON: {e}"),
            other => format!("unreadable body: {other}"),
        };
        AppError::BadRequest(msg).into()
    })
}

/// Malformed form bodies answer 400.
pub fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(256 * 1024)
        .error_handler(|err, _req| AppError::BadRequest(format!("malformed form: {err}")).into())
}

/// Malformed query strings answer 400 naming the problem.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| AppError::BadRequest(format!("invalid query parameters: {err}")).into())
}

/// Path segments of the wrong type (e.g. `/tokens/abc`) are simply not found.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err, _req| AppError::NotFound.into())
}

/// Fallback for unknown paths.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

fn is_api(req: &HttpRequest) -> bool {
    req.path().starts_with("/api/") || req.path() == "/healthz"
}

/// Turns an [`AppError`] response on a page into an HTML error page in the user's language;
/// an anonymous visitor hitting a protected page is sent to the login form instead.
pub fn render_page_error<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let Some(RenderedError(err)) = res.response().extensions().get::<RenderedError>().cloned() else {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    };
    if is_api(res.request()) {
        if !res.status().is_server_error() {
            return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
        }
        // The body is rebuilt with the request id, so a client can quote it; headers (such as
        // Retry-After) are kept.
        let (req, old) = res.into_parts();
        let mut response = HttpResponse::build(old.status()).json(err.body(request_id(&req)));
        for (name, value) in old.headers() {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                response.headers_mut().insert(name.clone(), value.clone());
            }
        }
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, response).map_into_right_body(),
        ));
    }
    let (req, old) = res.into_parts();
    let response = if matches!(err, AppError::Unauthorized(ref k) if k == "auth.login_required") {
        let next = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let target = format!(
            "/login?next={}",
            url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
        );
        HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish()
    } else {
        let mut page = error_page(&req, old.status(), &err);
        if let Some(v) = old.headers().get(header::RETRY_AFTER) {
            page.headers_mut().insert(header::RETRY_AFTER, v.clone());
        }
        page
    };
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

/// The id of the request, as logged with every line about it.
fn request_id(req: &HttpRequest) -> Option<String> {
    req.extensions().get::<tracing_actix_web::RequestId>().map(|r| r.to_string())
}

fn error_page(req: &HttpRequest, status: StatusCode, err: &AppError) -> HttpResponse {
    let lang = negotiate_lang(req, None);
    let message = err.user_message(lang);
    let html = req
        .app_data::<web::Data<AppState>>()
        .and_then(|state| {
            let mut ctx = tera::Context::new();
            ctx.insert("lang", lang.code());
            ctx.insert("t", i18n::tree(lang));
            ctx.insert("status", &status.as_u16());
            ctx.insert("message", &message);
            ctx.insert("path", req.path());
            ctx.insert("here", req.path());
            ctx.insert("csrf", &super::page::csrf_token(&actix_session::SessionExt::get_session(req)));
            if status.is_server_error() {
                ctx.insert("request_id", &request_id(req));
            }
            state
                .tera
                .render("error.html", &ctx)
                .map_err(|e| tracing::error!(error = ?e, "error page failed"))
                .ok()
        })
        .unwrap_or_else(|| fallback_html(lang, status, &message));
    HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html)
}

fn fallback_html(lang: Lang, status: StatusCode, message: &str) -> String {
    let esc = tera::escape_html(message);
    format!(
        "<!doctype html><html lang=\"{}\"><title>{}</title><h1>{}</h1><p>{esc}</p></html>",
        lang.code(),
        status.as_u16(),
        status.as_u16()
    )
}
