//! Papers submitted to a venue's call: authors, versions with their files, withdrawal,
//! receipts, the author dashboard, the organisers' table and the public page of an accepted paper.

pub mod api;
pub mod export;
pub mod model;
pub mod pages;
pub mod policy;
pub mod public;
pub mod routes;
pub mod service;
pub mod store;
pub mod upload;
pub mod validate;
pub mod view;
