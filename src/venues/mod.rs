//! Conferences and forums (this foundation holds what the home page and the demo need).

pub mod api;
pub mod deadline;
pub mod forms;
pub mod model;
pub mod pages;
pub mod policy;
pub mod questions;
pub mod role_holders;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
