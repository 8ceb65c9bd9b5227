//! Builds the actix application: middleware, state and the route table.

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::{SessionMiddleware, storage::CookieSessionStore};
use actix_web::body::MessageBody;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Service;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, DefaultHeaders, ErrorHandlers};
use actix_web::{App, HttpMessage, web};

use super::{AppState, errors, routes};

/// Sent with every response. Pages load script and style only from `/static` (no inline code,
/// so injected markup cannot run), are never framed, and post forms only to this site.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Derives the cookie key from the configured secret.
fn cookie_key(state: &AppState) -> Key {
    use sha2::{Digest, Sha512};
    // Key::from wants 64 bytes; hashing also lets any secret length work.
    let digest = Sha512::digest(format!("xuehui-cookie:{}", state.config.secret_key.expose()).as_bytes());
    Key::from(&digest)
}

/// The whole application for one worker thread.
pub fn build(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<ServiceRequest, Config = (), Response = ServiceResponse<impl MessageBody>, Error = actix_web::Error, InitError = ()>,
> {
    let key = cookie_key(&state);
    let secure = state.config.is_https();
    let sessions = SessionMiddleware::builder(CookieSessionStore::default(), key)
        .cookie_name("xuehui_session".into())
        .cookie_secure(secure)
        .cookie_http_only(true)
        .cookie_same_site(SameSite::Lax)
        .cookie_content_security(CookieContentSecurity::Private)
        .session_lifecycle(PersistentSession::default().session_ttl(actix_web::cookie::time::Duration::days(14)))
        .build();
    let static_dir = state.config.static_dir.clone();
    App::new()
        .app_data(state)
        .app_data(errors::json_config())
        .app_data(errors::form_config())
        .app_data(errors::query_config())
        .app_data(errors::path_config())
        .configure(|cfg| routes::configure(cfg, &static_dir))
        .default_service(web::to(errors::not_found))
        .wrap(sessions)
        .wrap(ErrorHandlers::new().default_handler(errors::render_page_error))
        .wrap(Compress::default())
        .wrap(
            DefaultHeaders::new()
                .add(("X-Content-Type-Options", "nosniff"))
                .add(("X-Frame-Options", "DENY"))
                .add(("Referrer-Policy", "same-origin"))
                .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY)),
        )
        .wrap_fn(|req, srv| {
            // Echo the id that every log line of this request carries, so users can quote it.
            let id = req.extensions().get::<tracing_actix_web::RequestId>().map(|r| r.to_string());
            let fut = srv.call(req);
            async move {
                let mut res = fut.await?;
                if let Some(id) = id.and_then(|i| actix_web::http::header::HeaderValue::from_str(&i).ok()) {
                    res.headers_mut()
                        .insert(actix_web::http::header::HeaderName::from_static("x-request-id"), id);
                }
                Ok(res)
            }
        })
        .wrap(tracing_actix_web::TracingLogger::default())
}
