//! One PDF from many, written as it goes: each input is read (within the PDF limits), the
//! objects its pages reach are renumbered into the output and written at once, and the input
//! is dropped before the next is read, so memory holds one paper at a time whatever the
//! volume's size. Pages may get the volume's page number stamped at their foot; the output
//! has one page tree, page labels (roman front matter, arabic papers), a two-level outline
//! (parts, then papers) and a classic cross-reference table.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::path::PathBuf;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat, dictionary};

use crate::files::pdf::{Limits, PdfError};

/// How a piece's pages are numbered for readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Lower-case roman numbers from 1.
    Roman,
    /// Arabic numbers from this one.
    Arabic(u32),
}

/// One input document.
#[derive(Debug, Clone)]
pub struct Piece {
    /// The file.
    pub path: PathBuf,
    /// How its pages are labelled.
    pub label: Label,
    /// Whether to stamp the label's numbers on its pages (papers: yes; typeset front matter
    /// and index carry their own).
    pub stamp: bool,
    /// Outline entry: (part title, own title); consecutive pieces with the same part share a
    /// part entry. `None`: no entry.
    pub outline: Option<(String, String)>,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assembled {
    /// Pages in all.
    pub pages: u32,
    /// Per piece, its pages in the output (0-based index of its first page, count).
    pub ranges: Vec<(u32, u32)>,
}

/// Why assembling stopped.
#[derive(Debug, thiserror::Error)]
pub enum AssembleError {
    /// An input could not be read or is not acceptable.
    #[error("piece {index} ({path}): {error}")]
    Piece {
        /// Its position.
        index: usize,
        /// Its file.
        path: String,
        /// What is wrong.
        error: PdfError,
    },
    /// Writing failed.
    #[error("writing the volume: {0}")]
    Io(#[from] std::io::Error),
}

/// A writer that knows how far it is.
struct Counting<W: Write> {
    inner: W,
    at: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.at += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

struct Out<W: Write> {
    w: Counting<W>,
    offsets: Vec<u64>,
}

impl<W: Write> Out<W> {
    fn reserve(&mut self) -> u32 {
        self.offsets.push(0);
        u32::try_from(self.offsets.len() - 1).unwrap_or(u32::MAX)
    }

    fn put(&mut self, id: u32, object: &Object) -> std::io::Result<()> {
        self.offsets[id as usize] = self.w.at;
        writeln!(self.w, "{id} 0 obj")?;
        match object {
            Object::Stream(s) => {
                let mut s = s.clone();
                s.dict
                    .set("Length", Object::Integer(i64::try_from(s.content.len()).unwrap_or(i64::MAX)));
                lopdf::Writer::write_object(&mut self.w, &Object::Stream(s))?;
            }
            other => lopdf::Writer::write_object(&mut self.w, other)?,
        }
        self.w.write_all(b"\nendobj\n")
    }
}

/// Text as a PDF text string: UTF-16BE with a byte-order mark (Chinese titles in outlines).
fn text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn renumber(object: &Object, map: &HashMap<ObjectId, u32>) -> Object {
    match object {
        Object::Reference(id) => map.get(id).map_or(Object::Null, |n| Object::Reference((*n, 0))),
        Object::Array(items) => Object::Array(items.iter().map(|o| renumber(o, map)).collect()),
        Object::Dictionary(d) => Object::Dictionary(renumber_dict(d, map)),
        Object::Stream(s) => Object::Stream(Stream::new(renumber_dict(&s.dict, map), s.content.clone()).with_compression(false)),
        other => other.clone(),
    }
}

fn renumber_dict(d: &Dictionary, map: &HashMap<ObjectId, u32>) -> Dictionary {
    let mut out = Dictionary::new();
    for (k, v) in d {
        out.set(k.clone(), renumber(v, map));
    }
    out
}

/// Entries a page inherits from its ancestors in the page tree.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// The page's dictionary with inherited entries copied in and `/Parent` dropped.
fn page_dict(doc: &lopdf::Document, id: ObjectId) -> Result<Dictionary, PdfError> {
    let mut page = doc.get_dictionary(id).map_err(|e| PdfError::Damaged(e.to_string()))?.clone();
    let mut parent = page.get(b"Parent").and_then(Object::as_reference).ok();
    let mut depth = 0;
    while let Some(pid) = parent {
        depth += 1;
        if depth > 64 {
            break;
        }
        let Ok(node) = doc.get_dictionary(pid) else { break };
        for key in INHERITED {
            if !page.has(key)
                && let Ok(v) = node.get(key)
            {
                page.set(key.to_vec(), v.clone());
            }
        }
        parent = node.get(b"Parent").and_then(Object::as_reference).ok();
    }
    page.remove(b"Parent");
    if !page.has(b"MediaBox") {
        // A4 portrait, the common default of the files we receive.
        page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
    }
    Ok(page)
}

/// Every object reachable from `roots` (following references), in discovery order.
fn reachable(doc: &lopdf::Document, roots: &[Object]) -> Vec<ObjectId> {
    let mut seen: HashMap<ObjectId, ()> = HashMap::new();
    let mut order = Vec::new();
    let mut queue: VecDeque<Object> = roots.iter().cloned().collect();
    while let Some(o) = queue.pop_front() {
        match o {
            Object::Reference(id) => {
                if seen.insert(id, ()).is_none()
                    && let Ok(target) = doc.get_object(id)
                {
                    order.push(id);
                    queue.push_back(target.clone());
                }
            }
            Object::Array(items) => queue.extend(items),
            Object::Dictionary(d) => {
                for (k, v) in &d {
                    // Pages are copied by us; links from annotations back to pages (/P) and
                    // to other pages of the input (/Dest, /Parent) are left out.
                    if k.as_slice() != b"Parent" && k.as_slice() != b"P" {
                        queue.push_back(v.clone());
                    }
                }
            }
            Object::Stream(s) => {
                for (_, v) in &s.dict {
                    queue.push_back(v.clone());
                }
            }
            _ => {}
        }
    }
    order
}

fn as_f32(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// The stamp's content: the page number centred 20 pt above the foot of the visible box,
/// upright for the reader whatever the page's `/Rotate`.
fn stamp_content(page: &Dictionary, n: u32) -> Vec<u8> {
    let boxed = page.get(b"CropBox").or_else(|_| page.get(b"MediaBox")).and_then(Object::as_array);
    let (x0, y0, x1, y1) = match boxed {
        Ok(b) if b.len() == 4 => (as_f32(&b[0]), as_f32(&b[1]), as_f32(&b[2]), as_f32(&b[3])),
        _ => (0.0, 0.0, 595.0, 842.0),
    };
    let rotate = page.get(b"Rotate").and_then(Object::as_i64).unwrap_or(0).rem_euclid(360);
    let label = n.to_string();
    // Helvetica digits are 0.556 em wide.
    let size = 9.0_f32;
    let half = label.len() as f32 * 0.556 * size / 2.0;
    // Text matrix: rotate the text with the page so it reads upright, placed at the reader's
    // bottom centre.
    let (a, b, c, d, e, f) = match rotate {
        90 => (0.0, 1.0, -1.0, 0.0, x1 - 20.0, (y0 + y1) / 2.0 - half),
        180 => (-1.0, 0.0, 0.0, -1.0, (x0 + x1) / 2.0 + half, y1 - 20.0),
        270 => (0.0, -1.0, 1.0, 0.0, x0 + 20.0, (y0 + y1) / 2.0 + half),
        _ => (1.0, 0.0, 0.0, 1.0, (x0 + x1) / 2.0 - half, y0 + 20.0),
    };
    format!("Q q BT /XhStampF1 {size} Tf 0 g {a} {b} {c} {d} {e:.2} {f:.2} Tm ({label}) Tj ET Q\n").into_bytes()
}

/// The resources with the stamp font added (a copy; shared resource dictionaries stay as
/// they are for other pages).
fn with_stamp_font(doc: &lopdf::Document, original: &Dictionary, page: &mut Dictionary, font: u32, map: &HashMap<ObjectId, u32>) {
    // Resolved in the input (old ids), then renumbered.
    let resources = match original.get(b"Resources") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).cloned().unwrap_or_default(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    let mut resources = renumber_dict(&resources, map);
    let mut fonts = match resources.get(b"Font") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).map(|d| renumber_dict(d, map)).unwrap_or_default(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    fonts.set("XhStampF1", Object::Reference((font, 0)));
    resources.set("Font", Object::Dictionary(fonts));
    page.set("Resources", Object::Dictionary(resources));
}

/// Writes `pieces` as one PDF titled `title` into `out`.
pub fn assemble(pieces: &[Piece], title: &str, out: impl Write, limits: &Limits) -> Result<Assembled, AssembleError> {
    let mut o = Out {
        w: Counting { inner: out, at: 0 },
        offsets: vec![0],
    };
    o.w.write_all(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
    let catalog = o.reserve();
    let root = o.reserve();
    let font = o.reserve();
    o.put(
        font,
        &Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
        }),
    )?;
    let open = o.reserve();
    o.put(open, &Object::Stream(Stream::new(Dictionary::new(), b"q\n".to_vec())))?;
    let mut kids: Vec<Object> = Vec::new();
    let mut ranges = Vec::new();
    let mut first_pages = Vec::new();
    let mut labels: Vec<Object> = Vec::new();
    for (index, piece) in pieces.iter().enumerate() {
        let fail = |error| AssembleError::Piece {
            index,
            path: piece.path.display().to_string(),
            error,
        };
        let (doc, pages) = crate::files::pdf::load_pages(&piece.path, limits).map_err(fail)?;
        let start = u32::try_from(kids.len()).unwrap_or(u32::MAX);
        labels.push(Object::Integer(i64::from(start)));
        labels.push(Object::Dictionary(match piece.label {
            Label::Roman => dictionary! { "S" => "r" },
            Label::Arabic(n) => dictionary! { "S" => "D", "St" => i64::from(n) },
        }));
        let dicts: Vec<Dictionary> = pages
            .iter()
            .map(|id| page_dict(&doc, *id))
            .collect::<Result<_, _>>()
            .map_err(fail)?;
        let roots: Vec<Object> = dicts.iter().map(|d| Object::Dictionary(d.clone())).collect();
        let mut map: HashMap<ObjectId, u32> = HashMap::new();
        let page_ids: Vec<u32> = pages.iter().map(|_| o.reserve()).collect();
        for (old, new) in pages.iter().zip(&page_ids) {
            map.insert(*old, *new);
        }
        let objects: Vec<ObjectId> = reachable(&doc, &roots).into_iter().filter(|id| !map.contains_key(id)).collect();
        for id in &objects {
            let n = o.reserve();
            map.insert(*id, n);
        }
        for id in &objects {
            let object = doc.get_object(*id).map_err(|e| fail(PdfError::Damaged(e.to_string())))?;
            o.put(map[id], &renumber(object, &map))?;
        }
        for (i, (dict, new_id)) in dicts.iter().zip(&page_ids).enumerate() {
            let mut page = renumber_dict(dict, &map);
            page.set("Parent", Object::Reference((root, 0)));
            if piece.stamp {
                let n = match piece.label {
                    Label::Arabic(s) => s + u32::try_from(i).unwrap_or(0),
                    Label::Roman => u32::try_from(i + 1).unwrap_or(0),
                };
                with_stamp_font(&doc, dict, &mut page, font, &map);
                let stamp = o.reserve();
                o.put(stamp, &Object::Stream(Stream::new(Dictionary::new(), stamp_content(&page, n))))?;
                let mut contents = vec![Object::Reference((open, 0))];
                match page.get(b"Contents") {
                    Ok(Object::Array(items)) => contents.extend(items.iter().cloned()),
                    Ok(Object::Reference(r)) => contents.push(Object::Reference(*r)),
                    _ => {}
                }
                contents.push(Object::Reference((stamp, 0)));
                page.set("Contents", Object::Array(contents));
            }
            o.put(*new_id, &Object::Dictionary(page))?;
            kids.push(Object::Reference((*new_id, 0)));
        }
        first_pages.push(page_ids.first().copied());
        ranges.push((start, u32::try_from(page_ids.len()).unwrap_or(u32::MAX)));
        // `doc` is dropped here: one input in memory at a time.
    }
    let count = i64::try_from(kids.len()).unwrap_or(i64::MAX);
    o.put(
        root,
        &Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    )?;
    let outlines = write_outline(&mut o, pieces, &first_pages)?;
    let info = o.reserve();
    o.put(
        info,
        &Object::Dictionary(dictionary! { "Title" => text(title), "Producer" => text("xuehui") }),
    )?;
    let mut cat = dictionary! {
        "Type" => "Catalog",
        "Pages" => Object::Reference((root, 0)),
        "PageLabels" => dictionary! { "Nums" => labels },
    };
    if let Some(outlines) = outlines {
        cat.set("Outlines", Object::Reference((outlines, 0)));
        cat.set("PageMode", "UseOutlines");
    }
    o.put(catalog, &Object::Dictionary(cat))?;
    let xref_at = o.w.at;
    let size = o.offsets.len();
    write!(o.w, "xref\n0 {size}\n0000000000 65535 f \n")?;
    for off in &o.offsets[1..] {
        writeln!(o.w, "{off:010} 00000 n ")?;
    }
    write!(
        o.w,
        "trailer\n<< /Size {size} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"
    )?;
    o.w.flush()?;
    Ok(Assembled {
        pages: u32::try_from(count).unwrap_or(u32::MAX),
        ranges,
    })
}

/// Writes the two-level outline; returns the outline dictionary's id, if any entry exists.
fn write_outline<W: Write>(o: &mut Out<W>, pieces: &[Piece], first_pages: &[Option<u32>]) -> std::io::Result<Option<u32>> {
    // (part title, first page, [(title, page)]).
    type Part = (String, u32, Vec<(String, u32)>);
    let mut parts: Vec<Part> = Vec::new();
    for (piece, page) in pieces.iter().zip(first_pages) {
        let (Some((part, title)), Some(page)) = (&piece.outline, page) else {
            continue;
        };
        match parts.last_mut() {
            Some((p, _, items)) if p == part => items.push((title.clone(), *page)),
            _ => parts.push((part.clone(), *page, vec![(title.clone(), *page)])),
        }
    }
    if parts.is_empty() {
        return Ok(None);
    }
    let top = o.reserve();
    let part_ids: Vec<u32> = parts.iter().map(|_| o.reserve()).collect();
    let mut total = 0i64;
    for (pi, (part, page, items)) in parts.iter().enumerate() {
        let item_ids: Vec<u32> = items.iter().map(|_| o.reserve()).collect();
        for (ii, (title, p)) in items.iter().enumerate() {
            let mut d = dictionary! {
                "Title" => text(title),
                "Parent" => Object::Reference((part_ids[pi], 0)),
                "Dest" => vec![Object::Reference((*p, 0)), "Fit".into()],
            };
            if ii > 0 {
                d.set("Prev", Object::Reference((item_ids[ii - 1], 0)));
            }
            if ii + 1 < item_ids.len() {
                d.set("Next", Object::Reference((item_ids[ii + 1], 0)));
            }
            o.put(item_ids[ii], &Object::Dictionary(d))?;
        }
        let n = i64::try_from(items.len()).unwrap_or(0);
        total += 1 + n;
        let mut d = dictionary! {
            "Title" => text(part),
            "Parent" => Object::Reference((top, 0)),
            "Dest" => vec![Object::Reference((*page, 0)), "Fit".into()],
            "First" => Object::Reference((item_ids[0], 0)),
            "Last" => Object::Reference((item_ids[item_ids.len() - 1], 0)),
            "Count" => -n,
        };
        if pi > 0 {
            d.set("Prev", Object::Reference((part_ids[pi - 1], 0)));
        }
        if pi + 1 < part_ids.len() {
            d.set("Next", Object::Reference((part_ids[pi + 1], 0)));
        }
        o.put(part_ids[pi], &Object::Dictionary(d))?;
    }
    o.put(
        top,
        &Object::Dictionary(dictionary! {
            "Type" => "Outlines",
            "First" => Object::Reference((part_ids[0], 0)),
            "Last" => Object::Reference((part_ids[part_ids.len() - 1], 0)),
            "Count" => total,
        }),
    )?;
    Ok(Some(top))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    }

    fn tool(name: &str, args: &[&str]) -> Option<String> {
        let out = std::process::Command::new(name).args(args).output().ok()?;
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    #[test]
    fn papers_are_joined_with_stamped_numbers_labels_and_an_outline() {
        let dir = tempfile::tempdir().expect("tempdir");
        let front = write(dir.path(), "front.pdf", &crate::files::pdf::sample(2, "Front matter", None));
        let a = write(dir.path(), "a.pdf", &crate::files::pdf::sample(3, "Paper A", None));
        let b = write(dir.path(), "b.pdf", &crate::files::pdf::sample(2, "Paper B", None));
        let pieces = vec![
            Piece {
                path: front,
                label: Label::Roman,
                stamp: false,
                outline: None,
            },
            Piece {
                path: a,
                label: Label::Arabic(1),
                stamp: true,
                outline: Some(("主会场 Main".into(), "论文甲 Paper A".into())),
            },
            Piece {
                path: b,
                label: Label::Arabic(4),
                stamp: true,
                outline: Some(("主会场 Main".into(), "Paper B".into())),
            },
        ];
        let out = dir.path().join("volume.pdf");
        let done = assemble(
            &pieces,
            "学会论文集 Proceedings",
            std::fs::File::create(&out).expect("create"),
            &Limits::default(),
        )
        .expect("assembled");
        assert_eq!(done.pages, 7);
        assert_eq!(done.ranges, vec![(0, 2), (2, 3), (5, 2)]);
        let doc = lopdf::Document::load(&out).expect("the output reads back");
        assert_eq!(doc.get_pages().len(), 7);
        let outline = doc.get_toc().expect("outline");
        let titles: Vec<String> = outline.toc.iter().map(|t| t.title.clone()).collect();
        assert_eq!(titles, ["主会场 Main", "论文甲 Paper A", "Paper B"]);
        if let Some(info) = tool("pdfinfo", &[out.to_str().expect("path")]) {
            assert!(info.contains("Pages:           7"), "{info}");
        }
        if let Some(page4) = tool("pdftotext", &["-f", "4", "-l", "4", out.to_str().expect("path"), "-"]) {
            assert!(
                page4.contains("Paper A - page 2") && page4.lines().any(|l| l.trim() == "2"),
                "the volume's page 2 is stamped: {page4}"
            );
        }
        if let Some(page1) = tool("pdftotext", &["-f", "1", "-l", "1", out.to_str().expect("path"), "-"]) {
            assert!(
                page1.contains("Front matter") && !page1.lines().any(|l| l.trim() == "1" || l.trim() == "i"),
                "front matter is not stamped: {page1}"
            );
        }
    }

    #[test]
    fn a_broken_piece_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = write(dir.path(), "good.pdf", &crate::files::pdf::sample(1, "ok", None));
        let bad = write(dir.path(), "bad.pdf", b"%PDF-1.4\nnot really");
        let pieces = vec![
            Piece {
                path: good,
                label: Label::Arabic(1),
                stamp: true,
                outline: None,
            },
            Piece {
                path: bad,
                label: Label::Arabic(2),
                stamp: true,
                outline: None,
            },
        ];
        let err = assemble(&pieces, "x", Vec::new(), &Limits::default()).expect_err("refused");
        assert!(matches!(err, AssembleError::Piece { index: 1, .. }), "{err}");
    }
}
