//! Learned societies: which venues and journals belong to each. A society's integrity
//! committee and its sanctions reach exactly these.

pub mod api;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
