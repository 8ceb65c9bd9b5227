//! The home page: the venues, in the visitor's language.

use actix_web::{HttpResponse, web};
use tera::Context;

use crate::error::AppResult;
use crate::web::AppState;
use crate::web::page::Page;

/// `GET /`.
pub async fn home(state: web::Data<AppState>, page: Page) -> AppResult<HttpResponse> {
    let venues = super::api::load(&state).await?;
    let mut ctx = Context::new();
    ctx.insert("venues", &venues);
    page.render(&state, "home.html", ctx)
}
