//! Typeset documents as answers: a report template rendered off the async threads and sent as
//! a PDF, shown in the browser (`inline`) or saved (`attachment`).

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::AppState;
use crate::error::{AppError, AppResult};

/// Renders `templates/reports/<template>.typ` with `data` and answers the PDF named `file`.
pub async fn typeset<T: Serialize + Send + 'static>(
    state: &AppState,
    template: &'static str,
    data: T,
    file: String,
    inline: bool,
) -> AppResult<HttpResponse> {
    let st = state.clone();
    let pdf = web::block(move || crate::reports::render(&st.config.templates_dir, st.config.fonts_dir.as_deref(), template, &data))
        .await
        .map_err(|e| AppError::caused(template, e))?
        .map_err(|e| AppError::caused(template, e))?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(ContentDisposition {
            disposition: if inline {
                DispositionType::Inline
            } else {
                DispositionType::Attachment
            },
            parameters: vec![DispositionParam::Filename(file)],
        })
        .body(pdf.pdf))
}
