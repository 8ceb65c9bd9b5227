//! Files production sends as multipart forms: the copyedited text (Word or PDF) and galleys
//! (PDF, or HTML as UTF-8 text). Each is checked before it is stored, and the permission and
//! stage are checked before the body is read.

use actix_multipart::Multipart;
use actix_session::Session;
use chrono::Utc;

use super::model::GalleyKind;
use super::service;
use crate::auth::{CurrentUser, User};
use crate::error::{AppError, AppResult};
use crate::journals::manuscripts::model::Stage;
use crate::submissions::upload::{self as reader, ReceivedFile, Upload};
use crate::web::AppState;

/// What was read: the form, or the error with the text fields read before it.
pub type Read = Result<Upload, reader::ReadFailure>;

/// Checks that the user may produce the manuscript now, then reads the form within the
/// journal's file size limit.
pub async fn read(state: &AppState, user: &User, ms_id: i64, stages: &'static [Stage], payload: Multipart) -> AppResult<Read> {
    let u = user.clone();
    let limit = state
        .db
        .run(move |c| {
            let (ms, _) = service::producing(c, &u, ms_id, stages)?;
            Ok(crate::journals::setup::view::current(c, ms.journal_id)?.spec.max_file_mb as u64 * 1024 * 1024)
        })
        .await?;
    Ok(reader::read(payload, &state.files, limit, limit).await)
}

/// The `file` part, required.
fn file(up: &Upload) -> AppResult<&ReceivedFile> {
    up.other
        .get("file")
        .ok_or_else(|| AppError::field("file", "journal_article.file_required"))
}

/// Whether the bytes are an HTML document in UTF-8.
pub fn is_html(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<article") || head.starts_with("<body")
}

/// Stores the received file and its `files` row, then runs `then` with the row's id, in one
/// transaction.
async fn keep_then<T, F>(state: &AppState, user: &User, f: &ReceivedFile, ct: &'static str, pages: Option<u32>, then: F) -> AppResult<T>
where
    F: FnOnce(&mut crate::db::AnyConnection, i64) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    state.files.persist(&f.incoming).await.map_err(crate::files::storage_error)?;
    let (sha, size, name, by) = (f.incoming.sha256.clone(), f.incoming.size as i64, f.name.clone(), user.id);
    state
        .db
        .tx(move |c| {
            let id = crate::files::model::insert(
                c,
                &crate::files::model::NewFile {
                    sha256: &sha,
                    size_bytes: size,
                    content_type: ct,
                    original_name: &name,
                    page_count: pages.map(|p| p as i32),
                    uploaded_by: Some(by),
                },
            )?;
            then(c, id)
        })
        .await
}

/// Stores the copyedited text (a Word document or PDF) and asks the authors to check it.
pub async fn copyedited(state: &AppState, user: &CurrentUser, session: &Session, ms_id: i64, up: Upload) -> AppResult<()> {
    reader::check_csrf(session, user.via, &up)?;
    let f = file(&up)?;
    let sniffed = crate::files::sniff::document_type(&f.incoming.tmp_path, &f.name).map_err(|e| AppError::caused("sniff", e))?;
    let Some(ct @ ("application/pdf" | "application/vnd.openxmlformats-officedocument.wordprocessingml.document")) = sniffed else {
        return Err(AppError::field("file", "journal_article.copyedit_type"));
    };
    let (st, u) = (state.clone(), user.user.clone());
    keep_then(state, &user.user, f, ct, None, move |c, id| {
        service::add_copyedited(c, &st, &u, ms_id, id, Utc::now().naive_utc())
    })
    .await
}

/// Checks and stores a galley: `kind` (`pdf` or `html`), `lang` (`zh` or `en`) and the `file`.
pub async fn galley(state: &AppState, user: &CurrentUser, session: &Session, ms_id: i64, up: Upload) -> AppResult<i64> {
    reader::check_csrf(session, user.via, &up)?;
    let mut fe = crate::error::FieldErrors::new();
    let kind = GalleyKind::parse(up.get("kind").trim());
    if kind.is_none() {
        fe.insert("kind".into(), "journal_article.galley_kind_invalid".into());
    }
    let lang = up.get("lang").trim().to_string();
    if !crate::journals::manuscripts::validate::LANGUAGES.contains(&lang.as_str()) {
        fe.insert("lang".into(), "journal_ms.language_invalid".into());
    }
    AppError::unless_fields(fe, ())?;
    let kind = kind.unwrap_or(GalleyKind::Pdf);
    let f = file(&up)?;
    let (ct, pages, body) = match kind {
        GalleyKind::Pdf => {
            let info = reader::check_pdf(f, None, state.config.pdf).await.map_err(|e| match e {
                // The check names the conference form's part; here the part is `file`.
                AppError::Validation { fields } => AppError::Validation {
                    fields: fields
                        .into_iter()
                        .map(|(k, v)| (if k == "pdf" { "file".into() } else { k }, v))
                        .collect(),
                },
                other => other,
            })?;
            ("application/pdf", Some(info.pages), None)
        }
        GalleyKind::Html => {
            let path = f.incoming.tmp_path.clone();
            let bytes = actix_web::web::block(move || std::fs::read(path))
                .await
                .map_err(|e| AppError::caused("read galley", e))?
                .map_err(|e| AppError::caused("read galley", e))?;
            if !is_html(&bytes) {
                return Err(AppError::field("file", "journal_article.html_invalid"));
            }
            // Its text becomes the article's JATS body (parsing is CPU work: off the event loop).
            let body = actix_web::web::block(move || crate::formats::jats::body::from_html(&String::from_utf8_lossy(&bytes)))
                .await
                .map_err(|e| AppError::caused("read galley", e))?;
            ("text/html", None, body)
        }
    };
    let (st, u) = (state.clone(), user.user.clone());
    keep_then(state, &user.user, f, ct, pages, move |c, id| {
        let galley = service::add_galley(c, &st, &u, ms_id, kind, &lang, id, Utc::now().naive_utc())?;
        if let Some(b) = &body {
            crate::journals::articles::store::set_jats_body(c, galley, b)?;
        }
        Ok(galley)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::is_html;

    #[test]
    fn an_html_galley_is_utf8_text_that_starts_as_html() {
        assert!(is_html(b"<!DOCTYPE html><html><body><p>x</p></body></html>"));
        assert!(is_html("\u{feff}  <html lang=\"zh\"><body>同行评议</body></html>".as_bytes()));
        assert!(!is_html(b"%PDF-1.7"));
        assert!(!is_html(b"plain text"));
        assert!(!is_html(&[0xff, 0xfe, b'<', 0]));
    }
}
