//! Survey pages: a participant's list of surveys and the form of each (five labelled radio
//! buttons per rating, a comment box), the chairs' questions (rows, with the standard
//! questions in one click) and their results with SVG bar charts. Every action is a plain form
//! calling the same service as the API.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use tera::Context;

use super::forms::{SurveyAnswerForm, SurveySettingsForm, renumbered};
use super::model::SurveyKind;
use super::service;
use super::view::{SurveyQuestionView, SurveyTarget};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::venues::model::Venue;
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

fn base(slug: &str) -> String {
    format!("/venues/{slug}/survey")
}

/// `GET /venues/{slug}/survey`: the surveys open to the reader, answered or not; for chairs
/// also the links to the questions and the results.
pub async fn index(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (slug, u) = (path.into_inner(), user.user.clone());
    let (venue, mine, chair) = state
        .db
        .run(move |c| {
            let venue = crate::guard::venue::visible(c, Some(&u), &slug)?;
            let mine = service::mine(c, &venue, &u, now())?;
            let chair = crate::guard::venue::may_manage(c, &u, venue.id)?;
            Ok((venue, mine, chair))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("mine", &mine);
    ctx.insert("chair", &chair);
    page.render(&state, "participation/feedback/index.html", ctx)
}

/// What the survey form shows.
struct Survey {
    venue: Venue,
    target: Option<SurveyTarget>,
    questions: Vec<crate::participation::feedback::model::SurveyQuestion>,
}

/// The survey `target` for `user`; `target: None` when it is not open to them.
async fn load(state: &AppState, user: &CurrentUser, slug: String, target: String) -> AppResult<Survey> {
    let u = user.user.clone();
    state
        .db
        .run(move |c| {
            let venue = crate::guard::venue::visible(c, Some(&u), &slug)?;
            match service::survey(c, &venue, &u, &target, now()) {
                Ok((t, questions)) => Ok(Survey {
                    venue,
                    target: Some(t),
                    questions,
                }),
                Err(AppError::NotFound) => Ok(Survey {
                    venue,
                    target: None,
                    questions: Vec::new(),
                }),
                Err(e) => Err(e),
            }
        })
        .await
}

fn survey_ctx(s: &Survey) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", &s.venue);
    ctx.insert("target", &s.target);
    let questions: Vec<SurveyQuestionView> = s.questions.iter().map(SurveyQuestionView::from).collect();
    ctx.insert("questions", &questions);
    ctx.insert("ratings", &[1, 2, 3, 4, 5]);
    ctx
}

/// The page for a survey that is not open to the reader: it says why it may be, with 404.
fn closed(state: &AppState, page: &Page, s: &Survey) -> AppResult<HttpResponse> {
    page.render_status(
        state,
        "participation/feedback/answer.html",
        survey_ctx(s),
        actix_web::http::StatusCode::NOT_FOUND,
    )
}

/// `GET /venues/{slug}/survey/{target}`: the survey's form (or why it cannot be answered).
pub async fn form(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (slug, target) = path.into_inner();
    let s = load(&state, &user, slug, target).await?;
    if s.target.is_none() {
        return closed(&state, &page, &s);
    }
    let mut ctx = survey_ctx(&s);
    ctx.insert("form", &SurveyAnswerForm::default());
    page.render(&state, "participation/feedback/answer.html", ctx)
}

/// `POST /venues/{slug}/survey/{target}`: answers; thanks and back to the list, or the form
/// again with the errors.
pub async fn answer(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<SurveyAnswerForm>,
) -> AppResult<HttpResponse> {
    let (slug, target) = path.into_inner();
    let s = load(&state, &user, slug.clone(), target.clone()).await?;
    if s.target.is_none() {
        return closed(&state, &page, &s);
    }
    let input = form.to_input(&target, &s.questions);
    let u = user.user.clone();
    let slug2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let venue = crate::guard::venue::visible(c, Some(&u), &slug2)?;
            service::answer(c, &venue, &u, &input, now())
        })
        .await;
    match result {
        Ok(_) => {
            flash(&page.session, "feedback.thanks");
            Ok(redirect(&base(&slug)))
        }
        Err(AppError::Conflict(key)) => {
            flash(&page.session, &key);
            Ok(redirect(&base(&slug)))
        }
        Err(AppError::NotFound) => closed(&state, &page, &s),
        Err(e) => page.form_errors(
            &state,
            "participation/feedback/answer.html",
            survey_ctx(&s),
            &form,
            SurveyAnswerForm::page_errors(e),
        ),
    }
}

fn settings_ctx(venue: &Venue) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", venue);
    ctx.insert("scopes", &["event", "session"]);
    ctx.insert("kinds", &[SurveyKind::Rating.as_str(), SurveyKind::Comment.as_str()]);
    ctx
}

/// `GET /venues/{slug}/survey/settings` (chairs): the questions as rows.
pub async fn settings(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (venue, s) = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        Ok((ch.venue.clone(), service::settings(c, ch.venue.id)?))
    })
    .await?;
    let mut ctx = settings_ctx(&venue);
    ctx.insert("form", &SurveySettingsForm::of(&s));
    ctx.insert("empty", &s.questions.is_empty());
    page.render(&state, "participation/feedback/settings.html", ctx)
}

/// `POST /venues/{slug}/survey/settings` (chairs): saves the questions.
pub async fn save_settings(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(form): CsrfRowsForm<SurveySettingsForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let result = async {
        let (input, kept) = form.to_input()?;
        as_chair(&state, &user, slug.clone(), move |c, ch| service::save(c, ch, &input))
            .await
            .map_err(|e| renumbered(e, &kept))
    }
    .await;
    match result {
        Ok(_) => {
            flash(&page.session, "feedback.saved");
            Ok(redirect(&format!("{}/settings", base(&slug))))
        }
        Err(e) => {
            let venue = crate::guard::venue::chaired(&state, &user, slug).await?;
            let mut ctx = settings_ctx(&venue);
            ctx.insert("empty", &false);
            page.form_errors(&state, "participation/feedback/settings.html", ctx, &form, e)
        }
    }
}

/// `POST /venues/{slug}/survey/settings/standard` (chairs): adds the standard questions.
pub async fn add_standard(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    as_chair(&state, &user, slug.clone(), service::add_standard).await?;
    flash(&page.session, "feedback.standard_added");
    Ok(redirect(&format!("{}/settings", base(&slug))))
}

/// `GET /venues/{slug}/survey/results` (chairs): per target the number of answers and, from
/// three on, the charts, means and comments.
pub async fn results(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (venue, r) = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        Ok((ch.venue.clone(), service::results(c, &ch.venue)?))
    })
    .await?;
    let lang = page.lang;
    let mut charts = std::collections::BTreeMap::new();
    for t in &r.targets {
        for q in t.questions.iter().filter(|q| q.question.kind == SurveyKind::Rating) {
            let title = crate::programme::display::pick_name(lang, &q.question.label_zh, &q.question.label_en);
            let counts: [i64; 5] = q.counts.clone().try_into().unwrap_or([0; 5]);
            charts.insert(format!("{}-{}", t.target, q.question.id), super::figures::chart(&counts, &title));
        }
    }
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("r", &r);
    ctx.insert("charts", &charts);
    page.render(&state, "participation/feedback/results.html", ctx)
}
