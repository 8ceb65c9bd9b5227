//! The chairs' decisions page: the ranked table with filters, decisions for many papers at
//! once, and the notification form.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use tera::Context;

use super::notify::NotifyInput;
use super::service::DecisionInput;
use super::table::TableQuery;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, flash_result, redirect};

/// `GET /venues/{slug}/decisions` (chairs), with the table's query parameters.
pub async fn index(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TableQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let (query, u) = (q.clone(), user.user.clone());
    let (v, table, tracks) = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let vid = ch.venue.id;
        let tracks = crate::venues::store::tracks_of(c, &[vid])?;
        match super::table::load(c, &u, vid, &query) {
            Ok(t) => Ok((ch.venue.clone(), Ok(t), tracks)),
            Err(e @ AppError::Validation { .. }) => Ok((ch.venue.clone(), Err(e), tracks)),
            Err(e) => Err(e),
        }
    })
    .await?;
    let vid = v.id;
    let mut ctx = Context::new();
    ctx.insert("venue", &v);
    ctx.insert("tracks", &tracks);
    ctx.insert("q", &q);
    ctx.insert("back", &serde_urlencoded::to_string(&q).unwrap_or_default());
    match table {
        Ok(t) => {
            ctx.insert("table", &t);
            page.render(&state, "review/decisions.html", ctx)
        }
        // A bad filter: the page says which, with an empty table.
        Err(e) => {
            let labels = state.db.run(move |c| Ok(crate::review::phases::load(c, vid)?.labels())).await?;
            ctx.insert(
                "table",
                &super::table::Table {
                    labels,
                    rows: vec![],
                    counts: vec![],
                    total: 0,
                    unnotified: 0,
                },
            );
            page.form_errors(&state, "review/decisions.html", ctx, &q, e)
        }
    }
}

/// `POST /venues/{slug}/decisions`: `d_<paper>` is the chosen label ("" for undecided) and
/// `was_<paper>` the label shown; only changed rows are written, so two chairs working at
/// once do not undo each other. `back` carries the table's filters.
pub async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let get = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let mut changes = Vec::new();
    for (k, chosen) in &form {
        let Some(id) = k.strip_prefix("d_").and_then(|n| n.parse::<i64>().ok()) else {
            continue;
        };
        if get(&format!("was_{id}")) != Some(chosen.as_str()) {
            changes.push((id, chosen.clone()));
        }
    }
    // Only the table's own parameters go back into the address.
    let back: TableQuery = serde_urlencoded::from_str(get("back").unwrap_or("")).unwrap_or_default();
    let u = user.user.clone();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        let now = Utc::now().naive_utc();
        for (id, label) in &changes {
            ch.paper(c, *id)?;
            let input = DecisionInput {
                label: (!label.is_empty()).then(|| label.clone()),
            };
            super::service::set(c, &u, *id, &input, now)?;
        }
        Ok(())
    })
    .await;
    flash_result(&page.session, result, "decisions.saved")?;
    Ok(redirect(&format!(
        "/venues/{slug}/decisions?{}",
        serde_urlencoded::to_string(&back).unwrap_or_default()
    )))
}

/// `POST /venues/{slug}/decisions/notify`: `message_zh`, `message_en`, `resend`.
pub async fn notify(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let get = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let input = NotifyInput {
        message_zh: get("message_zh"),
        message_en: get("message_en"),
        resend: !get("resend").is_empty(),
    };
    let (st, u) = (state.clone(), user.user.clone());
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        super::notify::send(c, &st, &u, ch.venue.id, &input, Utc::now().naive_utc())
    })
    .await;
    match result {
        Ok(n) if n.papers == 0 => flash(&page.session, "decisions.nothing_to_send"),
        Ok(_) => flash(&page.session, "decisions.sent"),
        Err(e) => flash_result(&page.session, Err(e), "")?,
    }
    Ok(redirect(&format!("/venues/{slug}/decisions#notify")))
}
