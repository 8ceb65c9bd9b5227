//! The chairs' programme editor: a day × room grid of the draft with its warnings and the
//! talks waiting for a session (filtered by track, topic and decision), forms for sessions,
//! slots, rooms and defaults, and publishing. Every action is a plain form (the editor works
//! without JavaScript); `static/xuehui.js` adds dragging talks, reordering and resizing
//! sessions, which post the same forms.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::display;
use super::draft::{self, Draft};
use super::release::{self, ReleaseSummary};
use super::service;
use super::validate::{MoveInput, PersonInput, ReleaseInput, RoomInput, SessionInput, SlotInput};
use super::{grid, store, view};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::as_chair;
use crate::web::AppState;
use crate::web::csrf::{CsrfForm, CsrfRowsForm};
use crate::web::page::{Page, flash, flash_result, redirect};

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

fn num<T: std::str::FromStr>(v: &str) -> Option<T> {
    v.trim().parse().ok()
}

/// Filters of the editor.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EditQuery {
    /// Day shown (`YYYY-MM-DD`).
    pub day: Option<String>,
    /// Waiting talks of this track only.
    pub track: Option<String>,
    /// Waiting talks with this topic only.
    pub topic: Option<String>,
    /// Waiting talks with this decision only.
    pub label: Option<String>,
}

struct Loaded {
    draft: Draft,
    releases: Vec<ReleaseSummary>,
    topics: Vec<crate::venues::model::Topic>,
    labels: Vec<crate::review::phases::DecisionLabel>,
}

async fn load(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<Loaded> {
    as_chair(state, user, slug, move |c, ch| {
        let draft = draft::load(c, &ch.venue, false, now())?;
        let releases = store::releases_of(c, ch.venue.id)?.iter().map(ReleaseSummary::of).collect();
        let topics = crate::venues::store::topics_of(c, ch.venue.id)?;
        let labels = crate::review::phases::load(c, ch.venue.id)?
            .labels()
            .into_iter()
            .filter(|l| l.accept)
            .collect();
        Ok(Loaded {
            draft,
            releases,
            topics,
            labels,
        })
    })
    .await
}

fn day_of(d: &Draft, q: Option<&str>) -> AppResult<chrono::NaiveDate> {
    let days = d.snapshot.days();
    match q {
        None | Some("") => Ok(days.first().copied().unwrap_or(d.snapshot.venue.starts_on)),
        Some(x) => chrono::NaiveDate::parse_from_str(x, "%Y-%m-%d")
            .ok()
            .filter(|x| days.contains(x))
            .ok_or_else(|| AppError::field("day", "programme.outside_days")),
    }
}

/// The sessions a talk may be put in, grouped by day, for `<select>`s.
fn targets(d: &Draft, lang: crate::web::i18n::Lang) -> Vec<serde_json::Value> {
    let tz = display::zone(&d.snapshot);
    let mut by_day: Vec<(String, Vec<serde_json::Value>)> = Vec::new();
    for x in d
        .snapshot
        .sessions
        .iter()
        .filter(|x| super::model::SessionKind::parse(&x.kind).is_some_and(|k| k.holds_talks()))
    {
        let shown = display::session(&d.snapshot, x, lang);
        let date = x.starts_at.with_timezone(&tz).format("%Y-%m-%d").to_string();
        let label = format!(
            "{}–{} {}{}",
            shown.start,
            shown.end,
            shown.title,
            if shown.room.is_empty() {
                String::new()
            } else {
                format!(" · {}", shown.room)
            }
        );
        match by_day.last_mut() {
            Some((day, list)) if *day == date => list.push(serde_json::json!({"id": x.id, "label": label})),
            _ => by_day.push((date, vec![serde_json::json!({"id": x.id, "label": label})])),
        }
    }
    by_day
        .into_iter()
        .map(|(day, list)| serde_json::json!({"day": day, "sessions": list}))
        .collect()
}

/// `GET /venues/{slug}/programme/edit`.
pub async fn editor(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<EditQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let l = load(&state, &user, path.into_inner()).await?;
    let d = &l.draft;
    let day = day_of(d, q.day.as_deref())?;
    let tz = display::zone(&d.snapshot);
    let shown = display::sessions(&d.snapshot, page.lang);
    let g = grid::day(&d.snapshot, day, tz);
    let by_id: HashMap<i64, &display::ShownSession> = shown.iter().map(|x| (x.id, x)).collect();
    let versions: HashMap<i64, i32> = d.slots.iter().map(|s| (s.id, s.version)).collect();
    let session_versions: HashMap<i64, i32> = d.sessions.iter().map(|s| (s.id, s.version)).collect();
    let blocks: Vec<serde_json::Value> = g
        .blocks
        .iter()
        .filter_map(|b| {
            by_id.get(&b.session_id).map(|x| {
                let talks: Vec<serde_json::Value> = x
                    .talks
                    .iter()
                    .enumerate()
                    .map(|(i, k)| serde_json::json!({"t": k, "version": versions.get(&k.id), "position": i}))
                    .collect();
                serde_json::json!({"b": b, "s": x, "talks": talks, "version": session_versions.get(&x.id), "over": x.used_min > x.length_min && x.kind != "poster_session", "stars": d.audience.get(&x.id)})
            })
        })
        .collect();
    let heads: Vec<serde_json::Value> = g
        .columns
        .iter()
        .map(|c| {
            let name = c
                .room_id
                .and_then(|id| d.snapshot.room(id))
                .map(|x| display::pick_name(page.lang, &x.name_zh, &x.name_en))
                .unwrap_or_else(|| page.t("programme.no_room"));
            serde_json::json!({"col": c.col, "name": name})
        })
        .collect();
    let topic: Option<i64> = q.topic.as_deref().and_then(num);
    let track: Option<i64> = q.track.as_deref().and_then(num);
    let label = q.label.clone().filter(|l| !l.is_empty());
    let waiting: Vec<serde_json::Value> = d
        .waiting
        .iter()
        .filter(|w| track.is_none() || w.track_id == track)
        .filter(|w| topic.is_none_or(|t| w.topics.contains(&t)))
        .filter(|w| label.is_none() || w.label == label)
        .map(|w| {
            let title = display::pick_name(page.lang, &w.title_zh, &w.title_en);
            let speakers: Vec<&str> = w.speakers.iter().map(|p| p.name(page.lang.code())).collect();
            serde_json::json!({"w": w, "title": title, "speakers": speakers.join(", "), "kind_name": page.t(&format!("programme.slot_{}", w.kind.as_str()))})
        })
        .collect();
    let today_targets: Vec<serde_json::Value> = targets(d, page.lang)
        .into_iter()
        .filter(|g| g["day"] == day.to_string())
        .flat_map(|g| g["sessions"].as_array().cloned().unwrap_or_default())
        .collect();
    // Speakers' unavailable times, with the names the programme knows them by.
    let mut names: HashMap<String, String> = HashMap::new();
    for p in d.snapshot.sessions.iter().flat_map(|s| {
        s.talks
            .iter()
            .flat_map(|t| t.speakers.iter())
            .chain(s.chairs.iter())
            .chain(s.moderators.iter())
    }) {
        names.insert(p.guid.clone(), p.name(page.lang.code()).to_string());
    }
    for p in d.waiting.iter().flat_map(|w| w.speakers.iter()) {
        names.insert(p.guid.clone(), p.name(page.lang.code()).to_string());
    }
    let busy: Vec<serde_json::Value> = d
        .busy
        .iter()
        .map(|b| {
            serde_json::json!({
                "name": names.get(&b.person).cloned().unwrap_or_else(|| page.t("programme.someone")),
                "from": b.starts_at.with_timezone(&tz).format("%m-%d %H:%M").to_string(),
                "until": b.ends_at.with_timezone(&tz).format("%m-%d %H:%M").to_string(),
                "note": b.note,
            })
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("busy", &busy);
    ctx.insert("venue", &d.venue);
    ctx.insert("zone", &display::zone_label(&d.snapshot));
    ctx.insert("day", &day.to_string());
    ctx.insert("days", &d.snapshot.days().iter().map(|x| x.to_string()).collect::<Vec<_>>());
    ctx.insert("grid", &g);
    ctx.insert("heads", &heads);
    ctx.insert("blocks", &blocks);
    ctx.insert("waiting", &waiting);
    ctx.insert("waiting_all", &d.waiting.len());
    ctx.insert("warnings", &view::warnings(d, page.lang));
    if let Some(rules) = &d.salon {
        let share = super::salon_agenda::debate(&d.snapshot, rules);
        ctx.insert("debate", &serde_json::json!({"share": share, "met": share.met()}));
    }
    ctx.insert("revision", &d.revision);
    ctx.insert("releases", &l.releases);
    ctx.insert("rooms", &d.rooms);
    ctx.insert("tracks", &d.snapshot.tracks);
    ctx.insert("topics", &l.topics);
    ctx.insert("labels", &l.labels);
    ctx.insert("filter", &serde_json::json!({"track": track, "topic": topic, "label": label}));
    ctx.insert("today_targets", &today_targets);
    ctx.insert(
        "kinds",
        &super::model::SessionKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
    );
    ctx.insert(
        "new_session",
        &SessionForm {
            date: day.to_string(),
            kind: "paper_session".into(),
            ..Default::default()
        },
    );
    page.render(&state, "programme/edit.html", ctx)
}

/// The session form as typed: numbers as text, people as rows.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SessionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    room_id: String,
    #[serde(default)]
    track_id: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    chairs: Vec<PersonInput>,
    #[serde(default)]
    moderators: Vec<PersonInput>,
}

impl SessionForm {
    fn to_input(&self) -> SessionInput {
        SessionInput {
            kind: self.kind.clone(),
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            room_id: num(&self.room_id),
            track_id: num(&self.track_id),
            date: self.date.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
            capacity: num(&self.capacity),
            chairs: self.chairs.clone(),
            moderators: self.moderators.clone(),
            version: num(&self.version),
        }
    }
}

async fn session_page(
    state: &AppState,
    page: &Page,
    user: &CurrentUser,
    slug: String,
    id: Option<i64>,
    form: Option<SessionForm>,
    errors: Option<AppError>,
) -> AppResult<HttpResponse> {
    let (venue, form, rooms, tracks) = as_chair(state, user, slug, move |c, ch| {
        let form = match (form, id) {
            (Some(f), _) => f,
            (None, Some(id)) => {
                let s = store::session(c, ch.venue.id, id)?;
                let tz = service::days(&ch.venue).tz;
                let local = |t: chrono::NaiveDateTime| chrono::TimeZone::from_utc_datetime(&tz, &t);
                let people = store::people_of(c, ch.venue.id)?;
                let rows = |r: super::model::SessionRole| -> Vec<PersonInput> {
                    people
                        .iter()
                        .filter(|p| p.session_id == id && p.role == r)
                        .map(|p| PersonInput {
                            name_zh: p.name_zh.clone(),
                            name_latin: p.name_latin.clone(),
                            email: p.email.clone(),
                            affiliation: p.affiliation.clone(),
                        })
                        .collect()
                };
                SessionForm {
                    kind: s.kind.as_str().into(),
                    title_zh: s.title_zh,
                    title_en: s.title_en,
                    room_id: s.room_id.map(|x| x.to_string()).unwrap_or_default(),
                    track_id: s.track_id.map(|x| x.to_string()).unwrap_or_default(),
                    date: local(s.starts_at).format("%Y-%m-%d").to_string(),
                    start: local(s.starts_at).format("%H:%M").to_string(),
                    end: local(s.ends_at).format("%H:%M").to_string(),
                    capacity: s.capacity.map(|x| x.to_string()).unwrap_or_default(),
                    version: s.version.to_string(),
                    chairs: rows(super::model::SessionRole::Chair),
                    moderators: rows(super::model::SessionRole::Moderator),
                }
            }
            (None, None) => SessionForm::default(),
        };
        let rooms = store::rooms_of(c, ch.venue.id)?;
        let tracks = crate::venues::store::tracks_of(c, &[ch.venue.id])?;
        Ok((ch.venue.clone(), form, rooms, tracks))
    })
    .await?;
    let mut ctx = Context::new();
    let mut f = form;
    // Two blank rows to add people (shown without JavaScript, revealed one by one with it).
    for _ in 0..2 {
        f.chairs.push(PersonInput::default());
        f.moderators.push(PersonInput::default());
    }
    let status = match &errors {
        Some(AppError::Validation { fields }) => {
            let shown: HashMap<String, String> = fields.iter().map(|(k, v)| (k.clone(), page.t(v))).collect();
            ctx.insert("errors", &shown);
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
        }
        Some(e) => {
            ctx.insert("form_error", &e.user_message(page.lang));
            actix_web::http::StatusCode::CONFLICT
        }
        None => actix_web::http::StatusCode::OK,
    };
    ctx.insert("venue", &venue);
    ctx.insert("id", &id);
    ctx.insert("form", &f);
    ctx.insert("rooms", &rooms);
    ctx.insert("tracks", &tracks);
    ctx.insert(
        "kinds",
        &super::model::SessionKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
    );
    page.render_status(state, "programme/session_form.html", ctx, status)
}

/// `GET /venues/{slug}/programme/edit/sessions/{id}`.
pub async fn session_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    session_page(&state, &page, &user, slug, Some(id), None, None).await
}

/// `POST /venues/{slug}/programme/edit/sessions`: a new session (errors re-render its form).
pub async fn add_session(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(f): CsrfRowsForm<SessionForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = f.to_input();
    match as_chair(&state, &user, slug.clone(), move |c, ch| service::add_session(c, ch, &input, now())).await {
        Ok(id) => {
            flash(&page.session, "programme.session_saved");
            Ok(redirect(&format!("/venues/{slug}/programme/edit?day={}#session-{id}", f.date)))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            session_page(&state, &page, &user, slug, None, Some(f), Some(e)).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /venues/{slug}/programme/edit/sessions/{id}`: saves a session.
pub async fn save_session(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfRowsForm(f): CsrfRowsForm<SessionForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let input = f.to_input();
    match as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::update_session(c, ch, id, &input, now())
    })
    .await
    {
        Ok(()) => {
            flash(&page.session, "programme.session_saved");
            Ok(redirect(&format!("/venues/{slug}/programme/edit?day={}#session-{id}", f.date)))
        }
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            session_page(&state, &page, &user, slug, Some(id), Some(f), Some(e)).await
        }
        Err(e) => Err(e),
    }
}

/// A form that only carries its token and where to go back to.
#[derive(Debug, Deserialize)]
pub struct BackForm {
    #[serde(default)]
    day: String,
}

/// `POST /venues/{slug}/programme/edit/sessions/{id}/delete`.
pub async fn delete_session(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(f): CsrfForm<BackForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| service::delete_session(c, ch, id, now())).await;
    flash_result(&page.session, r, "programme.session_deleted")?;
    Ok(redirect(&format!("/venues/{slug}/programme/edit?day={}", f.day)))
}

/// Resizing a session from the grid: a new end time.
#[derive(Debug, Deserialize)]
pub struct ResizeForm {
    #[serde(default)]
    end: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    day: String,
}

/// `POST /venues/{slug}/programme/edit/sessions/{id}/resize`.
pub async fn resize_session(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(f): CsrfForm<ResizeForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (end, version) = (f.end.clone(), num::<i32>(&f.version));
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::resize_session(c, ch, id, version, &end, now())
    })
    .await;
    flash_result(&page.session, r, "programme.session_saved")?;
    Ok(redirect(&format!("/venues/{slug}/programme/edit?day={}#session-{id}", f.day)))
}

/// Moving a slot from the grid or the waiting list.
#[derive(Debug, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    session_id: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    duration_min: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    day: String,
}

/// `POST /venues/{slug}/programme/edit/slots/{id}/move`: into a session (empty: unscheduled).
pub async fn move_slot(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(f): CsrfForm<MoveForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let input = MoveInput {
        session_id: num(&f.session_id),
        position: num(&f.position),
        duration_min: num(&f.duration_min),
        version: num(&f.version),
    };
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::move_slot(c, ch, id, &input, now())
    })
    .await;
    flash_result(&page.session, r, "programme.slot_moved")?;
    Ok(redirect(&format!("/venues/{slug}/programme/edit?day={}#slot-{id}", f.day)))
}

/// `POST /venues/{slug}/programme/edit/slots/{id}/delete`.
pub async fn delete_slot(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(f): CsrfForm<BackForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| service::delete_slot(c, ch, id, now())).await;
    flash_result(&page.session, r, "programme.slot_deleted")?;
    Ok(redirect(&format!("/venues/{slug}/programme/edit?day={}", f.day)))
}

/// A new slot: an accepted paper by number, or an invited talk, panel or free item.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SlotForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    paper: String,
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    abstract_text: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    speakers: Vec<PersonInput>,
    #[serde(default)]
    duration_min: String,
    #[serde(default)]
    pinned: String,
    #[serde(default)]
    session_id: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    day: String,
}

impl SlotForm {
    fn to_input(&self) -> SlotInput {
        SlotInput {
            kind: self.kind.clone(),
            paper: num(&self.paper),
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            abstract_text: self.abstract_text.clone(),
            language: self.language.clone(),
            speakers: self.speakers.clone(),
            duration_min: num(&self.duration_min),
            pinned: self.pinned == "yes",
            session_id: num(&self.session_id),
            position: num(&self.position),
            version: num(&self.version),
        }
    }
}

/// `POST /venues/{slug}/programme/edit/slots`: adds (and places) a slot.
pub async fn add_slot(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(f): CsrfRowsForm<SlotForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = f.to_input();
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| service::add_slot(c, ch, &input, now())).await;
    let anchor = r.as_ref().map(|id| format!("#slot-{id}")).unwrap_or_default();
    flash_result(&page.session, r.map(|_| ()), "programme.slot_added")?;
    Ok(redirect(&format!("/venues/{slug}/programme/edit?day={}{anchor}", f.day)))
}

/// `GET /venues/{slug}/programme/edit/slots/{id}`: a slot's own page (all sessions of every
/// day to move it to; titles and speakers of invited talks and other items).
pub async fn slot_form(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let lang = page.lang;
    let (d, slot) = as_chair(&state, &user, slug, move |c, ch| {
        let slot = store::slot(c, ch.venue.id, id)?;
        Ok((draft::load(c, &ch.venue, false, now())?, slot))
    })
    .await?;
    let talk = d
        .snapshot
        .sessions
        .iter()
        .flat_map(|s| s.talks.iter().map(move |t| (s, t)))
        .find(|(_, t)| t.id == id)
        .map(|(s, t)| (s.id, display::talk(t, lang, display::zone(&d.snapshot))));
    let waiting = d.waiting.iter().find(|w| w.slot_id == Some(id));
    let title = match (&talk, waiting) {
        (Some((_, t)), _) => t.title.clone(),
        (None, Some(w)) => display::pick_name(lang, &w.title_zh, &w.title_en),
        _ => String::new(),
    };
    let mut speakers: Vec<PersonInput> = slot
        .stored_speakers()
        .into_iter()
        .map(|p| PersonInput {
            name_zh: p.name_zh,
            name_latin: p.name_latin,
            email: p.email,
            affiliation: p.affiliation,
        })
        .collect();
    speakers.push(PersonInput::default());
    speakers.push(PersonInput::default());
    let mut ctx = Context::new();
    ctx.insert("venue", &d.venue);
    ctx.insert("slot", &slot);
    ctx.insert("title", &title);
    ctx.insert("speakers", &speakers);
    ctx.insert("current_session", &talk.as_ref().map(|(s, _)| *s));
    ctx.insert("targets", &targets(&d, lang));
    page.render(&state, "programme/slot_form.html", ctx)
}

/// `POST /venues/{slug}/programme/edit/slots/{id}`: saves a slot's contents and place.
pub async fn save_slot(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfRowsForm(f): CsrfRowsForm<SlotForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let input = f.to_input();
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| {
        service::update_slot(c, ch, id, &input, now())?;
        let moved = MoveInput {
            session_id: input.session_id,
            position: input.position,
            duration_min: None,
            version: None,
        };
        let slot = store::slot(c, ch.venue.id, id)?;
        if slot.session_id != input.session_id || input.position.is_some() {
            service::move_slot(c, ch, id, &moved, now())?;
        }
        Ok(())
    })
    .await;
    let ok = r.is_ok();
    flash_result(&page.session, r, "programme.slot_saved")?;
    if ok {
        Ok(redirect(&format!("/venues/{slug}/programme/edit?day={}#slot-{id}", f.day)))
    } else {
        Ok(redirect(&format!("/venues/{slug}/programme/edit/slots/{id}")))
    }
}

/// The rooms and defaults form: one row per room, one per accepting decision.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RoomsForm {
    #[serde(default)]
    rooms: Vec<RoomRow>,
    #[serde(default)]
    defaults: Vec<DefaultRow>,
}

/// A room row.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RoomRow {
    #[serde(default)]
    id: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    online_url: String,
    #[serde(default)]
    recorded: String,
    #[serde(default)]
    streamed: String,
    #[serde(default)]
    remove: String,
}

/// A defaults row.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DefaultRow {
    #[serde(default)]
    label: String,
    #[serde(default)]
    duration_min: String,
    #[serde(default)]
    poster: String,
}

/// `GET /venues/{slug}/programme/rooms`.
pub async fn rooms(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (venue, rows, defaults, labels) = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        let rows: Vec<RoomRow> = store::rooms_of(c, ch.venue.id)?
            .into_iter()
            .map(|r| RoomRow {
                id: r.id.to_string(),
                name_zh: r.name_zh,
                name_en: r.name_en,
                capacity: r.capacity.map(|x| x.to_string()).unwrap_or_default(),
                location: r.location,
                online_url: r.online_url,
                recorded: if r.recorded { "yes".into() } else { String::new() },
                streamed: if r.streamed { "yes".into() } else { String::new() },
                remove: String::new(),
            })
            .collect();
        let defaults = store::defaults(c, ch.venue.id, now())?;
        let labels: Vec<crate::review::phases::DecisionLabel> = crate::review::phases::load(c, ch.venue.id)?
            .labels()
            .into_iter()
            .filter(|l| l.accept)
            .collect();
        Ok((ch.venue.clone(), rows, defaults, labels))
    })
    .await?;
    let mut rows = rows;
    for _ in 0..3 {
        rows.push(RoomRow::default());
    }
    let defaults: Vec<serde_json::Value> = labels
        .iter()
        .map(|l| {
            let (d, poster) = draft::default_for(&defaults, Some(&l.key));
            serde_json::json!({"label": l, "duration_min": d, "poster": poster})
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("rows", &rows);
    ctx.insert("defaults", &defaults);
    page.render(&state, "programme/rooms.html", ctx)
}

/// `POST /venues/{slug}/programme/rooms`: every room row and the defaults, in one transaction.
pub async fn save_rooms(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfRowsForm(f): CsrfRowsForm<RoomsForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| {
        for (i, row) in f.rooms.iter().enumerate() {
            let input = RoomInput {
                name_zh: row.name_zh.clone(),
                name_en: row.name_en.clone(),
                capacity: num(&row.capacity),
                location: row.location.clone(),
                online_url: row.online_url.clone(),
                recorded: row.recorded == "yes",
                streamed: row.streamed == "yes",
                position: Some(i as i32),
            };
            let named = !(row.name_zh.trim().is_empty() && row.name_en.trim().is_empty());
            let renumber = |e: AppError| match e {
                AppError::Validation { fields } => AppError::Validation {
                    fields: fields.into_iter().map(|(k, v)| (format!("rooms[{i}].{k}"), v)).collect(),
                },
                other => other,
            };
            match num::<i64>(&row.id) {
                Some(id) if row.remove == "yes" => service::delete_room(c, ch, id, now())?,
                Some(id) => service::update_room(c, ch, id, &input, now()).map_err(renumber)?,
                None if named && row.remove != "yes" => {
                    service::add_room(c, ch, &input, now()).map_err(renumber)?;
                }
                None => {}
            }
        }
        let defaults = super::validate::DefaultsInput {
            defaults: f
                .defaults
                .iter()
                .map(|d| super::model::SlotDefault {
                    label: d.label.clone(),
                    duration_min: num(&d.duration_min).unwrap_or(0),
                    poster: d.poster == "yes",
                })
                .collect(),
        };
        if !defaults.defaults.is_empty() {
            service::set_defaults(c, ch, &defaults, now())?;
        }
        Ok(())
    })
    .await;
    flash_result(&page.session, r, "programme.rooms_saved")?;
    Ok(redirect(&format!("/venues/{slug}/programme/rooms")))
}

/// `GET /venues/{slug}/programme/publish`: the warnings, the release form and past releases.
pub async fn publish_form(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let l = load(&state, &user, path.into_inner()).await?;
    let tz = display::zone(&l.draft.snapshot);
    let mut ctx = Context::new();
    ctx.insert("venue", &l.draft.venue);
    ctx.insert("warnings", &view::warnings(&l.draft, page.lang));
    ctx.insert(
        "releases",
        &l.releases.iter().map(|r| display::release(r, page.lang, tz)).collect::<Vec<_>>(),
    );
    ctx.insert("next", &format!("v{}", l.releases.first().map_or(1, |r| r.number + 1)));
    page.render(&state, "programme/publish.html", ctx)
}

/// The release form.
#[derive(Debug, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    comment_zh: String,
    #[serde(default)]
    comment_en: String,
    #[serde(default)]
    over_warnings: String,
}

/// `POST /venues/{slug}/programme/publish`.
pub async fn publish(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<PublishForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = ReleaseInput {
        name: f.name,
        comment_zh: f.comment_zh,
        comment_en: f.comment_en,
        over_warnings: f.over_warnings == "yes",
    };
    let st = state.clone();
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| {
        release::publish(c, &st, ch, &input, now()).map(|_| ())
    })
    .await;
    let ok = r.is_ok();
    flash_result(&page.session, r, "programme.published")?;
    Ok(redirect(&if ok {
        format!("/venues/{slug}/programme")
    } else {
        format!("/venues/{slug}/programme/publish")
    }))
}

/// An unavailable time as typed.
#[derive(Debug, Deserialize)]
pub struct BusyForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
    #[serde(default)]
    note: String,
}

/// `GET /venues/{slug}/programme/availability`: a speaker's own unavailable times.
pub async fn availability(state: web::Data<AppState>, page: Page, user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let u = user.user.clone();
    let (venue, mine) = state
        .db
        .run(move |c| {
            let venue = super::availability::speaker_venue(c, &u, &slug)?;
            Ok((venue, super::availability::mine(c, &u, &slug)?))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("venue", &venue);
    ctx.insert("a", &mine);
    page.render(&state, "programme/availability.html", ctx)
}

/// `POST /venues/{slug}/programme/availability`.
pub async fn add_busy(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<BusyForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let input = super::validate::UnavailabilityInput {
        date: f.date,
        start: f.start,
        end: f.end,
        note: f.note,
    };
    let (u, s) = (user.user.clone(), slug.clone());
    let r = state
        .db
        .tx(move |c| super::availability::add(c, &u, &s, &input, now()).map(|_| ()))
        .await;
    flash_result(&page.session, r, "programme.busy_saved")?;
    Ok(redirect(&format!("/venues/{slug}/programme/availability")))
}

/// `POST /venues/{slug}/programme/availability/{id}/delete`.
pub async fn delete_busy(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(_f): CsrfForm<BackForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (u, s) = (user.user.clone(), slug.clone());
    let r = state
        .db
        .tx(move |c| super::availability::remove(c, &u, &s, id, now()).map(|_| ()))
        .await;
    flash_result(&page.session, r, "programme.busy_deleted")?;
    Ok(redirect(&format!("/venues/{slug}/programme/availability")))
}

/// The proposal request form.
#[derive(Debug, Deserialize)]
pub struct ProposeForm {
    #[serde(default)]
    mode: String,
}

/// `POST /venues/{slug}/programme/propose`.
pub async fn propose(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<ProposeForm>,
) -> AppResult<HttpResponse> {
    let slug = path.into_inner();
    let mode = super::validate::mode(&f.mode)?;
    let id = as_chair(&state, &user, slug.clone(), move |c, ch| {
        super::proposals::request(c, ch, mode, now())
    })
    .await?;
    flash(&page.session, "programme.proposal_queued");
    Ok(redirect(&format!("/venues/{slug}/programme/proposals/{id}")))
}

/// `GET /venues/{slug}/programme/proposals/{id}`: the proposal in words, to accept or discard.
pub async fn proposal(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let (d, v) = as_chair(&state, &user, slug, move |c, ch| {
        let d = draft::load(c, &ch.venue, false, now())?;
        let v = super::proposals::view(&store::proposal(c, ch.venue.id, id)?, d.revision);
        Ok((d, v))
    })
    .await?;
    let lang = page.lang;
    let tz = display::zone(&d.snapshot);
    let session_name = |id: i64| -> String {
        d.snapshot
            .sessions
            .iter()
            .find(|s| s.id == id)
            .map(|s| {
                let shown = display::session(&d.snapshot, s, lang);
                let date = s.starts_at.with_timezone(&tz).format("%Y-%m-%d").to_string();
                format!(
                    "{} {}–{} {}{}",
                    date,
                    shown.start,
                    shown.end,
                    shown.title,
                    if shown.room.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", shown.room)
                    }
                )
            })
            .unwrap_or_default()
    };
    let mut ctx = Context::new();
    if let Some(o) = &v.outcome {
        let title = |i: usize| {
            o.placements
                .get(i)
                .map(|p| format!("“{}”", display::pick_name(lang, &p.title_zh, &p.title_en)))
                .unwrap_or_default()
        };
        let sep = if lang == crate::web::i18n::Lang::ZhCn { "、" } else { ", " };
        let problems: Vec<String> = o
            .problems
            .iter()
            .map(|p| {
                page.t(&format!("programme.p_{}", p.code))
                    .replace("{talk}", &p.talks.first().map(|&i| title(i)).unwrap_or_default())
                    .replace("{talks}", &p.talks.iter().map(|&i| title(i)).collect::<Vec<_>>().join(sep))
                    .replace("{person}", &p.person)
                    .replace(
                        "{sessions}",
                        &p.sessions.iter().map(|&s| session_name(s)).collect::<Vec<_>>().join(sep),
                    )
                    .replace("{needed}", &p.needed.to_string())
                    .replace("{available}", &p.available.to_string())
            })
            .collect();
        let moves: Vec<serde_json::Value> = o
            .placements
            .iter()
            .filter(|p| p.from != p.to)
            .map(|p| {
                serde_json::json!({
                    "number": p.number,
                    "title": display::pick_name(lang, &p.title_zh, &p.title_en),
                    "from": p.from.map(session_name).unwrap_or_else(|| page.t("programme.unscheduled")),
                    "to": p.to.map(session_name).unwrap_or_else(|| page.t("programme.unscheduled")),
                })
            })
            .collect();
        let gap = if o.optimal || o.bound.abs() < 1e-9 {
            0.0
        } else {
            ((o.bound - o.objective) / o.bound.abs() * 100.0).max(0.0)
        };
        ctx.insert("problems", &problems);
        ctx.insert("moves", &moves);
        ctx.insert("gap", &format!("{gap:.1}"));
        ctx.insert("o", o);
    }
    ctx.insert("venue", &d.venue);
    ctx.insert("p", &v);
    page.render(&state, "programme/proposal.html", ctx)
}

/// `POST /venues/{slug}/programme/proposals/{id}/accept`.
pub async fn accept_proposal(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(_f): CsrfForm<BackForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| super::proposals::accept(c, ch, id, now())).await;
    let ok = r.is_ok();
    flash_result(&page.session, r, "programme.proposal_accepted_flash")?;
    Ok(redirect(&if ok {
        format!("/venues/{slug}/programme/edit")
    } else {
        format!("/venues/{slug}/programme/proposals/{id}")
    }))
}

/// `POST /venues/{slug}/programme/proposals/{id}/discard`.
pub async fn discard_proposal(
    state: web::Data<AppState>,
    page: Page,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    CsrfForm(_f): CsrfForm<BackForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let r = as_chair(&state, &user, slug.clone(), move |c, ch| super::proposals::discard(c, ch, id)).await;
    flash_result(&page.session, r, "programme.proposal_discarded")?;
    Ok(redirect(&format!("/venues/{slug}/programme/edit")))
}
