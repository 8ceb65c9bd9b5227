//! Answering a download of a stored file, the one way every area does it: from the local folder
//! with ranges and validators (actix-files), from the bucket streamed through this process, or
//! as a redirect to a short-lived presigned URL when the settings ask for that.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType, EntityTag, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};

use crate::error::AppResult;
use crate::web::AppState;

/// What to send: the stored content, its type and the name the reader's browser shows.
#[derive(Debug, Clone)]
pub struct Download<'a> {
    /// The stored content's hash.
    pub sha256: &'a str,
    /// The extension that gives the type (`pdf`, `zip`, `png`, ...).
    pub ext: &'a str,
    /// The file name offered to the reader.
    pub name: String,
    /// Shown in the browser (`inline`) or saved (`attachment`).
    pub inline: bool,
}

/// The response carrying `d`.
pub async fn send(state: &AppState, req: &HttpRequest, d: Download<'_>) -> AppResult<HttpResponse> {
    let disposition = ContentDisposition {
        disposition: if d.inline {
            DispositionType::Inline
        } else {
            DispositionType::Attachment
        },
        parameters: vec![DispositionParam::Filename(d.name.clone())],
    };
    let mime = actix_files::file_extension_to_mime(d.ext);
    let Some(bucket) = state.files.bucket() else {
        let named = actix_files::NamedFile::open(state.files.path_of(d.sha256)).map_err(super::storage_error)?;
        return Ok(named.set_content_type(mime).set_content_disposition(disposition).into_response(req));
    };
    if let Some(url) = bucket.presigned(d.sha256).await.map_err(super::storage_error)? {
        return Ok(HttpResponse::Found()
            .insert_header((header::LOCATION, url))
            .insert_header((header::CACHE_CONTROL, "private, no-store"))
            .finish());
    }
    // Content-addressed, so the hash is a strong validator.
    let tag = EntityTag::new_strong(d.sha256.to_string());
    if let Some(Ok(seen)) = req.headers().get(header::IF_NONE_MATCH).map(HeaderValue::to_str)
        && seen.split(',').any(|t| t.trim().trim_start_matches("W/") == tag.to_string())
    {
        return Ok(HttpResponse::NotModified().insert_header(header::ETag(tag)).finish());
    }
    let (size, body) = bucket.stream(d.sha256).await.map_err(super::storage_error)?;
    Ok(HttpResponse::Ok()
        .content_type(mime)
        .insert_header(disposition)
        .insert_header(header::ETag(tag))
        .no_chunking(size)
        .streaming(body))
}
