//! Sending an evidence file: always as an attachment with the type found at upload, named
//! after the evidence (never the uploader's name, which could mislead).

use actix_web::HttpResponse;

use crate::error::AppResult;
use crate::files::download::{Download, send};
use crate::files::model::StoredFile;
use crate::web::AppState;

/// The response carrying `file`, the evidence numbered `id`.
pub async fn file(state: &AppState, req: &actix_web::HttpRequest, file: &StoredFile, id: i64) -> AppResult<HttpResponse> {
    let ext = crate::files::sniff::extension(&file.content_type);
    let download = Download {
        sha256: &file.sha256,
        ext,
        name: format!("evidence-{id}.{ext}"),
        inline: false,
    };
    send(state, req, download).await
}
