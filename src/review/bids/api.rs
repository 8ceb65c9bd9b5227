//! Bidding API for committee members.

use actix_web::web;
use serde::{Deserialize, Serialize};

use super::model::Bid;
use super::papers::{self, MemberPaper, PaperFilter};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;

/// A bid to save; `null` (or `none`) clears it.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BidInput {
    /// `eager`, `willing`, `in_a_pinch`, `not_willing`, or null. Required, so a misspelt body
    /// cannot clear a bid.
    #[serde(deserialize_with = "Option::deserialize")]
    #[schema(required = true)]
    pub bid: Option<String>,
}

/// The papers the caller may bid on, with their bids (committee members of the venue).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/bids", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), PaperFilter),
    responses((status = 200, body = Vec<MemberPaper>), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<PaperFilter>,
) -> AppResult<web::Json<Vec<MemberPaper>>> {
    let slug = path.into_inner();
    let f = q.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let v = crate::venues::store::by_slug(c, &slug)?;
                papers::require_member(c, v.id, user.user.id)?;
                papers::filter(papers::visible(c, v.id, &user.user)?, &f)
            })
            .await?,
    ))
}

/// Saves the caller's bid on one paper; a paper they may not see is 404.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/bids/{id}", tag = "review", security(("bearer" = [])), request_body = BidInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = MemberPaper), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<BidInput>,
) -> AppResult<web::Json<MemberPaper>> {
    let bid = Bid::parse(body.bid.as_deref().unwrap_or(""))?;
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        state
            .db
            .tx(move |c| super::service::save_bid(c, &slug, &user.user, id, bid))
            .await?,
    ))
}
