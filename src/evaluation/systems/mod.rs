//! Indicator systems (指标体系): an evaluating body's dimensions and indicators with weights,
//! names, guidance and scoring rules, kept in versions. A round uses one final version; a
//! change after that makes the next version.

pub mod api;
pub mod definition;
pub mod forms;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
