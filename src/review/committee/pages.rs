//! Committee pages: the chairs' committee page with its invitation form, and the page an
//! invitation link opens.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::service;
use super::service::invitation;
use super::store;
use super::validate::{self, DeclineInput, InviteInput, InviteeInput};
use crate::auth::{CurrentUser, pages::Empty};
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::guard::venue::chaired;
use crate::venues::model::Venue;
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, flash_result, redirect};
use crate::web::rows::{Row, Rows, renumber};

/// One person on the invitation form.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct InviteeRow {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "crate::web::rows::checkbox")]
    pub remove: bool,
}

impl Row for InviteeRow {
    fn is_blank(&self) -> bool {
        self.email.trim().is_empty() && self.name.trim().is_empty()
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// The invitation form.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct InviteForm {
    /// One row per person: e-mail and an optional name.
    #[serde(default)]
    pub invitees: Rows<InviteeRow, 20>,
    /// `reviewer` or `area_chair`.
    #[serde(default)]
    pub role: String,
    /// Personal note.
    #[serde(default)]
    pub message: String,
}

async fn committee_ctx(state: &AppState, venue: &Venue) -> AppResult<Context> {
    let vid = venue.id;
    let members = state.db.run(move |c| store::list(c, vid)).await?;
    let mut ctx = Context::new();
    ctx.insert("venue", venue);
    ctx.insert("members", &members);
    ctx.insert("accepted", &members.iter().filter(|m| m.status == super::model::ACCEPTED).count());
    Ok(ctx)
}

/// `GET /venues/{slug}/committee` (chairs).
pub async fn index(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let venue = chaired(&state, &user, path.into_inner()).await?;
    let mut ctx = committee_ctx(&state, &venue).await?;
    ctx.insert(
        "form",
        &InviteForm {
            role: super::model::REVIEWER.into(),
            ..Default::default()
        },
    );
    page.render(&state, "review/committee.html", ctx)
}

/// `POST /venues/{slug}/committee/invite`.
pub async fn invite(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(form): CsrfRowsForm<InviteForm>,
) -> AppResult<HttpResponse> {
    let venue = chaired(&state, &user, path.into_inner()).await?;
    let (invitees, kept) = form.invitees.kept("invitees", |_, r| InviteeInput {
        email: r.email.clone(),
        name: r.name.clone(),
    });
    let input = InviteInput {
        invitees,
        role: form.role.clone(),
        message: form.message.clone(),
    };
    let result = match validate::invite(&input).map_err(|e| renumber(e, &[&kept])) {
        Ok(spec) => {
            let (st, u, lang) = (state.get_ref().clone(), user.user.clone(), page.lang);
            as_chair(&state, &user, venue.slug.clone(), move |c, ch| {
                service::invite(c, &st, &ch.venue, &u, &spec, lang)
            })
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(summary) => {
            flash(
                &page.session,
                if summary.already_members.is_empty() {
                    "committee.invitations_sent"
                } else {
                    "committee.invitations_sent_some_members"
                },
            );
            Ok(redirect(&format!("/venues/{}/committee", venue.slug)))
        }
        Err(e) => {
            let ctx = committee_ctx(&state, &venue).await?;
            page.form_errors(&state, "review/committee.html", ctx, &form, e)
        }
    }
}

/// `POST /venues/{slug}/committee/{id}/remove`.
pub async fn remove(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let summary = as_chair(&state, &user, slug.clone(), move |c, chair| service::remove(c, chair.venue.id, id)).await?;
    flash(
        &page.session,
        if summary.assignments_ended + summary.reviews_set_aside > 0 {
            "committee.removed_with_work"
        } else {
            "committee.removed"
        },
    );
    Ok(redirect(&format!("/venues/{slug}/committee")))
}

async fn invitation_page(
    state: &AppState,
    page: &Page,
    token: String,
    ctx: Option<Context>,
    status: actix_web::http::StatusCode,
) -> AppResult<HttpResponse> {
    let t = token.clone();
    let inv = state.db.run(move |c| invitation(c, &t)).await?;
    let mut ctx = ctx.unwrap_or_default();
    ctx.insert("inv", &inv);
    ctx.insert("token", &token);
    if !ctx.contains_key("form") {
        ctx.insert("form", &DeclineInput::default());
    }
    page.render_status(state, "review/invitation.html", ctx, status)
}

/// `GET /invitations/{token}`: accept (with an account) or decline (without).
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    invitation_page(&state, &page, path.into_inner(), None, actix_web::http::StatusCode::OK).await
}

/// `POST /invitations/{token}/accept` (logged in; anonymous users are sent to log in first).
pub async fn accept(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let t = token.clone();
    match state.db.tx(move |c| service::accept(c, &t, &user.user)).await {
        Ok(m) => {
            flash(&page.session, "committee.accepted");
            let slug = state.db.run(move |c| Ok(crate::venues::store::by_id(c, m.venue_id)?.slug)).await?;
            Ok(redirect(&format!("/venues/{slug}")))
        }
        Err(e @ AppError::Conflict(_)) => {
            let mut ctx = Context::new();
            ctx.insert("form_error", &e.user_message(page.lang));
            invitation_page(&state, &page, token, Some(ctx), actix_web::http::StatusCode::CONFLICT).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /invitations/{token}/decline` (no account needed).
pub async fn decline(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<DeclineInput>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let result = match validate::decline(&form) {
        Ok((reason, suggestion)) => {
            let t = token.clone();
            state.db.tx(move |c| service::decline(c, &t, &reason, &suggestion)).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            flash(&page.session, "committee.declined");
            Ok(redirect(&format!("/invitations/{token}")))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let t = token.clone();
            let inv = state.db.run(move |c| invitation(c, &t)).await?;
            let mut ctx = Context::new();
            ctx.insert("inv", &inv);
            ctx.insert("token", &token);
            page.form_errors(&state, "review/invitation.html", ctx, &form, e)
        }
        Err(e) => Err(e),
    }
}

/// The per-member loads form (empty fields: the venue's settings).
#[derive(Debug, Default, Deserialize)]
pub struct LoadsForm {
    /// Minimum as typed.
    #[serde(default)]
    pub min_load: String,
    /// Maximum as typed.
    #[serde(default)]
    pub max_load: String,
}

/// `POST /venues/{slug}/committee/{id}/loads`.
pub async fn set_loads(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<LoadsForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let venue = chaired(&state, &user, slug).await?;
    let num = |v: &str| -> Result<Option<i32>, ()> {
        match v.trim() {
            "" => Ok(None),
            t => t.parse().map(Some).map_err(|_| ()),
        }
    };
    let loads = match (num(&form.min_load), num(&form.max_load)) {
        (Ok(min_load), Ok(max_load)) => super::validate::LoadsInput { min_load, max_load },
        _ => {
            flash(&page.session, "validation.number_invalid");
            return Ok(redirect(&format!("/venues/{}/committee", venue.slug)));
        }
    };
    let result = match super::validate::check_loads(&loads) {
        Ok(()) => {
            as_chair(&state, &user, venue.slug.clone(), move |c, ch| {
                store::get(c, ch.venue.id, id)?;
                store::set_loads(c, id, loads.min_load, loads.max_load)
            })
            .await
        }
        Err(e) => Err(e),
    };
    flash_result(&page.session, result, "committee.loads_saved")?;
    Ok(redirect(&format!("/venues/{}/committee", venue.slug)))
}
