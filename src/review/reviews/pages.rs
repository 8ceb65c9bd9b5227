//! Review pages: the reviewer's list of assigned papers, and a paper's review page with the
//! reader's own form (drafts save as they type, through the API; the buttons post the form
//! without JavaScript) and the reviews they may read.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use tera::Context;

use super::service::{self, ReviewInput};
use super::view::{PaperWithReviews, load};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::review::forms::model::Answer;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// `GET /reviews`: the user's review tasks.
pub async fn tasks(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let uid = user.user.id;
    let tasks = state.db.run(move |c| super::store::tasks_of(c, uid)).await?;
    let mut ctx = Context::new();
    ctx.insert("tasks", &tasks);
    page.render(&state, "review/tasks.html", ctx)
}

/// Everything the review page shows.
pub struct ReviewPage {
    data: PaperWithReviews,
    venue: crate::venues::model::Venue,
    discussion: crate::review::discussion::service::Discussion,
    response: crate::review::responses::service::AuthorResponse,
    review_due: Option<crate::venues::view::DeadlineView>,
    /// Whether the chairs have decided on the paper, told or not.
    decided: bool,
}

/// The review page's template context.
pub fn context(page: &ReviewPage) -> Context {
    let (data, venue) = (&page.data, &page.venue);
    let r = &data.reviews;
    let mut ctx = Context::new();
    ctx.insert("discussion", &page.discussion);
    ctx.insert("response", &page.response);
    ctx.insert("paper", &data.paper);
    ctx.insert("r", r);
    ctx.insert("writable", &data.writable);
    ctx.insert("decision", &data.decision);
    ctx.insert("venue", venue);
    ctx.insert("review_due", &page.review_due);
    ctx.insert("decided", &page.decided);
    ctx.insert("own", &r.reviews.iter().find(|v| v.mine));
    let meta = r.relation == super::access::Relation::AreaChair;
    ctx.insert("own_kind", if meta { "meta" } else { "review" });
    ctx.insert("own_form", if meta { &r.meta_form } else { &r.form });
    ctx
}

/// Loads the review page of a paper for a member of its committee (404 for authors, who read
/// their reviews on their submission's page, and for everyone else).
pub fn load_page(c: &mut crate::db::AnyConnection, user: &crate::auth::User, id: i64) -> AppResult<ReviewPage> {
    let p = super::access::committee_paper(c, user, id)?;
    let data = load(c, user, id)?;
    let venue = crate::venues::store::by_id(c, data.paper.venue_id)?;
    let now = Utc::now().naive_utc();
    let review_due = crate::review::phases::load(c, venue.id)?
        .review_deadline
        .map(|d| crate::venues::view::deadline_view(d, &venue.timezone));
    Ok(ReviewPage {
        review_due,
        decided: crate::review::decisions::store::get(c, id)?.is_some(),
        discussion: crate::review::discussion::service::read_for(c, &p, user.id, now)?,
        response: crate::review::responses::service::read_for(c, &p, user.id, now)?,
        data,
        venue,
    })
}

/// `GET /submissions/{id}/review`.
pub async fn show(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let data = state.db.run(move |c| load_page(c, &user.user, id)).await?;
    page.render(&state, "review/paper.html", context(&data))
}

/// `POST /submissions/{id}/review`: fields `a_<key>`, and `action` = `draft` or `submit`.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let mut input = ReviewInput::default();
    for (k, v) in form {
        if let Some(key) = k.strip_prefix("a_") {
            input.answers.insert(key.to_string(), Answer::Text(v));
        } else if k == "action" {
            input.submit = v == "submit";
        }
    }
    let u = user.user.clone();
    let inp = input.clone();
    let result = state.db.tx(move |c| service::save(c, &u, id, &inp, Utc::now().naive_utc())).await;
    match result {
        Ok(r) => {
            flash(
                &page.session,
                if r.is_submitted() {
                    "reviews.submitted"
                } else {
                    "reviews.draft_saved"
                },
            );
            Ok(redirect(&format!("/submissions/{id}/review")))
        }
        Err(err @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let data = state.db.run(move |c| load_page(c, &user.user, id)).await?;
            let mut ctx = context(&data);
            // Keep what the reviewer typed.
            let typed: std::collections::BTreeMap<String, String> = input
                .answers
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        match v {
                            Answer::Text(s) => s.clone(),
                            Answer::Number(n) => n.to_string(),
                        },
                    )
                })
                .collect();
            ctx.insert("typed", &typed);
            page.form_errors(&state, "review/paper.html", ctx, &input, err)
        }
        Err(e) => Err(e),
    }
}
