//! Attackers' PDFs, generated here (none is checked in), and a look inside PDFs.

use lopdf::{Document, Object, Stream, dictionary};
use xuehui::files::pdf::sample;

/// `sample()` changed by `f` and saved again.
fn altered(pages: u32, author: Option<&str>, f: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::load_mem(&sample(pages, "A study", author)).unwrap();
    f(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A one-page PDF with `streams` FlateDecode streams of `each` zero bytes, compressed
/// without ever holding them (a few KiB per MiB).
pub fn bomb(streams: usize, each: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 64 * 1024];
    let mut left = each;
    while left > 0 {
        let k = left.min(chunk.len());
        z.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    let packed = z.finish().unwrap();
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

/// `pages` pages under a page tree that says `/Count 1`.
pub fn lying_count(pages: u32) -> Vec<u8> {
    altered(pages, None, |doc| {
        let root = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
        doc.get_dictionary_mut(root).unwrap().set("Count", 1);
    })
}

/// Two pages naming `author` in the document information, in a note's text and rich text, and
/// in a JavaScript `/OpenAction` and link action.
pub fn scripted(author: &str) -> Vec<u8> {
    altered(2, Some(author), |doc| {
        let js = |code: String| dictionary! { "S" => "JavaScript", "JS" => Object::string_literal(code) };
        let open = doc.add_object(js(format!("app.alert('{author} wrote this')")));
        doc.catalog_mut().unwrap().set("OpenAction", open);
        let rect = || vec![100.into(), 100.into(), 120.into(), 120.into()];
        let pages = doc.get_pages();
        doc.get_dictionary_mut(pages[&1]).unwrap().set(
            "Annots",
            vec![
                Object::Dictionary(dictionary! {
                    "Type" => "Annot", "Subtype" => "Text", "Rect" => rect(),
                    "Contents" => Object::string_literal(format!("{author}: see our earlier paper")),
                    "RC" => Object::string_literal(format!("<body><p>{author}</p></body>")),
                }),
                Object::Dictionary(dictionary! {
                    "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(),
                    "A" => js("app.launchURL('https://example.org/track')".into()),
                }),
            ],
        );
    })
}

/// `pages` pages whose `/Info` is the page tree (which carries an `/Author`).
pub fn info_is_page_tree(pages: u32) -> Vec<u8> {
    altered(pages, None, |doc| {
        let root = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
        doc.get_dictionary_mut(root)
            .unwrap()
            .set("Author", Object::string_literal("Li Hua"));
        doc.trailer.set("Info", root);
    })
}

/// The file with every stream decompressed: what a reader of it could find.
pub fn plain(bytes: &[u8]) -> Vec<u8> {
    let mut doc = Document::load_mem(bytes).unwrap();
    doc.decompress();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Pages as a reader counts them.
pub fn pages(bytes: &[u8]) -> usize {
    Document::load_mem(bytes).unwrap().get_pages().len()
}

/// Whether `haystack` contains `needle`.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A PDF with a real text layer, typeset with a Chinese font: `title` and `paragraphs`.
pub fn with_text(title: &str, paragraphs: &[String]) -> Vec<u8> {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/support/typst"));
    let data = serde_json::json!({"title": title, "paragraphs": paragraphs});
    xuehui::reports::render::render(dir, None, "paper_text", &data)
        .expect("typesets (needs fonts-noto-cjk)")
        .pdf
}
