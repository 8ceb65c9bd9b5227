//! Issue pages for the editorial office: `/journals/{id}/issues` (the list and a new issue) and
//! `/journals/{id}/issues/{issue}` (the table of contents, placing, ordering and numbering
//! articles, the cover, publishing).

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use tera::Context;

use super::service;
use super::validate::{self, IssueInput, NumberingInput};
use super::view;
use crate::auth::pages::Empty;
use crate::auth::{CurrentUser, User};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::journal::{as_editorial, issue_for};
use crate::guard::policy::JournalAction;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// The issue form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct IssueForm {
    #[serde(default)]
    volume: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    title_en: String,
}

impl IssueForm {
    /// The input, or the fields that are not whole numbers.
    fn input(&self) -> AppResult<IssueInput> {
        let mut f = crate::error::FieldErrors::new();
        let mut num = |name: &str, v: &str| match v.trim().parse::<i32>() {
            Ok(n) => n,
            Err(_) => {
                f.insert(name.into(), "validation.number_invalid".into());
                0
            }
        };
        let input = IssueInput {
            volume: num("volume", &self.volume),
            number: num("number", &self.number),
            year: num("year", &self.year),
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
        };
        AppError::unless_fields(f, input)
    }
}

/// `GET /journals/{id}/issues`: the journal's issues and the form for a new one.
pub async fn index(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let ctx = index_ctx(&state, &user, path.into_inner()).await?;
    page.render(&state, "journals/issues.html", ctx)
}

async fn index_ctx(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<Context> {
    let (journal, issues) = as_editorial(state, user, id, JournalAction::ManageIssues, |c, ed| {
        Ok((crate::journals::store::view(c, ed.journal.id)?, view::list(c, ed.journal.id)?))
    })
    .await?;
    let next = issues.first().map(|i| (i.volume, i.number + 1, i.year));
    let mut ctx = Context::new();
    ctx.insert("j", &journal);
    ctx.insert("issues", &issues);
    let year = chrono::Datelike::year(&Utc::now().date_naive());
    let (v, n, y) = next.unwrap_or((1, 1, year));
    ctx.insert(
        "form",
        &IssueForm {
            volume: v.to_string(),
            number: n.to_string(),
            year: y.max(year).to_string(),
            ..IssueForm::default()
        },
    );
    Ok(ctx)
}

/// `POST /journals/{id}/issues`: a new issue.
pub async fn create(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<IssueForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let result = match form.input() {
        Ok(input) => {
            as_editorial(&state, &user, id, JournalAction::ManageIssues, move |c, ed| {
                service::create(c, ed, &input, Utc::now().naive_utc())
            })
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(issue) => {
            flash(&page.session, "journal_issue.created");
            Ok(redirect(&format!("/journals/{id}/issues/{issue}")))
        }
        Err(e) => {
            let ctx = index_ctx(&state, &user, id).await?;
            page.form_errors(&state, "journals/issues.html", ctx, &form, e)
        }
    }
}

/// The issue of journal `jid` for the user (404 when it belongs to another journal).
fn of_journal(conn: &mut AnyConnection, user: &User, jid: i64, issue: i64) -> AppResult<()> {
    let (i, _) = issue_for(conn, user, issue, JournalAction::ManageIssues)?;
    if i.journal_id == jid { Ok(()) } else { Err(AppError::NotFound) }
}

async fn issue_ctx(state: &AppState, user: &CurrentUser, jid: i64, id: i64) -> AppResult<Context> {
    let u = user.user.clone();
    let (journal, issue, deposits) = state
        .db
        .run(move |c| {
            of_journal(c, &u, jid, id)?;
            Ok((
                crate::journals::store::view(c, jid)?,
                view::for_user(c, &u, id)?,
                super::crossref::deposits(c, &u, id)?,
            ))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("j", &journal);
    ctx.insert("issue", &issue);
    ctx.insert("deposits", &deposits);
    ctx.insert("crossref_on", &state.config.crossref.is_some());
    Ok(ctx)
}

/// `GET /journals/{id}/issues/{issue}`.
pub async fn show(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    let ctx = issue_ctx(&state, &user, jid, id).await?;
    page.render(&state, "journals/issue.html", ctx)
}

/// After an action on the issue page: back to it, or the page with the problem.
async fn acted<T: serde::Serialize>(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    (jid, id): (i64, i64),
    form: &T,
    result: AppResult<()>,
    ok_key: &str,
) -> AppResult<HttpResponse> {
    match result {
        Ok(()) => {
            flash(&page.session, ok_key);
            Ok(redirect(&format!("/journals/{jid}/issues/{id}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_) | AppError::BadRequest(_))) => {
            let ctx = issue_ctx(state, user, jid, id).await?;
            page.form_errors(state, "journals/issue.html", ctx, form, e)
        }
        Err(e) => Err(e),
    }
}

/// Runs `f` on issue `id` of journal `jid` in one transaction.
async fn on_issue<F>(state: &AppState, user: &CurrentUser, jid: i64, id: i64, f: F) -> AppResult<()>
where
    F: FnOnce(&mut AnyConnection, &User) -> AppResult<()> + Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            of_journal(c, &u, jid, id)?;
            f(c, &u)
        })
        .await
}

/// `POST /journals/{id}/issues/{issue}`: volume, number, year and titles.
pub async fn update(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(form): CsrfForm<IssueForm>,
) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    let result = match form.input() {
        Ok(input) => {
            on_issue(&state, &user, jid, id, move |c, u| {
                service::update(c, u, id, &input, Utc::now().naive_utc())
            })
            .await
        }
        Err(e) => Err(e),
    };
    acted(&state, &page, &user, (jid, id), &form, result, "journal_issue.saved").await
}

/// The form placing an article.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct ArticleForm {
    #[serde(default)]
    article_id: String,
}

/// `POST /journals/{id}/issues/{issue}/articles`: place an article in production.
pub async fn schedule(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(form): CsrfForm<ArticleForm>,
) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    let article = form.article_id.trim().parse::<i64>().unwrap_or(0);
    let result = on_issue(&state, &user, jid, id, move |c, u| {
        service::schedule(c, u, id, article, Utc::now().naive_utc())
    })
    .await;
    acted(&state, &page, &user, (jid, id), &form, result, "journal_issue.scheduled").await
}

/// `POST /journals/{id}/issues/{issue}/articles/{article}/remove`.
pub async fn unschedule(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64, i64)>,
    CsrfForm(form): CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (jid, id, article) = path.into_inner();
    let _ = form;
    let result = on_issue(&state, &user, jid, id, move |c, u| {
        service::unschedule(c, u, id, article, Utc::now().naive_utc())
    })
    .await;
    acted(
        &state,
        &page,
        &user,
        (jid, id),
        &serde_json::json!({}),
        result,
        "journal_issue.unscheduled",
    )
    .await
}

/// The move form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct MoveForm {
    #[serde(default)]
    direction: String,
}

/// `POST /journals/{id}/issues/{issue}/articles/{article}/move`.
pub async fn move_article(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64, i64)>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> AppResult<HttpResponse> {
    let (jid, id, article) = path.into_inner();
    let dir = form.direction.clone();
    let result = on_issue(&state, &user, jid, id, move |c, u| {
        service::move_article(c, u, id, article, &dir, Utc::now().naive_utc())
    })
    .await;
    acted(&state, &page, &user, (jid, id), &form, result, "journal_issue.moved").await
}

/// The numbering form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct NumberingForm {
    #[serde(default)]
    mode: String,
    #[serde(default)]
    first_page: String,
}

/// `POST /journals/{id}/issues/{issue}/numbering`.
pub async fn number(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(form): CsrfForm<NumberingForm>,
) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    let first = form.first_page.trim();
    let parsed = match first {
        "" => Ok(None),
        p => p
            .parse::<u32>()
            .map(Some)
            .map_err(|_| AppError::field("first_page", "journal_issue.first_page_invalid")),
    };
    let result = match parsed.and_then(|first_page| {
        validate::numbering(&NumberingInput {
            mode: form.mode.clone(),
            first_page,
        })
    }) {
        Ok(n) => {
            on_issue(&state, &user, jid, id, move |c, u| {
                service::number(c, u, id, n, Utc::now().naive_utc())
            })
            .await
        }
        Err(e) => Err(e),
    };
    acted(&state, &page, &user, (jid, id), &form, result, "journal_issue.numbered").await
}

/// `POST /journals/{id}/issues/{issue}/publish`.
pub async fn publish(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(_form): CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    let st = state.get_ref().clone();
    let result = on_issue(&state, &user, jid, id, move |c, u| {
        service::publish(c, &st, u, id, Utc::now().naive_utc()).map(|_| ())
    })
    .await;
    acted(
        &state,
        &page,
        &user,
        (jid, id),
        &serde_json::json!({}),
        result,
        "journal_issue.published_now",
    )
    .await
}

/// `POST /journals/{id}/issues/{issue}/delete`: an empty issue being prepared.
pub async fn delete(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(_form): CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    match on_issue(&state, &user, jid, id, move |c, u| service::delete(c, u, id)).await {
        Ok(()) => {
            flash(&page.session, "journal_issue.deleted");
            Ok(redirect(&format!("/journals/{jid}/issues")))
        }
        Err(e) => acted(&state, &page, &user, (jid, id), &serde_json::json!({}), Err(e), "").await,
    }
}

/// `POST /journals/{id}/issues/{issue}/cover` (multipart `image`, `csrf`).
pub async fn cover(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    session: Session,
    path: web::Path<(i64, i64)>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    let u = user.user.clone();
    state.db.run(move |c| of_journal(c, &u, jid, id)).await?;
    let result = super::cover::receive(&state, &user, &session, id, payload).await;
    acted(
        &state,
        &page,
        &user,
        (jid, id),
        &serde_json::json!({}),
        result,
        "journal_issue.cover_saved",
    )
    .await
}

/// `GET /journals/{id}/issues/{issue}/cover`.
pub async fn cover_image(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    super::cover::send(&state, &user, &req, jid, id).await
}

/// Answers the Crossref deposit of issue `id` (or of its article `only`) as an XML download.
pub async fn deposit_file(state: &AppState, user: &CurrentUser, id: i64, only: Option<i64>) -> AppResult<HttpResponse> {
    let (u, base, from) = (user.user.clone(), state.config.base_url.clone(), state.config.mail_from_address());
    let file = state
        .db
        .run(move |c| {
            let site = crate::formats::crossref::Site {
                base_url: &base,
                depositor_email: &from,
            };
            super::crossref::deposit(c, &u, id, only, &site, Utc::now().naive_utc())
        })
        .await?;
    Ok(crate::web::download::xml(file.xml, &file.name))
}

/// Queues the Crossref deposit of issue `id` (or of its article `only`).
pub async fn queue_deposit(state: &AppState, user: &CurrentUser, id: i64, only: Option<i64>) -> AppResult<crate::crossref::model::Deposit> {
    let (u, base, from, account) = (
        user.user.clone(),
        state.config.base_url.clone(),
        state.config.mail_from_address(),
        state.config.crossref.clone(),
    );
    state
        .db
        .tx(move |c| {
            let site = crate::formats::crossref::Site {
                base_url: &base,
                depositor_email: &from,
            };
            super::crossref::request_deposit(c, &u, id, only, &site, account.as_ref(), Utc::now().naive_utc())
        })
        .await
}

/// `POST /journals/{id}/issues/{issue}/crossref/deposit`: queues the issue's deposit.
pub async fn deposit(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(_form): CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    let u = user.user.clone();
    state.db.run(move |c| of_journal(c, &u, jid, id)).await?;
    let result = queue_deposit(&state, &user, id, None).await.map(|_| ());
    acted(&state, &page, &user, (jid, id), &serde_json::json!({}), result, "crossref.queued").await
}

/// `GET /journals/{id}/issues/{issue}/crossref.xml`: the published issue's Crossref deposit.
pub async fn crossref(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<HttpResponse> {
    let (jid, id) = path.into_inner();
    let u = user.user.clone();
    let journal = state
        .db
        .run(move |c| Ok(issue_for(c, &u, id, JournalAction::ManageIssues)?.0.journal_id))
        .await?;
    if journal != jid {
        return Err(AppError::NotFound);
    }
    deposit_file(&state, &user, id, None).await
}
