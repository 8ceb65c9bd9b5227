//! Expert ballots (专家评分) of evaluation rounds: secret levels on the system's scale for the
//! indicators the experts score, comments, drafts, conflicts (declared and from the venues'
//! records), the committee's progress view and reminders.

pub mod api;
pub mod model;
pub mod pages;
pub mod progress;
pub mod reminders;
pub mod routes;
pub mod service;
pub mod store;
