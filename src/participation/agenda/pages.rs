//! Agenda pages: "My agenda" of a venue by day with the feed's address and buttons, the star
//! toggles' form target, the feed's rotate and stop buttons, the chairs' counts list, and the
//! feed itself (`/agenda/{token}.ics`, no login: the token is the key).

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::validate::AgendaStarInput;
use super::view::{AgendaItem, AgendaView};
use super::{feed, service};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::guard::as_chair;
use crate::programme::display::pick_name;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Lang;
use crate::web::page::{Page, flash_result, redirect, safe_next};

/// An item as the agenda page shows it.
#[derive(Debug, Clone, Serialize)]
struct Shown {
    kind: String,
    guid: String,
    title: String,
    session: String,
    link: String,
    start: String,
    end: String,
    room: String,
    clash: bool,
}

/// One day of the agenda page.
#[derive(Debug, Clone, Serialize)]
struct Day {
    date: String,
    items: Vec<Shown>,
}

fn shown(v: &AgendaView, i: &AgendaItem, lang: Lang) -> Shown {
    let tz = crate::venues::deadline::parse_tz(&v.timezone).unwrap_or(chrono_tz::UTC);
    let hm = |t: Option<chrono::DateTime<Utc>>| t.map(|t| t.with_timezone(&tz).format("%H:%M").to_string()).unwrap_or_default();
    let what = if i.kind == super::model::ItemKind::Session {
        "sessions"
    } else {
        "talks"
    };
    let mut title = pick_name(lang, &i.title_zh, &i.title_en);
    if title.is_empty() {
        title = crate::web::i18n::t(lang, "agenda.untitled");
    }
    let room = pick_name(lang, &i.room_zh, &i.room_en);
    Shown {
        kind: i.kind.as_str().to_string(),
        guid: i.guid.clone(),
        title,
        session: if i.kind == super::model::ItemKind::Talk {
            pick_name(lang, &i.session_title_zh, &i.session_title_en)
        } else {
            String::new()
        },
        link: i
            .id
            .map(|id| format!("/venues/{}/programme/{what}/{id}", v.venue))
            .unwrap_or_default(),
        start: hm(i.starts_at),
        end: hm(i.ends_at),
        room: if i.location.is_empty() || room.is_empty() {
            room
        } else {
            format!("{room} · {}", i.location)
        },
        clash: v.parallel.iter().any(|p| p.first == i.guid || p.second == i.guid),
    }
}

/// `GET /venues/{slug}/agenda`: the signed-in user's agenda of a venue.
pub async fn agenda(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, base) = (user.user.clone(), state.config.base_url.clone());
    let (venue, v, feed) = state
        .db
        .run(move |c| {
            let (venue, v) = service::agenda(c, &u, &slug)?;
            Ok((venue, v, service::feed(c, &u, &base)?))
        })
        .await?;
    let tz = crate::venues::deadline::parse_tz(&v.timezone).unwrap_or(chrono_tz::UTC);
    let mut days: Vec<Day> = Vec::new();
    let mut gone = Vec::new();
    for i in &v.items {
        let Some(start) = i.starts_at.filter(|_| i.in_programme) else {
            gone.push(shown(&v, i, page.lang));
            continue;
        };
        let date = start.with_timezone(&tz).format("%Y-%m-%d").to_string();
        if days.last().is_none_or(|d| d.date != date) {
            days.push(Day { date, items: Vec::new() });
        }
        if let Some(d) = days.last_mut() {
            d.items.push(shown(&v, i, page.lang));
        }
    }
    let titles: std::collections::HashMap<&str, String> =
        v.items.iter().map(|i| (i.guid.as_str(), shown(&v, i, page.lang).title)).collect();
    let clashes: Vec<(String, String)> = v
        .parallel
        .iter()
        .map(|p| (titles[p.first.as_str()].clone(), titles[p.second.as_str()].clone()))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("release", &v.release);
    ctx.insert("zone", &v.timezone);
    ctx.insert("days", &days);
    ctx.insert("gone", &gone);
    ctx.insert("clashes", &clashes);
    ctx.insert("feed_url", &feed.url);
    page.render(&state, "participation/agenda.html", ctx)
}

/// The star toggle's form.
#[derive(Debug, Deserialize)]
pub struct StarForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    guid: String,
    /// `1` stars, `0` unstars.
    #[serde(default)]
    on: String,
    #[serde(default)]
    back: String,
}

/// `POST /venues/{slug}/agenda/stars`: stars or unstars, then goes back to the page it came from.
pub async fn star(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<StarForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let (u, s) = (user.user.clone(), slug.clone());
    let on = f.on != "0";
    let (guid, input) = (f.guid.clone(), AgendaStarInput { kind: f.kind.clone() });
    let r = state
        .db
        .tx(move |c| {
            if on {
                service::star(c, &u, &s, &guid, &input, Utc::now().naive_utc()).map(|_| ())
            } else {
                service::unstar(c, &u, &s, &guid).map(|_| ())
            }
        })
        .await;
    flash_result(&page.session, r, if on { "agenda.starred" } else { "agenda.unstarred" })?;
    let back = if f.back.is_empty() {
        format!("/venues/{slug}/programme")
    } else {
        safe_next(Some(&f.back))
    };
    Ok(redirect(&back))
}

/// The feed buttons' form: where to come back to.
#[derive(Debug, Deserialize)]
pub struct BackForm {
    #[serde(default)]
    back: String,
}

/// `POST /agenda/feed/rotate`: a feed at a new address.
pub async fn rotate(state: web::Data<AppState>, page: Page, user: CurrentUser, CsrfForm(f): CsrfForm<BackForm>) -> AppResult<HttpResponse> {
    let (u, base) = (user.user.clone(), state.config.base_url.clone());
    let r = state
        .db
        .tx(move |c| service::rotate(c, &u, &base, Utc::now().naive_utc()).map(|_| ()))
        .await;
    flash_result(&page.session, r, "agenda.feed_rotated")?;
    Ok(redirect(&safe_next(Some(&f.back))))
}

/// `POST /agenda/feed/revoke`: no feed any more.
pub async fn revoke(state: web::Data<AppState>, page: Page, user: CurrentUser, CsrfForm(f): CsrfForm<BackForm>) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    let r = state.db.tx(move |c| service::revoke(c, &u).map(|_| ())).await;
    flash_result(&page.session, r, "agenda.feed_revoked")?;
    Ok(redirect(&safe_next(Some(&f.back))))
}

/// `GET /venues/{slug}/agenda/counts`: the chairs' per-session counts.
pub async fn counts(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (venue, counts, timezone) = as_chair(&state, &user, path.into_inner(), |c, ch| {
        Ok((ch.venue.clone(), service::counts(c, ch)?, ch.venue.timezone.clone()))
    })
    .await?;
    let tz = crate::venues::deadline::parse_tz(&timezone).unwrap_or(chrono_tz::UTC);
    let lang = page.lang;
    let rows: Vec<serde_json::Value> = counts
        .sessions
        .iter()
        .map(|x| {
            serde_json::json!({
                "id": x.id,
                "title": pick_name(lang, &x.title_zh, &x.title_en),
                "when": x.starts_at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
                "room": pick_name(lang, &x.room_zh, &x.room_en),
                "capacity": x.capacity,
                "stars": x.stars,
                "over": x.capacity.is_some_and(|c| x.stars > c as i64),
            })
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("release", &counts.release);
    ctx.insert("rows", &rows);
    ctx.insert("zone", &timezone);
    page.render(&state, "participation/agenda_counts.html", ctx)
}

/// `GET /agenda/{token}.ics`: the private feed; 404 for an unknown or revoked token.
pub async fn feed_ics(state: web::Data<AppState>, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (token, base) = (path.into_inner(), state.config.base_url.clone());
    let body = state.db.run(move |c| feed::calendar(c, &token, &base)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Content-Disposition", "inline; filename=\"agenda.ics\""))
        // Private to the token's holder; calendars poll it, so a short cache is enough.
        .insert_header(("Cache-Control", "private, max-age=300"))
        .body(body))
}
