//! Citation files as answers: BibTeX, RIS or CSL-JSON, saved under the work's citation key.

use actix_web::HttpResponse;

use crate::formats::citation::Format;

/// Answers `text` in `format` as a download named `name`.
pub fn download(format: Format, text: String, name: &str) -> HttpResponse {
    super::download::attachment(format.media_type(), text, name)
}
