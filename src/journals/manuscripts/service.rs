//! Manuscript actions shared by pages and API: submitting (files checked and stored, then the
//! manuscript, its files, history, receipts and the editors' notice in one transaction) and
//! confirming authorship.

use chrono::{NaiveDateTime, Utc};
use serde_json::json;

use super::model::{FileKind, Manuscript};
use super::store;
use super::upload::{check_source, to_input};
use super::validate::{self, JournalContext, ManuscriptSpec};
use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::journals::model::Journal;
use crate::journals::setup::model::{ReviewMode, SourceFiles};
use crate::journals::setup::view::{Current, current};
use crate::mail::{self, Mail};
use crate::submissions::upload::{self as reader, ReceivedFile, Upload};
use crate::web::AppState;
use crate::web::i18n::Lang;
use crate::web::idempotency::Claim;

/// A journal taking manuscripts, as submitting needs it.
#[derive(Clone)]
pub struct Target {
    /// The journal.
    pub journal: Journal,
    /// Its settings.
    pub current: Current,
    /// Its open sections: (id, Chinese title, English title).
    pub sections: Vec<(i64, String, String)>,
}

/// The journal as a submission target; 404 while it takes no manuscripts.
pub fn target(conn: &mut AnyConnection, journal_id: i64) -> AppResult<Target> {
    let journal = crate::journals::store::get(conn, journal_id)?;
    let current = current(conn, journal_id)?;
    if !current.spec.enabled {
        return Err(AppError::NotFound);
    }
    let sections = crate::journals::setup::store::sections(conn, journal_id)?
        .into_iter()
        .filter(|s| s.open)
        .map(|s| (s.id, s.title_zh, s.title_en))
        .collect();
    Ok(Target {
        journal,
        current,
        sections,
    })
}

/// Reads the multipart form within the journal's file size limit.
pub async fn read_upload(state: &AppState, t: &Target, payload: actix_multipart::Multipart) -> Result<Upload, reader::ReadFailure> {
    read_files(state, &t.current, payload).await
}

/// Reads a multipart form within `current`'s file size limit (submissions and revisions).
pub async fn read_files(state: &AppState, current: &Current, payload: actix_multipart::Multipart) -> Result<Upload, reader::ReadFailure> {
    let limit = current.spec.max_file_mb as u64 * 1024 * 1024;
    reader::read(payload, &state.files, limit, limit).await
}

/// Checks the manuscript PDF and the Word source against the journal's file rules; returns the
/// PDF's pages and the source's content type.
pub async fn check_files(state: &AppState, current: &Current, up: &Upload) -> AppResult<(u32, Option<&'static str>)> {
    let Some(pdf) = &up.pdf else {
        return Err(AppError::field("pdf", "validation.pdf_required"));
    };
    let info = reader::check_pdf(pdf, None, state.config.pdf).await?;
    let source = match (&up.supplement, current.spec.source_files) {
        (None, SourceFiles::Required) => return Err(AppError::field("source", "journal_ms.source_required")),
        (Some(_), SourceFiles::None) => return Err(AppError::field("source", "journal_ms.source_not_taken")),
        (Some(f), _) => Some(check_source(f)?),
        (None, _) => None,
    };
    Ok((info.pages, source))
}

/// Records a received file (already in the store) as a `files` row; returns its id.
pub fn keep(conn: &mut AnyConnection, f: &ReceivedFile, ct: &str, pages: Option<u32>, by: i64) -> AppResult<i64> {
    crate::files::model::insert(
        conn,
        &crate::files::model::NewFile {
            sha256: &f.incoming.sha256,
            size_bytes: f.incoming.size as i64,
            content_type: ct,
            original_name: &f.name,
            page_count: pages.map(|p| p as i32),
            uploaded_by: Some(by),
        },
    )
}

/// Submits a manuscript from a parsed form; returns its id. With `once`, it is recorded under
/// that idempotency claim in the same transaction.
pub async fn submit(state: &AppState, user: &User, t: Target, up: Upload, lang: Lang, once: Option<Claim>) -> AppResult<i64> {
    let input = to_input(&up, t.current.spec.checklist.len())?;
    let open: Vec<i64> = t.sections.iter().map(|s| s.0).collect();
    let ctx = JournalContext {
        open_sections: &open,
        checklist_items: t.current.spec.checklist.len(),
    };
    let spec = validate::manuscript(&input, &ctx, &user.email)?;
    let (pages, source_type) = check_files(state, &t.current, &up).await?;
    // The bytes go to the store before the rows commit: a committed manuscript always has its
    // files, and a failed transaction leaves only unreferenced files for `files::sweep`.
    let source = up.supplement.as_ref().filter(|_| source_type.is_some());
    for f in [up.pdf.as_ref(), source].into_iter().flatten() {
        state.files.persist(&f.incoming).await.map_err(crate::files::storage_error)?;
    }
    let (st, u) = (state.clone(), user.clone());
    let up = std::sync::Arc::new(up);
    state
        .db
        .tx(move |conn| {
            // The journal may have closed, or the section, while the files were checked.
            let t = target(conn, t.journal.id)?;
            if !t.sections.iter().any(|s| s.0 == spec.section_id) {
                return Err(AppError::field("section_id", "journal_ms.section_not_open"));
            }
            let emails: Vec<&str> = spec.authors.iter().map(|a| a.email.as_str()).collect();
            crate::integrity::cases::sanctions::refuse_submission(conn, t.journal.society_id, u.id, &emails)?;
            let now = Utc::now().naive_utc();
            let pdf = up.pdf.as_ref().ok_or_else(|| AppError::field("pdf", "validation.pdf_required"))?;
            let pdf_id = keep(conn, pdf, "application/pdf", Some(pages), u.id)?;
            let id = store::create(conn, t.journal.id, &spec, u.id, &u.email, now)?;
            store::add_file(conn, id, 1, FileKind::Manuscript, pdf_id, u.id, now)?;
            if let (Some(f), Some(ct)) = (up.supplement.as_ref(), source_type) {
                let sid = keep(conn, f, ct, None, u.id)?;
                store::add_file(conn, id, 1, FileKind::Source, sid, u.id, now)?;
            }
            store::record(conn, id, "submitted", Some(u.id), &json!({"round": 1}), now)?;
            crate::integrity::queue::manuscript(conn, t.journal.id, id, pdf_id)?;
            if let Some(claim) = &once {
                crate::web::idempotency::record(conn, claim, id)?;
            }
            // Reviewers under double-blind review read an anonymised copy, made once by a job.
            if t.current.spec.review_mode == ReviewMode::DoubleBlind {
                crate::files::copies::request(conn, pdf_id)?;
            }
            let m = store::get(conn, id)?;
            receipts(conn, &st, &t, &m, &spec, lang)?;
            notify_editors(conn, &st, &t, &m)?;
            Ok(id)
        })
        .await
}

/// What a submitting request led to.
pub enum Submitted {
    /// A new manuscript.
    New(i64),
    /// The same request was made before (same idempotency key and content): its manuscript.
    Again(i64),
}

/// Submits once per idempotency claim (as `submissions::service::submit_once` does for papers).
pub async fn submit_once(state: &AppState, user: &User, t: Target, up: Upload, lang: Lang, claim: Option<Claim>) -> AppResult<Submitted> {
    let Some(claim) = claim else {
        return submit(state, user, t, up, lang, None).await.map(Submitted::New);
    };
    if let Some(id) = earlier(state, &claim).await? {
        return Ok(Submitted::Again(id));
    }
    match submit(state, user, t, up, lang, Some(claim.clone())).await {
        Ok(id) => Ok(Submitted::New(id)),
        Err(e) => match earlier(state, &claim).await? {
            Some(id) => Ok(Submitted::Again(id)),
            None => Err(e),
        },
    }
}

async fn earlier(state: &AppState, claim: &Claim) -> AppResult<Option<i64>> {
    let c = claim.clone();
    match state.db.run(move |conn| crate::web::idempotency::earlier(conn, &c)).await? {
        Some(found) => crate::web::idempotency::replay(&found, claim).map(Some),
        None => Ok(None),
    }
}

/// The idempotency scope of a new manuscript to this journal.
pub fn scope(t: &Target) -> String {
    format!("manuscript:journal:{}", t.journal.id)
}

fn lang_of(conn: &mut AnyConnection, email: &str, fallback: Lang) -> AppResult<(Lang, bool)> {
    let account = crate::auth::store::by_email(conn, email)?;
    let lang = account
        .as_ref()
        .and_then(|u| u.preferred_lang.as_deref())
        .and_then(Lang::parse)
        .unwrap_or(fallback);
    Ok((lang, account.is_some()))
}

/// A receipt to every listed author, each in their own language when they have an account;
/// the others are told that being listed gives no rights until they confirm.
fn receipts(
    conn: &mut AnyConnection,
    state: &AppState,
    t: &Target,
    m: &Manuscript,
    spec: &ManuscriptSpec,
    fallback: Lang,
) -> AppResult<()> {
    for a in store::authors_of(conn, m.id)? {
        let (lang, has_account) = lang_of(conn, &a.email, fallback)?;
        let mail_id = mail::queue(
            conn,
            state,
            Mail {
                to: a.email.clone(),
                to_name: a.display_name(),
                lang,
                template: "journal_received",
                vars: json!({
                    "journal_zh": t.journal.name_zh, "journal_en": t.journal.name_en,
                    "number": m.number, "title_zh": spec.title_zh, "title_en": spec.title_en,
                    "link": format!("{}/manuscripts/{}", state.config.base_url, m.id),
                    "has_account": has_account,
                    "unconfirmed": a.confirmed_at.is_none(),
                    "signup": format!("{}/signup", state.config.base_url),
                }),
            },
        )?;
        store::link_mail(conn, m.id, mail_id, "receipt")?;
    }
    Ok(())
}

/// Tells the chief and managing editors, and the section's editors, that a manuscript arrived.
fn notify_editors(conn: &mut AnyConnection, state: &AppState, t: &Target, m: &Manuscript) -> AppResult<()> {
    let mut people = roles::holders(conn, roles::EDITOR_IN_CHIEF, roles::SCOPE_JOURNAL, t.journal.id)?;
    people.extend(roles::holders(conn, roles::EDITOR, roles::SCOPE_JOURNAL, t.journal.id)?);
    for (section, uid) in crate::journals::setup::store::editors(conn, t.journal.id)? {
        if section == m.section_id {
            people.push(uid);
        }
    }
    people.sort_unstable();
    people.dedup();
    let (section_zh, section_en) = t
        .sections
        .iter()
        .find(|s| s.0 == m.section_id)
        .map(|s| (s.1.clone(), s.2.clone()))
        .unwrap_or_default();
    let authors: Vec<String> = store::authors_of(conn, m.id)?.iter().map(|a| a.email.clone()).collect();
    for uid in people {
        let u = crate::auth::store::by_id(conn, uid)?;
        // An editor listed as an author hears as an author, not as an editor.
        if authors.contains(&u.email) {
            continue;
        }
        let mail_id = mail::queue(
            conn,
            state,
            Mail {
                to: u.email.clone(),
                to_name: u.display_name(),
                lang: u.mail_lang(),
                template: "journal_new_manuscript",
                vars: json!({
                    "journal_zh": t.journal.name_zh, "journal_en": t.journal.name_en,
                    "number": m.number, "title_zh": m.title_zh, "title_en": m.title_en,
                    "section_zh": section_zh, "section_en": section_en,
                    "link": format!("{}/manuscripts/{}", state.config.base_url, m.id),
                }),
            },
        )?;
        store::link_mail(conn, m.id, mail_id, "new_manuscript")?;
    }
    Ok(())
}

/// The user confirms being one of the manuscript's authors (their verified address is listed);
/// 404 when it does not list them.
pub fn confirm_authorship(conn: &mut AnyConnection, user: &User, id: i64, now: NaiveDateTime) -> AppResult<()> {
    if user.email_verified_at.is_none() {
        return Err(AppError::NotFound);
    }
    store::get(conn, id)?;
    if store::confirm_author(conn, id, &user.email, now)? {
        store::record(conn, id, "author_confirmed", Some(user.id), &json!({}), now)?;
        Ok(())
    } else if store::authors_of(conn, id)?.iter().any(|a| a.email == user.email) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
