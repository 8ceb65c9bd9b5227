//! The bidding page: filters, and a bid per paper that saves as soon as it changes (a plain
//! form post without JavaScript).

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use super::model::Bid;
use super::papers::{self, PaperFilter};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// `GET /venues/{slug}/bids` (committee members).
pub async fn index(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<PaperFilter>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let f = q.into_inner();
    let f2 = f.clone();
    let (venue, tracks, topics, all, shown) = state
        .db
        .run(move |c| {
            let v = crate::venues::store::by_slug(c, &slug)?;
            let member = papers::require_member(c, v.id, user.user.id)?;
            let my_topics = crate::review::expertise::store::topics_of(c, member.id)?;
            let all = papers::visible(c, v.id, &user.user)?;
            let total = all.len();
            let bid = all.iter().filter(|p| p.bid.is_some()).count();
            let shown = papers::filter(all, &f2)?;
            let tracks = crate::venues::store::tracks_of(c, &[v.id])?;
            let topics = crate::venues::store::topics_of(c, v.id)?;
            Ok((v, tracks, topics, (total, bid, my_topics), shown))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("tracks", &tracks);
    ctx.insert("topics", &topics);
    ctx.insert("papers", &shown);
    ctx.insert("total", &all.0);
    ctx.insert("bid_count", &all.1);
    ctx.insert("my_topics", &all.2);
    ctx.insert("filter", &f);
    ctx.insert("bids", &Bid::ALL.iter().map(|b| b.code()).collect::<Vec<_>>());
    page.render(&state, "review/bids.html", ctx)
}

/// The per-paper form.
#[derive(Debug, Deserialize)]
pub struct BidForm {
    /// Bid code or empty.
    #[serde(default)]
    pub bid: String,
}

/// `POST /venues/{slug}/bids/{id}`.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<BidForm>,
) -> AppResult<HttpResponse> {
    let bid = Bid::parse(&form.bid)?;
    let (slug, id) = path.into_inner();
    let s2 = slug.clone();
    state.db.tx(move |c| super::service::save_bid(c, &s2, &user.user, id, bid)).await?;
    flash(&page.session, "bids.saved");
    Ok(redirect(&format!("/venues/{slug}/bids#paper-{id}")))
}
