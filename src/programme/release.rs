//! Publishing: the draft becomes a named release (a frozen snapshot with its changelog
//! against the previous one), and every speaker whose talk is new, moved or cancelled gets
//! one mail in their language with their talks as an `.ics` file, in the same transaction, so
//! a release is mailed exactly once.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

use super::changelog::{self, ChangeKind, ProgrammeChange};
use super::draft::{self, Draft};
use super::model::{Release, Speaker};
use super::snapshot::{ReleaseRef, Snapshot};
use super::store::{self, NewRelease};
use super::validate::{self, ReleaseInput};
use super::warnings::{self, Warning};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::guard::venue::Chair;
use crate::web::AppState;
use crate::web::i18n::Lang;

/// A release as listed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReleaseSummary {
    /// 1, 2, ...
    pub number: i32,
    /// Name.
    pub name: String,
    /// Comment, Chinese.
    pub comment_zh: String,
    /// Comment, English.
    pub comment_en: String,
    /// When.
    pub published_at: DateTime<Utc>,
    /// Its changes against the previous release.
    pub changes: Vec<ProgrammeChange>,
}

impl ReleaseSummary {
    /// The summary of a stored release.
    pub fn of(r: &Release) -> ReleaseSummary {
        ReleaseSummary {
            number: r.number,
            name: r.name.clone(),
            comment_zh: r.comment_zh.clone(),
            comment_en: r.comment_en.clone(),
            published_at: DateTime::from_naive_utc_and_offset(r.published_at, Utc),
            changes: serde_json::from_str(&r.changes).unwrap_or_default(),
        }
    }
}

impl ReleaseSummary {
    /// The summary of a release read without its changelog (empty here).
    pub fn meta(r: &super::model::ReleaseMeta) -> ReleaseSummary {
        ReleaseSummary {
            number: r.number,
            name: r.name.clone(),
            comment_zh: r.comment_zh.clone(),
            comment_en: r.comment_en.clone(),
            published_at: DateTime::from_naive_utc_and_offset(r.published_at, Utc),
            changes: Vec::new(),
        }
    }
}

/// The snapshot of a stored release.
pub fn snapshot_of(r: &Release) -> AppResult<Snapshot> {
    serde_json::from_str(&r.snapshot).map_err(|e| AppError::caused("programme release snapshot", e))
}

/// The warnings of a draft.
pub fn warnings_of(d: &Draft) -> Vec<Warning> {
    let talk_paper = d.slots.iter().filter_map(|s| s.submission_id.map(|p| (s.id, p))).collect();
    let poster_limits = d.sessions.iter().filter_map(|s| s.capacity.map(|c| (s.id, c))).collect();
    warnings::check(
        &d.snapshot,
        &warnings::Facts {
            busy: &d.busy,
            papers: &d.papers,
            talk_paper,
            waiting: &d.waiting,
            audience: d.audience.clone(),
            poster_limits,
            salon: d.salon,
        },
    )
}

/// Publishes the draft as a release. A blocking warning refuses it; other warnings refuse it
/// unless `over_warnings` says the chair publishes over them knowingly.
pub fn publish(
    conn: &mut AnyConnection,
    state: &AppState,
    ch: &Chair,
    input: &ReleaseInput,
    now: NaiveDateTime,
) -> AppResult<ReleaseSummary> {
    let (name, comment_zh, comment_en) = validate::release(input)?;
    let d = draft::load(conn, &ch.venue, true, now)?;
    let found = warnings_of(&d);
    if found.iter().any(|w| w.blocking) {
        return Err(AppError::Conflict("programme.release_blocked".into()));
    }
    if !found.is_empty() && !input.over_warnings {
        return Err(AppError::Conflict("programme.release_has_warnings".into()));
    }
    let previous = store::latest_release(conn, ch.venue.id)?;
    let number = previous.as_ref().map_or(1, |r| r.number + 1);
    let name = if name.is_empty() { format!("v{number}") } else { name };
    if name == "draft" || store::release_named(conn, ch.venue.id, &name)?.is_some() {
        return Err(AppError::field("name", "programme.release_name_taken"));
    }
    let before = previous.as_ref().map(snapshot_of).transpose()?;
    let mut snapshot = d.publishable();
    snapshot.release = Some(ReleaseRef {
        name: name.clone(),
        comment_zh: comment_zh.clone(),
        comment_en: comment_en.clone(),
        published_at: DateTime::from_naive_utc_and_offset(now, Utc),
    });
    let changes = changelog::diff(before.as_ref(), &snapshot);
    let text = serde_json::to_string(&snapshot).map_err(|e| AppError::caused("programme snapshot", e))?;
    let changes_text = serde_json::to_string(&changes).map_err(|e| AppError::caused("programme changes", e))?;
    store::insert_release(
        conn,
        ch.venue.id,
        &NewRelease {
            number,
            name: &name,
            comment_zh: &comment_zh,
            comment_en: &comment_en,
            snapshot: &text,
            changes: &changes_text,
            revision: d.revision,
        },
        ch.user_id,
        now,
    )?;
    mail_speakers(conn, state, &d, &snapshot, before.as_ref(), &changes)?;
    crate::jobs::changes::venue(conn, ch.venue.id)?;
    let r = store::latest_release(conn, ch.venue.id)?.ok_or_else(|| AppError::bug("release just written"))?;
    Ok(ReleaseSummary::of(&r))
}

/// The speakers (with addresses) of every slot, from the draft's rows.
fn speakers_by_talk(d: &Draft) -> HashMap<i64, Vec<Speaker>> {
    d.slots
        .iter()
        .map(|s| {
            let list = match s.submission_id.and_then(|p| d.papers.get(&p)) {
                Some(p) => p.speakers.clone(),
                None => s.stored_speakers(),
            };
            (s.id, list)
        })
        .collect()
}

fn mail_speakers(
    conn: &mut AnyConnection,
    state: &AppState,
    d: &Draft,
    snapshot: &Snapshot,
    before: Option<&Snapshot>,
    changes: &[ProgrammeChange],
) -> AppResult<()> {
    let speakers = speakers_by_talk(d);
    // One mail per address, listing each of their talks that changed.
    let mut per_address: BTreeMap<String, (Speaker, Vec<&ProgrammeChange>)> = BTreeMap::new();
    for c in changes {
        let Some(talk) = c.talk_id else { continue };
        for s in speakers.get(&talk).into_iter().flatten().filter(|s| !s.email.is_empty()) {
            per_address
                .entry(s.email.to_lowercase())
                .or_insert_with(|| (s.clone(), Vec::new()))
                .1
                .push(c);
        }
    }
    let tz = crate::venues::deadline::parse_tz(&snapshot.venue.timezone).unwrap_or(chrono_tz::UTC);
    let base = &state.config.base_url;
    let slug = &snapshot.venue.slug;
    for (address, (speaker, list)) in per_address {
        let account = crate::auth::store::by_email(conn, &address)?;
        let lang = match &account {
            Some(u) => u.mail_lang(),
            None if speaker.name_zh.trim().is_empty() => Lang::En,
            None => Lang::ZhCn,
        };
        let talks: Vec<serde_json::Value> = list
            .iter()
            .map(|c| {
                let placed = c.after.as_ref().or(c.before.as_ref());
                let session = placed.and_then(|p| snapshot.sessions.iter().chain(before.map(|b| b.sessions.iter()).into_iter().flatten()).find(|s| s.id == p.session_id));
                let when = placed.map(|p| p.starts_at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
                let end = placed.map(|p| p.ends_at.with_timezone(&tz).format("%H:%M").to_string()).unwrap_or_default();
                serde_json::json!({
                    "title": if lang == Lang::ZhCn { first(&c.title_zh, &c.title_en) } else { first(&c.title_en, &c.title_zh) },
                    "cancelled": c.kinds.contains(&ChangeKind::Cancelled),
                    "new": c.kinds.contains(&ChangeKind::New),
                    "when": format!("{when}–{end}"),
                    "room": placed.map(|p| if lang == Lang::ZhCn { first(&p.room_zh, &p.room_en) } else { first(&p.room_en, &p.room_zh) }).unwrap_or_default(),
                    "session": session.map(|s| if lang == Lang::ZhCn { first(&s.title_zh, &s.title_en) } else { first(&s.title_en, &s.title_zh) }).unwrap_or_default(),
                    "link": c.talk_id.map(|t| format!("{base}/venues/{slug}/programme/talks/{t}")).unwrap_or_default(),
                })
            })
            .collect();
        let ids: Vec<i64> = list.iter().filter(|c| c.after.is_some()).filter_map(|c| c.talk_id).collect();
        let site = super::exports::Site {
            base_url: base.clone(),
            lang: lang.code().to_string(),
            generated_at: snapshot.release.as_ref().map_or_else(Utc::now, |r| r.published_at),
        };
        let ics = super::exports::ical::calendar(snapshot, super::exports::ical::Pick::Talks(ids), &site);
        let mail = crate::mail::Mail {
            to: address.clone(),
            to_name: speaker_name(&speaker, lang),
            lang,
            template: "programme_release",
            vars: serde_json::json!({
                "venue_zh": snapshot.venue.title_zh,
                "venue_en": snapshot.venue.title_en,
                "release": snapshot.release.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
                "timezone": snapshot.venue.timezone,
                "talks": talks,
                "link": format!("{base}/venues/{slug}/programme"),
            }),
        };
        let attachment = crate::mail::Attachment {
            name: "talks.ics".into(),
            content_type: "text/calendar; charset=utf-8".into(),
            text: ics,
        };
        crate::mail::queue_with(conn, state, mail, &attachment)?;
    }
    Ok(())
}

fn first(a: &str, b: &str) -> String {
    if a.trim().is_empty() { b.to_string() } else { a.to_string() }
}

fn speaker_name(s: &Speaker, lang: Lang) -> String {
    if lang == Lang::ZhCn {
        first(&s.name_zh, &s.name_latin)
    } else {
        first(&s.name_latin, &s.name_zh)
    }
}
