//! Evidence files in a case file. The committee, the reporter (through the mailbox link) and a
//! person accused (through the hearing link) each attach files with a note on what they show;
//! each file is an entry of the case, read by whoever may read that entry. Attaching and every
//! download are audited.

use actix_multipart::Multipart;
use actix_session::Session;
use chrono::{NaiveDateTime, Utc};

use super::model::{Case, Entry, EntryKind, Party, Role};
use super::service::{self, Committee};
use super::steps;
use super::store::{self, NewEntry};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::files::model::StoredFile;
use crate::submissions::upload as sub_upload;
use crate::web::AppState;

/// Largest evidence file, in MiB.
pub const MAX_MB: u64 = 20;

/// Longest note on a file.
const NOTE_MAX: usize = 2_000;

/// Who attaches or reads evidence, and how they reach the case.
#[derive(Debug, Clone)]
pub enum Door {
    /// A committee member, on case `number` of society `slug`.
    Committee { user: Box<User>, slug: String, number: i32 },
    /// The reporter, by their mailbox token.
    Mailbox(String),
    /// A person accused, by their hearing token.
    Hearing(String),
}

/// Where a reader stands in a case.
struct Seat {
    case: Case,
    committee: Option<Committee>,
    party: Option<Party>,
}

fn seat(conn: &mut AnyConnection, door: &Door) -> AppResult<Seat> {
    Ok(match door {
        Door::Committee { user, slug, number } => {
            let c = service::committee(conn, user, slug)?;
            let case = store::by_number(conn, c.society.id, *number)?.ok_or(AppError::NotFound)?;
            Seat {
                case,
                committee: Some(c),
                party: None,
            }
        }
        Door::Mailbox(token) => Seat {
            case: service::by_mailbox(conn, token)?,
            committee: None,
            party: None,
        },
        Door::Hearing(token) => {
            let (case, party) = service::by_link(conn, token)?;
            Seat {
                case,
                committee: None,
                party: Some(party),
            }
        }
    })
}

impl Seat {
    /// Whether this reader may read entry `e`.
    fn reads(&self, e: &Entry) -> bool {
        match (&self.committee, &self.party) {
            (Some(_), _) => true,
            (None, Some(p)) => service::for_party(e, p.id),
            (None, None) => e.audience == Role::Reporter,
        }
    }

    fn audit(&self, conn: &mut AnyConnection, action: &str, detail: &str) -> AppResult<()> {
        let a = store::Audit {
            society_id: self.case.society_id,
            case_id: Some(self.case.id),
            user_id: self.committee.as_ref().map(|c| c.user_id),
            party_id: self.party.as_ref().map(|p| p.id),
            action,
            detail,
        };
        store::audit(conn, &a, Utc::now().naive_utc())
    }
}

/// What comes with the file: the note, and for the committee whom it is for (`reporter`,
/// `committee` or `accused:<party id>`, as in messages).
#[derive(Debug, Clone, Default)]
pub struct EvidenceInput {
    pub to: String,
    pub note: String,
}

/// Checks that `door` may attach now (before the body is read): the case is open.
pub fn check_attach(conn: &mut AnyConnection, door: &Door) -> AppResult<()> {
    let s = seat(conn, door)?;
    if !steps::open(s.case.state) {
        return Err(AppError::Conflict("integrity_cases.closed".into()));
    }
    Ok(())
}

fn audience(conn: &mut AnyConnection, s: &Seat, to: &str) -> AppResult<(Role, Option<Party>)> {
    if s.committee.is_none() {
        let role = if s.party.is_some() { Role::Accused } else { Role::Reporter };
        return Ok((role, s.party.clone()));
    }
    let (role, party) = match to.split_once(':') {
        Some(("accused", id)) => (Some(Role::Accused), id.parse::<i64>().ok()),
        _ => (Role::parse(to.trim()).filter(|r| *r != Role::Accused), None),
    };
    let role = role.ok_or_else(|| AppError::field("to", "validation.integrity_audience"))?;
    let party = match party {
        Some(id) => Some(
            store::parties_of(conn, s.case.id)?
                .into_iter()
                .find(|p| p.id == id)
                .ok_or_else(|| AppError::field("to", "validation.integrity_party_unknown"))?,
        ),
        None if role == Role::Accused => return Err(AppError::field("to", "validation.integrity_party_unknown")),
        None => None,
    };
    Ok((role, party))
}

/// Records file `file_id` with its note as an entry and tells the other side.
fn attach(
    conn: &mut AnyConnection,
    state: &AppState,
    door: &Door,
    input: &EvidenceInput,
    file_id: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let s = seat(conn, door)?;
    if !steps::open(s.case.state) {
        return Err(AppError::Conflict("integrity_cases.closed".into()));
    }
    let (to, party) = audience(conn, &s, &input.to)?;
    let author = match (&s.committee, &s.party) {
        (Some(_), _) => Role::Committee,
        (None, Some(_)) => Role::Accused,
        (None, None) => Role::Reporter,
    };
    let user_id = match author {
        Role::Committee => s.committee.as_ref().map(|c| c.user_id),
        Role::Reporter => s.case.reporter_id,
        Role::Accused => s.party.as_ref().and_then(|p| p.user_id),
    };
    store::add_entry(
        conn,
        &NewEntry {
            case_id: s.case.id,
            kind: EntryKind::Evidence,
            step: None,
            author,
            user_id,
            party_id: party.as_ref().map(|p| p.id),
            audience: to,
            body: &input.note,
            due_at: None,
            file_id: Some(file_id),
        },
        now,
    )?;
    let society = crate::salons::plan::store::society_by_id(conn, s.case.society_id)?;
    service::notify(conn, state, (&society, &s.case), author, to, party.as_ref())?;
    // The committee's choice of reader is worth recording; the others' is always the same.
    let detail = if author == Role::Committee { to.as_str() } else { "" };
    s.audit(conn, "evidence", detail)
}

/// The file of evidence entry `entry_id`, for a reader who may read that entry (404 for
/// anyone else); the download is audited.
pub fn file(conn: &mut AnyConnection, door: &Door, entry_id: i64) -> AppResult<StoredFile> {
    let s = seat(conn, door)?;
    let entry = store::entries_of(conn, s.case.id)?
        .into_iter()
        .find(|e| e.id == entry_id && s.reads(e))
        .ok_or(AppError::NotFound)?;
    let file_id = entry.file_id.ok_or(AppError::NotFound)?;
    s.audit(conn, "evidence_read", &entry_id.to_string())?;
    crate::files::model::get(conn, file_id)
}

/// Reads the `evidence` part and the `to` and `note` fields of a multipart form, checks the
/// file's kind from its bytes (PDF, image, Office document or ZIP archive), stores it and
/// records it. Cookie callers of the committee's forms must send the form's `csrf`; the
/// personal links are their own credential.
pub async fn receive(
    state: &AppState,
    door: Door,
    session: Option<(&Session, crate::auth::extract::AuthVia)>,
    payload: Multipart,
) -> AppResult<()> {
    let d = door.clone();
    state.db.run(move |c| check_attach(c, &d)).await?;
    let up = sub_upload::read(payload, &state.files, 0, MAX_MB * 1024 * 1024)
        .await
        .map_err(|f| f.error)?;
    if let Some((session, via)) = session {
        sub_upload::check_csrf(session, via, &up)?;
    }
    let note = up.get("note").trim().to_string();
    let mut fields = crate::error::FieldErrors::new();
    if note.is_empty() {
        fields.insert("note".into(), "validation.required".into());
    } else if note.chars().count() > NOTE_MAX {
        fields.insert("note".into(), "validation.too_long".into());
    }
    let content_type = match up.evidence.as_ref() {
        None => {
            fields.insert("evidence".into(), "validation.integrity_evidence_required".into());
            None
        }
        Some(f) => {
            let (path, name) = (f.incoming.tmp_path.clone(), f.name.clone());
            let found = actix_web::web::block(move || crate::files::sniff::document_type(&path, &name))
                .await
                .map_err(|e| AppError::caused("evidence type", e))?
                .map_err(|e| AppError::caused("reading the evidence", e))?;
            if found.is_none() {
                fields.insert("evidence".into(), "validation.integrity_evidence_type".into());
            }
            found
        }
    };
    AppError::unless_fields(fields, ())?;
    let (Some(file), Some(content_type)) = (up.evidence.as_ref(), content_type) else {
        return Err(AppError::field("evidence", "validation.integrity_evidence_required"));
    };
    // Stored before the row commits (see `files::storage`).
    state.files.persist(&file.incoming).await.map_err(crate::files::storage_error)?;
    let input = EvidenceInput { to: up.get("to"), note };
    let (sha, size, name) = (file.incoming.sha256.clone(), file.incoming.size as i64, file.name.clone());
    let st = state.clone();
    state
        .db
        .tx(move |c| {
            let user = match &door {
                Door::Committee { user, .. } => Some(user.id),
                _ => None,
            };
            let id = crate::files::model::insert(
                c,
                &crate::files::model::NewFile {
                    sha256: &sha,
                    size_bytes: size,
                    content_type,
                    original_name: &name,
                    page_count: None,
                    uploaded_by: user,
                },
            )?;
            attach(c, &st, &door, &input, id, Utc::now().naive_utc())
        })
        .await
}

/// The response carrying evidence entry `entry`'s file, always as an attachment named after
/// the entry (never the uploader's file name, which could mislead).
pub async fn send(state: &AppState, req: &actix_web::HttpRequest, door: Door, entry: i64) -> AppResult<actix_web::HttpResponse> {
    let file = state.db.tx(move |c| file(c, &door, entry)).await?;
    let ext = crate::files::sniff::extension(&file.content_type);
    let download = crate::files::download::Download {
        sha256: &file.sha256,
        ext,
        name: format!("case-evidence-{entry}.{ext}"),
        inline: false,
    };
    crate::files::download::send(state, req, download).await
}
