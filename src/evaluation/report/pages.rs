//! Report pages: a conference's report (with the committee's comment releases and
//! recommendations), its PDF, and the round's report.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::conference::{self, ConferenceReport};
use super::service::{self, RecommendationsInput, ReleaseInput};
use super::{charts, pdf, round, wording};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::evaluation::results::service::grade_code;
use crate::evaluation::rounds::store;
use crate::web::AppState;
use crate::web::bilingual::pick;
use crate::web::csrf::CsrfForm;
use crate::web::i18n::t;
use crate::web::page::{Page, flash, redirect};

async fn load(state: &AppState, user: &crate::auth::User, slug: String, entry: i64) -> AppResult<ConferenceReport> {
    let u = user.clone();
    state
        .db
        .run(move |c| {
            let r = store::by_slug(c, &slug)?;
            conference::view(c, &u, &r, entry)
        })
        .await
}

fn context(page: &Page, rep: &ConferenceReport) -> Context {
    let mut ctx = Context::new();
    ctx.insert("rep", rep);
    ctx.insert("radar", &pdf::radar(rep, page.lang));
    ctx.insert("strips", &pdf::strips(rep, page.lang));
    let figures: Vec<String> = rep.indicators.iter().map(|i| wording::figure(i, rep.scale, page.lang)).collect();
    ctx.insert("figures", &figures);
    ctx.insert("interval", &wording::interval(&rep.interval));
    ctx.insert("grade", grade_code(rep.grade));
    ctx.insert(
        "form",
        &RecommendationsForm {
            text_zh: rep.recommendations_zh.clone(),
            text_en: rep.recommendations_en.clone(),
        },
    );
    ctx
}

/// `GET /evaluation/{slug}/results/{entry}`.
pub async fn show(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, entry) = path.into_inner();
    let rep = load(&state, &user.user, slug, entry).await?;
    page.render(&state, "evaluation/report.html", context(&page, &rep))
}

/// `GET /evaluation/{slug}/results/{entry}.pdf`, in the reader's language.
pub async fn show_pdf(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (slug, entry) = path.into_inner();
    let rep = load(&state, &user.user, slug.clone(), entry).await?;
    let doc = pdf::document(&rep, page.lang, Utc::now().naive_utc());
    pdf::respond(&state, doc, format!("{slug}-{entry}-report.pdf")).await
}

/// The release form: `released` is "yes" or "no".
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReleaseForm {
    #[serde(default)]
    released: String,
}

/// `POST /evaluation/{slug}/results/{entry}/comments/{number}`.
pub async fn release(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64, usize)>,
    CsrfForm(form): CsrfForm<ReleaseForm>,
) -> AppResult<HttpResponse> {
    let (slug, entry, number) = path.into_inner();
    let input = ReleaseInput {
        released: form.released == "yes",
    };
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            service::release(c, &u, &r, (entry, number), &input)
        })
        .await;
    match result {
        Ok(_) => flash(
            &page.session,
            if form.released == "yes" {
                "evaluation.comment_released"
            } else {
                "evaluation.comment_withheld"
            },
        ),
        Err(AppError::Conflict(key)) => flash(&page.session, &key),
        Err(e) => return Err(e),
    }
    Ok(redirect(&format!("/evaluation/{slug}/results/{entry}#comment-{number}")))
}

/// The recommendations form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RecommendationsForm {
    #[serde(default)]
    text_zh: String,
    #[serde(default)]
    text_en: String,
}

/// `POST /evaluation/{slug}/results/{entry}/recommendations`.
pub async fn recommend(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<RecommendationsForm>,
) -> AppResult<HttpResponse> {
    let (slug, entry) = path.into_inner();
    let input = RecommendationsInput {
        text_zh: form.text_zh.clone(),
        text_en: form.text_en.clone(),
    };
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            service::recommend(c, &u, &r, entry, &input, Utc::now().naive_utc())
        })
        .await;
    match result {
        Ok(_) => {
            flash(&page.session, "evaluation.recommendations_saved");
            Ok(redirect(&format!("/evaluation/{slug}/results/{entry}#recommendations")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let rep = load(&state, &user.user, slug, entry).await?;
            page.form_errors(&state, "evaluation/report.html", context(&page, &rep), &form, e)
        }
        Err(e) => Err(e),
    }
}

/// `GET /evaluation/{slug}/report`: the round's report.
pub async fn round_report(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (slug, user) = (path.into_inner(), page.user.clone());
    let (r, rep) = state
        .db
        .run(move |c| {
            let r = store::by_slug(c, &slug)?;
            let rep = round::view(c, user.as_ref(), &r)?;
            Ok((r, rep))
        })
        .await?;
    let lang = page.lang;
    let bands: Vec<(String, f64)> = rep
        .grades
        .iter()
        .filter(|g| g.from > 0.0)
        .map(|g| (t(lang, &format!("evaluation.grade_{}", grade_code(g.grade))), g.from))
        .collect();
    let strips: Vec<String> = rep
        .dimensions
        .iter()
        .map(|d| charts::strip(d.spread.as_ref(), None, pick(&d.name_zh, &d.name_en, lang)))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("r", &r);
    ctx.insert("rep", &rep);
    ctx.insert(
        "histogram",
        &charts::histogram(&rep.histogram, &bands, &t(lang, "evaluation.round_report_histogram")),
    );
    ctx.insert("strips", &strips);
    page.render(&state, "evaluation/round_report.html", ctx)
}
