//! Articles: made from a manuscript when it is accepted, copyedited (metadata, references, the
//! copyedited file the authors check), produced (galleys in PDF and HTML, proofs the authors
//! check), then placed in an issue and published with it.

pub mod api;
pub mod metrics;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod upload;
pub mod validate;
pub mod view;
