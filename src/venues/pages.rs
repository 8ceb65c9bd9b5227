//! Venue pages: the home page, each venue's public call page, and the organiser's forms.

use actix_web::{HttpResponse, web};
use tera::Context;

use super::forms::{CallForm, VenueForm};
use super::model::{Track, Venue};
use super::service::{self, TrackParam};
use super::{policy, store, view};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, flash_result, redirect};

/// `GET /`.
pub async fn home(state: web::Data<AppState>, page: Page, q: web::Query<service::KindParam>) -> AppResult<HttpResponse> {
    let viewer = page.user.clone();
    // The home page shows every kind rather than an error for a kind it does not know.
    let kind = service::kind_param(q.kind.as_deref()).unwrap_or(None);
    let venues = state.db.run(move |c| service::list(c, viewer.as_ref(), kind)).await?;
    let can_create = match page.user.clone() {
        Some(u) => state.db.run(move |c| policy::may_create(c, &u)).await?,
        None => false,
    };
    let mut ctx = Context::new();
    ctx.insert("venues", &venues);
    ctx.insert("can_create", &can_create);
    ctx.insert("kind", &kind.map(|k| k.as_str()).unwrap_or(""));
    page.render(&state, "home.html", ctx)
}

/// `GET /venues/{slug}`: the public call for papers.
pub async fn show(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let (detail, manages, member, accepted) = state
        .db
        .run(move |c| {
            let d = view::detail(c, user.as_ref(), &slug)?;
            let (m, member) = match &user {
                Some(u) => (policy::may_manage(c, u, d.venue.id)?, committee_member(c, u.id, d.venue.id)?),
                None => (false, false),
            };
            let accepted = crate::submissions::public::accepted_of_venue(c, d.venue.id)?;
            let published = crate::proceedings::store::of_venue(c, d.venue.id)?
                .is_some_and(|v| v.status == crate::proceedings::model::VolumeStatus::Published);
            // The final-version rules and template, once the chairs set them.
            let tz = crate::venues::deadline::parse_tz(&d.venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
            let final_phase = match crate::venues::store::call_of(c, d.venue.id)? {
                Some(call) => crate::finals::store::phase_of_call(c, call.id)?.map(|p| {
                    serde_json::json!({
                        "deadline_local": crate::venues::deadline::display(p.deadline, tz),
                        "page_limit": p.page_limit,
                        "template_name": p.template_name,
                        "template_url": p.template_url,
                        "licence": p.licence,
                    })
                }),
                None => None,
            };
            // The published programme, and the speakers' page for those who speak here.
            let programme = crate::programme::store::latest_release(c, d.venue.id)?.is_some();
            let speaker = match &user {
                Some(u) => crate::programme::availability::speaker_venue(c, u, &slug).is_ok(),
                None => false,
            };
            // Chairs and check-in helpers find the check-in desk here.
            let desk = m
                || match &user {
                    Some(u) => crate::auth::roles::has(
                        c,
                        u.id,
                        crate::auth::roles::CHECKIN_HELPER,
                        crate::auth::roles::SCOPE_VENUE,
                        d.venue.id,
                    )?,
                    None => false,
                };
            // A salon's rules, lead scientists and application form; who may decide.
            let salon = if d.venue.kind == super::model::VenueKind::Salon {
                let leads = match &user {
                    Some(u) => crate::guard::salon::lead(c, u, &slug).is_ok(),
                    None => false,
                };
                Some((crate::salons::view::salon(c, &d.venue, false)?, leads))
            } else {
                None
            };
            // The speech contest: the board for chairs, the judging page for judges, the results once published.
            let contest = crate::salons::contest::service::link_for(c, user.as_ref(), &d.venue, m)?;
            Ok((
                d,
                m,
                member,
                (accepted, published, final_phase, programme, speaker, desk, (salon, contest)),
            ))
        })
        .await?;
    let (accepted, published, final_phase, programme, speaker, desk, (salon, contest)) = accepted;
    // A salon's minutes: published for everyone, the draft for its writers, the review for speakers.
    let (reader, venue) = (page.user.clone(), detail.venue.clone());
    let minutes = state
        .db
        .run(move |c| crate::salons::minutes::service::link_for(c, reader.as_ref(), &venue))
        .await?;
    // A forum names its executive chairs and leads to its topics.
    let forum_chairs = if detail.venue.kind == super::model::VenueKind::Forum {
        let id = detail.venue.id;
        Some(
            state
                .db
                .run(move |c| crate::salons::forum_topics::view::executive_chairs(c, id))
                .await?,
        )
    } else {
        None
    };
    // Demonstrative-conference badges from published evaluation rounds.
    let id = detail.venue.id;
    let designations = state
        .db
        .run(move |c| crate::evaluation::published::service::of_venue(c, id))
        .await?;
    // The edition before this one, when the chairs named it (only if it is open).
    let previous = match detail.venue.previous_venue_id {
        Some(id) => {
            state
                .db
                .run(move |c| Ok(Some(store::by_id(c, id)?).filter(|p| p.opened_at.is_some())))
                .await?
        }
        None => None,
    };
    let mut ctx = Context::new();
    ctx.insert("previous", &previous);
    ctx.insert("designations", &designations);
    ctx.insert("forum_chairs", &forum_chairs);
    ctx.insert("minutes", &minutes);
    ctx.insert("v", &detail);
    ctx.insert("accepted", &accepted);
    ctx.insert("proceedings", &published);
    ctx.insert("final_phase", &final_phase);
    ctx.insert("programme", &programme);
    if let Some((s, leads)) = &salon {
        ctx.insert("salon", s);
        ctx.insert("salon_lead", leads);
    }
    ctx.insert("speaker", &speaker);
    ctx.insert("desk", &desk);
    ctx.insert("contest", &contest);
    ctx.insert("manages", &manages);
    ctx.insert("member", &member);
    page.render(&state, "venues/show.html", ctx)
}

fn venue_ctx(creating: bool) -> Context {
    let mut ctx = Context::new();
    ctx.insert("creating", &creating);
    ctx.insert(
        "timezones",
        &[
            "Asia/Shanghai",
            "Asia/Hong_Kong",
            "Asia/Taipei",
            "Asia/Tokyo",
            "Asia/Singapore",
            "Europe/London",
            "Europe/Berlin",
            "America/New_York",
            "America/Los_Angeles",
            "UTC",
            "Etc/GMT+12",
        ],
    );
    ctx
}

/// `GET /venues/new` (site administrators).
pub async fn new_form(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    if !state.db.run(move |c| policy::may_create(c, &u)).await? {
        return Err(AppError::Forbidden);
    }
    let mut ctx = venue_ctx(true);
    ctx.insert(
        "form",
        &VenueForm {
            details: super::validate::VenueDetails {
                kind: "conference".into(),
                timezone: "Asia/Shanghai".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    );
    page.render(&state, "venues/edit.html", ctx)
}

/// `POST /venues/new`.
pub async fn create(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    CsrfRowsForm(form): CsrfRowsForm<VenueForm>,
) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    if !state.db.run(move |c| policy::may_create(c, &u)).await? {
        return Err(AppError::Forbidden);
    }
    let result = async {
        let spec = form.check()?;
        state.db.tx(move |c| service::create(c, &user.user, &spec)).await
    }
    .await;
    match result {
        Ok(v) => {
            flash(&page.session, "venues.created");
            Ok(redirect(&format!("/venues/{}/call/edit", v.slug)))
        }
        Err(e) => page.form_errors(&state, "venues/edit.html", venue_ctx(true), &form, e),
    }
}

/// `GET /venues/{slug}/edit` (chairs).
pub async fn edit_form(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let form = state
        .db
        .run(move |c| {
            let v = store::by_slug(c, &slug)?;
            policy::require_manage(c, &user.user, v.id)?;
            let tracks = store::tracks_of(c, &[v.id])?;
            let topics = store::topics_of(c, v.id)?;
            let previous = match v.previous_venue_id {
                Some(id) => Some(store::by_id(c, id)?),
                None => None,
            };
            Ok(VenueForm::from_venue(&v, &tracks, &topics, previous.as_ref()))
        })
        .await?;
    let mut ctx = venue_ctx(false);
    ctx.insert("form", &form);
    page.render(&state, "venues/edit.html", ctx)
}

/// `POST /venues/{slug}/edit`.
pub async fn update(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(mut form): CsrfRowsForm<VenueForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    form.details.slug = slug.clone();
    let (s2, u2) = (slug.clone(), user.user.clone());
    state
        .db
        .run(move |c| {
            let v = store::by_slug(c, &s2)?;
            policy::require_manage(c, &u2, v.id)
        })
        .await?;
    let result = async {
        let spec = form.check()?;
        let s3 = slug.clone();
        state.db.tx(move |c| service::update(c, &user.user, &s3, &spec)).await
    }
    .await;
    match result {
        Ok(_) => {
            flash(&page.session, "venues.saved");
            Ok(redirect(&format!("/venues/{slug}")))
        }
        Err(e) => page.form_errors(&state, "venues/edit.html", venue_ctx(false), &form, e),
    }
}

/// The venue and, for `?track=`, the track whose call is edited (404 for non-chairs).
async fn managed_call_target(
    state: &AppState,
    user: CurrentUser,
    slug: String,
    track: Option<String>,
) -> AppResult<(Venue, Option<Track>)> {
    state
        .db
        .run(move |c| {
            let v = store::by_slug(c, &slug)?;
            policy::require_manage(c, &user.user, v.id)?;
            let t = match track.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(s) => Some(store::track_by_slug(c, v.id, s)?),
                None => None,
            };
            Ok((v, t))
        })
        .await
}

fn call_ctx(venue: &Venue, track: &Option<Track>) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", venue);
    ctx.insert("track", track);
    ctx
}

/// `GET /venues/{slug}/call/edit[?track=..]` (chairs): the venue-wide call or a track's own.
pub async fn call_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
) -> AppResult<HttpResponse> {
    let (venue, track) = managed_call_target(&state, user, path.into_inner(), q.into_inner().track).await?;
    let (vid, tid, tz) = (venue.id, track.as_ref().map(|t| t.id), venue.timezone.clone());
    let (form, has_own) = state
        .db
        .run(move |c| {
            Ok(match store::call_for(c, vid, tid)? {
                Some(call) => (CallForm::from_call(&call, &store::questions_of(c, call.id)?, &tz), true),
                None => (
                    CallForm {
                        anonymity: "double_blind".into(),
                        max_file_mb: "20".into(),
                        supp_max_mb: "50".into(),
                        grace_minutes: "0".into(),
                        ..Default::default()
                    },
                    false,
                ),
            })
        })
        .await?;
    let mut ctx = call_ctx(&venue, &track);
    ctx.insert("form", &form);
    ctx.insert("has_own", &has_own);
    page.render(&state, "venues/call_edit.html", ctx)
}

/// `POST /venues/{slug}/call/edit[?track=..]`.
pub async fn call_save(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
    CsrfRowsForm(form): CsrfRowsForm<CallForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (venue, track) = managed_call_target(&state, user.clone(), slug.clone(), q.into_inner().track).await?;
    let result = async {
        let converted = form.to_input()?;
        let input = converted.input.clone();
        let (s2, t2) = (slug.clone(), track.as_ref().map(|t| t.slug.clone()));
        state
            .db
            .tx(move |c| service::set_call(c, &user.user, &s2, t2.as_deref(), &input))
            .await
            .map_err(|e| converted.renumber(e))
    }
    .await;
    match result {
        Ok(_) => {
            flash(&page.session, "venues.call_saved");
            Ok(redirect(&format!("/venues/{slug}#call")))
        }
        Err(e) => {
            let mut ctx = call_ctx(&venue, &track);
            ctx.insert("has_own", &false);
            page.form_errors(&state, "venues/call_edit.html", ctx, &form, e)
        }
    }
}

/// `POST /venues/{slug}/call/delete?track=..`: the track goes back to the venue-wide call.
pub async fn call_delete(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
    CsrfForm(_): CsrfForm<crate::auth::pages::Empty>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (_, track) = managed_call_target(&state, user.clone(), slug.clone(), q.into_inner().track).await?;
    let track = track.ok_or(AppError::NotFound)?;
    let s2 = slug.clone();
    let result = state
        .db
        .tx(move |c| service::delete_track_call(c, &user.user, &s2, Some(&track.slug)).map(|_| ()))
        .await;
    flash_result(&page.session, result, "venues.track_call_removed")?;
    Ok(redirect(&format!("/venues/{slug}#call")))
}

/// Whether the user sits on the venue's programme committee: accepting an invitation grants the
/// venue role, so the venue asks the roles rather than the review area (which builds on venues).
fn committee_member(c: &mut crate::db::AnyConnection, user_id: i64, venue_id: i64) -> AppResult<bool> {
    use crate::auth::roles::{AREA_CHAIR, REVIEWER, SCOPE_VENUE, has};
    Ok(has(c, user_id, REVIEWER, SCOPE_VENUE, venue_id)? || has(c, user_id, AREA_CHAIR, SCOPE_VENUE, venue_id)?)
}

/// `POST /venues/{slug}/open`: the chair opens the call; the venue becomes public.
pub async fn open(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s2) = (user.user.clone(), slug.clone());
    let result = state
        .db
        .tx(move |c| service::open(c, &u, &s2, chrono::Utc::now().naive_utc()).map(drop))
        .await;
    if let Err(AppError::NotFound) = result {
        return Err(AppError::NotFound);
    }
    flash_result(&page.session, result, "venues.opened")?;
    Ok(redirect(&format!("/venues/{slug}")))
}
