//! The published programme's pages: by day as a timetable or a list, by room, by track; a page
//! per session and per talk; the changes of every release and their Atom feed. All read the
//! latest release (or `?release=`), in the reader's language, with the venue's zone shown.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;
use tera::Context;

use super::display::{self, ShownSession};
use super::public::release;
use super::release::ReleaseSummary;
use super::snapshot::Snapshot;
use super::{grid, store};
use crate::error::{AppError, AppResult};
use crate::participation::agenda::marks::{self, Marks};
use crate::participation::agenda::model::{ItemKind, Star};
use crate::web::AppState;
use crate::web::i18n::Lang;
use crate::web::page::Page;

/// What the programme page shows.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProgrammeQuery {
    /// `timetable` (default), `list`, `room` or `track`.
    pub view: Option<String>,
    /// The day (`YYYY-MM-DD`; default: the first).
    pub day: Option<String>,
    /// Room id (view `room`).
    pub room: Option<i64>,
    /// Track id (view `track`).
    pub track: Option<i64>,
    /// A release name (default: the latest).
    pub release: Option<String>,
}

fn base_context(s: &Snapshot, r: &super::model::ReleaseMeta, venue: &crate::venues::model::Venue, lang: Lang) -> Context {
    let mut ctx = Context::new();
    ctx.insert("venue", venue);
    ctx.insert("release", &ReleaseSummary::meta(r));
    ctx.insert("zone", &display::zone_label(s));
    ctx.insert("timezone", &s.venue.timezone);
    let rooms: Vec<(i64, String)> = s
        .rooms
        .iter()
        .map(|x| {
            (
                x.id,
                if lang == Lang::ZhCn && !x.name_zh.is_empty() || x.name_en.is_empty() {
                    x.name_zh.clone()
                } else {
                    x.name_en.clone()
                },
            )
        })
        .collect();
    let tracks: Vec<(i64, String)> = s
        .tracks
        .iter()
        .map(|x| {
            (
                x.id,
                if lang == Lang::ZhCn && !x.name_zh.is_empty() || x.name_en.is_empty() {
                    x.name_zh.clone()
                } else {
                    x.name_en.clone()
                },
            )
        })
        .collect();
    ctx.insert("rooms", &rooms);
    ctx.insert("tracks", &tracks);
    ctx
}

/// A release as a page shows it, with the reader's agenda stars when they read the latest.
struct Loaded {
    r: super::model::ReleaseMeta,
    s: std::sync::Arc<Snapshot>,
    venue: crate::venues::model::Venue,
    stars: Option<Vec<Star>>,
}

async fn load(state: &AppState, page: &Page, slug: String, name: Option<String>) -> AppResult<Loaded> {
    let user = page.user.clone();
    state
        .db
        .run(move |c| {
            let latest = name.as_deref().is_none_or(str::is_empty);
            let (r, s) = release(c, user.as_ref(), &slug, name.as_deref())?;
            let venue = crate::venues::store::by_slug(c, &slug)?;
            // Stars name items of the latest release, so older releases show no toggles.
            let stars = match &user {
                Some(u) if latest => Some(marks::stars(c, u.id, venue.id)?),
                _ => None,
            };
            Ok(Loaded { r, s, venue, stars })
        })
        .await
}

/// The reader's star toggles (none when signed out or reading an older release).
fn marks_of(l: &Loaded, page: &Page) -> Option<Marks> {
    l.stars
        .as_ref()
        .map(|stars| Marks::new(&l.s, stars, &page.csrf, &page.here, page.lang))
}

/// What every programme page shows of the reader's agenda: the link to it, and the starred
/// items that overlap.
fn agenda_context(ctx: &mut Context, l: &Loaded, marks: Option<&Marks>) {
    ctx.insert("agenda_on", &marks.is_some());
    let clashes = match (marks, &l.stars) {
        (Some(m), Some(stars)) => m.clashes(&l.s, stars),
        _ => Vec::new(),
    };
    ctx.insert("agenda_clashes", &clashes);
}

/// `GET /venues/{slug}/programme`.
pub async fn programme(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    q: web::Query<ProgrammeQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let l = load(&state, &page, path.into_inner(), q.release.clone()).await?;
    let (r, s, venue) = (&l.r, &l.s, &l.venue);
    let view = match q.view.as_deref() {
        None | Some("" | "timetable") => "timetable",
        Some(v @ ("list" | "room" | "track")) => v,
        Some(_) => return Err(AppError::field("view", "programme.view_unknown")),
    };
    let days = s.days();
    let day = match q.day.as_deref() {
        None | Some("") => days.first().copied().unwrap_or(s.venue.starts_on),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .ok()
            .filter(|d| days.contains(d))
            .ok_or_else(|| AppError::field("day", "programme.outside_days"))?,
    };
    let lang = page.lang;
    let what = format!("page {} {view} {day} {:?} {:?}", lang.code(), q.room, q.track);
    let body = super::public::cached(r, &what, || {
        let mut ctx = base_context(s, r, venue, lang);
        ctx.insert("lang", lang.code());
        ctx.insert("t", crate::web::i18n::tree(lang));
        body_context(&mut ctx, s, view, day, &q, lang);
        state
            .tera
            .render("programme/_public_body.html", &ctx)
            .map(String::into_bytes)
            .map_err(|e| AppError::caused("programme page", e))
    })?;
    let marks = marks_of(&l, &page);
    let mut ctx = base_context(s, r, venue, page.lang);
    ctx.insert(
        "body",
        &marks::fill(std::str::from_utf8(&body).unwrap_or_default(), s, marks.as_ref()),
    );
    agenda_context(&mut ctx, &l, marks.as_ref());
    page.render(&state, "programme/public.html", ctx)
}

/// What the programme page's body shows: the view's tabs and sessions, the day's grid.
fn body_context(ctx: &mut Context, s: &Snapshot, view: &str, day: NaiveDate, q: &ProgrammeQuery, lang: Lang) {
    let days = s.days();
    let shown = display::sessions(s, lang);
    ctx.insert("view", view);
    ctx.insert("days", &days.iter().map(|d| d.to_string()).collect::<Vec<_>>());
    ctx.insert("day", &day.to_string());
    let selected: Vec<&ShownSession> = match view {
        "room" => {
            let room = q.room.or(s.rooms.first().map(|x| x.id));
            ctx.insert("room", &room);
            shown.iter().filter(|x| x.room_id == room && room.is_some()).collect()
        }
        "track" => {
            let track = q.track.or(s.tracks.first().map(|x| x.id));
            ctx.insert("track", &track);
            shown.iter().filter(|x| x.track_id == track && track.is_some()).collect()
        }
        _ => shown.iter().filter(|x| x.date == day.to_string()).collect(),
    };
    if view == "timetable" {
        let g = grid::day(s, day, display::zone(s));
        let by_id: std::collections::HashMap<i64, &ShownSession> = selected.iter().map(|x| (x.id, *x)).collect();
        let blocks: Vec<serde_json::Value> = g
            .blocks
            .iter()
            .filter_map(|b| by_id.get(&b.session_id).map(|x| serde_json::json!({"b": b, "s": x})))
            .collect();
        let heads: Vec<serde_json::Value> = g
            .columns
            .iter()
            .map(|c| {
                let name = c
                    .room_id
                    .and_then(|id| s.room(id))
                    .map(|x| display::pick_name(lang, &x.name_zh, &x.name_en))
                    .unwrap_or_else(|| crate::web::i18n::t(lang, "programme.no_room"));
                serde_json::json!({"col": c.col, "name": name, "room_id": c.room_id})
            })
            .collect();
        ctx.insert("grid", &g);
        ctx.insert("blocks", &blocks);
        ctx.insert("heads", &heads);
    }
    ctx.insert("sessions", &selected);
}

/// `GET /venues/{slug}/programme/sessions/{id}`.
pub async fn session(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<(String, i64)>,
    q: web::Query<ProgrammeQuery>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let l = load(&state, &page, slug, q.into_inner().release).await?;
    let (r, s, venue) = (&l.r, &l.s, &l.venue);
    let x = s.sessions.iter().find(|x| x.id == id).ok_or(AppError::NotFound)?;
    let marks = marks_of(&l, &page);
    let mut ctx = base_context(s, r, venue, page.lang);
    ctx.insert("s", &display::session(s, x, page.lang));
    ctx.insert(
        "star",
        &marks.as_ref().map(|m| m.form(ItemKind::Session, &x.guid)).unwrap_or_default(),
    );
    let talk_stars: std::collections::HashMap<String, String> = x
        .talks
        .iter()
        .map(|k| {
            (
                k.id.to_string(),
                marks.as_ref().map(|m| m.form(ItemKind::Talk, &k.guid)).unwrap_or_default(),
            )
        })
        .collect();
    ctx.insert("talk_stars", &talk_stars);
    agenda_context(&mut ctx, &l, marks.as_ref());
    page.render(&state, "programme/session.html", ctx)
}

/// `GET /venues/{slug}/programme/talks/{id}`.
pub async fn talk(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<(String, i64)>,
    q: web::Query<ProgrammeQuery>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let l = load(&state, &page, slug, q.into_inner().release).await?;
    let (r, s, venue) = (&l.r, &l.s, &l.venue);
    let x = s
        .sessions
        .iter()
        .find(|x| x.talks.iter().any(|t| t.id == id))
        .ok_or(AppError::NotFound)?;
    let shown = display::session(s, x, page.lang);
    let talk = shown.talks.iter().find(|t| t.id == id).cloned().ok_or(AppError::NotFound)?;
    let guid = x.talks.iter().find(|t| t.id == id).map(|t| t.guid.as_str()).unwrap_or_default();
    let marks = marks_of(&l, &page);
    let mut ctx = base_context(s, r, venue, page.lang);
    ctx.insert("s", &shown);
    ctx.insert("talk", &talk);
    ctx.insert("star", &marks.as_ref().map(|m| m.form(ItemKind::Talk, guid)).unwrap_or_default());
    agenda_context(&mut ctx, &l, marks.as_ref());
    page.render(&state, "programme/talk.html", ctx)
}

/// `GET /venues/{slug}/programme/changes`: every release with its changes, newest first.
pub async fn changes(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let (venue, releases, zone) = state
        .db
        .run(move |c| {
            let (_, s) = release(c, user.as_ref(), &slug, None)?;
            let venue = crate::venues::store::by_slug(c, &slug)?;
            let list: Vec<ReleaseSummary> = store::releases_of(c, venue.id)?.iter().map(ReleaseSummary::of).collect();
            Ok((venue, list, display::zone_label(&s)))
        })
        .await?;
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::UTC);
    let shown: Vec<serde_json::Value> = releases.iter().map(|r| display::release(r, page.lang, tz)).collect();
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("releases", &shown);
    ctx.insert("zone", &zone);
    page.render(&state, "programme/changes.html", ctx)
}

/// `GET /venues/{slug}/programme/changes.atom`: one entry per release.
pub async fn changes_atom(state: web::Data<AppState>, page: Page, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let user = page.user.clone();
    let (venue, releases) = state
        .db
        .run(move |c| {
            release(c, user.as_ref(), &slug, None)?;
            let venue = crate::venues::store::by_slug(c, &slug)?;
            let list: Vec<ReleaseSummary> = store::releases_of(c, venue.id)?.iter().map(ReleaseSummary::of).collect();
            Ok((venue, list))
        })
        .await?;
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::UTC);
    let body = super::exports::atom::feed(&venue, &releases, page.lang, tz, &state.config.base_url);
    Ok(HttpResponse::Ok().content_type("application/atom+xml; charset=utf-8").body(body))
}
