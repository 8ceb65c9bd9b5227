//! Simple Dublin Core as OAI-PMH carries it (`oai_dc`, the format every repository must offer):
//! one `<oai_dc:dc>` element describing a journal article or a conference paper.

use std::io;

use quick_xml::Writer;
use quick_xml::events::BytesText;

use super::citation::{Kind, Work};
use super::xml::W;

/// The oai_dc namespace.
pub const NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
/// Where its schema is.
pub const SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";

/// What Dublin Core says beyond the citation's `Work`.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    /// Abstracts as (language, text), each one `dc:description`.
    pub abstracts: Vec<(String, String)>,
    /// The licence's address, if any.
    pub rights: String,
    /// Media types of the full texts (`application/pdf`, `text/html`).
    pub formats: Vec<String>,
}

fn element(w: &mut W, name: &str, lang: Option<&str>, value: &str) -> io::Result<()> {
    if value.trim().is_empty() {
        return Ok(());
    }
    let e = w.create_element(name);
    let e = match lang {
        Some(l) => e.with_attribute(("xml:lang", l)),
        None => e,
    };
    e.write_text_content(BytesText::new(value.trim()))?;
    Ok(())
}

/// The `<oai_dc:dc>` element of `work`.
pub fn write(w: &mut W, work: &Work, extra: &Extra) -> io::Result<()> {
    w.create_element("oai_dc:dc")
        .with_attributes([
            ("xmlns:oai_dc", NAMESPACE),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", &*format!("{NAMESPACE} {SCHEMA}")),
        ])
        .write_inner_content(|w| {
            // The title in the work's language first: simple harvesters take the first.
            let titles = [("zh", &work.title_zh), ("en", &work.title_en)];
            let first = usize::from(!work.chinese);
            for i in [first, 1 - first] {
                element(w, "dc:title", Some(titles[i].0), titles[i].1)?;
            }
            for p in &work.authors {
                let (family, given) = p.parts(work.chinese);
                let han = p.parts(true).0 == family && !p.han().trim().is_empty();
                let name = if han {
                    format!("{family}{given}")
                } else if given.trim().is_empty() {
                    family.to_string()
                } else {
                    format!("{family}, {given}")
                };
                element(w, "dc:creator", None, &name)?;
            }
            for k in &work.keywords {
                element(w, "dc:subject", None, k)?;
            }
            for (lang, text) in &extra.abstracts {
                element(w, "dc:description", Some(lang), text)?;
            }
            element(w, "dc:publisher", None, &work.publisher)?;
            let date = match work.date {
                Some(d) => d.format("%Y-%m-%d").to_string(),
                None => work.year.to_string(),
            };
            element(w, "dc:date", None, &date)?;
            // The DCMI type, then the COAR/eu-repo type repositories' harvesters key on.
            element(w, "dc:type", None, "Text")?;
            let kind = match work.kind {
                Kind::JournalArticle => "info:eu-repo/semantics/article",
                Kind::ConferencePaper => "info:eu-repo/semantics/conferenceObject",
            };
            element(w, "dc:type", None, kind)?;
            for f in &extra.formats {
                element(w, "dc:format", None, f)?;
            }
            element(w, "dc:identifier", None, &work.url)?;
            if !work.doi.is_empty() {
                element(w, "dc:identifier", None, &format!("https://doi.org/{}", work.doi))?;
            }
            element(w, "dc:source", None, &source(work))?;
            for issn in &work.issn {
                element(w, "dc:source", None, &format!("ISSN {issn}"))?;
            }
            if !work.isbn.is_empty() {
                element(w, "dc:source", None, &format!("ISBN {}", work.isbn))?;
            }
            element(w, "dc:language", None, if work.chinese { "zh" } else { "en" })?;
            element(w, "dc:rights", None, &extra.rights)?;
            Ok(())
        })?;
    Ok(())
}

/// "Journal; Vol 3 No 2 (2027); 101-104": where the work appeared.
fn source(work: &Work) -> String {
    let container = if work.chinese && !work.container_zh.is_empty() || work.container_en.is_empty() {
        &work.container_zh
    } else {
        &work.container_en
    };
    let mut parts = vec![container.clone()];
    let mut place = String::new();
    if !work.volume.is_empty() {
        place.push_str(&format!("Vol {}", work.volume));
    }
    if !work.issue.is_empty() {
        place.push_str(&format!(" No {}", work.issue));
    }
    place.push_str(&format!(" ({})", work.year));
    parts.push(place.trim().to_string());
    if !work.first_page.is_empty() {
        parts.push(format!("{}-{}", work.first_page, work.last_page));
    } else if !work.article_number.is_empty() {
        parts.push(work.article_number.clone());
    }
    parts.retain(|p| !p.is_empty());
    parts.join("; ")
}

/// The element alone, as the text a record stores.
pub fn fragment(work: &Work, extra: &Extra) -> io::Result<String> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    write(&mut w, work, extra)?;
    String::from_utf8(w.into_inner()).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::citation::Person;

    #[test]
    fn a_chinese_article_puts_its_chinese_title_and_names_first() {
        let work = Work {
            chinese: true,
            title_zh: "同行评议 & 研究".into(),
            title_en: "Peer review".into(),
            authors: vec![
                Person {
                    family_zh: "李".into(),
                    given_zh: "华".into(),
                    family_en: "Li".into(),
                    given_en: "Hua".into(),
                },
                Person {
                    family_en: "Rossi".into(),
                    given_en: "Maria".into(),
                    ..Default::default()
                },
            ],
            container_zh: "演示学报".into(),
            volume: "3".into(),
            issue: "2".into(),
            year: 2027,
            first_page: "101".into(),
            last_page: "104".into(),
            doi: "10.5555/demo.3".into(),
            url: "https://x.org/j/demo/articles/3".into(),
            issn: vec!["2049-3630".into()],
            ..Default::default()
        };
        let xml = fragment(&work, &Extra::default()).unwrap();
        let zh = xml.find("同行评议 &amp; 研究").unwrap();
        assert!(zh < xml.find("Peer review").unwrap(), "{xml}");
        assert!(xml.contains("<dc:creator>李华</dc:creator>"), "{xml}");
        assert!(xml.contains("<dc:creator>Rossi, Maria</dc:creator>"), "{xml}");
        assert!(xml.contains("<dc:identifier>https://doi.org/10.5555/demo.3</dc:identifier>"));
        assert!(xml.contains("<dc:source>演示学报; Vol 3 No 2 (2027); 101-104</dc:source>"), "{xml}");
        assert!(xml.contains("<dc:language>zh</dc:language>"));
        assert!(!xml.contains("dc:rights"), "no empty elements: {xml}");
    }
}
