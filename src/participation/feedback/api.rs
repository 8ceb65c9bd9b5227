//! JSON API of surveys: chairs set the questions and read the results; participants who
//! checked in see what they may answer and answer it once.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service;
use super::validate::{SurveyAnswerInput, SurveyInput};
use super::view::{SurveyAnswered, SurveyMine, SurveyResults, SurveySettings};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// The venue's survey questions in order (chairs); none means the survey is off.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/survey", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = SurveySettings), (status = 404, body = ErrorBody)))]
pub async fn get_survey(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<SurveySettings>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::settings(c, ch.venue.id)).await?,
    ))
}

/// Replaces the venue's survey questions with the ordered list sent (chairs). Send a stored
/// question's `id` to keep it and its answers; a question with answers keeps its kind and
/// scope. Questions not sent are removed.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/survey", tag = "participation", security(("bearer" = [])),
    request_body = SurveyInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = SurveySettings), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_survey(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<SurveyInput>,
) -> AppResult<web::Json<SurveySettings>> {
    let input = body.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::save(c, ch, &input)).await?,
    ))
}

/// The surveys the reader may answer at the venue (the event once they checked in; a session
/// once they checked in at it, or at the event on its day after it started), each with
/// `answered`, and the questions of each scope. Empty for anyone not checked in.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/survey/mine", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = SurveyMine), (status = 404, body = ErrorBody)))]
pub async fn mine(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<SurveyMine>> {
    let (slug, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let venue = crate::guard::venue::visible(c, Some(&u), &slug)?;
                service::mine(c, &venue, &u, now())
            })
            .await?,
    ))
}

/// Answers one survey, once and anonymously: the answers are stored apart from the record that
/// the reader answered, with no name and no time. 404 when the survey is not open to the
/// reader; 409 the second time; 422 for invalid answers (ratings are whole numbers 1 to 5).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/survey/answers", tag = "participation", security(("bearer" = [])),
    request_body = SurveyAnswerInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = SurveyAnswered), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn answer(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<SurveyAnswerInput>,
) -> AppResult<HttpResponse> {
    let (slug, u, input) = (path.into_inner(), user.user.clone(), body.into_inner());
    let done = state
        .db
        .tx(move |c| {
            let venue = crate::guard::venue::visible(c, Some(&u), &slug)?;
            service::answer(c, &venue, &u, &input, now())
        })
        .await?;
    Ok(HttpResponse::Created().json(done))
}

/// The survey results per target (chairs): the number of answers and, from three answers on,
/// per question the count of each rating, the mean and the comments sorted alphabetically.
/// Never who answered, nor when.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/survey/results", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = SurveyResults), (status = 404, body = ErrorBody)))]
pub async fn results(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<SurveyResults>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::results(c, &ch.venue)).await?,
    ))
}
