//! Speech contests of young scientists' forums: the organisers set a score form, the talks
//! (accepted papers) and judges; judges score each talk on their phones; scores are
//! aggregated (trimmed mean by default) into a ranking and award tiers, published with mail
//! to the awarded presenters.

pub mod aggregate;
pub mod api;
pub mod demo;
pub mod forms;
pub mod mails;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
