//! Reviews and meta-reviews: who may see a paper for review, drafts saved as the reviewer
//! types, submission and edits until the deadline, and what each role reads of the reviews.

pub mod access;
pub mod api;
pub mod model;
pub mod pages;
pub mod paper_pdf;
pub mod service;
pub mod store;
pub mod view;
