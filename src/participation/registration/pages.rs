//! Registration pages: a venue's forms and registering (participants), one's own registration
//! with its QR code, invitation links, and the organisers' settings, list, decisions, fees,
//! invitations and exports. Every action is a plain form that calls the same service as the API.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::forms::{RegisterForm, SettingsForm};
use super::model::{Form, RegStatus};
use super::validate::{self, FeeInput, GuestInput, InviteGuestsInput, ListQuery};
use super::{export, service, store, view};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, flash_result, redirect};
use crate::web::rows::{Row, Rows, checkbox};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

fn base(slug: &str) -> String {
    format!("/venues/{slug}/registration")
}

/// `GET /venues/{slug}/registration`: the venue's forms, the reader's registrations on them,
/// and for its chairs the way to open one.
pub async fn index(state: web::Data<AppState>, page: Page, user: MaybeUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (venue, forms, mine, chair) = state
        .db
        .run(move |c| {
            let venue = crate::guard::venue::visible(c, user.0.as_ref(), &slug)?;
            let forms = view::forms(c, &venue, now())?;
            let mut mine = BTreeMap::new();
            let mut chair = false;
            if let Some(u) = &user.0 {
                for f in &forms {
                    if let Some(r) = store::registration_of(c, f.id, u.id)? {
                        mine.insert(f.id.to_string(), serde_json::json!({"id": r.id, "status": r.status}));
                    }
                }
                chair = crate::guard::venue::may_manage(c, u, venue.id)?;
            }
            Ok((venue, forms, mine, chair))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("forms", &forms);
    ctx.insert("mine", &mine);
    ctx.insert("chair", &chair);
    page.render(&state, "participation/registration/index.html", ctx)
}

struct FormPage {
    venue: crate::venues::model::Venue,
    form: view::RegistrationFormView,
    existing: Option<i64>,
}

fn form_page_data(c: &mut crate::db::AnyConnection, user: Option<&crate::auth::User>, slug: &str, id: i64) -> AppResult<FormPage> {
    let venue = crate::guard::venue::visible(c, user, slug)?;
    let f = store::form(c, venue.id, id)?;
    let form = view::form_view(c, &venue, &f, now())?;
    let existing = match user {
        Some(u) => store::registration_of(c, f.id, u.id)?.filter(|r| r.status.active()).map(|r| r.id),
        None => None,
    };
    Ok(FormPage { venue, form, existing })
}

fn register_ctx(p: &FormPage, lang: crate::web::i18n::Lang) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", &p.venue);
    ctx.insert("f", &p.form);
    ctx.insert("existing", &p.existing);
    ctx.insert("countries", &crate::web::code_names::country_choices(lang));
    ctx
}

fn answers_by_id(form: &RegisterForm) -> BTreeMap<String, String> {
    form.rest
        .iter()
        .filter_map(|(k, v)| k.strip_prefix('q').map(|id| (id.to_string(), v.clone())))
        .collect()
}

/// `GET /venues/{slug}/registration/{id}`: the form to register (prefilled from the profile).
pub async fn form_page(state: web::Data<AppState>, page: Page, user: MaybeUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let u = user.0.clone();
    let p = state.db.run(move |c| form_page_data(c, u.as_ref(), &slug, id)).await?;
    let mut ctx = register_ctx(&p, page.lang);
    let form = user.0.as_ref().map(RegisterForm::of_profile).unwrap_or_default();
    ctx.insert("answers", &answers_by_id(&form));
    ctx.insert("form", &form);
    page.render(&state, "participation/registration/register.html", ctx)
}

/// `POST /venues/{slug}/registration/{id}`: registers; on success shows the registration.
pub async fn register(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (u, st) = (user.user.clone(), state.get_ref().clone());
    let result = async {
        let input = form.to_input()?;
        let s2 = slug.clone();
        state
            .db
            .tx(move |c| {
                let venue = crate::guard::venue::visible(c, Some(&u), &s2)?;
                let f = store::form(c, venue.id, id)?;
                service::register(c, &st, &u, &f, &input, None, now())
            })
            .await
    }
    .await;
    let (u, lang, st2) = (user.user.clone(), page.lang, state.clone());
    let again = async move {
        let p = st2.db.run(move |c| form_page_data(c, Some(&u), &slug, id)).await?;
        Ok(register_ctx(&p, lang))
    };
    registered_or_again(&page, &state, &form, result, again).await
}

/// After a registration attempt: to the registration, or the form again (the context `again`
/// makes) with what was typed and what went wrong.
async fn registered_or_again(
    page: &Page,
    state: &AppState,
    form: &RegisterForm,
    result: AppResult<i64>,
    again: impl std::future::Future<Output = AppResult<Context>>,
) -> AppResult<HttpResponse> {
    match result {
        Ok(rid) => {
            flash(&page.session, "participation.registered");
            Ok(redirect(&format!("/registrations/{rid}")))
        }
        Err(e) => {
            let mut ctx = again.await?;
            ctx.insert("answers", &answers_by_id(form));
            page.form_errors(state, "participation/registration/register.html", ctx, form, e)
        }
    }
}

/// `GET /registrations/{id}`: one's own registration (status, place in the queue, the offer to
/// confirm, the QR code) — or, for the venue's chairs, the same page with their actions.
pub async fn show(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let (id, u) = (path.into_inner(), user.user.clone());
    let (r, venue, own, survey) = state
        .db
        .run(move |c| {
            let reg = store::registration(c, id)?;
            let f = store::form_by_id(c, reg.form_id)?;
            let venue = crate::venues::store::by_id(c, f.venue_id)?;
            if reg.user_id == u.id {
                let survey = crate::participation::feedback::service::has_survey(c, &venue, &u, now())?;
                return Ok((view::own_view(c, &reg, &f)?, venue, true, survey));
            }
            let ch = crate::guard::venue::chair_of(c, &u, venue.clone()).map_err(|_| AppError::NotFound)?;
            let email = crate::auth::store::by_id(c, reg.user_id)?.email;
            let categories = store::categories(c, f.id)?;
            let v = view::registration_view(c, &reg, &f, &categories, &ch.venue.slug, view::Reader::Organisers, Some(email))?;
            Ok((v, venue, false, false))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("survey", &survey);
    if let Some(code) = &r.code {
        ctx.insert("qr", &crate::participation::qr::svg(code)?);
    }
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::UTC);
    ctx.insert("offer_until", &r.offer_until.map(|u| crate::venues::deadline::display(u, tz)));
    ctx.insert("r", &r);
    ctx.insert("venue", &venue);
    ctx.insert("own", &own);
    page.render(&state, "participation/registration/show.html", ctx)
}

/// `POST /registrations/{id}/cancel` (the registrant, or the venue's chairs).
pub async fn cancel(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (id, u, st) = (path.into_inner(), user.user.clone(), state.get_ref().clone());
    let result = state
        .db
        .tx(move |c| {
            let r = store::registration(c, id)?;
            let f = store::form_by_id(c, r.form_id)?;
            let by_chair = r.user_id != u.id;
            if by_chair {
                let venue = crate::venues::store::by_id(c, f.venue_id)?;
                crate::guard::venue::chair_of(c, &u, venue).map_err(|_| AppError::NotFound)?;
            }
            service::cancel(c, &st, &r, by_chair, now())
        })
        .await;
    flash_result(&page.session, result, "participation.cancelled")?;
    Ok(redirect(&format!("/registrations/{id}")))
}

/// `POST /registrations/{id}/confirm`: takes an offered place (the registrant).
pub async fn confirm(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (id, u, st) = (path.into_inner(), user.user.clone(), state.get_ref().clone());
    let result = state
        .db
        .tx(move |c| {
            let (r, _) = service::own(c, &u, id)?;
            service::confirm_offer(c, &st, &r, now())
        })
        .await;
    flash_result(&page.session, result, "participation.confirmed")?;
    Ok(redirect(&format!("/registrations/{id}")))
}

/// An invitation with the page data of its form.
fn invitation_data(c: &mut crate::db::AnyConnection, token: &str) -> AppResult<(super::model::Invitation, FormPage)> {
    let (inv, f) = service::invitation(c, token)?;
    let venue = crate::venues::store::by_id(c, f.venue_id)?;
    let form = view::form_view(c, &venue, &f, now())?;
    Ok((
        inv,
        FormPage {
            venue,
            form,
            existing: None,
        },
    ))
}

/// `GET /registrations/invitations/{token}`: the invitation and, once logged in, the one-click form.
pub async fn invitation(state: web::Data<AppState>, page: Page, user: MaybeUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let t2 = token.clone();
    let (inv, p) = state.db.run(move |c| invitation_data(c, &t2)).await?;
    let mut ctx = register_ctx(&p, page.lang);
    let form = user.0.as_ref().map(RegisterForm::of_profile).map(|mut f| {
        f.category_id = inv.category_id.map(|c| c.to_string()).unwrap_or_default();
        f
    });
    ctx.insert("answers", &form.as_ref().map(answers_by_id).unwrap_or_default());
    ctx.insert("form", &form.unwrap_or_default());
    ctx.insert(
        "invitation",
        &serde_json::json!({"kind": inv.kind, "name": inv.name, "used": inv.used_at.is_some()}),
    );
    ctx.insert("token", &token);
    page.render(&state, "participation/registration/register.html", ctx)
}

/// `POST /registrations/invitations/{token}`: registers through the invitation.
pub async fn register_invited(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let (u, st, t2) = (user.user.clone(), state.get_ref().clone(), token.clone());
    let result = async {
        let input = form.to_input()?;
        state
            .db
            .tx(move |c| {
                let (inv, f) = service::invitation(c, &t2)?;
                if inv.used_at.is_some() {
                    return Err(AppError::Conflict("registration.invitation_used".into()));
                }
                service::register(c, &st, &u, &f, &input, Some(&inv), now())
            })
            .await
    }
    .await;
    let lang = page.lang;
    let st2 = state.clone();
    let again = async move {
        let t3 = token.clone();
        let (inv, p) = st2.db.run(move |c| invitation_data(c, &t3)).await?;
        let mut ctx = register_ctx(&p, lang);
        ctx.insert(
            "invitation",
            &serde_json::json!({"kind": inv.kind, "name": inv.name, "used": inv.used_at.is_some()}),
        );
        ctx.insert("token", &token);
        Ok(ctx)
    };
    registered_or_again(&page, &state, &form, result, again).await
}

// ---- organisers ----

/// Tracks and programme sessions a new form may be for.
fn targets(c: &mut crate::db::AnyConnection, venue_id: i64) -> AppResult<serde_json::Value> {
    let tracks = crate::venues::store::tracks_of(c, &[venue_id])?;
    let sessions = crate::programme::store::sessions_of(c, venue_id)?;
    Ok(serde_json::json!({
        "tracks": tracks.iter().map(|t| serde_json::json!({"id": t.id, "name_zh": t.name_zh, "name_en": t.name_en})).collect::<Vec<_>>(),
        "sessions": sessions.iter().map(|s| serde_json::json!({"id": s.id, "title_zh": s.title_zh, "title_en": s.title_en})).collect::<Vec<_>>(),
    }))
}

/// Which form the settings page edits.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ScopeQuery {
    /// `venue`, `track` or `session` for a new form.
    pub scope: Option<String>,
}

/// `GET /venues/{slug}/registration/new` (chairs).
pub async fn new_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<ScopeQuery>,
) -> AppResult<HttpResponse> {
    let (venue, targets) = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        Ok((ch.venue.clone(), targets(c, ch.venue.id)?))
    })
    .await?;
    let form = SettingsForm {
        scope: q.into_inner().scope.unwrap_or_else(|| "venue".into()),
        offer_hours: "48".into(),
        ..Default::default()
    };
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("targets", &targets);
    ctx.insert("form", &form);
    ctx.insert("editing", &None::<i64>);
    page.render(&state, "participation/registration/settings.html", ctx)
}

/// `GET /venues/{slug}/registration/{id}/edit` (chairs).
pub async fn edit_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (venue, targets, form) = as_chair(&state, &user, slug, move |c, ch| {
        let f = store::form(c, ch.venue.id, id)?;
        let tz = crate::venues::deadline::parse_tz(&ch.venue.timezone).unwrap_or(chrono_tz::UTC);
        let form = SettingsForm::of(&f, &store::categories(c, id)?, &store::questions(c, id)?, tz);
        Ok((ch.venue.clone(), targets(c, ch.venue.id)?, form))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("targets", &targets);
    ctx.insert("form", &form);
    ctx.insert("editing", &Some(id));
    page.render(&state, "participation/registration/settings.html", ctx)
}

async fn save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    slug: String,
    id: Option<i64>,
    form: SettingsForm,
) -> AppResult<HttpResponse> {
    let st = state.get_ref().clone();
    let result = async {
        let converted = form.to_input()?;
        let input = converted.input.clone();
        as_chair(&state, &user, slug.clone(), move |c, ch| {
            service::save_form(c, &st, ch, id, &input, now())
        })
        .await
        .map_err(|e| converted.renumber(e))
    }
    .await;
    match result {
        Ok(fid) => {
            flash(&page.session, "participation.form_saved");
            Ok(redirect(&format!("{}/{fid}/list", base(&slug))))
        }
        Err(e) => {
            let (venue, targets) = as_chair(&state, &user, slug, move |c, ch| Ok((ch.venue.clone(), targets(c, ch.venue.id)?))).await?;
            let mut ctx = Context::new();
            ctx.insert("venue", &venue);
            ctx.insert("targets", &targets);
            ctx.insert("editing", &id);
            page.form_errors(&state, "participation/registration/settings.html", ctx, &form, e)
        }
    }
}

/// `POST /venues/{slug}/registration/new` (chairs).
pub async fn create_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(form): CsrfRowsForm<SettingsForm>,
) -> AppResult<HttpResponse> {
    save(state, page, user, path.into_inner(), None, form).await
}

/// `POST /venues/{slug}/registration/{id}/edit` (chairs).
pub async fn update_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfRowsForm(form): CsrfRowsForm<SettingsForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    save(state, page, user, slug, Some(id), form).await
}

/// `POST /venues/{slug}/registration/{id}/close` (chairs).
pub async fn close_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| service::close_form(c, ch, id, now())).await;
    flash_result(&page.session, result, "participation.form_closed")?;
    Ok(redirect(&format!("{}/{id}/list", base(&slug))))
}

/// `POST /venues/{slug}/registration/{id}/delete` (chairs; only a form nobody registered on).
pub async fn delete_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| service::delete_form(c, ch, id)).await;
    match result {
        Ok(()) => {
            flash(&page.session, "participation.form_deleted");
            Ok(redirect(&base(&slug)))
        }
        Err(e) => {
            flash_result(&page.session, Err(e), "")?;
            Ok(redirect(&format!("{}/{id}/list", base(&slug))))
        }
    }
}

/// `GET /venues/{slug}/registration/{id}/list` (chairs): filters, counts, figures, actions.
pub async fn list(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let q = q.into_inner();
    let (filter, filter_error) = match validate::filter(&q) {
        Ok(f) => (f, None),
        Err(AppError::Validation { fields }) => (
            validate::ListFilter::default(),
            Some(fields.values().map(|k| page.t(k)).collect::<Vec<_>>().join(" ")),
        ),
        Err(e) => return Err(e),
    };
    let (venue, data, invitations) = as_chair(&state, &user, slug, move |c, ch| {
        let f = store::form(c, ch.venue.id, id)?;
        let data = view::list(c, &ch.venue, &f, &filter, now())?;
        let invitations = store::invitations(c, f.id)?.len();
        Ok((ch.venue.clone(), data, invitations))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("data", &data);
    ctx.insert("q", &q);
    ctx.insert("filter_error", &filter_error);
    ctx.insert("invitations", &invitations);
    ctx.insert("statuses", &RegStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>());
    ctx.insert("guests", &Rows::<GuestRow>(Vec::new()));
    page.render(&state, "participation/registration/list.html", ctx)
}

/// Decision buttons.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DecideForm {
    #[serde(default)]
    pub approve: String,
    #[serde(default)]
    pub note: String,
}

/// `POST /registrations/{id}/decide` (chairs).
pub async fn decide(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> AppResult<HttpResponse> {
    let (id, u, st) = (path.into_inner(), user.user.clone(), state.get_ref().clone());
    let approve = form.approve == "yes";
    let (result, back) = state
        .db
        .tx(move |c| {
            let (r, f) = chair_registration(c, &u, id)?;
            let done =
                super::validate::decision_note(&form.note).and_then(|note| service::decide_listed(c, &st, &r, approve, &note, now()));
            Ok((done, back_to(c, &f)?))
        })
        .await?;
    flash_result(
        &page.session,
        result,
        if approve {
            "participation.approved"
        } else {
            "participation.rejected"
        },
    )?;
    Ok(redirect(&back))
}

fn chair_registration(c: &mut crate::db::AnyConnection, u: &crate::auth::User, id: i64) -> AppResult<(super::model::Registration, Form)> {
    let r = store::registration(c, id)?;
    let f = store::form_by_id(c, r.form_id)?;
    let venue = crate::venues::store::by_id(c, f.venue_id)?;
    crate::guard::venue::chair_of(c, u, venue).map_err(|_| AppError::NotFound)?;
    Ok((r, f))
}

fn back_to(c: &mut crate::db::AnyConnection, f: &Form) -> AppResult<String> {
    let venue = crate::venues::store::by_id(c, f.venue_id)?;
    Ok(format!("{}/{}/list", base(&venue.slug), f.id))
}

/// `POST /registrations/{id}/fee` (chairs).
pub async fn fee(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
    CsrfForm(form): CsrfForm<FeeInput>,
) -> AppResult<HttpResponse> {
    let (id, u, st) = (path.into_inner(), user.user.clone(), state.get_ref().clone());
    let (result, back) = state
        .db
        .tx(move |c| {
            let (r, f) = chair_registration(c, &u, id)?;
            let venue = crate::venues::store::by_id(c, f.venue_id)?;
            let ch = crate::guard::venue::chair_of(c, &u, venue)?;
            Ok((service::set_fee(c, &st, &ch, &r, &form, now()), back_to(c, &f)?))
        })
        .await?;
    flash_result(&page.session, result, "participation.fee_saved")?;
    Ok(redirect(&back))
}

/// A guest row of the invitation form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GuestRow {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "checkbox")]
    pub remove: bool,
}

impl Row for GuestRow {
    fn is_blank(&self) -> bool {
        self.email.trim().is_empty() && self.name.trim().is_empty()
    }
    fn removed(&self) -> bool {
        self.remove
    }
}

/// The guest invitation form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GuestsForm {
    #[serde(default)]
    pub category_id: String,
    #[serde(default)]
    pub guests: Rows<GuestRow>,
}

/// `POST /venues/{slug}/registration/{id}/guests` (chairs).
pub async fn invite_guests(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfRowsForm(form): CsrfRowsForm<GuestsForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let st = state.get_ref().clone();
    let (guests, _) = form.guests.kept("guests", |_, g| GuestInput {
        email: g.email.clone(),
        name: g.name.clone(),
    });
    let input = InviteGuestsInput {
        guests,
        category_id: form.category_id.trim().parse().ok(),
    };
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        let f = store::form(c, ch.venue.id, id)?;
        service::invite_guests(c, &st, ch.user_id, &f, &input, now())
    })
    .await;
    invited_flash(&page, result)?;
    Ok(redirect(&format!("{}/{id}/list#invitations", base(&slug))))
}

fn invited_flash(page: &Page, result: AppResult<service::Invited>) -> AppResult<()> {
    match result {
        Ok(n) if n.sent == 0 => {
            flash(&page.session, "participation.invitations_none");
            Ok(())
        }
        Ok(_) => {
            flash(&page.session, "participation.invitations_sent");
            Ok(())
        }
        Err(e) => flash_result(&page.session, Err(e), ""),
    }
}

/// The speaker invitation form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SpeakersForm {
    #[serde(default)]
    pub category_id: String,
}

/// `POST /venues/{slug}/registration/{id}/speakers` (chairs).
pub async fn invite_speakers(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<SpeakersForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let st = state.get_ref().clone();
    let category = form.category_id.trim().parse().ok();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| {
        let f = store::form(c, ch.venue.id, id)?;
        service::invite_speakers(c, &st, ch, &f, category, now())
    })
    .await;
    invited_flash(&page, result)?;
    Ok(redirect(&format!("{}/{id}/list#invitations", base(&slug))))
}

/// `GET /venues/{slug}/registration/{id}/registrations.csv` (chairs).
pub async fn export_csv(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    export::download(&state, &page, &user, path.into_inner(), export::Format::Csv).await
}

/// `GET /venues/{slug}/registration/{id}/registrations.xlsx` (chairs).
pub async fn export_xlsx(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    export::download(&state, &page, &user, path.into_inner(), export::Format::Xlsx).await
}
