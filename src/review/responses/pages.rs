//! The author response on the paper's page. A refused response comes back on the page with
//! what was typed, so nothing is lost to a length limit or a closed window.

use actix_web::{HttpResponse, web};

use super::service::ResponseInput;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// `POST /submissions/{id}/response`: field `body`.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(input): CsrfForm<ResponseInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (st, u, inp) = (state.clone(), user.user.clone(), input.clone());
    let result = state
        .db
        .tx(move |c| super::service::save_and_notify(c, &st, &u, id, &inp).map(|_| ()))
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, "responses.saved");
            Ok(redirect(&format!("/submissions/{id}#response")))
        }
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let mut ctx = crate::submissions::pages::show_context(&state, user, id).await?;
            ctx.insert("response_typed", &input.body);
            page.form_errors(&state, "submissions/show.html", ctx, &input, err)
        }
        Err(e) => Err(e),
    }
}
