//! Raw request bodies read only after the caller is authorized, streamed with a cap, so an
//! anonymous or unauthorized client cannot make the server buffer large uploads.

use actix_web::{HttpRequest, web};
use futures_util::StreamExt;

use crate::error::{AppError, AppResult};

/// Reads `payload` whole, refusing it (as too long for `field`) once it passes `cap` bytes;
/// a declared `Content-Length` above the cap is refused before anything is read.
pub async fn read_capped(req: &HttpRequest, mut payload: web::Payload, cap: usize, field: &str) -> AppResult<web::Bytes> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > cap as u64) {
        return Err(AppError::field(field, "validation.too_long"));
    }
    let mut buf = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(format!("unreadable body: {e}")))?;
        if buf.len() + chunk.len() > cap {
            return Err(AppError::field(field, "validation.too_long"));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}
