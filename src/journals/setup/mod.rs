//! A journal's editorial set-up: whether it takes manuscripts, review mode, author guidelines
//! and checklist, file rules, reviewer due dates and reminders, sections and their editors,
//! the review form, and how DOIs are made (`doi`).

pub mod api;
pub mod doi;
pub mod forms;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
