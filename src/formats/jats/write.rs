//! The JATS document of an article (pure), in the element order of the Journal Publishing DTD
//! 1.3. The article's own language leads (`article-title`, `abstract`); the other language
//! follows as `trans-title-group` and `trans-abstract`.

use std::io;

use chrono::{Datelike, NaiveDate};
use quick_xml::events::{BytesText, Event};

use super::{Article, Author};
use crate::formats::xml::{W, document, text};

/// The document type declaration of JATS 1.3 Journal Publishing.
pub const DOCTYPE: &str = r#"article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN" "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd""#;

fn date(w: &mut W, name: &str, attrs: &[(&str, &str)], d: NaiveDate) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_inner_content(|w| {
            text(w, "day", &format!("{:02}", d.day()))?;
            text(w, "month", &format!("{:02}", d.month()))?;
            text(w, "year", &d.year().to_string())
        })?;
    Ok(())
}

/// (lead, other): the article's own language first.
fn ordered<'a>(a: &Article, zh: &'a str, en: &'a str) -> [(&'static str, &'a str); 2] {
    if a.language == "zh" {
        [("zh", zh), ("en", en)]
    } else {
        [("en", en), ("zh", zh)]
    }
}

/// A title group: `title` in the lead language (the other when it has none) and the other
/// language's as `trans-title-group`.
fn title_group(w: &mut W, group: &str, title: &str, [(_, lead), (other_lang, other)]: [(&str, &str); 2]) -> io::Result<()> {
    let (lead, other) = if lead.trim().is_empty() { (other, "") } else { (lead, other) };
    w.create_element(group).write_inner_content(|w| {
        text(w, title, lead)?;
        if !other.trim().is_empty() {
            w.create_element("trans-title-group")
                .with_attribute(("xml:lang", other_lang))
                .write_inner_content(|w| text(w, "trans-title", other))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn paragraphs(w: &mut W, body: &str) -> io::Result<()> {
    for p in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        text(w, "p", p)?;
    }
    Ok(())
}

fn name(w: &mut W, style: &str, lang: &str, family: &str, given: &str) -> io::Result<()> {
    w.create_element("name")
        .with_attribute(("name-style", style))
        .with_attribute(("xml:lang", lang))
        .write_inner_content(|w| {
            text(w, "surname", family)?;
            if !given.is_empty() {
                text(w, "given-names", given)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn names(w: &mut W, p: &Author) -> io::Result<()> {
    let han = !p.family_zh.trim().is_empty();
    let latin = !p.family_en.trim().is_empty();
    match (han, latin) {
        (true, true) => {
            w.create_element("name-alternatives").write_inner_content(|w| {
                name(w, "eastern", "zh", &p.family_zh, &p.given_zh)?;
                name(w, "western", "en", &p.family_en, &p.given_en)
            })?;
        }
        (true, false) => name(w, "eastern", "zh", &p.family_zh, &p.given_zh)?,
        _ => name(w, "western", "en", &p.family_en, &p.given_en)?,
    }
    Ok(())
}

/// An affiliation: institution, country code, country name.
type Affiliation<'a> = (&'a str, &'a str, &'a str);

/// Affiliations in order of first mention, and each author's affiliation index.
fn affiliations(authors: &[Author]) -> (Vec<Affiliation<'_>>, Vec<Option<usize>>) {
    let mut list: Vec<Affiliation> = Vec::new();
    let mut of = Vec::new();
    for p in authors {
        if p.affiliation.trim().is_empty() {
            of.push(None);
            continue;
        }
        let key = (p.affiliation.as_str(), p.country.as_str(), p.country_name.as_str());
        let i = match list.iter().position(|x| *x == key) {
            Some(i) => i,
            None => {
                list.push(key);
                list.len() - 1
            }
        };
        of.push(Some(i));
    }
    (list, of)
}

fn journal_meta(w: &mut W, a: &Article) -> io::Result<()> {
    w.create_element("journal-meta").write_inner_content(|w| {
        w.create_element("journal-id")
            .with_attribute(("journal-id-type", "publisher-id"))
            .write_text_content(BytesText::new(&a.journal_id))?;
        title_group(w, "journal-title-group", "journal-title", ordered(a, &a.journal_zh, &a.journal_en))?;
        for (issn, format) in [(&a.issn, "print"), (&a.eissn, "electronic")] {
            if let Some(issn) = issn {
                w.create_element("issn")
                    .with_attribute(("publication-format", format))
                    .write_text_content(BytesText::new(issn))?;
            }
        }
        if !a.publisher.trim().is_empty() {
            w.create_element("publisher")
                .write_inner_content(|w| text(w, "publisher-name", &a.publisher))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn article_meta(w: &mut W, a: &Article) -> io::Result<()> {
    w.create_element("article-meta").write_inner_content(|w| {
        w.create_element("article-id")
            .with_attribute(("pub-id-type", "publisher-id"))
            .write_text_content(BytesText::new(&a.article_id))?;
        if let Some(doi) = &a.doi {
            w.create_element("article-id")
                .with_attribute(("pub-id-type", "doi"))
                .write_text_content(BytesText::new(doi))?;
        }
        let [(_, section), (_, section_other)] = ordered(a, &a.section_zh, &a.section_en);
        let section = if section.trim().is_empty() { section_other } else { section };
        if !section.trim().is_empty() {
            w.create_element("article-categories").write_inner_content(|w| {
                w.create_element("subj-group")
                    .with_attribute(("subj-group-type", "heading"))
                    .write_inner_content(|w| text(w, "subject", section))?;
                Ok(())
            })?;
        }
        title_group(w, "title-group", "article-title", ordered(a, &a.title_zh, &a.title_en))?;
        let (affs, of) = affiliations(&a.authors);
        if !a.authors.is_empty() {
            w.create_element("contrib-group").write_inner_content(|w| {
                for (p, aff) in a.authors.iter().zip(&of) {
                    let mut c = w.create_element("contrib").with_attribute(("contrib-type", "author"));
                    if p.corresponding {
                        c = c.with_attribute(("corresp", "yes"));
                    }
                    c.write_inner_content(|w| {
                        if let Some(orcid) = &p.orcid {
                            w.create_element("contrib-id")
                                .with_attribute(("contrib-id-type", "orcid"))
                                .with_attribute(("authenticated", "false"))
                                .write_text_content(BytesText::new(&format!("https://orcid.org/{orcid}")))?;
                        }
                        names(w, p)?;
                        if let Some(i) = aff {
                            w.create_element("xref")
                                .with_attribute(("ref-type", "aff"))
                                .with_attribute(("rid", format!("aff{}", i + 1).as_str()))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        }
        for (i, (institution, code, country)) in affs.iter().enumerate() {
            w.create_element("aff")
                .with_attribute(("id", format!("aff{}", i + 1).as_str()))
                .write_inner_content(|w| {
                    text(w, "institution", institution)?;
                    if !code.is_empty() {
                        w.write_event(Event::Text(BytesText::new(", ")))?;
                        w.create_element("country")
                            .with_attribute(("country", *code))
                            .write_text_content(BytesText::new(if country.is_empty() { code } else { country }))?;
                    }
                    Ok(())
                })?;
        }
        if let Some(d) = a.published {
            date(w, "pub-date", &[("publication-format", "electronic"), ("date-type", "pub")], d)?;
        }
        if !a.volume.is_empty() {
            text(w, "volume", &a.volume)?;
        }
        if !a.issue.is_empty() {
            text(w, "issue", &a.issue)?;
        }
        if !a.first_page.is_empty() {
            text(w, "fpage", &a.first_page)?;
            if !a.last_page.is_empty() {
                text(w, "lpage", &a.last_page)?;
            }
        } else if !a.article_number.is_empty() {
            text(w, "elocation-id", &a.article_number)?;
        }
        let history: Vec<(&str, NaiveDate)> = [("received", a.received), ("rev-recd", a.revised), ("accepted", a.accepted)]
            .into_iter()
            .filter_map(|(k, d)| d.map(|d| (k, d)))
            .collect();
        if !history.is_empty() {
            w.create_element("history").write_inner_content(|w| {
                for (kind, d) in &history {
                    date(w, "date", &[("date-type", kind)], *d)?;
                }
                Ok(())
            })?;
        }
        if !a.licence_url.is_empty() {
            w.create_element("permissions").write_inner_content(|w| {
                w.create_element("license")
                    .with_attribute(("xlink:href", a.licence_url.as_str()))
                    .write_inner_content(|w| text(w, "ali:license_ref", &a.licence_url))?;
                Ok(())
            })?;
        }
        let [(lang, lead), (other_lang, other)] = ordered(a, &a.abstract_zh, &a.abstract_en);
        if !lead.trim().is_empty() {
            w.create_element("abstract")
                .with_attribute(("xml:lang", lang))
                .write_inner_content(|w| paragraphs(w, lead))?;
        }
        if !other.trim().is_empty() {
            let element = if lead.trim().is_empty() { "abstract" } else { "trans-abstract" };
            w.create_element(element)
                .with_attribute(("xml:lang", other_lang))
                .write_inner_content(|w| paragraphs(w, other))?;
        }
        for (lang, words) in [("zh", &a.keywords_zh), ("en", &a.keywords_en)] {
            if !words.is_empty() {
                w.create_element("kwd-group")
                    .with_attribute(("kwd-group-type", "author"))
                    .with_attribute(("xml:lang", lang))
                    .write_inner_content(|w| {
                        for k in words {
                            text(w, "kwd", k)?;
                        }
                        Ok(())
                    })?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// Where OAI-PMH's JATS format puts the article: the protocol wants metadata in a namespace,
/// and JATS has none of its own (PubMed Central's OAI service does the same for its format).
pub const OAI_NAMESPACE: &str = "https://jats.nlm.nih.gov/ns/publishing/1.3/";

fn write(w: &mut W, a: &Article, namespace: Option<&str>) -> io::Result<()> {
    let lang = if a.language.is_empty() { "en" } else { a.language.as_str() };
    let e = w.create_element("article");
    let e = match namespace {
        Some(ns) => e.with_attribute(("xmlns", ns)),
        None => e,
    };
    e.with_attribute(("article-type", "research-article"))
        .with_attribute(("dtd-version", "1.3"))
        .with_attribute(("xml:lang", lang))
        .with_attribute(("xmlns:xlink", "http://www.w3.org/1999/xlink"))
        .with_attribute(("xmlns:mml", "http://www.w3.org/1998/Math/MathML"))
        .with_attribute(("xmlns:ali", "http://www.niso.org/schemas/ali/1.0/"))
        .write_inner_content(|w| {
            w.create_element("front").write_inner_content(|w| {
                journal_meta(w, a)?;
                article_meta(w, a)
            })?;
            if let Some(body) = &a.body {
                w.create_element("body").write_inner_content(|w| {
                    // Already JATS, escaped by `body::from_html`.
                    w.get_mut().extend_from_slice(body.as_bytes());
                    Ok(())
                })?;
            }
            if !a.references.is_empty() {
                w.create_element("back").write_inner_content(|w| {
                    w.create_element("ref-list").write_inner_content(|w| {
                        for (i, r) in a.references.iter().enumerate() {
                            w.create_element("ref")
                                .with_attribute(("id", format!("r{}", i + 1).as_str()))
                                .write_inner_content(|w| {
                                    w.create_element("mixed-citation").write_inner_content(|w| {
                                        w.write_event(Event::Text(BytesText::new(&r.text)))?;
                                        if let Some(doi) = &r.doi {
                                            w.write_event(Event::Text(BytesText::new(" ")))?;
                                            w.create_element("pub-id")
                                                .with_attribute(("pub-id-type", "doi"))
                                                .write_text_content(BytesText::new(doi))?;
                                        }
                                        Ok(())
                                    })?;
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The JATS XML of the article.
pub fn article(a: &Article) -> io::Result<String> {
    document(Some(DOCTYPE), |w| write(w, a, None))
}

/// The `<article>` element alone, in `OAI_NAMESPACE`, as an OAI-PMH record carries it.
pub fn oai_fragment(a: &Article) -> io::Result<String> {
    let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 1);
    write(&mut w, a, Some(OAI_NAMESPACE))?;
    String::from_utf8(w.into_inner()).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::jats::Reference;

    fn english() -> Article {
        Article {
            journal_id: "demo".into(),
            journal_en: "Journal of Demonstration Science".into(),
            eissn: Some("2049-3630".into()),
            language: "en".into(),
            article_id: "8".into(),
            title_en: "Open review".into(),
            authors: vec![
                Author {
                    family_en: "Rossi".into(),
                    given_en: "Maria".into(),
                    affiliation: "Politecnico di Milano".into(),
                    country: "IT".into(),
                    country_name: "Italy".into(),
                    ..Default::default()
                },
                Author {
                    family_zh: "李".into(),
                    given_zh: "华".into(),
                    affiliation: "Politecnico di Milano".into(),
                    country: "IT".into(),
                    country_name: "Italy".into(),
                    corresponding: true,
                    ..Default::default()
                },
            ],
            published: NaiveDate::from_ymd_opt(2027, 3, 15),
            volume: "3".into(),
            issue: "2".into(),
            article_number: "e1002".into(),
            abstract_en: "First.\n\nSecond & last.".into(),
            keywords_en: vec!["review".into()],
            references: vec![Reference {
                text: "Shah N B. Challenges[J]. 2022.".into(),
                doi: Some("10.1145/3528086".into()),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn an_english_article_leads_in_english_with_an_e_locator_and_one_shared_affiliation() {
        let xml = article(&english()).unwrap();
        assert!(xml.contains("<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN\""));
        assert!(xml.contains("xml:lang=\"en\""));
        assert!(xml.contains("<elocation-id>e1002</elocation-id>") && !xml.contains("<fpage>"));
        assert_eq!(xml.matches("<aff id=").count(), 1, "one affiliation for both: {xml}");
        assert_eq!(xml.matches("rid=\"aff1\"").count(), 2);
        assert!(xml.contains("<contrib contrib-type=\"author\" corresp=\"yes\">"));
        assert!(xml.contains("<name name-style=\"eastern\" xml:lang=\"zh\">"));
        assert!(xml.contains("<p>Second &amp; last.</p>"), "{xml}");
        assert!(xml.contains("<pub-id pub-id-type=\"doi\">10.1145/3528086</pub-id>"));
        assert!(
            !xml.contains("trans-abstract") && !xml.contains("<trans-title-group"),
            "no Chinese text: {xml}"
        );
        let at = |tag: &str| xml.find(tag).unwrap_or_else(|| panic!("{tag}"));
        for pair in [
            "<title-group>",
            "<contrib-group>",
            "<aff ",
            "<pub-date ",
            "<volume>",
            "<elocation-id>",
            "<abstract ",
            "<kwd-group ",
            "<back>",
        ]
        .windows(2)
        {
            assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
        }
    }
}
