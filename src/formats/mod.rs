//! Standard formats that more than one area writes (pure): citations of journal articles and
//! conference papers, Crossref deposits, JATS, and Dublin Core for OAI-PMH.

pub mod citation;
pub mod crossref;
pub mod dublin_core;
pub mod jats;
pub mod xml;
