//! Reviewer credit: a reviewer's completed reviews per journal, on their page (`/me/reviews`)
//! and as a certificate in both languages (PDF), for account holders and, through their
//! personal link, for reviewers without an account.

pub mod api;
pub mod pages;
pub mod routes;
pub mod view;
