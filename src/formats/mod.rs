//! Standard formats that more than one area writes (pure): citations of journal articles and
//! conference papers.

pub mod citation;
