//! The copyediting and production forms on the manuscript page, and galleys opened from it.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::model::GalleyKind;
use super::service::{self, ProofsInput};
use super::validate::{MetadataInput, PagesInput};
use crate::auth::CurrentUser;
use crate::auth::pages::Empty;
use crate::error::AppError;
use crate::error::AppResult;
use crate::guard::journal::manuscript_for;
use crate::guard::policy::ManuscriptAction;
use crate::journals::manuscripts::model::Stage;
use crate::journals::manuscripts::pages::{acted, show_ctx};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// The metadata form; references one per line.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct MetadataForm {
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    abstract_zh: String,
    #[serde(default)]
    abstract_en: String,
    #[serde(default)]
    keywords_zh: String,
    #[serde(default)]
    keywords_en: String,
    #[serde(default)]
    licence_url: String,
    #[serde(default)]
    references: String,
}

/// `POST /manuscripts/{id}/article`: corrected metadata and references.
pub async fn update(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<MetadataForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = MetadataInput {
        title_zh: form.title_zh.clone(),
        title_en: form.title_en.clone(),
        abstract_zh: form.abstract_zh.clone(),
        abstract_en: form.abstract_en.clone(),
        keywords_zh: form.keywords_zh.clone(),
        keywords_en: form.keywords_en.clone(),
        licence_url: form.licence_url.clone(),
        references: form.references.lines().map(str::to_string).collect(),
    };
    let u = user.user.clone();
    let result = state
        .db
        .tx(move |c| service::update_metadata(c, &u, id, &input, Utc::now().naive_utc()))
        .await;
    acted(&state, &page, &user, id, &form, result, "journal_article.metadata_saved").await
}

/// The pages form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct PagesForm {
    #[serde(default)]
    first_page: String,
    #[serde(default)]
    last_page: String,
    #[serde(default)]
    article_number: String,
}

/// `POST /manuscripts/{id}/article/pages`.
pub async fn pages(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<PagesForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = PagesInput {
        first_page: form.first_page.clone(),
        last_page: form.last_page.clone(),
        article_number: form.article_number.clone(),
    };
    let u = user.user.clone();
    let result = state
        .db
        .tx(move |c| service::set_pages(c, &u, id, &input, Utc::now().naive_utc()))
        .await;
    acted(&state, &page, &user, id, &form, result, "journal_article.pages_saved").await
}

/// `POST /manuscripts/{id}/production`: copyediting done.
pub async fn to_production(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(_form): CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let u = user.user.clone();
    let result = state
        .db
        .tx(move |c| service::to_production(c, &u, id, Utc::now().naive_utc()))
        .await;
    acted(
        &state,
        &page,
        &user,
        id,
        &serde_json::json!({}),
        result,
        "journal_article.in_production",
    )
    .await
}

/// After a multipart form: back to the page, or the page with the problem.
async fn uploaded(state: &AppState, page: &Page, user: &CurrentUser, id: i64, result: AppResult<()>, ok: &str) -> AppResult<HttpResponse> {
    match result {
        Ok(()) => {
            flash(&page.session, ok);
            Ok(redirect(&format!("/manuscripts/{id}#production")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_) | AppError::BadRequest(_) | AppError::Csrf)) => {
            let e = if matches!(e, AppError::Csrf) {
                AppError::BadRequest("csrf".into())
            } else {
                e
            };
            let ctx = show_ctx(state, user, id).await?;
            page.form_errors(state, "journals/manuscript.html", ctx, &serde_json::json!({}), e)
        }
        Err(e) => Err(e),
    }
}

/// `POST /manuscripts/{id}/copyedited` (multipart `file`, `csrf`).
pub async fn copyedited(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let result = match super::upload::read(&state, &user.user, id, &[Stage::Copyediting], payload).await? {
        Ok(up) => super::upload::copyedited(&state, &user, &session, id, up).await,
        Err(f) => Err(f.error),
    };
    uploaded(&state, &page, &user, id, result, "journal_article.copyedit_saved").await
}

/// `POST /manuscripts/{id}/galleys` (multipart `kind`, `lang`, `file`, `csrf`).
pub async fn add_galley(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let result = match super::upload::read(&state, &user.user, id, &[Stage::Production, Stage::Scheduled], payload).await? {
        Ok(up) => super::upload::galley(&state, &user, &session, id, up).await.map(|_| ()),
        Err(f) => Err(f.error),
    };
    uploaded(&state, &page, &user, id, result, "journal_article.galley_saved").await
}

/// `POST /manuscripts/{id}/galleys/{galley}/remove`.
pub async fn remove_galley(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(_form): CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (id, g) = path.into_inner();
    let u = user.user.clone();
    let result = state
        .db
        .tx(move |c| service::remove_galley(c, &u, id, g, Utc::now().naive_utc()))
        .await;
    acted(
        &state,
        &page,
        &user,
        id,
        &serde_json::json!({}),
        result,
        "journal_article.galley_removed",
    )
    .await
}

/// The authors' proofs form: `approved` is `1` (approve) or `0` (corrections).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct ProofsForm {
    #[serde(default)]
    approved: String,
    #[serde(default)]
    note: String,
}

/// `POST /manuscripts/{id}/proofs`.
pub async fn proofs(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<ProofsForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = ProofsInput {
        approved: form.approved == "1",
        note: form.note.clone(),
    };
    let (u, st) = (user.user.clone(), state.clone());
    let result = state
        .db
        .tx(move |c| service::check_proofs(c, &st, &u, id, &input, Utc::now().naive_utc()))
        .await;
    acted(&state, &page, &user, id, &form, result, "journal_article.proofs_sent").await
}

/// `GET /manuscripts/{id}/galleys/{galley}`: a galley, for those who may read the manuscript.
/// An HTML galley is sandboxed: it is the production team's markup, not ours.
pub async fn galley(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (id, gid) = path.into_inner();
    let u = user.user.clone();
    let (g, file, number) = state
        .db
        .run(move |c| {
            let (m, _) = manuscript_for(c, &u, id, ManuscriptAction::Read)?;
            let a = super::store::of_manuscript(c, m.id)?.ok_or(AppError::NotFound)?;
            let g = super::store::galley(c, a.id, gid)?;
            let file = crate::files::model::get(c, g.file_id)?;
            Ok((g, file, m.number))
        })
        .await?;
    send_galley(&state, &req, &g, &file, format!("article-{number}-{}", g.lang)).await
}

/// Answers a galley inline as `{stem}.pdf` or `{stem}.html`; an HTML galley under
/// [`GALLEY_POLICY`]. The one way galleys are served, to the office and to the public.
pub async fn send_galley(
    state: &AppState,
    req: &HttpRequest,
    g: &super::model::Galley,
    file: &crate::files::model::StoredFile,
    stem: String,
) -> AppResult<HttpResponse> {
    let ext = match g.kind {
        GalleyKind::Pdf => "pdf",
        GalleyKind::Html => "html",
    };
    let mut resp = crate::files::download::send(
        state,
        req,
        crate::files::download::Download {
            sha256: &file.sha256,
            ext,
            name: format!("{stem}.{ext}"),
            inline: true,
        },
    )
    .await?;
    if g.kind == GalleyKind::Html {
        resp.headers_mut().insert(
            actix_web::http::header::CONTENT_SECURITY_POLICY,
            actix_web::http::header::HeaderValue::from_static(GALLEY_POLICY),
        );
    }
    Ok(resp)
}

/// The policy an HTML galley is served under: a sandbox (no script, no forms, its own origin)
/// on top of the site's policy.
pub const GALLEY_POLICY: &str = "sandbox; default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
     form-action 'none'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
