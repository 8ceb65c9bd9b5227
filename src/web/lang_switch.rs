//! The language switch in the page header.

use actix_web::cookie::Cookie;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::AppState;
use super::csrf::CsrfForm;
use super::i18n::Lang;
use super::page::{LANG_COOKIE, Page, safe_next};
use crate::auth::store;
use crate::error::{AppError, AppResult};

/// Form of the switch.
#[derive(Deserialize)]
pub struct SwitchForm {
    lang: String,
    #[serde(default)]
    next: Option<String>,
}

/// Sets the language cookie and, for a logged-in user, the saved preference.
pub async fn switch(state: web::Data<AppState>, page: Page, CsrfForm(form): CsrfForm<SwitchForm>) -> AppResult<HttpResponse> {
    let lang = Lang::parse(&form.lang).ok_or_else(|| AppError::field("lang", "validation.lang_invalid"))?;
    if let Some(u) = &page.user {
        let uid = u.id;
        state.db.run(move |c| store::set_language(c, uid, lang.code())).await?;
    }
    let cookie = Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .max_age(actix_web::cookie::time::Duration::days(365))
        .same_site(actix_web::cookie::SameSite::Lax)
        .finish();
    let mut res = super::page::redirect(&safe_next(form.next.as_deref()));
    res.add_cookie(&cookie).map_err(|e| AppError::caused("language cookie", e))?;
    Ok(res)
}
