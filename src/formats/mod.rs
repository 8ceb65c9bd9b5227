//! Standard formats that more than one area writes (pure): citations of journal articles and
//! conference papers, and Crossref deposits.

pub mod citation;
pub mod crossref;
pub mod jats;
pub mod xml;
