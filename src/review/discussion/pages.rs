//! Discussion on the review page: posting, and changing one's own post. A refused post
//! comes back on the page with what was typed.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, PostInput};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::review::reviews::pages::{context, load_page};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

async fn outcome(
    state: &web::Data<AppState>,
    page: &Page,
    user: CurrentUser,
    id: i64,
    input: PostInput,
    result: AppResult<()>,
    ok_key: &str,
) -> AppResult<HttpResponse> {
    match result {
        Ok(()) => {
            flash(&page.session, ok_key);
            Ok(redirect(&format!("/submissions/{id}/review#discussion")))
        }
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let data = state.db.run(move |c| load_page(c, &user.user, id)).await?;
            let mut ctx = context(&data);
            ctx.insert("post_typed", &input.body);
            page.form_errors(state, "review/paper.html", ctx, &input, err)
        }
        Err(e) => Err(e),
    }
}

/// `POST /submissions/{id}/discussion`: field `body`.
pub async fn post(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<PostInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (st, u, inp) = (state.clone(), user.user.clone(), input.clone());
    let result = state
        .db
        .tx(move |c| super::service::post_and_notify(c, &st, &u, id, &inp).map(|_| ()))
        .await;
    outcome(&state, &page, user, id, input, result, "discussion.posted").await
}

/// `POST /submissions/{id}/discussion/{post}`: field `body`.
pub async fn edit(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(input): CsrfForm<PostInput>,
) -> AppResult<HttpResponse> {
    let (id, post_id) = path.into_inner();
    let (u, inp) = (user.user.clone(), input.clone());
    let result = state
        .db
        .tx(move |c| service::edit(c, &u, id, post_id, &inp, Utc::now().naive_utc()))
        .await;
    outcome(&state, &page, user, id, input, result, "discussion.edited").await
}
