//! The results page: the ranking with totals, dimensions, grades, rank intervals and the
//! proposal; for the committee every indicator's score, a what-if form (other weights, shown
//! beside the round's ranks, never saved) and overrides with reasons.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use std::collections::{BTreeMap, HashMap};
use tera::Context;

use super::service::{self, OverrideInput, Results, WhatIfInput};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::evaluation::notice::service::ObjectionView;
use crate::evaluation::rounds::model::RoundPhase;
use crate::evaluation::rounds::store;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// The objections the reader may see and whether they may file one now.
async fn objections(state: &AppState, page: &Page, r: &crate::evaluation::rounds::model::Round) -> AppResult<(Vec<ObjectionView>, bool)> {
    let (user, r2) = (page.user.clone(), r.clone());
    if r.phase < RoundPhase::Notice {
        return Ok((Vec::new(), false));
    }
    let Some(u) = user else {
        return Ok((Vec::new(), false));
    };
    let list = state.db.run(move |c| crate::evaluation::notice::service::list(c, &u, &r2)).await?;
    Ok((list, crate::evaluation::notice::service::open(r, Utc::now().naive_utc())))
}

/// The entries whose report the reader may open from the results.
async fn readable(state: &AppState, page: &Page, r: &crate::evaluation::rounds::model::Round, res: &Results) -> AppResult<Vec<i64>> {
    let Some(u) = page.user.clone() else {
        return Ok(Vec::new());
    };
    if res.committee {
        return Ok(res.lines.iter().map(|l| l.entry_id).collect());
    }
    let (r2, ids): (_, Vec<i64>) = (r.clone(), res.lines.iter().map(|l| l.entry_id).collect());
    state
        .db
        .run(move |c| {
            let mut out = Vec::new();
            for id in ids {
                let e = store::entry(c, r2.id, id)?;
                if crate::guard::evaluation::reads_report(c, &u, &r2, &e)? {
                    out.push(id);
                }
            }
            Ok(out)
        })
        .await
}

async fn render(
    state: &AppState,
    page: &Page,
    r: &crate::evaluation::rounds::model::Round,
    res: &Results,
    base: Option<&Results>,
) -> AppResult<HttpResponse> {
    let (objections, may_object) = objections(state, page, r).await?;
    let readable = readable(state, page, r, res).await?;
    let mut ctx = Context::new();
    ctx.insert("readable", &readable);
    ctx.insert("objections", &objections);
    ctx.insert("may_object", &may_object);
    ctx.insert("r", r);
    ctx.insert("res", res);
    let base_ranks: HashMap<String, u32> = base
        .map(|b| b.lines.iter().map(|l| (l.entry_id.to_string(), l.rank)).collect())
        .unwrap_or_default();
    ctx.insert("base_ranks", &base_ranks);
    ctx.insert("grades", &["excellent", "good", "pass", "fail"]);
    page.render(state, "evaluation/results.html", ctx)
}

/// `GET /evaluation/{slug}/results`.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (slug, user) = (path.into_inner(), page.user.clone());
    let (r, res) = state
        .db
        .run(move |c| {
            let r = store::by_slug(c, &slug)?;
            let res = service::view(c, user.as_ref(), &r)?;
            Ok((r, res))
        })
        .await?;
    render(&state, &page, &r, &res, None).await
}

/// `POST /evaluation/{slug}/results/what-if`: `w_<code>` weights (the committee). A weight
/// that is not a number ≥ 0 sends the committee back with the reason.
pub async fn what_if(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let back = format!("/evaluation/{slug}/results#what-if");
    let mut weights = BTreeMap::new();
    for (k, v) in &form {
        if let Some(code) = k.strip_prefix("w_") {
            match v.trim().parse::<f64>() {
                Ok(w) => {
                    weights.insert(code.to_string(), w);
                }
                Err(_) => {
                    flash(&page.session, "evaluation.weight_invalid");
                    return Ok(redirect(&back));
                }
            }
        }
    }
    let u = user.user.clone();
    let result = state
        .db
        .run(move |c| {
            let r = store::by_slug(c, &slug)?;
            let base = service::view(c, Some(&u), &r)?;
            let res = service::what_if(c, &u, &r, &WhatIfInput { weights })?;
            Ok((r, base, res))
        })
        .await;
    match result {
        Ok((r, base, res)) => render(&state, &page, &r, &res, Some(&base)).await,
        Err(AppError::Validation { fields }) => {
            flash(
                &page.session,
                fields.values().next().map_or("evaluation.weight_invalid", |k| k.as_str()),
            );
            Ok(redirect(&back))
        }
        Err(e) => Err(e),
    }
}

/// The override form: `demonstrative` is "", "yes" or "no".
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct OverrideForm {
    #[serde(default)]
    grade: String,
    #[serde(default)]
    demonstrative: String,
    #[serde(default)]
    reason: String,
}

/// `POST /evaluation/{slug}/results/{entry}/override` (the committee).
pub async fn set_override(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<OverrideForm>,
) -> AppResult<HttpResponse> {
    let (slug, entry) = path.into_inner();
    let input = OverrideInput {
        grade: Some(form.grade.clone()),
        demonstrative: match form.demonstrative.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        reason: form.reason.clone(),
    };
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::by_slug(c, &s2)?;
            service::set_override(c, &u, &r, entry, &input, Utc::now().naive_utc())
        })
        .await;
    match result {
        Ok(_) => flash(&page.session, "evaluation.override_saved"),
        Err(AppError::Validation { fields }) => {
            let key = fields.values().next().cloned().unwrap_or_default();
            flash(&page.session, &key);
        }
        Err(AppError::Conflict(key)) => flash(&page.session, &key),
        Err(e) => return Err(e),
    }
    Ok(redirect(&format!("/evaluation/{slug}/results#line-{entry}")))
}

async fn export(state: &AppState, page: &Page, slug: String, xlsx: bool) -> AppResult<HttpResponse> {
    let user = page.user.clone();
    let (r, res) = state
        .db
        .run(move |c| {
            let r = store::by_slug(c, &slug)?;
            let res = service::view(c, user.as_ref(), &r)?;
            Ok((r, res))
        })
        .await?;
    let (headers, rows) = super::export::table(&res, page.lang, &|k| page.t(k));
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    if xlsx {
        let cols = super::export::number_columns(&headers, &res);
        let bytes = crate::web::sheets::xlsx_typed("results", &names, &rows, &cols)?;
        Ok(crate::web::sheets::download(
            bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{}-results.xlsx", r.slug),
        ))
    } else {
        let bytes = crate::web::sheets::csv(&names, &rows)?;
        Ok(crate::web::sheets::download(
            bytes,
            "text/csv; charset=utf-8",
            &format!("{}-results.csv", r.slug),
        ))
    }
}

/// `GET /evaluation/{slug}/results.csv`: the results as the reader may see them.
pub async fn csv(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    export(&state, &page, path.into_inner(), false).await
}

/// `GET /evaluation/{slug}/results.xlsx`.
pub async fn xlsx(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    export(&state, &page, path.into_inner(), true).await
}
