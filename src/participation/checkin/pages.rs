//! Check-in pages: the desk (camera or typed code; chairs and helpers), the chairs' attendance
//! with undo, the helpers they name, and printable badges (one's own, or a form's sheet for
//! chairs). Every action is a plain form calling the same service as the API.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::service::{self, Outcome};
use super::validate::{CheckinHelperInput, CheckinInput};
use super::view::CheckinView;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::guard::checkin::as_desk;
use crate::participation::registration::model::RegStatus;
use crate::participation::registration::store as reg;
use crate::programme::display::pick_name;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Lang;
use crate::web::page::{Page, flash, flash_result, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// Which place the desk checks in at (`session` empty for the event).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PlaceQuery {
    #[serde(default)]
    pub session: String,
}

/// A code typed or scanned at the desk.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DeskForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub session: String,
}

/// One place to pick at the desk.
#[derive(Debug, Clone, Serialize)]
struct Place {
    guid: String,
    label: String,
    today: bool,
}

/// What the desk page shows besides the result.
#[derive(Debug, Clone, Serialize)]
struct DeskData {
    venue: crate::venues::model::Venue,
    manages: bool,
    places: Vec<Place>,
    place: String,
    place_label: String,
    count: i64,
}

fn desk_data(c: &mut crate::db::AnyConnection, d: &crate::guard::checkin::Desk, place: &str, lang: Lang) -> AppResult<DeskData> {
    let today = service::local_day(&d.venue, now());
    let tz = crate::venues::deadline::parse_tz(&d.venue.timezone).unwrap_or(chrono_tz::UTC);
    let mut places = Vec::new();
    if let Some(s) = crate::programme::public::latest(c, d.venue.id)? {
        for x in s.sessions.iter().filter(|x| x.kind != "break") {
            let start = x.starts_at.with_timezone(&tz);
            places.push(Place {
                guid: x.guid.clone(),
                label: format!("{} · {}", start.format("%Y-%m-%d %H:%M"), pick_name(lang, &x.title_zh, &x.title_en)),
                today: start.format("%Y-%m-%d").to_string() == today,
            });
        }
    }
    // Today's sessions first: the desk picks among them most of the time.
    places.sort_by_key(|p| !p.today);
    let place = places.iter().find(|p| p.guid == place).map(|p| p.guid.clone()).unwrap_or_default();
    let place_label = places.iter().find(|p| p.guid == place).map(|p| p.label.clone()).unwrap_or_default();
    Ok(DeskData {
        count: service::today(c, d, &place, now())?,
        venue: d.venue.clone(),
        manages: d.manages,
        places,
        place,
        place_label,
    })
}

fn desk_ctx(data: &DeskData) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", &data.venue);
    ctx.insert("d", data);
    ctx
}

/// `GET /venues/{slug}/checkin`: the desk, at the event or at `?session=`.
pub async fn desk(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<PlaceQuery>,
) -> AppResult<HttpResponse> {
    let (place, lang) = (q.into_inner().session, page.lang);
    let data = as_desk(&state, &user, path.into_inner(), move |c, d| desk_data(c, d, &place, lang)).await?;
    page.render(&state, "participation/checkin/desk.html", desk_ctx(&data))
}

/// `POST /venues/{slug}/checkin`: checks a code in and shows who it is (or why not).
pub async fn check_in(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<DeskForm>,
) -> AppResult<HttpResponse> {
    let lang = page.lang;
    let input = CheckinInput {
        code: form.code.clone(),
        session: Some(form.session.clone()),
    };
    let place = form.session.clone();
    let (outcome, data) = as_desk(&state, &user, path.into_inner(), move |c, d| {
        // A refusal is an answer here, not a failure: the page says why, and nothing is written.
        let outcome = match service::check_in(c, d, &input, now()) {
            Err(e @ AppError::Validation { .. }) => Err(e),
            Err(e) => return Err(e),
            ok => ok,
        };
        Ok((outcome, desk_data(c, d, &place, lang)?))
    })
    .await?;
    let mut ctx = desk_ctx(&data);
    let tz = crate::venues::deadline::parse_tz(&data.venue.timezone).unwrap_or(chrono_tz::UTC);
    let (kind, shown, message): (&str, Option<CheckinView>, String) = match outcome {
        Ok(Outcome::Admitted(v)) => ("admitted", Some(v), page.t("checkin.admitted")),
        Ok(Outcome::Already(v)) => {
            let text = page
                .t("checkin.already")
                .replace("{at}", &crate::venues::deadline::display(v.at, tz))
                .replace("{by}", &v.by);
            ("already", Some(v), text)
        }
        Err(AppError::Validation { fields }) => ("refused", None, fields.values().map(|k| page.t(k)).collect::<Vec<_>>().join(" ")),
        Err(e) => return Err(e),
    };
    ctx.insert("result", &serde_json::json!({ "kind": kind, "view": shown, "message": message }));
    ctx.insert("typed", &form.code);
    page.render(&state, "participation/checkin/desk.html", ctx)
}

/// `GET /venues/{slug}/attendance` (chairs).
pub async fn attendance(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (venue, a) = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        Ok((ch.venue.clone(), service::attendance(c, &ch.venue)?))
    })
    .await?;
    let mut ctx = Context::new();
    let most = a.days.iter().map(|d| d.people).max().unwrap_or(0).max(a.confirmed).max(1);
    ctx.insert("venue", &venue);
    ctx.insert("a", &a);
    ctx.insert("most", &most);
    page.render(&state, "participation/checkin/attendance.html", ctx)
}

/// `POST /venues/{slug}/checkins/{id}/delete` (chairs): undoes a check-in.
pub async fn undo(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| service::undo(c, ch, id)).await;
    flash_result(&page.session, result, "checkin.undone")?;
    Ok(redirect(&format!("/venues/{slug}/attendance#recent")))
}

/// The helpers page's context (chairs).
async fn helpers_ctx(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<Context> {
    let (venue, list) = as_chair(state, user, slug, move |c, ch| {
        Ok((ch.venue.clone(), service::helpers(c, ch.venue.id)?))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("helpers", &list);
    Ok(ctx)
}

/// `GET /venues/{slug}/checkin/helpers` (chairs).
pub async fn helpers(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let ctx = helpers_ctx(&state, &user, path.into_inner()).await?;
    page.render(&state, "participation/checkin/helpers.html", ctx)
}

/// `POST /venues/{slug}/checkin/helpers` (chairs): names a helper.
pub async fn add_helper(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CheckinHelperInput>,
) -> AppResult<HttpResponse> {
    let (slug, st, input) = (path.into_inner(), state.get_ref().clone(), form.clone());
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| service::add_helper(c, &st, ch, &input)).await;
    match result {
        Ok(_) => {
            flash(&page.session, "checkin.helper_added");
            Ok(redirect(&format!("/venues/{slug}/checkin/helpers")))
        }
        Err(e) => {
            let ctx = helpers_ctx(&state, &user, slug).await?;
            page.form_errors(&state, "participation/checkin/helpers.html", ctx, &form, e)
        }
    }
}

/// `POST /venues/{slug}/checkin/helpers/{user_id}/delete` (chairs).
pub async fn remove_helper(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    _f: CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let result = as_chair(&state, &user, slug.clone(), move |c, ch| service::remove_helper(c, ch, id)).await;
    flash_result(&page.session, result, "checkin.helper_removed")?;
    Ok(redirect(&format!("/venues/{slug}/checkin/helpers")))
}

/// A badge to print.
#[derive(Debug, Clone, Serialize)]
struct Badge {
    name_zh: String,
    name_latin: String,
    institution: String,
    category_zh: String,
    category_en: String,
    code: String,
    qr: String,
}

fn badge_of(
    r: &crate::participation::registration::model::Registration,
    cats: &[crate::participation::registration::model::Category],
) -> AppResult<Badge> {
    let cat = r.category_id.and_then(|id| cats.iter().find(|c| c.id == id));
    Ok(Badge {
        name_zh: r.name_zh.clone(),
        name_latin: r.name_latin.clone(),
        institution: r.institution.clone(),
        category_zh: cat.map(|c| c.name_zh.clone()).unwrap_or_default(),
        category_en: cat.map(|c| c.name_en.clone()).unwrap_or_default(),
        code: r.code.clone(),
        qr: crate::participation::qr::svg(&r.code)?,
    })
}

/// `GET /registrations/{id}/badge`: one confirmed registration's badge (its holder or the
/// venue's chairs).
pub async fn badge(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let (id, u) = (path.into_inner(), user.user.clone());
    let (venue, badge, back) = state
        .db
        .run(move |c| {
            let (r, venue) = service::badge_holder(c, &u, id)?;
            let cats = reg::categories(c, r.form_id)?;
            Ok((venue, badge_of(&r, &cats)?, format!("/registrations/{}", r.id)))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("badges", &vec![badge]);
    ctx.insert("back", &back);
    page.render(&state, "participation/checkin/badges.html", ctx)
}

/// `GET /venues/{slug}/registration/{id}/badges` (chairs): every confirmed registrant's badge
/// of the form, eight to an A4 page.
pub async fn badge_sheet(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (venue, badges) = as_chair(&state, &user, slug.clone(), move |c, ch| {
        let f = reg::form(c, ch.venue.id, id)?;
        let cats = reg::categories(c, f.id)?;
        let mut out = Vec::new();
        for r in reg::all_of(c, f.id)?.iter().filter(|r| r.status == RegStatus::Confirmed) {
            out.push(badge_of(r, &cats)?);
        }
        Ok((ch.venue.clone(), out))
    })
    .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("badges", &badges);
    ctx.insert("back", &format!("/venues/{slug}/registration/{id}/list"));
    page.render(&state, "participation/checkin/badges.html", ctx)
}
