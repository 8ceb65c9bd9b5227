//! Feedback surveys: chairs set the questions (about the whole event and about each session),
//! participants who checked in answer once and anonymously, and chairs read aggregates and
//! comments per target with charts; results below three answers are withheld.

pub mod api;
pub mod demo;
pub mod figures;
pub mod forms;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
