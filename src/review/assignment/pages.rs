//! The chairs' assignment page: settings, solver runs with their proposal (per paper, per
//! reviewer, score distribution), commit, and the current assignments with manual changes.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::{propose, service};
use crate::auth::{CurrentUser, pages::Empty};
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::review::affinity::Weights;
use crate::review::committee::validate::role_param;
use crate::review::settings::{self, Settings};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, flash_result, redirect};

/// The settings form (numbers as typed).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SettingsForm {
    reviewers_per_paper: String,
    min_load: String,
    max_load: String,
    weight_bid: String,
    weight_topic: String,
    weight_text: String,
    #[serde(default)]
    use_imported: Option<String>,
}

impl SettingsForm {
    fn from(s: &Settings) -> Self {
        SettingsForm {
            reviewers_per_paper: s.reviewers_per_paper.to_string(),
            min_load: s.min_load.to_string(),
            max_load: s.max_load.to_string(),
            weight_bid: s.weights.bid.to_string(),
            weight_topic: s.weights.topic.to_string(),
            weight_text: s.weights.text.to_string(),
            use_imported: s.use_imported.then(|| "on".into()),
        }
    }

    fn parse(&self) -> Result<Settings, AppError> {
        let mut f = crate::error::FieldErrors::new();
        let mut int = |name: &str, v: &str| {
            v.trim().parse::<i32>().unwrap_or_else(|_| {
                f.insert(name.into(), "validation.number_invalid".into());
                0
            })
        };
        let (k, min, max) = (
            int("reviewers_per_paper", &self.reviewers_per_paper),
            int("min_load", &self.min_load),
            int("max_load", &self.max_load),
        );
        let mut float = |name: &str, v: &str| {
            v.trim().parse::<f64>().unwrap_or_else(|_| {
                f.insert(name.into(), "validation.number_invalid".into());
                0.0
            })
        };
        let weights = Weights {
            bid: float("weight_bid", &self.weight_bid),
            topic: float("weight_topic", &self.weight_topic),
            text: float("weight_text", &self.weight_text),
        };
        if !f.is_empty() {
            return Err(AppError::Validation { fields: f });
        }
        let s = Settings {
            reviewers_per_paper: k,
            min_load: min,
            max_load: max,
            weights,
            use_imported: self.use_imported.is_some(),
        };
        settings::validate(&s)?;
        Ok(s)
    }
}

/// One row of the current assignments.
#[derive(Serialize)]
struct Current {
    id: i64,
    number: i32,
    title_zh: String,
    title_en: String,
    member: String,
    role: String,
    source: String,
}

async fn page_ctx(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<Context> {
    let (venue, s, run, current, papers, (members, demands, pending)) = as_chair(state, user, slug, move |c, chair| {
        let vid = chair.venue.id;
        let s = settings::load(c, vid)?;
        let run = service::latest_run(c, chair)?;
        let papers = crate::submissions::store::titles(c, vid, true)?;
        let papers = chair.visible(papers, |p| p.0);
        let names = crate::review::conflicts::service::member_names(c, vid)?;
        let mut current = Vec::new();
        for role in [
            crate::review::committee::model::REVIEWER,
            crate::review::committee::model::AREA_CHAIR,
        ] {
            for a in service::list(c, chair, role)? {
                let p = papers.iter().find(|p| p.0 == a.submission_id);
                current.push(Current {
                    id: a.id,
                    number: p.map(|p| p.1).unwrap_or_default(),
                    title_zh: p.map(|p| p.2.clone()).unwrap_or_default(),
                    title_en: p.map(|p| p.3.clone()).unwrap_or_default(),
                    member: names.get(&a.user_id).cloned().unwrap_or_default(),
                    role: a.role.to_string(),
                    source: a.source.to_string(),
                });
            }
        }
        // Each pending change as (paper number, Chinese title, English title, member).
        let pending = service::pending_changes(c, chair)?.map(|ch| {
            let row = |sid: i64, uid: i64| {
                let p = papers.iter().find(|p| p.0 == sid);
                (
                    p.map(|p| p.1).unwrap_or_default(),
                    p.map(|p| p.2.clone()).unwrap_or_default(),
                    p.map(|p| p.3.clone()).unwrap_or_default(),
                    names.get(&uid).cloned().unwrap_or_default(),
                )
            };
            let added: Vec<_> = ch.added.iter().map(|&(sid, uid)| row(sid, uid)).collect();
            let removed: Vec<_> = ch.removed.iter().map(|&(_, sid, uid)| row(sid, uid)).collect();
            (added, removed)
        });
        let mut members: Vec<(i64, String)> = names.into_iter().collect();
        members.sort_by(|a, b| a.1.cmp(&b.1));
        let demands: Vec<(i32, String, i32)> = settings::paper_demands(c, vid)?
            .into_iter()
            .filter_map(|(sid, k)| {
                papers
                    .iter()
                    .find(|p| p.0 == sid)
                    .map(|p| (p.1, if p.2.is_empty() { p.3.clone() } else { p.2.clone() }, k))
            })
            .collect();
        Ok((chair.venue.clone(), s, run, current, papers, (members, demands, pending)))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("form", &SettingsForm::from(&s));
    ctx.insert("run", &run);
    ctx.insert("pending", &pending);
    ctx.insert("current", &current);
    ctx.insert("papers", &papers);
    ctx.insert("members", &members);
    ctx.insert("demands", &demands);
    ctx.insert("modes", &propose::MODES);
    Ok(ctx)
}

/// `GET /venues/{slug}/assignment` (chairs).
pub async fn index(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = page_ctx(&state, &user, path.into_inner()).await?;
    page.render(&state, "review/assignment.html", ctx)
}

/// `POST /venues/{slug}/assignment/settings`.
pub async fn save_settings(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    match form.parse() {
        Ok(s) => {
            as_chair(&state, &user, slug.clone(), move |c, chair| settings::save(c, chair.venue.id, &s)).await?;
            flash(&page.session, "assignment.settings_saved");
            Ok(redirect(&format!("/venues/{slug}/assignment")))
        }
        Err(e) => {
            let ctx = page_ctx(&state, &user, slug).await?;
            page.form_errors(&state, "review/assignment.html", ctx, &form, e)
        }
    }
}

/// The run form.
#[derive(Debug, Deserialize)]
pub struct RunForm {
    role: String,
    mode: String,
}

/// `POST /venues/{slug}/assignment/run`.
pub async fn run(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<RunForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let role = role_param(Some(&form.role))?;
    as_chair(&state, &user, slug.clone(), move |c, chair| {
        service::propose(c, chair, role, &form.mode)
    })
    .await?;
    Ok(redirect(&format!("/venues/{slug}/assignment#proposal")))
}

/// `POST /venues/{slug}/assignment/runs/{id}/commit`.
pub async fn commit(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<CommitForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    // The chair ticks that they have read the list of changes shown above the button.
    if form.checked.as_deref() != Some("yes") {
        flash(&page.session, "assignment.confirm_first");
        return Ok(redirect(&format!("/venues/{slug}/assignment#changes")));
    }
    let st = state.get_ref().clone();
    as_chair(&state, &user, slug.clone(), move |c, chair| service::commit(c, &st, chair, id)).await?;
    flash(&page.session, "assignment.committed");
    Ok(redirect(&format!("/venues/{slug}/assignment#current")))
}

/// The commit form: `checked=yes` once the chair has read the changes.
#[derive(Debug, Deserialize)]
pub struct CommitForm {
    #[serde(default)]
    checked: Option<String>,
}

/// The manual-assignment form.
#[derive(Debug, Deserialize)]
pub struct ManualForm {
    submission_id: i64,
    user_id: i64,
    role: String,
}

/// `POST /venues/{slug}/assignments`.
pub async fn add(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ManualForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let role = role_param(Some(&form.role))?;
    let (sid, uid) = (form.submission_id, form.user_id);
    let result = as_chair(&state, &user, slug.clone(), move |c, chair| {
        service::add_manual(c, chair, sid, uid, role)
    })
    .await;
    flash_result(&page.session, result, "assignment.added")?;
    Ok(redirect(&format!("/venues/{slug}/assignment#current")))
}

/// `POST /venues/{slug}/assignments/{id}/remove`.
pub async fn remove(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    as_chair(&state, &user, slug.clone(), move |c, chair| service::remove(c, chair, id)).await?;
    flash(&page.session, "assignment.removed");
    Ok(redirect(&format!("/venues/{slug}/assignment#current")))
}

/// The per-paper reviewers form.
#[derive(Debug, Deserialize)]
pub struct DemandForm {
    submission_id: i64,
    #[serde(default)]
    reviewers: String,
}

/// `POST /venues/{slug}/assignment/demand`: one paper's own number of reviewers (empty: the venue's).
pub async fn set_demand(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<DemandForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let k = match form.reviewers.trim() {
        "" => None,
        t => match t.parse::<i32>() {
            Ok(k) => Some(k),
            Err(_) => {
                flash(&page.session, "validation.number_invalid");
                return Ok(redirect(&format!("/venues/{slug}/assignment")));
            }
        },
    };
    let sid = form.submission_id;
    let result = as_chair(&state, &user, slug.clone(), move |c, chair| service::set_demand(c, chair, sid, k)).await;
    flash_result(&page.session, result, "assignment.demand_saved")?;
    Ok(redirect(&format!("/venues/{slug}/assignment")))
}
