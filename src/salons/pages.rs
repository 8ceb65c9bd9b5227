//! Salon pages: the applications with the balance rules (lead scientists and chairs), and the
//! salon's settings: the rules' numbers and its lead scientists (chairs). Every action is a
//! plain form calling the same service as the API.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::validate::{LeadScientistInput, SalonDecisionInput, SalonRulesInput};
use super::{service, validate, view};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::guard::salon::as_lead;
use crate::participation::registration::validate::{GuestInput, InviteGuestsInput};
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, flash_result, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

async fn applications_ctx(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<Context> {
    let (venue, manages, v) = as_lead(state, user, slug, move |c, l| {
        Ok((l.venue.clone(), l.manages, view::applications(c, l, now())?))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("manages", &manages);
    ctx.insert("a", &v);
    Ok(ctx)
}

/// `GET /venues/{slug}/salon/applications` (lead scientists and chairs).
pub async fn applications(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = applications_ctx(&state, &user, path.into_inner()).await?;
    page.render(&state, "salons/applications.html", ctx)
}

/// A decision posted from the applications page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DecideForm {
    #[serde(default)]
    pub approve: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub override_reason: String,
    /// Which application the form was for (to show its errors beside it).
    #[serde(default)]
    pub id: i64,
}

/// `POST /venues/{slug}/salon/applications/{id}/decide`: an invalid decision (a decline
/// without reason, a broken rule without override) comes back with what was typed.
pub async fn decide(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let approve = form.approve == "yes";
    let input = SalonDecisionInput {
        approve,
        reason: form.reason.clone(),
        override_reason: form.override_reason.clone(),
    };
    let st = state.get_ref().clone();
    let result = match validate::decision(&input) {
        Ok(d) => as_lead(&state, &user, slug.clone(), move |c, l| service::decide(c, &st, l, id, &d, now())).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            flash(&page.session, if approve { "salon.approved" } else { "salon.declined" });
            Ok(redirect(&format!("/venues/{slug}/salon/applications")))
        }
        Err(e @ AppError::Validation { .. }) => {
            let ctx = applications_ctx(&state, &user, slug).await?;
            let form = DecideForm { id, ..form };
            page.form_errors(&state, "salons/applications.html", ctx, &form, e)
        }
        Err(e) => {
            flash_result(&page.session, Err(e), "")?;
            Ok(redirect(&format!("/venues/{slug}/salon/applications")))
        }
    }
}

/// One person to invite.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct InviteForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
}

/// `POST /venues/{slug}/salon/invitations` (lead scientists and chairs).
pub async fn invite(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = InviteGuestsInput {
        guests: vec![GuestInput {
            email: form.email.clone(),
            name: form.name.clone(),
        }],
        category_id: None,
    };
    let st = state.get_ref().clone();
    let result = as_lead(&state, &user, slug.clone(), move |c, l| service::invite(c, &st, l, &input, now())).await;
    match result {
        Ok(i) => {
            flash(&page.session, if i.sent > 0 { "salon.invite_sent" } else { "salon.invited_before" });
            Ok(redirect(&format!("/venues/{slug}/salon/applications#invite")))
        }
        Err(e @ AppError::Validation { .. }) => {
            let mut ctx = applications_ctx(&state, &user, slug).await?;
            ctx.insert("invite_form", &form);
            page.form_errors(&state, "salons/applications.html", ctx, &form, e)
        }
        Err(e) => {
            flash_result(&page.session, Err(e), "")?;
            Ok(redirect(&format!("/venues/{slug}/salon/applications#invite")))
        }
    }
}

async fn settings_ctx(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<Context> {
    let (venue, salon) = as_chair(state, user, slug, move |c, ch| {
        Ok((ch.venue.clone(), view::salon(c, &ch.venue, true)?))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("values", &RulesForm::of(&salon.rules));
    ctx.insert("salon", &salon);
    Ok(ctx)
}

/// `GET /venues/{slug}/salon/settings` (chairs).
pub async fn settings(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = settings_ctx(&state, &user, path.into_inner()).await?;
    page.render(&state, "salons/settings.html", ctx)
}

/// The rules' numbers as typed (the young share in percent).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RulesForm {
    #[serde(default)]
    pub participants_min: String,
    #[serde(default)]
    pub participants_max: String,
    #[serde(default)]
    pub unit_field_max: String,
    #[serde(default)]
    pub young_age: String,
    #[serde(default)]
    pub young_share_pct: String,
    #[serde(default)]
    pub talk_max_min: String,
    #[serde(default)]
    pub key_talk_max_min: String,
    #[serde(default)]
    pub intervention_max_min: String,
    #[serde(default)]
    pub debate_min_pct: String,
}

impl RulesForm {
    /// The form showing `r` (the share in percent with one decimal).
    pub fn of(r: &super::rules::Rules) -> RulesForm {
        RulesForm {
            participants_min: r.participants_min.to_string(),
            participants_max: r.participants_max.to_string(),
            unit_field_max: r.unit_field_max.to_string(),
            young_age: r.young_age.to_string(),
            young_share_pct: crate::web::numbers::format(r.young_share_permille as f64 / 10.0, 1),
            talk_max_min: r.talk_max_min.to_string(),
            key_talk_max_min: r.key_talk_max_min.to_string(),
            intervention_max_min: r.intervention_max_min.to_string(),
            debate_min_pct: r.debate_min_pct.to_string(),
        }
    }

    /// Converts to the API input: every number must be a whole number (the share may have one
    /// decimal place).
    pub fn to_input(&self) -> AppResult<SalonRulesInput> {
        let mut f = crate::error::FieldErrors::new();
        let mut int = |name: &str, v: &str| -> Option<i32> {
            match v.trim().parse::<i32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    f.insert(name.into(), "salon.number_range".into());
                    None
                }
            }
        };
        let input = SalonRulesInput {
            participants_min: int("participants_min", &self.participants_min),
            participants_max: int("participants_max", &self.participants_max),
            unit_field_max: int("unit_field_max", &self.unit_field_max),
            young_age: int("young_age", &self.young_age),
            young_share_permille: None,
            talk_max_min: int("talk_max_min", &self.talk_max_min),
            key_talk_max_min: int("key_talk_max_min", &self.key_talk_max_min),
            intervention_max_min: int("intervention_max_min", &self.intervention_max_min),
            debate_min_pct: int("debate_min_pct", &self.debate_min_pct),
        };
        let share = match self.young_share_pct.trim().replace(',', ".").parse::<f64>() {
            Ok(p) if (0.0..=100.0).contains(&p) => Some((p * 10.0).round() as i32),
            _ => {
                f.insert("young_share_pct".into(), "salon.number_range".into());
                None
            }
        };
        if f.is_empty() {
            Ok(SalonRulesInput {
                young_share_permille: share,
                ..input
            })
        } else {
            Err(AppError::Validation { fields: f })
        }
    }
}

/// `POST /venues/{slug}/salon/settings` (chairs).
pub async fn save_settings(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<RulesForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let checked = form.to_input().and_then(|i| validate::rules(&i));
    let result = match checked {
        Ok(rules) => as_chair(&state, &user, slug.clone(), move |c, ch| service::save_rules(c, ch, &rules, now())).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            flash(&page.session, "salon.rules_saved");
            Ok(redirect(&format!("/venues/{slug}/salon/settings")))
        }
        Err(e) => {
            let ctx = settings_ctx(&state, &user, slug).await?;
            page.form_errors(&state, "salons/settings.html", ctx, &form, e)
        }
    }
}

/// `POST /venues/{slug}/salon/lead-scientists` (chairs).
pub async fn add_lead(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<LeadScientistInput>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let st = state.get_ref().clone();
    let result = match validate::email(&form) {
        Ok(email) => {
            as_chair(&state, &user, slug.clone(), move |c, ch| {
                service::add_lead(c, &st, ch, &email).map(|_| ())
            })
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            flash(&page.session, "salon.lead_added");
            Ok(redirect(&format!("/venues/{slug}/salon/settings#leads")))
        }
        Err(e) => {
            let mut ctx = settings_ctx(&state, &user, slug).await?;
            ctx.insert("lead_form", &form);
            page.form_errors(&state, "salons/settings.html", ctx, &form, e)
        }
    }
}

/// `POST /venues/{slug}/salon/lead-scientists/{user_id}/delete` (chairs).
pub async fn remove_lead(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| service::remove_lead(c, ch, id)).await;
    flash_result(&page.session, result, "salon.lead_removed")?;
    Ok(redirect(&format!("/venues/{slug}/salon/settings#leads")))
}
