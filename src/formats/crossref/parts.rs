//! The pieces every Crossref deposit shares (pure): the `doi_batch` frame with its head, dates,
//! and a work's record (`journal_article`, `conference_paper`).

use std::io;

use chrono::{Datelike, NaiveDate};
use quick_xml::events::BytesText;

use super::{Article, Head, NAMESPACE, VERSION};
use crate::formats::xml::{W, text};

pub fn online(w: &mut W, d: NaiveDate) -> io::Result<()> {
    w.create_element("publication_date")
        .with_attribute(("media_type", "online"))
        .write_inner_content(|w| {
            text(w, "month", &format!("{:02}", d.month()))?;
            text(w, "day", &format!("{:02}", d.day()))?;
            text(w, "year", &d.year().to_string())
        })?;
    Ok(())
}

fn head(w: &mut W, h: &Head) -> io::Result<()> {
    w.create_element("head").write_inner_content(|w| {
        text(w, "doi_batch_id", &h.batch_id)?;
        text(w, "timestamp", &h.timestamp)?;
        w.create_element("depositor").write_inner_content(|w| {
            text(w, "depositor_name", &h.depositor_name)?;
            text(w, "email_address", &h.depositor_email)
        })?;
        text(w, "registrant", &h.registrant)
    })?;
    Ok(())
}

fn titles(w: &mut W, a: &Article) -> io::Result<()> {
    w.create_element("titles").write_inner_content(|w| {
        text(w, "title", &a.title)?;
        if let Some((lang, t)) = &a.original_title {
            w.create_element("original_language_title")
                .with_attribute(("language", lang.as_str()))
                .write_text_content(BytesText::new(t))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// A work of a batch: `journal_article` (titles before contributors) or `conference_paper`
/// (`contributors_first`, as that element's schema orders them), with its authors, abstracts,
/// date, pages or number, licence, DOI and references.
pub fn item(w: &mut W, element: &str, a: &Article, contributors_first: bool) -> io::Result<()> {
    let mut el = w.create_element(element).with_attribute(("publication_type", "full_text"));
    if !a.language.is_empty() {
        el = el.with_attribute(("language", a.language.as_str()));
    }
    el.write_inner_content(|w| {
        if !contributors_first {
            titles(w, a)?;
        }
        if !a.contributors.is_empty() {
            w.create_element("contributors").write_inner_content(|w| {
                for (i, c) in a.contributors.iter().enumerate() {
                    w.create_element("person_name")
                        .with_attribute(("sequence", if i == 0 { "first" } else { "additional" }))
                        .with_attribute(("contributor_role", "author"))
                        .write_inner_content(|w| {
                            if !c.given.is_empty() {
                                text(w, "given_name", &c.given)?;
                            }
                            text(w, "surname", &c.surname)?;
                            if !c.affiliation.is_empty() {
                                w.create_element("affiliations").write_inner_content(|w| {
                                    w.create_element("institution")
                                        .write_inner_content(|w| text(w, "institution_name", &c.affiliation))?;
                                    Ok(())
                                })?;
                            }
                            if let Some(orcid) = &c.orcid {
                                w.create_element("ORCID")
                                    .with_attribute(("authenticated", "false"))
                                    .write_text_content(BytesText::new(&format!("https://orcid.org/{orcid}")))?;
                            }
                            Ok(())
                        })?;
                }
                Ok(())
            })?;
        }
        if contributors_first {
            titles(w, a)?;
        }
        for ab in a.abstracts.iter().filter(|ab| !ab.text.trim().is_empty()) {
            w.create_element("jats:abstract")
                .with_attribute(("xml:lang", ab.lang.as_str()))
                .write_inner_content(|w| {
                    for p in ab.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                        text(w, "jats:p", p)?;
                    }
                    Ok(())
                })?;
        }
        online(w, a.published)?;
        if !a.first_page.is_empty() {
            w.create_element("pages").write_inner_content(|w| {
                text(w, "first_page", &a.first_page)?;
                if !a.last_page.is_empty() && a.last_page != a.first_page {
                    text(w, "last_page", &a.last_page)?;
                }
                Ok(())
            })?;
        } else if !a.article_number.is_empty() {
            w.create_element("publisher_item").write_inner_content(|w| {
                w.create_element("item_number")
                    .with_attribute(("item_number_type", "article_number"))
                    .write_text_content(BytesText::new(&a.article_number))?;
                Ok(())
            })?;
        }
        if !a.licence_url.is_empty() {
            w.create_element("ai:program")
                .with_attribute(("name", "AccessIndicators"))
                .write_inner_content(|w| {
                    w.create_element("ai:license_ref")
                        .with_attribute(("applies_to", "vor"))
                        .write_text_content(BytesText::new(&a.licence_url))?;
                    Ok(())
                })?;
        }
        w.create_element("doi_data").write_inner_content(|w| {
            text(w, "doi", &a.doi)?;
            text(w, "resource", &a.url)
        })?;
        if !a.citations.is_empty() {
            w.create_element("citation_list").write_inner_content(|w| {
                for (i, c) in a.citations.iter().enumerate() {
                    w.create_element("citation")
                        .with_attribute(("key", format!("ref{}", i + 1).as_str()))
                        .write_inner_content(|w| {
                            if let Some(doi) = &c.doi {
                                text(w, "doi", doi)?;
                            }
                            text(w, "unstructured_citation", &c.text)
                        })?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The `doi_batch` of schema 5.4.0: its head, then `body` inside `<body>`.
pub fn batch(w: &mut W, h: &Head, body: impl FnOnce(&mut W) -> io::Result<()>) -> io::Result<()> {
    let schema = format!("{NAMESPACE} https://www.crossref.org/schemas/crossref{VERSION}.xsd");
    w.create_element("doi_batch")
        .with_attribute(("version", VERSION))
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xmlns:jats", "http://www.ncbi.nlm.nih.gov/JATS1"))
        .with_attribute(("xmlns:ai", "http://www.crossref.org/AccessIndicators.xsd"))
        .with_attribute(("xsi:schemaLocation", schema.as_str()))
        .write_inner_content(|w| {
            head(w, h)?;
            w.create_element("body").write_inner_content(body)?;
            Ok(())
        })?;
    Ok(())
}
