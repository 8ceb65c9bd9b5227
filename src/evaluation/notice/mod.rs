//! Public notice (公示) of a round's proposed results, with objections (异议) that the
//! committee decides before publication.

pub mod api;
pub mod pages;
pub mod routes;
pub mod service;
