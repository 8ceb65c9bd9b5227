//! Self-report actions. A venue's chairs report for their conference while applications are
//! open; the committee types the report of a conference held outside xuehui (from what that
//! conference sent) until the experts start scoring. Both read it, as the experts will. Every
//! change is logged in the round's audit.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::items::{self, Item, ItemKind, MAX_FILES, MAX_STATEMENT};
use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::evaluation::metrics::{Metric, Unit};
use crate::evaluation::rounds::model::{Entry, EntryStatus, Round, RoundPhase};
use crate::evaluation::systems::definition::Definition;
use crate::files::model::StoredFile;
use crate::guard::evaluation::{chairs_entry, is_committee};
use crate::panel::audit;

/// A conference's self-report as its reader sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SelfReport)]
pub struct SelfReport {
    /// The items, in the system's order.
    pub items: Vec<ReportItem>,
    /// Items with a figure, a statement or evidence.
    pub reported: usize,
    /// Whether the reader may change it now.
    pub editable: bool,
    /// Why it cannot be changed now (a message key), for a reader who writes it.
    pub closed: Option<String>,
    /// Whether the figures are typed by hand (a conference held outside xuehui).
    pub outside: bool,
}

/// One reported item.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SelfReportItem)]
pub struct ReportItem {
    /// The indicator's code.
    pub indicator: String,
    /// Its name in Chinese.
    pub name_zh: String,
    /// In English.
    pub name_en: String,
    /// Guidance, Chinese.
    pub guidance_zh: String,
    /// Guidance, English.
    pub guidance_en: String,
    /// What it asks for.
    pub kind: ItemKind,
    /// For a typed figure, the metric it stands for.
    pub metric: Option<Metric>,
    /// For a typed figure, how it reads (a share is 0–1).
    pub unit: Option<Unit>,
    /// The figure reported.
    pub value: Option<f64>,
    /// The statement.
    pub statement: String,
    /// Last change (UTC).
    #[serde(with = "crate::web::utc::option")]
    pub updated_at: Option<NaiveDateTime>,
    /// Evidence files.
    pub evidence: Vec<EvidenceFile>,
}

/// An evidence file.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EvidenceFile)]
pub struct EvidenceFile {
    /// Id (its download is `/evaluation/{round slug}/entries/{entry}/evidence/{id}`).
    pub id: i64,
    /// The file's name.
    pub name: String,
    /// MIME type.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// When it was attached (UTC).
    #[serde(with = "crate::web::utc")]
    pub created_at: NaiveDateTime,
}

/// One item's report.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = SelfReportInput)]
pub struct ReportInput {
    /// The figure (a share as 0–1); `null` clears it.
    #[serde(default)]
    pub value: Option<f64>,
    /// What the conference says, for the experts (at most 4,000 characters).
    #[serde(default)]
    pub statement: String,
}

/// A file to attach, already checked and staged.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    /// Content hash.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// MIME type found from the content.
    pub content_type: &'static str,
    /// The uploader's file name.
    pub name: String,
}

/// Who the reader is for this entry.
struct Reader {
    committee: bool,
    chairs: bool,
}

fn reader(conn: &mut AnyConnection, user: &User, r: &Round, e: &Entry) -> AppResult<Reader> {
    let reader = Reader {
        committee: is_committee(conn, user, r)?,
        chairs: chairs_entry(conn, user, e)?,
    };
    if reader.committee || reader.chairs || crate::guard::evaluation::expert_reads(conn, user, r, e)? {
        Ok(reader)
    } else {
        Err(AppError::NotFound)
    }
}

/// Why the report cannot be written now by this reader: `Forbidden` when it is not theirs to
/// write, `Conflict` with the reason when it is closed.
fn write_problem(r: &Round, e: &Entry, who: &Reader, now: NaiveDateTime) -> Option<AppError> {
    let outside = e.venue_id.is_none();
    if (outside && !who.committee) || (!outside && !who.chairs) {
        return Some(AppError::Forbidden);
    }
    let closed = if e.status == EntryStatus::Withdrawn {
        Some("evaluation.entry_withdrawn")
    } else if outside {
        (r.phase > RoundPhase::MetricsFrozen).then_some("evaluation.reports_closed")
    } else {
        (r.phase != RoundPhase::Applications || r.applications_close.is_some_and(|c| now > c)).then_some("evaluation.reports_closed")
    };
    closed.map(|k| AppError::Conflict(k.into()))
}

fn definition(conn: &mut AnyConnection, r: &Round) -> AppResult<Definition> {
    crate::evaluation::systems::service::final_version(conn, r.system_id, r.system_version)
}

fn find<'a>(items: &'a [Item<'a>], code: &str) -> AppResult<&'a Item<'a>> {
    items.iter().find(|i| i.indicator.code == code).ok_or(AppError::NotFound)
}

fn build(conn: &mut AnyConnection, r: &Round, e: &Entry, who: &Reader, now: NaiveDateTime) -> AppResult<SelfReport> {
    let d = definition(conn, r)?;
    let outside = e.venue_id.is_none();
    let reports = store::reports(conn, e.id)?;
    let evidence = store::evidence(conn, e.id)?;
    let items: Vec<ReportItem> = items::items(&d, outside)
        .iter()
        .map(|i| {
            let rep = reports.iter().find(|x| x.indicator == i.indicator.code);
            ReportItem {
                indicator: i.indicator.code.clone(),
                name_zh: i.indicator.name_zh.clone(),
                name_en: i.indicator.name_en.clone(),
                guidance_zh: i.indicator.guidance_zh.clone(),
                guidance_en: i.indicator.guidance_en.clone(),
                kind: i.kind(),
                metric: i.figure,
                unit: i.unit(),
                value: rep.and_then(|x| x.value),
                statement: rep.map(|x| x.statement.clone()).unwrap_or_default(),
                updated_at: rep.map(|x| x.updated_at),
                evidence: evidence
                    .iter()
                    .filter(|(ev, _)| ev.indicator == i.indicator.code)
                    .map(|(ev, f)| EvidenceFile {
                        id: ev.id,
                        name: f.original_name.clone(),
                        content_type: f.content_type.clone(),
                        size_bytes: f.size_bytes,
                        created_at: ev.created_at,
                    })
                    .collect(),
            }
        })
        .collect();
    let reported = items
        .iter()
        .filter(|i| i.value.is_some() || !i.statement.is_empty() || !i.evidence.is_empty())
        .count();
    let problem = write_problem(r, e, who, now);
    Ok(SelfReport {
        items,
        reported,
        editable: problem.is_none(),
        closed: match problem {
            Some(AppError::Conflict(k)) => Some(k),
            _ => None,
        },
        outside,
    })
}

/// The self-report of an entry, for its chairs, the committee and the experts who score it
/// (404 for others).
pub fn view(conn: &mut AnyConnection, user: &User, r: &Round, e: &Entry, now: NaiveDateTime) -> AppResult<SelfReport> {
    let who = reader(conn, user, r, e)?;
    build(conn, r, e, &who, now)
}

/// Writes one item (its figure and statement), logged.
pub fn save(
    conn: &mut AnyConnection,
    user: &User,
    r: &Round,
    e: &Entry,
    code: &str,
    input: &ReportInput,
    now: NaiveDateTime,
) -> AppResult<SelfReport> {
    let who = reader(conn, user, r, e)?;
    let d = definition(conn, r)?;
    let all = items::items(&d, e.venue_id.is_none());
    let item = find(&all, code)?;
    if let Some(err) = write_problem(r, e, &who, now) {
        return Err(err);
    }
    let mut f = FieldErrors::new();
    let statement = crate::text::field(&mut f, "statement", &input.statement, MAX_STATEMENT);
    if let Some(v) = input.value
        && let Some(k) = item.value_problem(v)
    {
        f.insert("value".into(), k.into());
    }
    if !f.is_empty() {
        return Err(AppError::Validation { fields: f });
    }
    store::put(conn, (r.id, e.id), code, input.value, &statement, user.id, now)?;
    audit::record(
        conn,
        crate::panel::Round::evaluation(r.id),
        Some(user.id),
        "report",
        Some(e.id),
        json!({"indicator": code, "value": input.value, "statement_chars": statement.chars().count()}),
    )?;
    build(conn, r, e, &who, now)
}

/// Checks that `user` may attach a file to item `code` now (before the upload is read, and
/// again when it is recorded).
pub fn check_attach(conn: &mut AnyConnection, user: &User, r: &Round, e: &Entry, code: &str, now: NaiveDateTime) -> AppResult<()> {
    let who = reader(conn, user, r, e)?;
    let d = definition(conn, r)?;
    let all = items::items(&d, e.venue_id.is_none());
    find(&all, code)?;
    if let Some(err) = write_problem(r, e, &who, now) {
        return Err(err);
    }
    let held = store::evidence(conn, e.id)?.iter().filter(|(ev, _)| ev.indicator == code).count();
    if held >= MAX_FILES {
        return Err(AppError::field("evidence", "evaluation.evidence_too_many"));
    }
    Ok(())
}

/// Attaches a checked file to item `code`, logged.
pub fn attach(
    conn: &mut AnyConnection,
    user: &User,
    r: &Round,
    e: &Entry,
    code: &str,
    file: &NewEvidence,
    now: NaiveDateTime,
) -> AppResult<EvidenceFile> {
    check_attach(conn, user, r, e, code, now)?;
    let file_id = crate::files::model::insert(
        conn,
        &crate::files::model::NewFile {
            sha256: &file.sha256,
            size_bytes: file.size_bytes,
            content_type: file.content_type,
            original_name: &file.name,
            page_count: None,
            uploaded_by: Some(user.id),
        },
    )?;
    let id = store::add_evidence(conn, (r.id, e.id), code, file_id, user.id, now)?;
    audit::record(
        conn,
        crate::panel::Round::evaluation(r.id),
        Some(user.id),
        "evidence_added",
        Some(e.id),
        json!({"indicator": code, "name": file.name, "sha256": file.sha256}),
    )?;
    let (ev, f) = store::evidence_one(conn, e.id, id)?;
    Ok(EvidenceFile {
        id: ev.id,
        name: f.original_name,
        content_type: f.content_type,
        size_bytes: f.size_bytes,
        created_at: ev.created_at,
    })
}

/// Removes an evidence file while the report may be written, logged.
pub fn detach(conn: &mut AnyConnection, user: &User, r: &Round, e: &Entry, evidence_id: i64, now: NaiveDateTime) -> AppResult<()> {
    let who = reader(conn, user, r, e)?;
    let (ev, f) = store::evidence_one(conn, e.id, evidence_id)?;
    if let Some(err) = write_problem(r, e, &who, now) {
        return Err(err);
    }
    store::remove_evidence(conn, &ev)?;
    audit::record(
        conn,
        crate::panel::Round::evaluation(r.id),
        Some(user.id),
        "evidence_removed",
        Some(e.id),
        json!({"indicator": ev.indicator, "name": f.original_name, "sha256": f.sha256}),
    )?;
    Ok(())
}

/// An evidence file for download, to whoever may read the report (experts included).
pub fn file(conn: &mut AnyConnection, user: &User, r: &Round, e: &Entry, evidence_id: i64) -> AppResult<StoredFile> {
    reader(conn, user, r, e)?;
    Ok(store::evidence_one(conn, e.id, evidence_id)?.1)
}
