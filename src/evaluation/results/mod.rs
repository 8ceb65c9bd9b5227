//! A round's results (评估结果): the score table, totals, grades, ranks with their intervals
//! under perturbed weights, the proposal of demonstrative conferences, the committee's what-if
//! and overrides.

pub mod api;
pub mod export;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod table;
