//! Discussion of a paper among its unconflicted reviewers, its area chair and the chairs.
//! Reviewers join once they may read the others' reviews (the same rule as for reviews);
//! everyone else who may read the thread is told of a new post by mail.

pub mod api;
pub mod notify;
pub mod pages;
pub mod service;
pub mod store;
