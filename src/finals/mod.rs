//! After acceptance: the final-version phase (camera-ready uploads, the final author list,
//! consent to the licence) and the chairs' table, reminders and approvals.

pub mod api;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod table;
pub mod upload;
pub mod validate;
pub mod view;
