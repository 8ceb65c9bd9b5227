//! The expert's ballot page: conferences in rows, the indicators the experts score in columns
//! (a level on the system's scale each, with the anchors at hand) and a comment per
//! conference, submitted together; drafts kept as the expert types (`static/xuehui.js` posts
//! the form to `/ballot/draft`, as on the catalogue's ballot) and never counted; conflicts
//! declared from the same page.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use std::collections::BTreeMap;
use tera::Context;

use super::model::LineInput;
use super::service::{self, Ballot};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::evaluation::rounds::store;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, flash_result, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

async fn ctx(state: &AppState, user: &crate::auth::User, slug: String) -> AppResult<Context> {
    let u = user.clone();
    let (r, b) = state
        .db
        .run(move |c| {
            let r = store::by_slug(c, &slug)?;
            let b = service::ballot(c, &u, &r, now())?;
            Ok((r, b))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("r", &r);
    ctx.insert("b", &b);
    ctx.insert("levels", &(1..=b.scale.len()).collect::<Vec<_>>());
    Ok(ctx)
}

/// `GET /evaluation/{slug}/ballot` (the round's experts; 404 for others).
pub async fn show(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = ctx(&state, &user.user, path.into_inner()).await?;
    page.render(&state, "evaluation/ballot.html", ctx)
}

/// The posted lines: `c_<entry>` marks a line and carries its comment, `l_<entry>_<code>` its
/// levels ("" for none chosen).
fn posted(form: &[(String, String)]) -> Result<Vec<(i64, LineInput)>, AppError> {
    let mut lines: BTreeMap<i64, LineInput> = BTreeMap::new();
    for (k, v) in form {
        if let Some(id) = k.strip_prefix("c_").and_then(|n| n.parse::<i64>().ok()) {
            lines.entry(id).or_default().comment = v.clone();
        }
    }
    for (k, v) in form {
        let Some(rest) = k.strip_prefix("l_") else { continue };
        let Some((id, code)) = rest.split_once('_') else { continue };
        let Some(line) = id.parse::<i64>().ok().and_then(|id| lines.get_mut(&id)) else {
            continue;
        };
        let level = match v.trim() {
            "" => None,
            t => Some(t.parse::<i32>().map_err(|_| AppError::field(k, "evaluation.ballot_level_range"))?),
        };
        line.levels.insert(code.to_string(), level);
    }
    Ok(lines.into_iter().collect())
}

/// Whether a posted line says what the ballot already holds as cast.
fn unchanged(b: &Ballot, entry: i64, line: &LineInput) -> bool {
    let Some(l) = b.lines.iter().find(|l| l.entry_id == entry) else {
        return false;
    };
    let typed: BTreeMap<String, i32> = line.levels.iter().filter_map(|(k, v)| v.map(|v| (k.clone(), v))).collect();
    typed == l.levels && line.comment.trim() == l.comment
}

fn blank(line: &LineInput) -> bool {
    line.levels.values().all(Option::is_none) && line.comment.trim().is_empty()
}

/// `POST /evaluation/{slug}/ballot`: casts every changed line together (nothing is cast when a
/// line has a problem: the page shows it beside the line) and clears the drafts.
pub async fn cast(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let lines = posted(&form)?;
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            let before = service::ballot(c, &u, &r, now())?;
            let mut fields = FieldErrors::new();
            let mut n = 0;
            for (entry, line) in &lines {
                let was_scored = before
                    .lines
                    .iter()
                    .any(|l| l.entry_id == *entry && (!l.levels.is_empty() || !l.comment.is_empty()));
                if unchanged(&before, *entry, line) || (blank(line) && !was_scored) {
                    if before.lines.iter().any(|l| l.entry_id == *entry && l.draft.is_some()) {
                        super::store::put_draft(c, (r.id, *entry, u.id), None, now())?;
                    }
                    continue;
                }
                match service::cast(c, &u, &r, *entry, line, now()) {
                    Ok(()) => n += 1,
                    Err(AppError::Validation { fields: f }) => fields.extend(f),
                    Err(e) => return Err(e),
                }
            }
            if fields.is_empty() {
                Ok(n)
            } else {
                Err(AppError::Validation { fields })
            }
        })
        .await;
    match result {
        Ok(_) => {
            flash(&page.session, "evaluation.ballot_saved");
            Ok(redirect(&format!("/evaluation/{slug}/ballot")))
        }
        Err(e @ AppError::Validation { .. }) => {
            let mut ctx = ctx(&state, &user.user, slug).await?;
            let typed: BTreeMap<String, String> = form.into_iter().filter(|(k, _)| k != "csrf").collect();
            ctx.insert("typed", &typed);
            page.form_errors(&state, "evaluation/ballot.html", ctx, &serde_json::json!({}), e)
        }
        Err(AppError::Conflict(key)) => {
            flash(&page.session, &key);
            Ok(redirect(&format!("/evaluation/{slug}/ballot")))
        }
        Err(e) => Err(e),
    }
}

/// `POST /evaluation/{slug}/ballot/draft`: keeps the ballot as typed without casting it.
/// Script requests (`Accept: application/json`) get `{"drafts"}`; the "save draft" button is
/// sent back to the ballot.
pub async fn draft(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let lines = posted(&form);
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let lines = lines?;
            let r = store::by_slug(c, &s2)?;
            let before = service::ballot(c, &u, &r, now())?;
            for (entry, line) in &lines {
                if blank(line) && !before.lines.iter().any(|l| l.entry_id == *entry && l.draft.is_some()) {
                    continue;
                }
                service::draft(c, &u, &r, *entry, line, now())?;
            }
            Ok(service::ballot(c, &u, &r, now())?.drafts)
        })
        .await;
    let wants_json = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    if wants_json {
        let drafts = result?;
        return Ok(HttpResponse::Ok().json(serde_json::json!({ "drafts": drafts })));
    }
    flash_result(&page.session, result.map(|_| ()), "evaluation.ballot_draft_saved")?;
    Ok(redirect(&format!("/evaluation/{slug}/ballot")))
}

/// The conflict form.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct ConflictForm {
    #[serde(default)]
    entry: String,
    #[serde(default)]
    reason: String,
}

/// `POST /evaluation/{slug}/conflicts`: the expert declares a conflict with a conference.
pub async fn declare(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ConflictForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s2, f2) = (user.user.clone(), slug.clone(), form.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            let entry = f2
                .entry
                .trim()
                .parse::<i64>()
                .map_err(|_| AppError::field("entry", "evaluation.conflict_entry"))?;
            service::declare_conflict(c, &u, &r, entry, &f2.reason, now())
        })
        .await;
    match result {
        Ok(()) => {
            flash(&page.session, "evaluation.conflict_recorded");
            Ok(redirect(&format!("/evaluation/{slug}/ballot")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let mut ctx = ctx(&state, &user.user, slug).await?;
            ctx.insert("which", "conflict");
            page.form_errors(&state, "evaluation/ballot.html", ctx, &form, e)
        }
        Err(e) => Err(e),
    }
}
