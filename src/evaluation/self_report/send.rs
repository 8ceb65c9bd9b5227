//! Sending an evidence file: always as an attachment with the type found at upload, named
//! after the evidence (never the uploader's name, which could mislead).

use actix_web::HttpResponse;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};

use crate::error::{AppError, AppResult};
use crate::files::model::StoredFile;
use crate::web::AppState;

/// The response carrying `file`, the evidence numbered `id`.
pub fn file(state: &AppState, req: &actix_web::HttpRequest, file: &StoredFile, id: i64) -> AppResult<HttpResponse> {
    let path = crate::submissions::service::file_store(state).path_of(&file.sha256);
    let named = actix_files::NamedFile::open(&path).map_err(|e| AppError::caused("stored file missing", e))?;
    let ext = crate::files::sniff::extension(&file.content_type);
    let name = format!("evidence-{id}.{ext}");
    Ok(named
        .set_content_type(actix_files::file_extension_to_mime(ext))
        .set_content_disposition(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name)],
        })
        .into_response(req))
}
