//! A journal's issues: volume, number, year, title and cover; the table of contents by
//! section, with pages or article numbers and DOIs; publishing an issue publishes its articles.

pub mod api;
pub mod cover;
pub mod crossref;
pub mod model;
pub mod numbering;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
