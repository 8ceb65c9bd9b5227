//! Conference proceedings: final versions assembled into volumes.

pub mod api;
pub mod assemble;
pub mod build;
pub mod crossref;
pub mod gather;
pub mod model;
pub mod pages;
pub mod plan;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
