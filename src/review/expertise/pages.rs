//! Expertise pages: keywords and earlier papers under the profile; topics on the bidding page.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::store;
use super::validate::{self, PastPaperInput};
use crate::auth::{CurrentUser, pages::Empty};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// The keywords form.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct KeywordsForm {
    /// Keywords text.
    #[serde(default)]
    pub keywords: String,
}

/// The add-a-paper form.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct PaperForm {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Abstract.
    #[serde(default)]
    pub abstract_text: String,
    /// Year as typed.
    #[serde(default)]
    pub year: String,
}

async fn expertise_ctx(state: &AppState, user_id: i64) -> AppResult<Context> {
    let v = state.db.run(move |c| super::service::view(c, user_id)).await?;
    let mut ctx = Context::new();
    ctx.insert("papers", &v.papers);
    ctx.insert("keywords", &v.keywords);
    Ok(ctx)
}

/// `GET /profile/expertise`.
pub async fn index(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let mut ctx = expertise_ctx(&state, user.user.id).await?;
    ctx.insert("form", &PaperForm::default());
    page.render(&state, "review/expertise.html", ctx)
}

/// `POST /profile/expertise`: saves keywords.
pub async fn save_keywords(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<KeywordsForm>,
) -> AppResult<HttpResponse> {
    let mut f = FieldErrors::new();
    let kw = validate::keywords(&form.keywords, &mut f);
    if !f.is_empty() {
        let ctx = expertise_ctx(&state, user.user.id).await?;
        return page.form_errors(
            &state,
            "review/expertise.html",
            ctx,
            &PaperForm::default(),
            AppError::Validation { fields: f },
        );
    }
    let uid = user.user.id;
    state.db.run(move |c| store::set_keywords(c, uid, &kw)).await?;
    flash(&page.session, "expertise.saved");
    Ok(redirect("/profile/expertise"))
}

/// `POST /profile/papers`: adds an earlier paper.
pub async fn add_paper(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    CsrfForm(form): CsrfForm<PaperForm>,
) -> AppResult<HttpResponse> {
    let mut f = FieldErrors::new();
    let year = match form.year.trim() {
        "" => None,
        y => match y.parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => {
                f.insert("year".into(), "validation.year_invalid".into());
                None
            }
        },
    };
    let input = PastPaperInput {
        title: form.title.clone(),
        abstract_text: form.abstract_text.clone(),
        year,
    };
    let p = validate::paper(&input, "title", &mut f);
    if let Some(msg) = f.remove("title").filter(|m| m == "validation.year_invalid") {
        f.insert("year".into(), msg);
    }
    if !f.is_empty() {
        let ctx = expertise_ctx(&state, user.user.id).await?;
        return page.form_errors(&state, "review/expertise.html", ctx, &form, AppError::Validation { fields: f });
    }
    let uid = user.user.id;
    state.db.run(move |c| store::add_paper(c, uid, &p)).await?;
    flash(&page.session, "expertise.paper_added");
    Ok(redirect("/profile/expertise"))
}

/// `POST /profile/papers/import`: adds the user's accepted papers from this system.
pub async fn import_accepted(state: web::Data<AppState>, page: Page, user: CurrentUser, _f: CsrfForm<Empty>) -> AppResult<HttpResponse> {
    let n = state.db.tx(move |c| super::accepted::import(c, &user.user)).await?;
    flash(
        &page.session,
        if n == 0 {
            "expertise.nothing_imported"
        } else {
            "expertise.imported"
        },
    );
    Ok(redirect("/profile/expertise"))
}

/// `POST /profile/papers/{id}/delete`.
pub async fn delete_paper(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (uid, id) = (user.user.id, path.into_inner());
    if state.db.run(move |c| store::delete_paper(c, uid, id)).await? == 0 {
        return Err(AppError::NotFound);
    }
    flash(&page.session, "expertise.paper_removed");
    Ok(redirect("/profile/expertise"))
}

/// `POST /venues/{slug}/my-topics` (repeated `topic` fields, hence read as pairs).
pub async fn save_topics(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let topics: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "topic")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let slug = path.into_inner();
    let s2 = slug.clone();
    state
        .db
        .tx(move |c| super::service::save_topics(c, &s2, user.user.id, &topics))
        .await?;
    flash(&page.session, "expertise.topics_saved");
    Ok(redirect(&format!("/venues/{slug}/bids")))
}
