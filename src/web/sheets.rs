//! Tables for download: CSV (with a byte-order mark, so spreadsheet programs read Chinese as
//! UTF-8) and XLSX, with cells that spreadsheet programs will never run as formulas.

use crate::error::{AppError, AppResult};
use actix_web::HttpResponse;

/// Spreadsheet programs execute cells starting with these; a leading quote keeps them text.
pub fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A CSV file with a header line.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> AppResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let err = |e: csv::Error| AppError::caused("csv", e);
    w.write_record(headers).map_err(err)?;
    for r in rows {
        w.write_record(r.iter().map(|c| defuse(c))).map_err(err)?;
    }
    w.into_inner().map_err(|e| AppError::caused("csv", e))
}

/// An XLSX workbook with one sheet and a bold header row, every cell text.
pub fn xlsx(sheet_name: &str, headers: &[&str], rows: &[Vec<String>]) -> AppResult<Vec<u8>> {
    xlsx_typed(sheet_name, headers, rows, &[])
}

/// Like [`xlsx`], with the cells of `number_columns` written as numbers where they hold one
/// (so spreadsheets sum and sort them); empty cells stay empty.
pub fn xlsx_typed(sheet_name: &str, headers: &[&str], rows: &[Vec<String>], number_columns: &[usize]) -> AppResult<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let err = |e: rust_xlsxwriter::XlsxError| AppError::caused("xlsx", e);
    sheet.set_name(sheet_name).map_err(err)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let number = number_columns.contains(&c).then(|| cell.parse::<f64>().ok()).flatten();
            match number {
                Some(n) => sheet.write_number(r as u32 + 1, c as u16, n).map_err(err)?,
                // Written as strings: xlsx cells are never evaluated as formulas this way.
                None => sheet.write_string(r as u32 + 1, c as u16, cell).map_err(err)?,
            };
        }
    }
    book.save_to_buffer().map_err(err)
}

/// A download response with a file name.
pub fn download(bytes: Vec<u8>, content_type: &str, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("content-disposition", format!("attachment; filename=\"{filename}\"")))
        .body(bytes)
}
