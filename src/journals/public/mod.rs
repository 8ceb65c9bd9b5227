//! The journal's public site: its current issue, the archive, each published issue's table of
//! contents and each published article's page (both languages, authors, references, galleys,
//! how to cite) with the Highwire `citation_*` tags that Google Scholar and CNKI-style
//! crawlers read. Nothing unpublished is reachable here.

pub mod highwire;
pub mod pages;
pub mod routes;
pub mod view;
