//! Review rounds of journal manuscripts: reviewers invited by mail with a personal link, who
//! accept, decline (suggesting someone else) and review without an account; conflicts checked
//! as the review module checks them; due dates, reminders and the states OJS editors know.

pub mod api;
pub mod conflicts;
pub mod model;
pub mod pages;
pub mod reminders;
pub mod routes;
pub mod service;
pub mod states;
pub mod store;
pub mod validate;
pub mod view;
