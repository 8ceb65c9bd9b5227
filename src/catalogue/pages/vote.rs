//! The expert's ballot: every journal of the field with nominations and indicators; a tier and a
//! comment per journal, saved together; conflicts declared from the same page.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use tera::Context;

use crate::auth::CurrentUser;
use crate::catalogue::{ballot, policy, store, votes};
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash_result, redirect};

/// `GET /catalogues/{slug}/vote`.
pub async fn ballot_page(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (e, b) = state
        .db
        .run(move |c| {
            let e = store::by_slug(c, &slug)?;
            policy::require_expert(c, &user.user, e.id)?;
            let b = ballot::build(c, &e, user.user.id, Utc::now().naive_utc())?;
            Ok((e, b))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("e", &e);
    ctx.insert("b", &b);
    ctx.insert("texts", &e.texts());
    page.render(&state, "catalogue/vote.html", ctx)
}

/// `POST /catalogues/{slug}/vote`: `v_<journal>` is the chosen tier ("" for none yet) and
/// `was_<journal>` the one shown, `c_<journal>` / `wasc_<journal>` the comment; only changed
/// rows are written.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let get = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("");
    let mut changes = Vec::new();
    for (k, chosen) in &form {
        let Some(id) = k.strip_prefix("v_").and_then(|n| n.parse::<i64>().ok()) else {
            continue;
        };
        let comment = get(&format!("c_{id}"));
        if get(&format!("was_{id}")) != chosen || get(&format!("wasc_{id}")) != comment {
            changes.push((id, super::super::validate::vote_of(Some(chosen)), comment.to_string()));
        }
    }
    let s2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let e = store::by_slug(c, &s2)?;
            policy::require_expert(c, &user.user, e.id)?;
            let now = Utc::now().naive_utc();
            for (journal, vote, comment) in changes {
                votes::cast(c, &e, user.user.id, journal, vote?, &comment, now)?;
            }
            Ok(())
        })
        .await;
    flash_result(&page.session, result, "catalogue.votes_saved")?;
    Ok(redirect(&format!("/catalogues/{slug}/vote")))
}

/// `POST /catalogues/{slug}/conflicts`: the expert declares a conflict with a journal.
pub async fn declare(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<super::super::validate::ConflictInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let s2 = slug.clone();
    let result = state
        .db
        .tx(move |c| {
            let e = store::by_slug(c, &s2)?;
            let input = super::super::validate::ConflictInput { expert: None, ..form };
            super::super::service::declare(c, &user.user, e.id, &input)
        })
        .await;
    flash_result(&page.session, result, "catalogue.conflict_saved")?;
    Ok(redirect(&format!("/catalogues/{slug}/vote")))
}
