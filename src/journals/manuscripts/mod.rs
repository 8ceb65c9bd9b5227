//! Manuscripts submitted to a journal: metadata in both languages, authors with family and
//! given names and ORCID iDs, files per round, receipts, the editors' notice, and the
//! manuscript page shaped by the reader's part (`guard::journal::manuscript`).

pub mod api;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod stages;
pub mod store;
pub mod upload;
pub mod validate;
pub mod view;
pub mod workflow;
