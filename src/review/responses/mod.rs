//! The authors' response to the reviews (rebuttal): written by any author of the paper while
//! the venue's response window is open, within its length limit; the paper's reviewers and
//! area chair are told by mail and may revise their reviews.

pub mod api;
pub mod notify;
pub mod pages;
pub mod service;
pub mod store;
