//! `GET /search`: the public search page for papers, journals and catalogue entries. Everyone
//! uses the same page; what it finds depends on who is logged in. Facets are links that add a
//! filter; chairs reach their venue's papers with `?venue=<id>` (linked from the venue page).

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use tera::Context;

use super::params::{SearchParams, check};
use super::service::run;
use crate::auth::MaybeUser;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::page::Page;

/// Names of what facets and hits mention, by id as a string.
struct Names {
    /// Venue id → (zh, en, slug).
    venues: HashMap<String, (String, String, String)>,
    /// Topic id → (zh, en).
    topics: HashMap<String, (String, String)>,
    /// Field id → (zh, en).
    fields: HashMap<String, (String, String)>,
}

fn names(c: &mut crate::db::AnyConnection, r: &super::Results) -> AppResult<Names> {
    let ids = |list: &[super::FacetCount]| list.iter().filter_map(|f| f.value.parse::<i64>().ok()).collect::<Vec<_>>();
    let mut venue_ids = ids(&r.facets.venue);
    venue_ids.extend(r.hits.iter().filter_map(|h| h.meta.venue_id));
    let mut field_ids = ids(&r.facets.field);
    field_ids.extend(r.hits.iter().flat_map(|h| h.meta.fields.iter().copied()));
    let v = super::store::venue_names(c, venue_ids)?;
    let t = super::store::topic_names(c, ids(&r.facets.topic))?;
    let f = super::store::field_names(c, field_ids)?;
    Ok(Names {
        venues: v.into_iter().map(|(id, zh, en, slug)| (id.to_string(), (zh, en, slug))).collect(),
        topics: t.into_iter().map(|(id, zh, en)| (id.to_string(), (zh, en))).collect(),
        fields: f.into_iter().map(|(id, zh, en)| (id.to_string(), (zh, en))).collect(),
    })
}

/// Parameters that facet links set.
const FACET_PARAMS: [&str; 8] = ["type", "venue", "year", "topic", "field", "tier", "language", "journal_type"];

/// `GET /search`.
pub async fn index(state: web::Data<AppState>, page: Page, user: MaybeUser, params: web::Query<SearchParams>) -> AppResult<HttpResponse> {
    let params = params.into_inner();
    let mut ctx = Context::new();
    ctx.insert("p", &params);
    // Pager links keep every parameter but the page; a facet's links keep the other
    // parameters and replace its own.
    let mut base = params.clone();
    base.page = None;
    let base_query = serde_urlencoded::to_string(&base).unwrap_or_default();
    ctx.insert("base", &base_query);
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&base_query).unwrap_or_default();
    let facet_base: HashMap<&str, String> = FACET_PARAMS
        .into_iter()
        .map(|name| {
            let others: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k != name).collect();
            (name, serde_urlencoded::to_string(others).unwrap_or_default())
        })
        .collect();
    ctx.insert("fb", &facet_base);
    let query = match check(&params) {
        Ok(q) => q,
        Err(e @ AppError::Validation { .. }) => return page.form_errors(&state, "search/index.html", ctx, &params, e),
        Err(e) => return Err(e),
    };
    let (page_no, per_page) = (query.page, query.per_page);
    let chaired: Vec<i64> = match &user.0 {
        Some(u) => {
            let u = u.clone();
            state
                .db
                .run(move |c| Ok(crate::search::access::viewer(c, Some(&u))?.chaired))
                .await?
        }
        None => vec![],
    };
    let results = match run(&state, user.0, query).await {
        Ok(r) => r,
        Err(e @ AppError::Unavailable(_)) => {
            tracing::error!(error = %e, "search failed");
            ctx.insert("unavailable", &true);
            return page.render(&state, "search/index.html", ctx);
        }
        Err(e) => return Err(e),
    };
    let r = results.clone();
    let names = state.db.run(move |c| names(c, &r)).await?;
    ctx.insert("results", &results);
    ctx.insert("venue_names", &names.venues);
    ctx.insert("topic_names", &names.topics);
    ctx.insert("field_names", &names.fields);
    ctx.insert("chaired", &chaired);
    ctx.insert("page_no", &page_no);
    ctx.insert("pages", &results.total.div_ceil(per_page).max(1));
    page.render(&state, "search/index.html", ctx)
}
