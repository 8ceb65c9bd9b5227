//! What reviewers know: expertise keywords and earlier papers (per person), and the venue's
//! topics they are interested in (per committee membership). Affinity reads these.

pub mod accepted;
pub mod api;
pub mod pages;
pub mod service;
pub mod store;
pub mod validate;
