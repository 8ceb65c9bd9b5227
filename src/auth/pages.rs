//! Account pages: sign-up, verification, login, logout, password reset, profile, API tokens.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::extract::{CurrentUser, SESSION_SID, client_ip};
use super::validate::{ProfileInput, SignupInput};
use super::{api_tokens, service, sessions, store, validate};
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, SESSION_CSRF, flash, redirect, safe_next};

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
pub struct Empty {}

/// `?next=` after login.
#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// `?token=` of mailed links.
#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

fn message(page: &Page, state: &AppState, title: &str, body: &str) -> AppResult<HttpResponse> {
    let mut ctx = Context::new();
    ctx.insert("title", &page.t(title));
    ctx.insert("body", &page.t(body));
    page.render(state, "auth/message.html", ctx)
}

/// `GET /signup`.
pub async fn signup_form(state: web::Data<AppState>, page: Page) -> AppResult<HttpResponse> {
    let mut ctx = Context::new();
    ctx.insert("form", &SignupInput::default());
    page.render(&state, "auth/signup.html", ctx)
}

/// `POST /signup`.
pub async fn signup_submit(state: web::Data<AppState>, page: Page, CsrfForm(input): CsrfForm<SignupInput>) -> AppResult<HttpResponse> {
    match service::signup(&state, &input, page.lang).await {
        Ok(email) => {
            let mut ctx = Context::new();
            ctx.insert("email", &email);
            page.render(&state, "auth/check_mail.html", ctx)
        }
        Err(e) => page.form_errors(&state, "auth/signup.html", Context::new(), &input, e),
    }
}

/// `GET /verify?token=`: confirms the address from the mailed link.
pub async fn verify(state: web::Data<AppState>, page: Page, q: web::Query<TokenQuery>) -> AppResult<HttpResponse> {
    match service::verify_email(&state, &q.token).await {
        Ok(_) => {
            flash(&page.session, "auth.verified");
            Ok(redirect("/login"))
        }
        Err(AppError::BadRequest(_)) => message(&page, &state, "auth.link_invalid_title", "auth.link_invalid"),
        Err(e) => Err(e),
    }
}

/// Resend form body.
#[derive(Deserialize, Serialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// `POST /verify/resend`.
pub async fn resend(state: web::Data<AppState>, page: Page, CsrfForm(f): CsrfForm<EmailForm>) -> AppResult<HttpResponse> {
    service::resend_verification(&state, &f.email, page.lang).await?;
    let mut ctx = Context::new();
    ctx.insert("email", &f.email.trim().to_lowercase());
    page.render(&state, "auth/check_mail.html", ctx)
}

/// Login form body.
#[derive(Deserialize, Serialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

/// `GET /login`.
pub async fn login_form(state: web::Data<AppState>, page: Page, q: web::Query<NextQuery>) -> AppResult<HttpResponse> {
    let mut ctx = Context::new();
    ctx.insert("form", &serde_json::json!({ "email": "", "next": safe_next(q.next.as_deref()) }));
    page.render(&state, "auth/login.html", ctx)
}

/// `POST /login`: a new session (new cookie, new CSRF token) on success.
pub async fn login_submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    page: Page,
    CsrfForm(f): CsrfForm<LoginForm>,
) -> AppResult<HttpResponse> {
    let ua = req.headers().get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("");
    match service::login(&state, &f.email, &f.password, &client_ip(&req), ua).await {
        Ok((_, sid)) => {
            page.session.renew();
            page.session.remove(SESSION_CSRF);
            page.session.insert(SESSION_SID, sid).map_err(|e| AppError::caused("session", e))?;
            Ok(redirect(&safe_next(f.next.as_deref())))
        }
        Err(e) => {
            let mut ctx = Context::new();
            if matches!(&e, AppError::Unauthorized(k) if k == "auth.not_verified") {
                ctx.insert("offer_resend", &true);
            }
            page.form_errors(&state, "auth/login.html", ctx, &f, e)
        }
    }
}

/// `POST /logout`.
pub async fn logout(state: web::Data<AppState>, page: Page, _f: CsrfForm<Empty>) -> AppResult<HttpResponse> {
    if let Ok(Some(sid)) = page.session.get::<String>(SESSION_SID) {
        state.db.run(move |c| sessions::delete(c, &sid)).await?;
    }
    page.session.purge();
    Ok(redirect("/"))
}

/// `GET /password/forgot`.
pub async fn forgot_form(state: web::Data<AppState>, page: Page) -> AppResult<HttpResponse> {
    let mut ctx = Context::new();
    ctx.insert("form", &serde_json::json!({ "email": "" }));
    page.render(&state, "auth/forgot.html", ctx)
}

/// `POST /password/forgot`: the same answer whether or not the account exists.
pub async fn forgot_submit(state: web::Data<AppState>, page: Page, CsrfForm(f): CsrfForm<EmailForm>) -> AppResult<HttpResponse> {
    match service::request_reset(&state, &f.email, page.lang).await {
        Ok(()) => message(&page, &state, "auth.reset_sent_title", "auth.reset_sent"),
        Err(e) => page.form_errors(&state, "auth/forgot.html", Context::new(), &f, e),
    }
}

/// `GET /reset?token=`.
pub async fn reset_form(state: web::Data<AppState>, page: Page, q: web::Query<TokenQuery>) -> AppResult<HttpResponse> {
    if !service::reset_link_valid(&state, &q.token).await? {
        return message(&page, &state, "auth.link_invalid_title", "auth.link_invalid");
    }
    let mut ctx = Context::new();
    ctx.insert("token", &q.token);
    page.render(&state, "auth/reset.html", ctx)
}

/// Reset form body.
#[derive(Deserialize, Serialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

/// `POST /reset`.
pub async fn reset_submit(state: web::Data<AppState>, page: Page, CsrfForm(f): CsrfForm<ResetForm>) -> AppResult<HttpResponse> {
    match service::reset_password(&state, &f.token, &f.password, page.lang).await {
        Ok(_) => {
            flash(&page.session, "auth.password_changed");
            Ok(redirect("/login"))
        }
        Err(AppError::BadRequest(_)) => message(&page, &state, "auth.link_invalid_title", "auth.link_invalid"),
        Err(e) => {
            let mut ctx = Context::new();
            ctx.insert("token", &f.token);
            page.form_errors(&state, "auth/reset.html", ctx, &f, e)
        }
    }
}

fn profile_input(u: &super::User) -> ProfileInput {
    ProfileInput {
        name_zh: u.name_zh.clone(),
        name_latin: u.name_latin.clone(),
        affiliation: u.affiliation.clone(),
        country: u.country.clone(),
        orcid: u.orcid.clone().unwrap_or_default(),
        preferred_lang: u.preferred_lang.clone().unwrap_or_default(),
        birth_year: u.birth_year,
    }
}

/// `GET /profile`.
pub async fn profile_form(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let mut ctx = Context::new();
    ctx.insert("form", &profile_input(&user.user));
    ctx.insert("email", &user.user.email);
    page.render(&state, "auth/profile.html", ctx)
}

/// `POST /profile`.
pub async fn profile_submit(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    CsrfForm(f): CsrfForm<ProfileInput>,
) -> AppResult<HttpResponse> {
    match validate::profile_update(&f) {
        Ok(p) => {
            let uid = user.user.id;
            let lang = p.preferred_lang;
            state.db.run(move |c| store::update_profile(c, uid, &p)).await?;
            flash(&page.session, "profile.saved");
            // Pages follow the newly saved language (the switch cookie would hide it).
            let mut res = redirect("/profile");
            res.add_cookie(&crate::web::lang_switch::cookie(lang))
                .map_err(|e| AppError::caused("language cookie", e))?;
            Ok(res)
        }
        Err(e) => {
            let mut ctx = Context::new();
            ctx.insert("email", &user.user.email);
            page.form_errors(&state, "auth/profile.html", ctx, &f, e)
        }
    }
}

async fn tokens_page(
    state: &AppState,
    page: &Page,
    user_id: i64,
    mut ctx: Context,
    status: actix_web::http::StatusCode,
) -> AppResult<HttpResponse> {
    let tokens = state.db.run(move |c| api_tokens::list(c, user_id)).await?;
    ctx.insert("tokens", &tokens);
    page.render_status(state, "auth/tokens.html", ctx, status)
}

/// `GET /tokens`.
pub async fn tokens(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    tokens_page(&state, &page, user.user.id, Context::new(), actix_web::http::StatusCode::OK).await
}

/// New token form body.
#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

/// `POST /tokens`: shows the new secret once.
pub async fn token_create(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    CsrfForm(f): CsrfForm<TokenForm>,
) -> AppResult<HttpResponse> {
    let uid = user.user.id;
    let name = f.name.clone();
    let mut ctx = Context::new();
    match state.db.run(move |c| api_tokens::create(c, uid, &name)).await {
        Ok((_, secret)) => {
            ctx.insert("new_secret", &secret);
            tokens_page(&state, &page, uid, ctx, actix_web::http::StatusCode::OK).await
        }
        Err(AppError::Validation { fields }) => {
            let msgs: std::collections::BTreeMap<_, _> = fields.iter().map(|(k, v)| (k.clone(), page.t(v))).collect();
            ctx.insert("errors", &msgs);
            ctx.insert("form", &serde_json::json!({ "name": f.name }));
            tokens_page(&state, &page, uid, ctx, actix_web::http::StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /tokens/{id}/revoke`.
pub async fn token_revoke(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (uid, id) = (user.user.id, path.into_inner());
    state.db.run(move |c| api_tokens::revoke(c, uid, id)).await?;
    flash(&page.session, "tokens.revoked");
    Ok(redirect("/tokens"))
}

/// `POST /tokens/revoke-all`: revokes every live token of the user.
pub async fn token_revoke_all(state: web::Data<AppState>, page: Page, user: CurrentUser, _f: CsrfForm<Empty>) -> AppResult<HttpResponse> {
    let uid = user.user.id;
    state.db.run(move |c| api_tokens::revoke_all(c, uid)).await?;
    flash(&page.session, "tokens.all_revoked");
    Ok(redirect("/tokens"))
}
