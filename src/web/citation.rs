//! Citation files as answers: BibTeX, RIS or CSL-JSON, saved under the work's citation key.

use actix_web::HttpResponse;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};

use crate::formats::citation::Format;

/// Answers `text` in `format` as a download named `name`.
pub fn download(format: Format, text: String, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(format.media_type())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name.to_string())],
        })
        .body(text)
}
