//! Evaluation reports: one conference's report (page and PDF: scores, radar of the
//! dimensions, each indicator in the round's spread, the expert comments the committee
//! released, recommendations) and the round's report (ranking, spread of totals and grades,
//! dimensions, method notes).

pub mod api;
pub mod charts;
pub mod conference;
pub mod distribution;
pub mod pages;
pub mod pdf;
pub mod round;
pub mod routes;
pub mod service;
pub mod store;
pub mod wording;
