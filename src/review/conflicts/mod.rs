//! Conflicts of interest: declared by authors and reviewers, added by chairs, or proposed by
//! the system for a chair to confirm or dismiss. Confirmed conflicts bind everywhere.

pub mod api;
pub mod detect;
pub mod model;
pub mod pages;
pub mod service;
pub mod store;
