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
                    unnotified_by_label: vec![],
                },
            );
            page.form_errors(&state, "review/decisions.html", ctx, &q, e)
        }
    }
}

/// A paper the chair is deciding although reviews are missing, shown for confirmation.
#[derive(Debug, Clone, serde::Serialize)]
struct Unreviewed {
    number: i32,
    title_zh: String,
    title_en: String,
    label: crate::review::phases::DecisionLabel,
    done: usize,
    assigned: usize,
}

/// `POST /venues/{slug}/decisions`: `d_<paper>` is the chosen label ("" for undecided) and
/// `was_<paper>` the label shown; only changed rows are written, so two chairs working at
/// once do not undo each other. `back` carries the table's filters. When a chosen decision
/// falls on a paper whose reviews are not all in, nothing is saved until the chair confirms
/// (`missing_reviews_ok=yes`) on a page listing those papers.
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
    let confirmed = get("missing_reviews_ok") == Some("yes");
    // Only the table's own parameters go back into the address.
    let back: TableQuery = serde_urlencoded::from_str(get("back").unwrap_or("")).unwrap_or_default();
    let u = user.user.clone();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        let now = Utc::now().naive_utc();
        let labels = crate::review::phases::load(c, ch.venue.id)?.labels();
        let mut unreviewed = Vec::new();
        for (id, label) in changes.iter().filter(|(_, l)| !l.is_empty()) {
            ch.paper(c, *id)?;
            let s = crate::submissions::store::get(c, *id)?;
            let p = super::table::progress(c, s.id)?;
            if p.missing() {
                unreviewed.push(Unreviewed {
                    number: s.number,
                    title_zh: s.title_zh.clone(),
                    title_en: s.title_en.clone(),
                    label: super::service::label_of(&labels, label),
                    done: p.done,
                    assigned: p.assigned,
                });
            }
        }
        if !unreviewed.is_empty() && !confirmed {
            return Ok(Err((ch.venue.clone(), unreviewed)));
        }
        for (id, label) in &changes {
            ch.paper(c, *id)?;
            let input = DecisionInput {
                label: (!label.is_empty()).then(|| label.clone()),
                missing_reviews_ok: confirmed,
            };
            super::service::set(c, &u, *id, &input, now)?;
        }
        Ok(Ok(()))
    })
    .await;
    let result = match result {
        Ok(Err((venue, unreviewed))) => {
            let mut ctx = Context::new();
            ctx.insert("venue", &venue);
            ctx.insert("unreviewed", &unreviewed);
            // The form as posted, to send again with the confirmation.
            let fields: Vec<&(String, String)> = form.iter().filter(|(k, _)| k != "csrf").collect();
            ctx.insert("fields", &fields);
            return page.render(&state, "review/decisions_confirm.html", ctx);
        }
        Ok(Ok(())) => Ok(()),
        Err(e) => Err(e),
    };
    flash_result(&page.session, result, "decisions.saved")?;
    Ok(redirect(&format!(
        "/venues/{slug}/decisions?{}",
        serde_urlencoded::to_string(&back).unwrap_or_default()
    )))
}

/// The notification input of the page's forms: `message_zh_<label>`, `message_en_<label>`,
/// `resend`.
fn notify_input(form: &[(String, String)]) -> NotifyInput {
    let mut input = NotifyInput::default();
    for (k, v) in form {
        let (key, zh) = match (k.strip_prefix("message_zh_"), k.strip_prefix("message_en_")) {
            (Some(key), _) => (key, true),
            (_, Some(key)) => (key, false),
            _ => continue,
        };
        if v.trim().is_empty() {
            continue;
        }
        let m = input.messages.entry(key.to_string()).or_default();
        if zh {
            m.zh = v.clone();
        } else {
            m.en = v.clone();
        }
    }
    input.resend = form.iter().any(|(k, v)| k == "resend" && !v.is_empty());
    input
}

/// `POST /venues/{slug}/decisions/notify`: without `confirmed`, a preview page saying how many
/// authors get which message, with each mail as it will read, and a button that sends exactly
/// what was previewed; with `confirmed=yes`, the mails are queued.
pub async fn notify(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let mut input = notify_input(&form);
    let confirmed = form.iter().any(|(k, v)| k == "confirmed" && v == "yes");
    input.dry_run = !confirmed;
    let (st, u, given) = (state.clone(), user.user.clone(), input.clone());
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        let labels = crate::review::phases::load(c, ch.venue.id)?.labels();
        let n = super::notify::send(c, &st, &u, ch.venue.id, &given, Utc::now().naive_utc())?;
        Ok((ch.venue.clone(), labels, n))
    })
    .await;
    match result {
        Ok((_, _, n)) if n.papers == 0 => flash(&page.session, "decisions.nothing_to_send"),
        Ok(_) if confirmed => flash(&page.session, "decisions.sent"),
        Ok((venue, labels, n)) => {
            let mut ctx = Context::new();
            ctx.insert("venue", &venue);
            ctx.insert("labels", &labels);
            ctx.insert("plan", &n);
            ctx.insert("input", &input);
            return page.render(&state, "review/decisions_notify.html", ctx);
        }
        Err(e) => flash_result(&page.session, Err(e), "")?,
    }
    Ok(redirect(&format!("/venues/{slug}/decisions#notify")))
}
