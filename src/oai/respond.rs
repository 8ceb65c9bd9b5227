//! Writing OAI-PMH responses (pure): the envelope every response has, and each verb's body.

use std::io;

use chrono::NaiveDateTime;
use quick_xml::events::{BytesText, Event};

use super::errors::OaiError;
use super::model::{Record, SetInfo};
use crate::formats::xml::{W, document, text};

const NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/";
const SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
const IDENTIFIER_NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/oai-identifier";
const IDENTIFIER_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// What Identify says of the repository.
#[derive(Debug, Clone)]
pub struct Repository {
    /// Its name.
    pub name: String,
    /// The endpoint's address.
    pub base_url: String,
    /// Who runs it.
    pub admin_email: String,
    /// The repository identifier in record identifiers (`oai:<this>:article/3`).
    pub identifier: String,
    /// The earliest datestamp of any record.
    pub earliest: NaiveDateTime,
}

/// A metadata format the repository offers.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    /// Its prefix.
    pub prefix: &'static str,
    /// Its schema.
    pub schema: &'static str,
    /// Its namespace.
    pub namespace: &'static str,
}

/// Where a list goes on: the next page's token, or the empty token of the last page.
#[derive(Debug, Clone)]
pub struct Resumption {
    /// The token ("" on the last page).
    pub token: String,
    /// How many records came before this page.
    pub cursor: u64,
    /// The list's size.
    pub total: u64,
}

/// A record with the identifier it is shown under.
pub struct Shown<'a> {
    /// Its OAI identifier.
    pub identifier: String,
    /// The record.
    pub record: &'a Record,
}

/// A response's content.
pub enum Body<'a> {
    /// Identify.
    Identify(&'a Repository),
    /// ListMetadataFormats.
    Formats(&'a [Format]),
    /// ListSets.
    Sets(&'a [SetInfo]),
    /// GetRecord.
    Record(Shown<'a>, &'a str),
    /// ListIdentifiers (`headers_only`) or ListRecords.
    List {
        /// The page's records.
        records: Vec<Shown<'a>>,
        /// The format.
        prefix: &'a str,
        /// Headers only.
        headers_only: bool,
        /// The token element, if any.
        resumption: Option<Resumption>,
    },
    /// An error.
    Error(&'a OaiError),
}

/// A datestamp at second granularity, as the protocol writes it.
pub fn utc(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The whole response document. `verb` and `echo` fill the `request` element (no arguments
/// after a bad verb or argument).
pub fn response(base_url: &str, now: NaiveDateTime, echo: &[(String, String)], body: &Body) -> io::Result<String> {
    let schema_location = format!("{NAMESPACE} {SCHEMA}");
    document(None, |w| {
        w.create_element("OAI-PMH")
            .with_attributes([
                ("xmlns", NAMESPACE),
                ("xmlns:xsi", XSI),
                ("xsi:schemaLocation", schema_location.as_str()),
            ])
            .write_inner_content(|w| {
                text(w, "responseDate", &utc(now))?;
                let echoed = match body {
                    Body::Error(e) if !e.echoes_arguments() => &[][..],
                    _ => echo,
                };
                w.create_element("request")
                    .with_attributes(echoed.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                    .write_text_content(BytesText::new(base_url))?;
                write_body(w, body)
            })?;
        Ok(())
    })
}

fn write_body(w: &mut W, body: &Body) -> io::Result<()> {
    match body {
        Body::Error(e) => {
            w.create_element("error")
                .with_attribute(("code", e.code.as_str()))
                .write_text_content(BytesText::new(&e.message))?;
        }
        Body::Identify(r) => identify(w, r)?,
        Body::Formats(formats) => {
            w.create_element("ListMetadataFormats").write_inner_content(|w| {
                for f in formats.iter() {
                    w.create_element("metadataFormat").write_inner_content(|w| {
                        text(w, "metadataPrefix", f.prefix)?;
                        text(w, "schema", f.schema)?;
                        text(w, "metadataNamespace", f.namespace)
                    })?;
                }
                Ok(())
            })?;
        }
        Body::Sets(sets) => {
            w.create_element("ListSets").write_inner_content(|w| {
                for s in sets.iter() {
                    w.create_element("set").write_inner_content(|w| {
                        text(w, "setSpec", &s.spec)?;
                        text(w, "setName", &super::sets::name(s))
                    })?;
                }
                Ok(())
            })?;
        }
        Body::Record(shown, prefix) => {
            w.create_element("GetRecord").write_inner_content(|w| record(w, shown, prefix))?;
        }
        Body::List {
            records,
            prefix,
            headers_only,
            resumption,
        } => {
            let name = if *headers_only { "ListIdentifiers" } else { "ListRecords" };
            w.create_element(name).write_inner_content(|w| {
                for shown in records {
                    if *headers_only {
                        header(w, shown)?;
                    } else {
                        record(w, shown, prefix)?;
                    }
                }
                if let Some(r) = resumption {
                    let (cursor, total) = (r.cursor.to_string(), r.total.to_string());
                    w.create_element("resumptionToken")
                        .with_attributes([("completeListSize", total.as_str()), ("cursor", cursor.as_str())])
                        .write_text_content(BytesText::new(&r.token))?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

fn identify(w: &mut W, r: &Repository) -> io::Result<()> {
    w.create_element("Identify").write_inner_content(|w| {
        text(w, "repositoryName", &r.name)?;
        text(w, "baseURL", &r.base_url)?;
        text(w, "protocolVersion", "2.0")?;
        text(w, "adminEmail", &r.admin_email)?;
        text(w, "earliestDatestamp", &utc(r.earliest))?;
        text(w, "deletedRecord", "persistent")?;
        text(w, "granularity", "YYYY-MM-DDThh:mm:ssZ")?;
        w.create_element("description").write_inner_content(|w| {
            let location = format!("{IDENTIFIER_NAMESPACE} {IDENTIFIER_SCHEMA}");
            w.create_element("oai-identifier")
                .with_attributes([
                    ("xmlns", IDENTIFIER_NAMESPACE),
                    ("xmlns:xsi", XSI),
                    ("xsi:schemaLocation", location.as_str()),
                ])
                .write_inner_content(|w| {
                    text(w, "scheme", "oai")?;
                    text(w, "repositoryIdentifier", &r.identifier)?;
                    text(w, "delimiter", ":")?;
                    text(w, "sampleIdentifier", &format!("oai:{}:article/1", r.identifier))
                })?;
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

fn header(w: &mut W, shown: &Shown) -> io::Result<()> {
    let r = shown.record;
    let e = w.create_element("header");
    let e = if r.deleted { e.with_attribute(("status", "deleted")) } else { e };
    e.write_inner_content(|w| {
        text(w, "identifier", &shown.identifier)?;
        text(w, "datestamp", &utc(r.datestamp))?;
        // An item is in its own set and in the top set above it.
        text(w, "setSpec", &r.set_top)?;
        text(w, "setSpec", &r.set_spec)
    })?;
    Ok(())
}

fn record(w: &mut W, shown: &Shown, prefix: &str) -> io::Result<()> {
    w.create_element("record").write_inner_content(|w| {
        header(w, shown)?;
        let r = shown.record;
        if r.deleted {
            return Ok(());
        }
        let metadata = if prefix == super::JATS {
            r.jats_xml.as_deref()
        } else {
            Some(r.dc_xml.as_str())
        };
        if let Some(m) = metadata {
            w.create_element("metadata").write_inner_content(|w| {
                // Rendered by our own writers when the record was stored: already XML.
                w.write_event(Event::Text(BytesText::from_escaped(m)))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}
