//! What kind of document an upload is, from its first bytes (and, inside a ZIP container,
//! from its name: an Office document is a ZIP archive). Only kinds a reader can open safely
//! are named; everything else is refused by the caller.

use std::io::Read;
use std::path::Path;

/// The MIME type of a PDF, PNG, JPEG, Office (docx, xlsx, pptx) or ZIP file, or `None`.
pub fn document_type(path: &Path, name: &str) -> std::io::Result<Option<&'static str>> {
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)?.read(&mut head)?;
    let ext = name.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    Ok(match &head[..n] {
        [b'%', b'P', b'D', b'F', b'-', ..] => Some("application/pdf"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A] => Some("image/png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [b'P', b'K', 3, 4, ..] => Some(match ext.as_str() {
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _ => "application/zip",
        }),
        _ => None,
    })
}

/// The usual file extension of a type [`document_type`] names.
pub fn extension(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
        _ => "zip",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8], name: &str) -> Option<&'static str> {
        let dir = std::env::temp_dir().join(format!("xuehui-sniff-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(format!("f-{}", crate::auth::tokens::random_hex(6)));
        std::fs::write(&p, bytes).unwrap();
        let k = document_type(&p, name).unwrap();
        std::fs::remove_file(&p).unwrap();
        k
    }

    #[test]
    fn documents_are_known_by_their_first_bytes_and_office_files_by_name_too() {
        assert_eq!(kind(b"%PDF-1.7\n", "x.bin"), Some("application/pdf"));
        assert_eq!(
            kind(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0], "a.png"),
            Some("image/png")
        );
        assert_eq!(kind(&[0xFF, 0xD8, 0xFF, 0xE0], "a.jpeg"), Some("image/jpeg"));
        assert_eq!(
            kind(b"PK\x03\x04rest", "Report.XLSX"),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        );
        assert_eq!(kind(b"PK\x03\x04rest", "bundle.zip"), Some("application/zip"));
        assert_eq!(kind(b"<html><script>", "evil.pdf"), None);
        assert_eq!(kind(b"", "empty.pdf"), None);
        assert_eq!(extension("image/jpeg"), "jpg");
    }
}
