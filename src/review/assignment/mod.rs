//! Assigning committee members to papers: solver runs proposed to the chair, committed
//! assignments (with mails to the reviewers), and manual additions and removals.

pub mod api;
pub mod pages;
pub mod propose;
pub mod service;
pub mod store;
