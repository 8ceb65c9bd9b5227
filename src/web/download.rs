//! Files made on request (citations, deposits) as downloads: the media type, and the name the
//! browser saves them under.

use actix_web::HttpResponse;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};

/// Answers `body` of `media_type` as a download named `name`.
pub fn attachment(media_type: &str, body: String, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(media_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name.to_string())],
        })
        .body(body)
}

/// Answers an XML document as a download named `name`.
pub fn xml(body: String, name: &str) -> HttpResponse {
    attachment("application/xml; charset=utf-8", body, name)
}
