//! Bidding: committee members see the venue's papers they are not conflicted with (without
//! author names under double-blind review) and say how much they want to review each.

pub mod api;
pub mod model;
pub mod pages;
pub mod papers;
pub mod service;
pub mod store;
