//! Page context: language, user, CSRF token and flash message, and rendering with the base layout.

use actix_session::{Session, SessionExt};
use actix_web::{FromRequest, HttpRequest, HttpResponse, dev::Payload, web};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use super::AppState;
use super::i18n::{self, Lang, t};
use crate::auth::{MaybeUser, User, roles};
use crate::error::{AppError, AppResult, FieldErrors};

/// Cookie set by the language switch.
pub const LANG_COOKIE: &str = "xuehui_lang";
/// Session key of the CSRF token.
pub const SESSION_CSRF: &str = "csrf";
const SESSION_FLASH: &str = "flash";

/// Language for this request: the switch cookie (what this browser asked for), then the saved
/// preference, then `Accept-Language`. The switch never changes the saved preference, which is
/// the language of the user's mails and is set on the profile page.
pub fn negotiate_lang(req: &HttpRequest, user: Option<&User>) -> Lang {
    req.cookie(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| user.and_then(|u| u.preferred_lang.as_deref()).and_then(Lang::parse))
        .or_else(|| {
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::ZhCn)
}

/// The session's CSRF token, created on first use.
pub fn csrf_token(session: &Session) -> String {
    if let Ok(Some(tok)) = session.get::<String>(SESSION_CSRF) {
        return tok;
    }
    let tok = crate::auth::tokens::random_token();
    let _ = session.insert(SESSION_CSRF, &tok);
    tok
}

/// Leaves a message for the next page the user sees.
pub fn flash(session: &Session, key: &str) {
    let _ = session.insert(SESSION_FLASH, key);
}

/// Reports the outcome of a small form that redirects back: `ok_key` on success; on a refusal
/// (a conflict, or the first invalid field) its message; anything else stays an error.
pub fn flash_result(session: &Session, result: Result<(), AppError>, ok_key: &str) -> Result<(), AppError> {
    match result {
        Ok(()) => flash(session, ok_key),
        Err(AppError::Conflict(key)) => flash(session, &key),
        Err(AppError::Validation { fields }) => flash(session, fields.values().next().map(String::as_str).unwrap_or("error.validation")),
        Err(e) => return Err(e),
    }
    Ok(())
}

/// Everything the base layout needs.
pub struct Page {
    /// Interface language.
    pub lang: Lang,
    /// Logged-in user.
    pub user: Option<User>,
    /// Whether the user administers the site.
    pub is_admin: bool,
    /// Token for forms.
    pub csrf: String,
    /// The session (to set flash messages, log in and out).
    pub session: Session,
    /// Current path with query, for the language switch to come back to.
    pub here: String,
    flash: Option<String>,
}

impl FromRequest for Page {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let user_fut = MaybeUser::from_request(&req, payload);
        Box::pin(async move {
            let MaybeUser(user) = user_fut.await?;
            let session = req.get_session();
            let is_admin = match &user {
                Some(u) => {
                    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::bug("no app state"))?;
                    let uid = u.id;
                    state.db.run(move |c| roles::is_site_admin(c, uid)).await?
                }
                None => false,
            };
            let flash = session.remove_as::<String>(SESSION_FLASH).and_then(|r| r.ok());
            Ok(Page {
                lang: negotiate_lang(&req, user.as_ref()),
                csrf: csrf_token(&session),
                here: req
                    .uri()
                    .path_and_query()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_else(|| "/".into()),
                user,
                is_admin,
                session,
                flash,
            })
        })
    }
}

impl Page {
    /// Translates a message key in the page's language.
    pub fn t(&self, key: &str) -> String {
        t(self.lang, key)
    }

    /// Renders `template` with the layout variables plus `ctx`, status 200.
    pub fn render(&self, state: &AppState, template: &str, ctx: tera::Context) -> AppResult<HttpResponse> {
        self.render_status(state, template, ctx, actix_web::http::StatusCode::OK)
    }

    /// Renders with an explicit status (422 for a form with errors).
    pub fn render_status(
        &self,
        state: &AppState,
        template: &str,
        mut ctx: tera::Context,
        status: actix_web::http::StatusCode,
    ) -> AppResult<HttpResponse> {
        ctx.insert("lang", self.lang.code());
        ctx.insert("t", i18n::tree(self.lang));
        if !ctx.contains_key("row_errors") {
            ctx.insert("row_errors", &serde_json::json!({}));
        }
        if !ctx.contains_key("errors") {
            ctx.insert("errors", &BTreeMap::<String, String>::new());
        }
        ctx.insert("csrf", &self.csrf);
        ctx.insert("here", &self.here);
        ctx.insert("is_admin", &self.is_admin);
        ctx.insert("langs", &Lang::ALL.iter().map(|l| l.code()).collect::<Vec<_>>());
        if let Some(u) = &self.user {
            ctx.insert("user", u);
            ctx.insert("user_name", &u.display_name());
        }
        if let Some(f) = &self.flash {
            ctx.insert("flash", &self.t(f));
        }
        let html = state.tera.render(template, &ctx)?;
        Ok(HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html))
    }

    /// Re-renders a form after a validation error: field messages in the page's language and
    /// what the user typed (passwords are never sent back).
    pub fn form_errors<T: serde::Serialize>(
        &self,
        state: &AppState,
        template: &str,
        mut ctx: tera::Context,
        input: &T,
        err: AppError,
    ) -> AppResult<HttpResponse> {
        let (fields, message): (FieldErrors, Option<String>) = match &err {
            AppError::Validation { fields } => (fields.clone(), None),
            AppError::Unauthorized(_) | AppError::BadRequest(_) | AppError::Conflict(_) | AppError::TooManyRequests(_) => {
                (FieldErrors::new(), Some(err.user_message(self.lang)))
            }
            _ => return Err(err),
        };
        let translated: BTreeMap<String, String> = fields.iter().map(|(k, v)| (k.clone(), self.t(v))).collect();
        let mut form = serde_json::to_value(input).unwrap_or_default();
        if let Some(obj) = form.as_object_mut() {
            obj.remove("password");
            obj.remove("csrf");
        }
        ctx.insert("form", &form);
        ctx.insert("row_errors", &super::rows::nested_errors(&translated));
        ctx.insert("errors", &translated);
        if let Some(m) = message {
            ctx.insert("form_error", &m);
        }
        use actix_web::ResponseError;
        let status = err.status_code();
        self.render_status(state, template, ctx, status)
    }
}

/// A 303 redirect after a successful form post.
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, to.to_string()))
        .finish()
}

/// Longest `next` target followed; anything longer falls back to `/`.
pub const MAX_REDIRECT_LEN: usize = 2048;

/// The one check for redirect targets taken from user input (`next` after login, the language
/// switch): only a local path is followed, anything else becomes `/` (no open redirects).
///
/// A target must start with a single `/` (not `//` or `/\`, which browsers read as another
/// host), be visible ASCII only, contain no backslash, and, after percent-decoding, still contain
/// no control character, whitespace or backslash and not start with `//` or `/\`: browsers drop
/// tab, CR and LF inside URLs, so `/%09/evil.example` would otherwise become `//evil.example`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if is_local_path(n) => n.to_string(),
        _ => "/".to_string(),
    }
}

fn is_local_path(n: &str) -> bool {
    if n.is_empty() || n.len() > MAX_REDIRECT_LEN || !n.starts_with('/') {
        return false;
    }
    // Raw: visible ASCII only (also keeps the Location header valid), no backslash.
    if !n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') {
        return false;
    }
    // Decoded (twice, for double encoding): the same rules again.
    let once = percent_decode(n);
    let twice = percent_decode(&once);
    for d in [&once, &twice] {
        if d.chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\' || crate::text::is_invisible_format(c))
        {
            return false;
        }
        if d.starts_with("//") || d.starts_with("/\\") || !d.starts_with('/') {
            return false;
        }
    }
    true
}

/// `%XX` decoding (invalid escapes stay as they are; invalid UTF-8 becomes U+FFFD).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex_val(b[i + 1]), hex_val(b[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_val(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        let long = format!("/{}", "a".repeat(super::MAX_REDIRECT_LEN));
        for (next, expected) in [
            (None, "/"),
            (Some(""), "/"),
            (Some("/"), "/"),
            (Some("/profile"), "/profile"),
            (Some("/venues/x/bids?page=2#paper-3"), "/venues/x/bids?page=2#paper-3"),
            (Some("/search?q=%E5%AD%A6%E4%BC%9A"), "/search?q=%E5%AD%A6%E4%BC%9A"),
            (Some("/a%2Fb"), "/a%2Fb"),
            (Some("https://evil.example/"), "/"),
            (Some("evil.example"), "/"),
            (Some("//evil.example/x"), "/"),
            (Some("/\\evil.example"), "/"),
            (Some("/x\\y"), "/"),
            (Some("/%09/evil.example/"), "/"),
            (Some("/%0d%0a/evil.example"), "/"),
            (Some("/%0A/evil.example"), "/"),
            (Some("/%2F/evil.example"), "/"),
            (Some("/%5Cevil.example"), "/"),
            (Some("/%252F/evil.example"), "/"),
            (Some("/%2509/evil.example"), "/"),
            (Some("/\t/evil.example"), "/"),
            (Some("/\r\nSet-Cookie: x=1"), "/"),
            (Some("/\x0b/evil.example"), "/"),
            (Some("/\x00"), "/"),
            (Some("/a b"), "/"),
            (Some("/%20/evil"), "/"),
            (Some("/%E2%80%AEevil"), "/"),
            (Some("/学会"), "/"),
            (Some(long.as_str()), "/"),
        ] {
            assert_eq!(safe_next(next), expected, "next={next:?}");
        }
    }
}
