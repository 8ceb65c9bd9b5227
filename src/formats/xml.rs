//! Writing XML documents with quick-xml (escaping for free): the document frame and the
//! one-line text element every writer of `formats` uses.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// The writer the formats write to.
pub type W = Writer<Vec<u8>>;

/// `<name>value</name>`.
pub fn text(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(value))?;
    Ok(())
}

/// A UTF-8 document: the XML declaration, the `<!DOCTYPE …>` when given, and what `body`
/// writes, indented by one space.
pub fn document(doctype: Option<&str>, body: impl FnOnce(&mut W) -> io::Result<()>) -> io::Result<String> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    if let Some(d) = doctype {
        w.write_event(Event::DocType(BytesText::from_escaped(d)))?;
    }
    body(&mut w)?;
    String::from_utf8(w.into_inner()).map_err(io::Error::other)
}
