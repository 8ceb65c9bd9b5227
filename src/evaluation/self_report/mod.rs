//! Conferences' self-reports (自评材料) in an evaluation round: per self-reported indicator a
//! figure, a statement and evidence files; a conference held outside xuehui also types the
//! figures the platform would have computed, marked as reported.

pub mod api;
pub mod items;
pub mod model;
pub mod pages;
pub mod routes;
pub mod send;
pub mod service;
pub mod store;
pub mod upload;
