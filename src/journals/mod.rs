//! Journals: the register of journal basic data (names, ISSN, CN number, publisher, country,
//! languages, type, fields) that catalogues and, later, journal workflows build on.

pub mod api;
pub mod articles;
pub mod credit;
pub mod decisions;
pub mod demo;
pub mod identifiers;
pub mod import;
pub mod issues;
pub mod manuscripts;
pub mod model;
pub mod pages;
pub mod policy;
pub mod public;
pub mod rounds;
pub mod routes;
pub mod setup;
pub mod staff;
pub mod store;
pub mod validate;
