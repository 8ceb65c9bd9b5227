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

/// A copy of the PDF at `path` without what could name its authors, for reviewers under
/// double-blind review.
///
/// Removed: the document information dictionary (`/Info`: Author, Creator, Producer, Title,
/// Subject, Keywords, dates) and the object it points to; every `/Metadata` entry, on the
/// catalog or on any other dictionary or stream (pages, images, fonts), together with the XMP
/// streams themselves, including ones left in the file unreferenced; every `/PieceInfo`
/// (application private data); the author (`/T`) of every annotation other than a form
/// field's widget, whose `/T` is the field's name; and the information dictionary (`/I`) of
/// article threads. Page content is untouched and the trailer keeps `/Root` and `/ID`.
///
/// The copy is written afresh, without object streams and with a plain cross-reference table,
/// so no earlier revision or compressed object stream of the original survives in it.
/// Embedded files and the text of the pages are not examined.
pub fn anonymised(path: &Path) -> Result<Vec<u8>, PdfError> {
    use lopdf::xref::XrefType;
    use lopdf::{Dictionary, Document, Object, ObjectId};
    use std::collections::HashSet;

    let before = inspect(path)?;
    let damaged = |e: lopdf::Error| PdfError::Damaged(e.to_string());
    let mut doc = Document::load(path).map_err(damaged)?;
    if doc.is_encrypted() || doc.was_encrypted() {
        return Err(PdfError::Encrypted);
    }

    // Objects that go whole: the information dictionary and every XMP stream. References to
    // them are removed below, so none is left dangling.
    let mut dropped: HashSet<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, object)| matches!(object, Object::Stream(s) if s.dict.has_type(b"Metadata")))
        .map(|(&id, _)| id)
        .collect();
    if let Ok(Object::Reference(id)) = doc.trailer.get(b"Info") {
        dropped.insert(*id);
    }
    // Annotations named by the pages, which may lack `/Type /Annot`.
    let mut annots: HashSet<ObjectId> = HashSet::new();
    for page_id in doc.get_pages().into_values() {
        let Ok(page) = doc.get_dictionary(page_id) else { continue };
        let Ok((_, Object::Array(list))) = page.get(b"Annots").and_then(|a| doc.dereference(a)) else {
            continue;
        };
        annots.extend(list.iter().filter_map(|a| a.as_reference().ok()));
    }

    // A new trailer: only what a reader needs (the writer adds `/Size`).
    let mut trailer = Dictionary::new();
    for key in [&b"Root"[..], b"ID"] {
        if let Ok(value) = doc.trailer.get(key) {
            trailer.set(key, value.clone());
        }
    }
    doc.trailer = trailer;
    for id in &dropped {
        doc.objects.remove(id);
    }

    fn is_dropped(object: &Object, dropped: &HashSet<ObjectId>) -> bool {
        matches!(object, Object::Reference(id) if dropped.contains(id))
    }
    fn is_annotation(dict: &Dictionary) -> bool {
        const SUBTYPES: &[&[u8]] = &[
            b"Text",
            b"FreeText",
            b"Line",
            b"Square",
            b"Circle",
            b"Polygon",
            b"PolyLine",
            b"Highlight",
            b"Underline",
            b"Squiggly",
            b"StrikeOut",
            b"Stamp",
            b"Caret",
            b"Ink",
            b"Popup",
            b"FileAttachment",
            b"Sound",
            b"Movie",
            b"Screen",
            b"PrinterMark",
            b"TrapNet",
            b"Watermark",
            b"3D",
            b"Redact",
            b"Projection",
            b"RichMedia",
        ];
        dict.has_type(b"Annot")
            || (dict.has(b"Rect") && dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| SUBTYPES.contains(&s)))
    }
    fn scrub_dict(dict: &mut Dictionary, annotation: bool, dropped: &HashSet<ObjectId>) {
        dict.remove(b"Metadata");
        dict.remove(b"PieceInfo");
        let stale: Vec<Vec<u8>> = dict
            .iter()
            .filter(|(_, v)| is_dropped(v, dropped))
            .map(|(k, _)| k.clone())
            .collect();
        for key in stale {
            dict.remove(&key);
        }
        // A widget's `/T` is its form field's name, not an author.
        let widget = dict.has(b"FT") || dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Widget");
        if (annotation || is_annotation(dict)) && !widget {
            dict.remove(b"T");
        }
        if dict.has_type(b"Thread") {
            dict.remove(b"I");
        }
        for (key, value) in dict.iter_mut() {
            match value {
                Object::Array(list) if key == b"Annots" => {
                    for item in list {
                        scrub(item, true, dropped);
                    }
                }
                _ => scrub(value, false, dropped),
            }
        }
    }
    fn scrub(object: &mut Object, annotation: bool, dropped: &HashSet<ObjectId>) {
        match object {
            Object::Dictionary(dict) => scrub_dict(dict, annotation, dropped),
            Object::Stream(stream) => scrub_dict(&mut stream.dict, false, dropped),
            Object::Array(list) => {
                for item in list {
                    if is_dropped(item, dropped) {
                        *item = Object::Null;
                    } else {
                        scrub(item, false, dropped);
                    }
                }
            }
            _ => {}
        }
    }
    for (id, object) in doc.objects.iter_mut() {
        scrub(object, annots.contains(id), &dropped);
    }
    // Whatever is now unreachable from the trailer: values of the removed entries, object
    // and cross-reference streams of the original, orphaned XMP.
    doc.prune_objects();

    doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| PdfError::Damaged(e.to_string()))?;

    let after = Document::load_metadata_mem(&out).map_err(damaged)?;
    if after.page_count != before.pages {
        return Err(PdfError::Damaged(format!(
            "the anonymised copy has {} pages instead of {}",
            after.page_count, before.pages
        )));
    }
    Ok(out)
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

    fn contains(haystack: &[u8], needle: &str) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    /// `sample()` with "Li Hua" also in XMP (catalog and font), in page annotations and in
    /// page-piece data; a form field on page 2 keeps its name. Saved with object streams if
    /// `modern`.
    fn authored(modern: bool) -> Vec<u8> {
        use lopdf::{Document, Object, Stream, dictionary};
        let mut doc = Document::load_mem(&sample(2, "A study", Some("Li Hua"))).unwrap();
        let xmp = |id: &str| {
            format!(
                r#"<?xpacket begin="" id="{id}"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Li Hua</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#
            )
            .into_bytes()
        };
        let meta = |bytes| Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, bytes).with_compression(false);
        let catalog_meta = doc.add_object(meta(xmp("catalog")));
        doc.catalog_mut().unwrap().set("Metadata", catalog_meta);
        // Without /Type /Metadata, so only the /Metadata entry points to it.
        let font_meta = doc.add_object(Stream::new(dictionary! { "Subtype" => "XML" }, xmp("font")).with_compression(false));
        let font_id = *doc
            .objects
            .iter()
            .find(|(_, o)| o.as_dict().is_ok_and(|d| d.has_type(b"Font")))
            .unwrap()
            .0;
        doc.get_dictionary_mut(font_id).unwrap().set("Metadata", font_meta);
        // An XMP stream that nothing references any more.
        doc.add_object(meta(xmp("orphan")));

        let rect = || vec![100.into(), 100.into(), 120.into(), 120.into()];
        let note = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Text", "Rect" => rect(),
            "Contents" => Object::string_literal("See our earlier paper"), "T" => Object::string_literal("Li Hua"),
        });
        let pages = doc.get_pages();
        let page1 = doc.get_dictionary_mut(pages[&1]).unwrap();
        page1.set(
            "Annots",
            vec![
                note.into(),
                // Direct and without /Type, as some producers write them.
                Object::Dictionary(dictionary! { "Subtype" => "Highlight", "Rect" => rect(), "T" => Object::string_literal("Li Hua") }),
            ],
        );
        page1.set(
            "PieceInfo",
            dictionary! { "Editor" => dictionary! { "Private" => Object::string_literal("Li Hua") } },
        );
        let page2 = doc.get_dictionary_mut(pages[&2]).unwrap();
        page2.set(
            "Annots",
            vec![Object::Dictionary(dictionary! {
                "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "Rect" => rect(), "T" => Object::string_literal("score_field"),
            })],
        );
        let mut out = Vec::new();
        if modern {
            doc.save_modern(&mut out).unwrap();
        } else {
            doc.save_to(&mut out).unwrap();
        }
        out
    }

    #[test]
    fn anonymised_copy_names_no_author() {
        use lopdf::Document;
        for modern in [false, true] {
            let original = authored(modern);
            if !modern {
                assert!(
                    contains(&original, "Li Hua") && contains(&original, "dc:creator"),
                    "the fixture names the author"
                );
            }
            let (_d, p) = write(&original);
            assert_eq!(inspect(&p).unwrap().author.as_deref(), Some("Li Hua"));

            let copy = anonymised(&p).unwrap();
            let (_d2, q) = write(&copy);
            let info = inspect(&q).unwrap();
            assert_eq!(info.pages, 2);
            assert_eq!(info.author, None);
            assert_eq!(info.title, None);

            // Nowhere in the bytes, nor in any stream once decompressed.
            assert!(!contains(&copy, "Li Hua"), "modern={modern}: {}", String::from_utf8_lossy(&copy));
            assert!(!contains(&copy, "xmpmeta") && !contains(&copy, "/ObjStm") && !contains(&copy, "/Info"));
            let mut reread = Document::load_mem(&copy).unwrap();
            reread.decompress();
            let mut plain = Vec::new();
            reread.save_to(&mut plain).unwrap();
            assert!(!contains(&plain, "Li Hua") && !contains(&plain, "dc:creator"));

            // The pages, their content and the annotations themselves are kept.
            let before = Document::load_mem(&original).unwrap();
            let (old, new) = (before.get_pages(), reread.get_pages());
            assert_eq!(old.len(), new.len());
            for (n, id) in &old {
                assert_eq!(before.get_page_content(*id), reread.get_page_content(new[n]), "page {n}");
            }
            assert_eq!(reread.get_page_annotations(new[&1]).unwrap().len(), 2);
            assert!(contains(&plain, "See our earlier paper"));
            assert!(contains(&plain, "score_field"), "a form field keeps its name");
            assert!(reread.catalog().unwrap().get(b"Metadata").is_err());
        }
    }

    #[test]
    fn anonymising_refuses_what_is_not_a_pdf() {
        let (_d, p) = write(b"PK\x03\x04 this is a zip");
        assert_eq!(anonymised(&p), Err(PdfError::NotPdf));
        let (_d, p) = write(b"%PDF-1.7\n garbage garbage garbage");
        assert!(matches!(anonymised(&p), Err(PdfError::Damaged(_))));
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
