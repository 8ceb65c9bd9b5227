//! Conferences and forums (this foundation holds what the home page and the demo need).

pub mod api;
pub mod model;
pub mod pages;
pub mod store;
