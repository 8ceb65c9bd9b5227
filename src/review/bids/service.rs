//! Bidding actions shared by the API and the pages.

use super::model::Bid;
use super::papers::{self, MemberPaper};
use super::store;
use crate::error::{AppError, AppResult};

/// Saves a bid after checking the member may see the paper.
pub fn save_bid(
    c: &mut crate::db::AnyConnection,
    slug: &str,
    user: &crate::auth::User,
    id: i64,
    bid: Option<Bid>,
) -> AppResult<MemberPaper> {
    let v = crate::venues::store::by_slug(c, slug)?;
    papers::require_member(c, v.id, user.id)?;
    let visible = papers::visible(c, v.id, user)?;
    let mut p = visible.into_iter().find(|p| p.id == id).ok_or(AppError::NotFound)?;
    store::set(c, id, user.id, bid)?;
    p.bid = bid;
    Ok(p)
}
