//! The language switch in the page header.

use actix_web::HttpResponse;
use actix_web::cookie::Cookie;
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::i18n::Lang;
use super::page::{LANG_COOKIE, safe_next};
use crate::error::{AppError, AppResult};

/// Form of the switch.
#[derive(Deserialize)]
pub struct SwitchForm {
    lang: String,
    #[serde(default)]
    next: Option<String>,
}

/// Sets the language cookie of this browser; the saved preference (the language of mails)
/// stays as the profile page set it.
pub async fn switch(CsrfForm(form): CsrfForm<SwitchForm>) -> AppResult<HttpResponse> {
    let lang = Lang::parse(&form.lang).ok_or_else(|| AppError::field("lang", "validation.lang_invalid"))?;
    let mut res = super::page::redirect(&safe_next(form.next.as_deref()));
    res.add_cookie(&cookie(Some(lang)))
        .map_err(|e| AppError::caused("language cookie", e))?;
    Ok(res)
}

/// The switch cookie for `lang`, or one that removes it (`None`: follow the saved preference).
pub fn cookie(lang: Option<Lang>) -> Cookie<'static> {
    let mut c = Cookie::build(LANG_COOKIE, lang.map_or("", Lang::code))
        .path("/")
        .max_age(actix_web::cookie::time::Duration::days(365))
        .same_site(actix_web::cookie::SameSite::Lax)
        .finish();
    if lang.is_none() {
        c.make_removal();
    }
    c
}
