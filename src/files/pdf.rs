//! PDF checks: real PDF structure, page count, and author metadata (for double-blind warnings).

use std::path::Path;

/// What the checks found in a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfInfo {
    /// Number of pages.
    pub pages: u32,
    /// `/Author` from the document information, if any.
    pub author: Option<String>,
    /// `/Title`, if any.
    pub title: Option<String>,
}

/// Why a file is not an acceptable PDF.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    /// The bytes do not start like a PDF.
    #[error("not a PDF file")]
    NotPdf,
    /// It starts like a PDF but does not parse.
    #[error("the PDF is damaged: {0}")]
    Damaged(String),
    /// It is encrypted, so reviewers could not open it.
    #[error("the PDF is password-protected")]
    Encrypted,
}

/// Checks the file at `path` and reads its page count and metadata, without loading it whole.
pub fn inspect(path: &Path) -> Result<PdfInfo, PdfError> {
    use std::io::Read;
    let mut head = [0u8; 1024];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| PdfError::Damaged(e.to_string()))?;
    // The header may follow a little junk (allowed by readers), but must be near the start.
    if !head[..n].windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let meta = lopdf::Document::load_metadata(path).map_err(|e| PdfError::Damaged(e.to_string()))?;
    if meta.encrypted {
        return Err(PdfError::Encrypted);
    }
    if meta.page_count == 0 {
        return Err(PdfError::Damaged("no pages".into()));
    }
    let clean = |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    Ok(PdfInfo {
        pages: meta.page_count,
        author: clean(meta.author),
        title: clean(meta.title),
    })
}

/// A small valid PDF with `pages` pages and optional `/Author`, for demo data and tests.
pub fn sample(pages: u32, title: &str, author: Option<&str>) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for i in 1..=pages.max(1) {
        let content = Content {
            operations: vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 14.into()]),
                Operation::new("Td", vec![72.into(), 760.into()]),
                Operation::new(
                    "Tj",
                    vec![Object::string_literal(format!(
                        "{} - page {i}",
                        title.chars().filter(|c| c.is_ascii()).collect::<String>()
                    ))],
                ),
                Operation::new("ET", vec![]),
            ],
        };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().expect("encodes")));
        let page_id = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut info = dictionary! { "Title" => Object::string_literal(title.chars().filter(|c| c.is_ascii()).collect::<String>()) };
    if let Some(a) = author {
        info.set("Author", Object::string_literal(a));
    }
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", info_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF serialises");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.pdf");
        std::fs::write(&p, bytes).unwrap();
        (dir, p)
    }

    #[test]
    fn reads_pages_and_author() {
        let (_d, p) = write(&sample(3, "A study", Some("Li Hua")));
        let info = inspect(&p).unwrap();
        assert_eq!(info.pages, 3);
        assert_eq!(info.author.as_deref(), Some("Li Hua"));
        let (_d, p) = write(&sample(1, "Anonymous", None));
        assert_eq!(inspect(&p).unwrap().author, None);
    }

    #[test]
    fn refuses_other_formats_and_broken_pdfs() {
        let (_d, p) = write(b"PK\x03\x04 this is a zip");
        assert_eq!(inspect(&p), Err(PdfError::NotPdf));
        let (_d, p) = write(b"%PDF-1.7\n garbage garbage garbage");
        assert!(matches!(inspect(&p), Err(PdfError::Damaged(_))));
        let mut truncated = sample(2, "cut", None);
        truncated.truncate(truncated.len() / 3);
        let (_d, p) = write(&truncated);
        assert!(inspect(&p).is_err(), "a truncated PDF is refused");
    }
}
