//! The published programme for everyone: which release a reader gets (the latest, or a named
//! one; nothing before the first release), and its exports at stable addresses as pretalx
//! has them (`schedule.json`, `schedule.xml`, `schedule.ics`, per room, track and talk).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::exports::{self, Site, ical::Pick};
use super::model::ReleaseMeta;
use super::snapshot::Snapshot;
use super::store;
use crate::auth::{MaybeUser, User};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::i18n::{Lang, t};
use crate::web::page::Page;

/// A release's identity in the caches: its id and publication instant, so releases of
/// different databases served by one process (the tests) never share an entry.
type Key = (i64, i64);

fn key(r: &ReleaseMeta) -> Key {
    (r.id, r.published_at.and_utc().timestamp_nanos_opt().unwrap_or_default())
}

/// Parsed releases and the exports made from them. A release never changes once written, so
/// every process may keep its own copies without any coherence problem; the maps are bounded.
struct Caches {
    snapshots: HashMap<Key, Arc<Snapshot>>,
    exports: HashMap<(Key, String), bytes::Bytes>,
}

fn caches() -> &'static Mutex<Caches> {
    static CACHES: OnceLock<Mutex<Caches>> = OnceLock::new();
    CACHES.get_or_init(|| {
        Mutex::new(Caches {
            snapshots: HashMap::new(),
            exports: HashMap::new(),
        })
    })
}

fn lock() -> AppResult<std::sync::MutexGuard<'static, Caches>> {
    caches().lock().map_err(|_| AppError::bug("programme cache poisoned"))
}

/// The snapshot of release `r`, read and parsed once per process.
pub fn parsed(conn: &mut AnyConnection, r: &ReleaseMeta) -> AppResult<Arc<Snapshot>> {
    let k = key(r);
    if let Some(s) = lock()?.snapshots.get(&k) {
        return Ok(s.clone());
    }
    let text = store::snapshot_text(conn, r.id)?;
    let s: Arc<Snapshot> = Arc::new(serde_json::from_str(&text).map_err(|e| AppError::caused("programme release snapshot", e))?);
    let mut c = lock()?;
    if c.snapshots.len() >= 32 {
        c.snapshots.clear();
    }
    c.snapshots.insert(k, s.clone());
    Ok(s)
}

/// A text made from release `r` (an export, a rendered part of a page), made once per
/// process for each `what` (which names the kind, language and anything else it depends on).
pub fn cached(r: &ReleaseMeta, what: &str, make: impl FnOnce() -> AppResult<Vec<u8>>) -> AppResult<bytes::Bytes> {
    let k = (key(r), what.to_string());
    if let Some(s) = lock()?.exports.get(&k) {
        return Ok(s.clone());
    }
    let made = bytes::Bytes::from(make()?);
    let mut c = lock()?;
    if c.exports.len() >= 256 {
        c.exports.clear();
    }
    c.exports.insert(k, made.clone());
    Ok(made)
}

/// The latest release of venue `venue_id`, parsed; `None` before the first. No visibility
/// check: for callers that already hold the venue (its chairs, its check-in desk, counts).
pub fn latest(conn: &mut AnyConnection, venue_id: i64) -> AppResult<Option<Arc<Snapshot>>> {
    match store::latest_release_meta(conn, venue_id)? {
        Some(r) => Ok(Some(parsed(conn, &r)?)),
        None => Ok(None),
    }
}

/// The release `name` (default: the latest) of venue `slug` as `user` may see it; 404 when the
/// venue is not visible or nothing is published.
pub fn release(conn: &mut AnyConnection, user: Option<&User>, slug: &str, name: Option<&str>) -> AppResult<(ReleaseMeta, Arc<Snapshot>)> {
    let venue = crate::guard::venue::visible(conn, user, slug)?;
    let r = match name.filter(|n| !n.is_empty()) {
        Some(n) => store::release_meta_named(conn, venue.id, n)?,
        None => store::latest_release_meta(conn, venue.id)?,
    }
    .ok_or(AppError::NotFound)?;
    let s = parsed(conn, &r)?;
    Ok((r, s))
}

/// Export options.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExportQuery {
    /// A release name (default: the latest).
    pub release: Option<String>,
    /// Language of titles and names (`zh-CN` or `en`; default: the reader's).
    pub lang: Option<String>,
}

async fn load(state: &AppState, user: MaybeUser, slug: String, q: &ExportQuery) -> AppResult<(ReleaseMeta, Arc<Snapshot>)> {
    let name = q.release.clone();
    state.db.run(move |c| release(c, user.0.as_ref(), &slug, name.as_deref())).await
}

fn site(state: &AppState, lang: Lang, q: &ExportQuery, r: &ReleaseMeta) -> AppResult<Site> {
    let lang = match q.lang.as_deref() {
        None | Some("") => lang,
        Some(l) => Lang::parse(l).ok_or_else(|| AppError::field("lang", "validation.lang_invalid"))?,
    };
    Ok(Site {
        base_url: state.config.base_url.clone(),
        lang: lang.code().to_string(),
        generated_at: DateTime::from_naive_utc_and_offset(r.published_at, Utc),
    })
}

fn file(body: impl actix_web::body::MessageBody + 'static, content_type: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Content-Disposition", format!("inline; filename=\"{name}\"")))
        .insert_header(("Cache-Control", "public, max-age=60"))
        .body(body)
}

/// Whether the client takes gzip.
fn gzip_ok(req: &HttpRequest) -> bool {
    req.headers()
        .get(actix_web::http::header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")))
}

/// A large export made once per release, language and address: served from memory, gzipped
/// once for clients that take it (the compression middleware leaves encoded bodies alone).
fn big_file(
    req: &HttpRequest,
    r: &ReleaseMeta,
    what: &str,
    content_type: &str,
    name: &str,
    make: impl FnOnce() -> AppResult<Vec<u8>>,
) -> AppResult<HttpResponse> {
    let plain = cached(r, what, make)?;
    if !gzip_ok(req) {
        return Ok(file(plain, content_type, name));
    }
    let gz = cached(r, &format!("{what} gzip"), || {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut e, &plain).map_err(|e| AppError::caused("gzip", e))?;
        e.finish().map_err(|e| AppError::caused("gzip", e))
    })?;
    let mut res = file(gz, content_type, name);
    res.headers_mut().insert(
        actix_web::http::header::CONTENT_ENCODING,
        actix_web::http::header::HeaderValue::from_static("gzip"),
    );
    res.headers_mut().insert(
        actix_web::http::header::VARY,
        actix_web::http::header::HeaderValue::from_static("Accept-Encoding"),
    );
    Ok(res)
}

/// c3voc schedule JSON of the latest (or `?release=`) release.
pub async fn schedule_json(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    path: web::Path<String>,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let (user, lang) = (MaybeUser(page.user.clone()), page.lang);
    let (r, s) = load(&state, user, path.into_inner(), &q).await?;
    let site = site(&state, lang, &q, &r)?;
    big_file(
        &req,
        &r,
        &format!("c3voc {} {}", site.lang, site.base_url),
        "application/json",
        "schedule.json",
        || serde_json::to_vec(&exports::c3voc::schedule_json(&s, &site)).map_err(|e| AppError::caused("schedule json", e)),
    )
}

/// frab schedule XML.
pub async fn schedule_xml(
    state: web::Data<AppState>,
    page: Page,
    req: HttpRequest,
    path: web::Path<String>,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let (user, lang) = (MaybeUser(page.user.clone()), page.lang);
    let (r, s) = load(&state, user, path.into_inner(), &q).await?;
    let site = site(&state, lang, &q, &r)?;
    big_file(
        &req,
        &r,
        &format!("frab {} {}", site.lang, site.base_url),
        "application/xml; charset=utf-8",
        "schedule.xml",
        || Ok(exports::frab::schedule_xml(&s, &site).into_bytes()),
    )
}

async fn calendar(
    state: &AppState,
    user: MaybeUser,
    lang: Lang,
    slug: String,
    q: &ExportQuery,
    pick: Pick,
    name: &str,
) -> AppResult<HttpResponse> {
    let (r, s) = load(state, user, slug, q).await?;
    let exists = match &pick {
        Pick::All => true,
        Pick::Room(id) => s.room(*id).is_some(),
        Pick::Track(id) => s.track(*id).is_some(),
        Pick::Session(id) => s.sessions.iter().any(|x| x.id == *id),
        Pick::Talks(ids) => s.sessions.iter().flat_map(|x| &x.talks).any(|t| ids.contains(&t.id)),
        Pick::Guids(g) => !g.is_empty(),
    };
    if !exists {
        return Err(AppError::NotFound);
    }
    Ok(file(
        exports::ical::calendar(&s, pick, &site(state, lang, q, &r)?),
        "text/calendar; charset=utf-8",
        name,
    ))
}

/// The whole programme as iCalendar.
pub async fn schedule_ics(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let (user, lang) = (MaybeUser(page.user.clone()), page.lang);
    calendar(&state, user, lang, path.into_inner(), &q, Pick::All, "schedule.ics").await
}

/// One room's sessions as iCalendar.
pub async fn room_ics(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<(String, i64)>,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let (user, lang) = (MaybeUser(page.user.clone()), page.lang);
    let (slug, id) = path.into_inner();
    calendar(&state, user, lang, slug, &q, Pick::Room(id), "room.ics").await
}

/// One track's sessions as iCalendar.
pub async fn track_ics(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<(String, i64)>,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let (user, lang) = (MaybeUser(page.user.clone()), page.lang);
    let (slug, id) = path.into_inner();
    calendar(&state, user, lang, slug, &q, Pick::Track(id), "track.ics").await
}

/// One session as iCalendar.
pub async fn session_ics(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<(String, i64)>,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let (user, lang) = (MaybeUser(page.user.clone()), page.lang);
    let (slug, id) = path.into_inner();
    calendar(&state, user, lang, slug, &q, Pick::Session(id), "session.ics").await
}

/// One talk as iCalendar.
pub async fn talk_ics(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<(String, i64)>,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let (user, lang) = (MaybeUser(page.user.clone()), page.lang);
    let (slug, id) = path.into_inner();
    calendar(&state, user, lang, slug, &q, Pick::Talks(vec![id]), "talk.ics").await
}

async fn timetable(state: &AppState, user: MaybeUser, lang: Lang, slug: String, q: &ExportQuery, xlsx: bool) -> AppResult<HttpResponse> {
    let (r, s) = load(state, user, slug, q).await?;
    let site = site(state, lang, q, &r)?;
    let lang = Lang::parse(&site.lang).unwrap_or(lang);
    let headers: Vec<String> = exports::sheet::COLUMNS.iter().map(|k| t(lang, k)).collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows = exports::sheet::rows(&s, &site, |k| t(lang, &format!("programme.kind_{k}")));
    if xlsx {
        Ok(crate::web::sheets::download(
            crate::web::sheets::xlsx("timetable", &headers, &rows)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "timetable.xlsx",
        ))
    } else {
        Ok(crate::web::sheets::download(
            crate::web::sheets::csv(&headers, &rows)?,
            "text/csv; charset=utf-8",
            "timetable.csv",
        ))
    }
}

/// The timetable as CSV.
pub async fn timetable_csv(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let (user, lang) = (MaybeUser(page.user.clone()), page.lang);
    timetable(&state, user, lang, path.into_inner(), &q, false).await
}

/// The timetable as XLSX.
pub async fn timetable_xlsx(
    state: web::Data<AppState>,
    page: Page,
    path: web::Path<String>,
    q: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let (user, lang) = (MaybeUser(page.user.clone()), page.lang);
    timetable(&state, user, lang, path.into_inner(), &q, true).await
}

/// A talk of a published programme as search indexes it.
pub struct SearchableTalk {
    /// Talk id.
    pub id: i64,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// Abstract.
    pub abstract_text: String,
    /// Speakers with institutions.
    pub speakers: Vec<String>,
    /// Session and room names.
    pub context: Vec<String>,
    /// Start.
    pub starts_at: DateTime<Utc>,
}

fn context(s: &Snapshot, x: &super::snapshot::SessionItem) -> Vec<String> {
    let mut out = vec![x.title_zh.clone(), x.title_en.clone()];
    if let Some(r) = x.room_id.and_then(|r| s.room(r)) {
        out.push(r.name_zh.clone());
        out.push(r.name_en.clone());
    }
    out.retain(|w| !w.trim().is_empty());
    out
}

/// The latest release's talks that are not papers' (those are found as papers), and the ids
/// of every talk of the venue's earlier releases.
pub fn searchable_talks(conn: &mut AnyConnection, venue_id: i64) -> AppResult<(Vec<SearchableTalk>, Vec<i64>)> {
    let releases = store::release_metas_of(conn, venue_id)?;
    let Some(latest) = releases.first() else {
        return Ok((Vec::new(), Vec::new()));
    };
    let s = parsed(conn, latest)?;
    let mut current = Vec::new();
    for x in &s.sessions {
        for t in x.talks.iter().filter(|t| t.number.is_none()) {
            current.push(SearchableTalk {
                id: t.id,
                title_zh: t.title_zh.clone(),
                title_en: t.title_en.clone(),
                abstract_text: t.abstract_text.clone(),
                speakers: t
                    .speakers
                    .iter()
                    .map(|p| {
                        let name = crate::review::reviews::view::display(&p.name_zh, &p.name_latin);
                        if p.affiliation.is_empty() {
                            name
                        } else {
                            format!("{name}, {}", p.affiliation)
                        }
                    })
                    .collect(),
                context: context(&s, x),
                starts_at: t.starts_at,
            });
        }
    }
    let mut earlier = Vec::new();
    for r in releases.iter().skip(1) {
        earlier.extend(parsed(conn, r)?.sessions.iter().flat_map(|x| x.talks.iter().map(|t| t.id)));
    }
    Ok((current, earlier))
}

/// The names of the session and room of a paper's talk in the venue's latest release.
pub fn paper_context(conn: &mut AnyConnection, venue_id: i64, submission_id: i64) -> AppResult<Vec<String>> {
    let Some(r) = store::latest_release_meta(conn, venue_id)? else {
        return Ok(Vec::new());
    };
    let Some(slot) = store::slot_of_paper(conn, submission_id)? else {
        return Ok(Vec::new());
    };
    let s = parsed(conn, &r)?;
    Ok(s.sessions
        .iter()
        .find(|x| x.talks.iter().any(|t| t.id == slot.id))
        .map(|x| context(&s, x))
        .unwrap_or_default())
}

/// Venues that have published a programme.
pub fn venues_with_releases(conn: &mut AnyConnection) -> AppResult<Vec<i64>> {
    store::venues_with_releases(conn)
}
