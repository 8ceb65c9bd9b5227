//! QR codes of check-in codes: SVG for pages, PNG for mail.

use qrcode::QrCode;
use qrcode::render::svg;

use crate::error::{AppError, AppResult};

fn code(text: &str) -> AppResult<QrCode> {
    QrCode::new(text.as_bytes()).map_err(|e| AppError::caused("making a QR code", e))
}

/// The code as an SVG picture (no inline style, so pages keep their CSP).
pub fn svg(text: &str) -> AppResult<String> {
    Ok(code(text)?
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

/// The code as a PNG image.
pub fn png(text: &str) -> AppResult<Vec<u8>> {
    let img = code(text)?.render::<image::Luma<u8>>().min_dimensions(240, 240).build();
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| AppError::caused("encoding a QR code", e))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_code_makes_an_svg_and_a_png() {
        let s = super::svg("0A1B2C3D4E5F6071").unwrap();
        assert!(s.contains("<svg") && !s.contains("style="));
        let p = super::png("0A1B2C3D4E5F6071").unwrap();
        assert_eq!(&p[1..4], b"PNG");
    }
}
