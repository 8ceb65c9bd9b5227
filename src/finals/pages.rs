//! Pages of the final-version phase: the paper's final-version page (authors upload, confirm
//! the author list and consent; chairs approve, ask for changes, decide list changes and
//! withdraw), the chairs' table with reminders, and the phase settings.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::service;
use super::table::TableQuery;
use super::validate::{AuthorListInput, ChangeDecisionInput, ConsentInput, PhaseInput, ReviewInput, WithdrawInput};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::submissions::validate::AuthorInput;
use crate::venues::service::TrackParam;
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, flash_result, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// `GET /submissions/{id}/final`: the paper's final version, for its authors and chairs.
pub async fn show(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let u = user.user.clone();
    let (view, chair, venue) = state
        .db
        .run(move |c| {
            let (view, chair) = super::view::for_reader(c, &u, id, now())?;
            let venue = crate::venues::store::by_slug(c, &view.venue)?;
            Ok((view, chair, venue))
        })
        .await?;
    let corresponding = view.authors.iter().any(|a| a.is_corresponding && a.email == user.user.email);
    let mut ctx = Context::new();
    let warnings: Vec<String> = view
        .final_version
        .as_ref()
        .map(|f| serde_json::from_str::<Vec<String>>(&f.warnings).unwrap_or_default())
        .unwrap_or_default()
        .iter()
        .map(|k| page.t(k))
        .collect();
    ctx.insert("warning_texts", &warnings);
    ctx.insert("closed_text", &view.upload_closed.as_deref().map(|k| page.t(k)).unwrap_or_default());
    ctx.insert("f", &view);
    ctx.insert("venue", &venue);
    ctx.insert("chair", &chair);
    ctx.insert("corresponding", &corresponding);
    ctx.insert("licences", super::validate::LICENCES);
    page.render(&state, "finals/show.html", ctx)
}

/// `POST /submissions/{id}/final` (multipart): the final version.
pub async fn upload(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let result = super::upload::receive(&state, &user.user, user.via, &page.session, id, payload).await;
    flash_result(&page.session, result.map(|_| ()), "finals.uploaded")?;
    Ok(redirect(&format!("/submissions/{id}/final")))
}

/// The author-list form: rows of authors plus the chosen corresponding and presenting rows.
#[derive(Debug, Deserialize)]
pub struct AuthorsForm {
    #[serde(default)]
    authors: Vec<AuthorInput>,
    #[serde(default)]
    corresponding: String,
    #[serde(default)]
    presenter: String,
    #[serde(default)]
    reason: String,
}

/// `POST /submissions/{id}/final/authors`.
pub async fn authors(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfRowsForm(f): CsrfRowsForm<AuthorsForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = AuthorListInput {
        authors: f.authors,
        corresponding: f.corresponding.parse().unwrap_or(usize::MAX),
        presenter: f.presenter.parse().unwrap_or(usize::MAX),
        reason: f.reason,
    };
    let result = state
        .db
        .tx(move |c| service::confirm_authors(c, &user.user, id, &input, now()))
        .await;
    let key = match &result {
        Ok(service::ListOutcome::ChangeRequested) => "finals.change_requested",
        _ => "finals.authors_confirmed",
    };
    flash_result(&page.session, result.map(|_| ()), key)?;
    Ok(redirect(&format!("/submissions/{id}/final")))
}

/// The consent form.
#[derive(Debug, Deserialize, Serialize)]
pub struct ConsentForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    accept: String,
}

/// `POST /submissions/{id}/final/consent`.
pub async fn consent(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    req: HttpRequest,
    path: web::Path<i64>,
    CsrfForm(f): CsrfForm<ConsentForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = ConsentInput {
        name: f.name,
        accept: f.accept == "yes",
    };
    let ip = crate::auth::extract::client_ip(&req);
    let result = state
        .db
        .tx(move |c| service::consent(c, &user.user, id, &input, &ip, now()).map(|_| ()))
        .await;
    flash_result(&page.session, result, "finals.consented")?;
    Ok(redirect(&format!("/submissions/{id}/final")))
}

/// The chair's verdict form.
#[derive(Debug, Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    message: String,
}

/// `POST /submissions/{id}/final/review` (chairs).
pub async fn review(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(f): CsrfForm<ReviewForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = ReviewInput {
        verdict: f.verdict,
        message: f.message,
    };
    let st = state.clone();
    let result = state
        .db
        .tx(move |c| service::review(c, &st, &user.user, id, &input, now()).map(|_| ()))
        .await;
    flash_result(&page.session, result, "finals.reviewed")?;
    Ok(redirect(&format!("/submissions/{id}/final")))
}

/// The chair's decision on an author-list change.
#[derive(Debug, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    approve: String,
    #[serde(default)]
    note: String,
}

/// `POST /submissions/{id}/final/changes/{change}` (chairs).
pub async fn decide_change(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    CsrfForm(f): CsrfForm<ChangeForm>,
) -> AppResult<HttpResponse> {
    let (id, change) = path.into_inner();
    let input = ChangeDecisionInput {
        approve: f.approve == "yes",
        note: f.note,
    };
    let st = state.clone();
    let result = state
        .db
        .tx(move |c| service::decide_change(c, &st, &user.user, id, change, &input, now()))
        .await;
    flash_result(&page.session, result, "finals.change_decided")?;
    Ok(redirect(&format!("/submissions/{id}/final")))
}

/// The withdrawal form.
#[derive(Debug, Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    reason: String,
}

/// `POST /submissions/{id}/final/withdraw` (chairs).
pub async fn withdraw(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(f): CsrfForm<WithdrawForm>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = WithdrawInput { reason: f.reason };
    let st = state.clone();
    let result = state
        .db
        .tx(move |c| service::withdraw(c, &st, &user.user, id, &input, now()).map(|_| ()))
        .await;
    flash_result(&page.session, result, "finals.withdrawn")?;
    Ok(redirect(&format!("/submissions/{id}/final")))
}

/// `GET /venues/{slug}/finals` (chairs): the table with filters and reminders.
pub async fn table(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TableQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let query = q.clone();
    let (venue, tracks, labels, table) = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let tracks = crate::venues::store::tracks_of(c, &[ch.venue.id])?;
        let labels = crate::review::phases::load(c, ch.venue.id)?.labels();
        let table = match super::table::load(c, ch, &query) {
            Ok(t) => Ok(t),
            Err(e @ AppError::Validation { .. }) => Err(e),
            Err(e) => return Err(e),
        };
        // Tracks with a call of their own can have a phase of their own.
        let mut own = Vec::new();
        for t in &tracks {
            if crate::venues::store::call_for(c, ch.venue.id, Some(t.id))?.is_some() {
                own.push(t.clone());
            }
        }
        Ok((ch.venue.clone(), (tracks, own), labels, table))
    })
    .await?;
    let (tracks, call_tracks) = tracks;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("tracks", &tracks);
    ctx.insert("call_tracks", &call_tracks);
    ctx.insert("labels", &labels);
    ctx.insert("q", &q);
    ctx.insert("statuses", &super::model::FinalStatus::ALL);
    match table {
        Ok(t) => ctx.insert("table", &t),
        Err(AppError::Validation { fields }) => {
            let msg = fields.values().next().map(|k| page.t(k)).unwrap_or_default();
            ctx.insert("form_error", &msg);
            ctx.insert("table", &serde_json::json!({"rows": [], "counts": {}, "phase_set": true}));
        }
        Err(e) => return Err(e),
    }
    page.render(&state, "finals/table.html", ctx)
}

/// The reminder form: ticked papers, or every due one.
#[derive(Debug, Deserialize)]
pub struct RemindForm {
    #[serde(default)]
    paper: Vec<i64>,
}

/// `POST /venues/{slug}/finals/remind` (chairs).
pub async fn remind(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(f): CsrfRowsForm<RemindForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let queued = as_chair(&state, &user, slug.clone(), move |c, ch| {
        let ids = if f.paper.is_empty() { service::due_papers(c, ch)? } else { f.paper };
        service::queue_reminders(c, ch, &ids)
    })
    .await?;
    flash(
        &page.session,
        if queued == 0 {
            "finals.nobody_to_remind"
        } else {
            "finals.reminders_queued"
        },
    );
    Ok(redirect(&format!("/venues/{slug}/finals")))
}

/// The settings form as typed (checkboxes as "yes").
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SettingsForm {
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    page_limit: String,
    #[serde(default)]
    source_required: String,
    #[serde(default)]
    changes_required: String,
    #[serde(default)]
    template_name: String,
    #[serde(default)]
    template_url: String,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    consent_zh: String,
    #[serde(default)]
    consent_en: String,
}

impl SettingsForm {
    fn to_input(&self) -> Result<PhaseInput, AppError> {
        let page_limit = match self.page_limit.trim() {
            "" => None,
            p => Some(
                p.parse()
                    .map_err(|_| AppError::field("page_limit", "validation.page_limit_range"))?,
            ),
        };
        Ok(PhaseInput {
            opens_at: self.opens_at.clone(),
            deadline: self.deadline.clone(),
            page_limit,
            source_required: self.source_required == "yes",
            changes_required: self.changes_required == "yes",
            template_name: self.template_name.clone(),
            template_url: self.template_url.clone(),
            licence: self.licence.clone(),
            consent_zh: self.consent_zh.clone(),
            consent_en: self.consent_en.clone(),
        })
    }
}

/// `GET /venues/{slug}/finals/settings` (chairs), `?track=` for a track's own call.
pub async fn settings_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
) -> AppResult<HttpResponse> {
    let track = q.into_inner().track;
    let t2 = track.clone();
    let (venue, phase, tracks) = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let track_id = crate::venues::store::track_id_param(c, ch.venue.id, t2.as_deref())?;
        let phase = match crate::venues::store::call_for(c, ch.venue.id, track_id)? {
            Some(call) => super::store::phase_of_call(c, call.id)?,
            None => None,
        };
        Ok((ch.venue.clone(), phase, crate::venues::store::tracks_of(c, &[ch.venue.id])?))
    })
    .await?;
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::UTC);
    let form = match &phase {
        Some(p) => SettingsForm {
            opens_at: p
                .opens_at
                .map(|o| crate::venues::deadline::utc_to_local_input(o, tz))
                .unwrap_or_default(),
            deadline: crate::venues::deadline::utc_to_local_input(p.deadline, tz),
            page_limit: p.page_limit.map(|l| l.to_string()).unwrap_or_default(),
            source_required: if p.source_required { "yes".into() } else { String::new() },
            changes_required: if p.changes_required { "yes".into() } else { String::new() },
            template_name: p.template_name.clone(),
            template_url: p.template_url.clone(),
            licence: p.licence.clone(),
            consent_zh: p.consent_zh.clone(),
            consent_en: p.consent_en.clone(),
        },
        None => SettingsForm {
            licence: "cc_by_4_0".into(),
            ..SettingsForm::default()
        },
    };
    let mut ctx = settings_ctx(&venue, &tracks, track.as_deref());
    ctx.insert("form", &form);
    page.render(&state, "finals/settings.html", ctx)
}

fn settings_ctx(venue: &crate::venues::model::Venue, tracks: &[crate::venues::model::Track], track: Option<&str>) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", venue);
    ctx.insert("tracks", tracks);
    ctx.insert("track", &track);
    ctx.insert("licences", super::validate::LICENCES);
    ctx
}

/// `POST /venues/{slug}/finals/settings` (chairs).
pub async fn save_settings(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
    CsrfForm(f): CsrfForm<SettingsForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let track = q.into_inner().track;
    let input = f.to_input();
    let t2 = track.clone();
    let result = match input {
        Ok(input) => {
            as_chair(&state, &user, slug.clone(), move |c, ch| {
                service::set_phase(c, ch, t2.as_deref(), &input, now()).map(|_| ())
            })
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            flash(&page.session, "finals.settings_saved");
            Ok(redirect(&format!("/venues/{slug}/finals")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let u = user.user.clone();
            let (venue, tracks) = state
                .db
                .run(move |c| {
                    let ch = crate::guard::venue::chair(c, &u, &slug)?;
                    Ok((ch.venue.clone(), crate::venues::store::tracks_of(c, &[ch.venue.id])?))
                })
                .await?;
            let ctx = settings_ctx(&venue, &tracks, track.as_deref());
            page.form_errors(&state, "finals/settings.html", ctx, &f, e)
        }
        Err(e) => Err(e),
    }
}

/// `GET /submissions/{id}/final/consent.pdf`: the signed consent form (authors and chairs of
/// the paper), typeset from the recorded consent.
pub async fn consent_pdf(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let form = state
        .db
        .run(move |c| {
            let (view, _) = super::view::for_reader(c, &user.user, id, now())?;
            let consent = view.consent.ok_or(AppError::NotFound)?;
            let venue = crate::venues::store::by_slug(c, &view.venue)?;
            let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
            let name = |lang: crate::web::i18n::Lang| crate::web::i18n::t(lang, &format!("finals.licence_{}", consent.licence));
            Ok(crate::reports::documents::ConsentForm {
                venue: crate::reports::documents::Titles {
                    title_zh: venue.title_zh.clone(),
                    title_en: venue.title_en.clone(),
                },
                paper: crate::reports::documents::ConsentPaper {
                    number: view.number,
                    title_zh: view.title_zh,
                    title_en: view.title_en,
                    authors: view
                        .authors
                        .iter()
                        .map(|a| crate::proceedings::gather::index_name(&a.name_zh, &a.name_latin))
                        .collect(),
                },
                licence: crate::reports::documents::Licence {
                    code: consent.licence.clone(),
                    name_zh: name(crate::web::i18n::Lang::ZhCn),
                    name_en: name(crate::web::i18n::Lang::En),
                    text_zh: consent.text_zh,
                    text_en: consent.text_en,
                },
                signer_name: consent.signer_name,
                signer_email: consent.signer_email,
                accepted_at_local: format!("{} ({})", crate::venues::deadline::display(consent.accepted_at, tz), venue.timezone),
                accepted_at_utc: consent.accepted_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                ip: consent.ip,
                consent_id: consent.id,
                digest: consent.digest,
            })
        })
        .await?;
    crate::web::pdf::typeset(&state, "consent_form", form, format!("consent-{id}.pdf"), false).await
}
