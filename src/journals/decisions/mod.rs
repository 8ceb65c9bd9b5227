//! Decisions after review and the authors' revisions: editable bilingual letters with the
//! reviews, proposals by recommend-only section editors approved by a chief or managing
//! editor, and revisions that open the next round.

pub mod api;
pub mod letters;
pub mod model;
pub mod pages;
pub mod revise;
pub mod routes;
pub mod service;
pub mod store;
pub mod view;
