//! Decisions: the chairs' ranked table of papers by their reviews' scores, a decision per
//! paper (accept as oral or poster, reject, or the venue's own labels), and notification
//! mails to the authors with the reviews' author-visible fields.

pub mod api;
pub mod notify;
pub mod pages;
pub mod ranking;
pub mod service;
pub mod store;
pub mod table;
