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
