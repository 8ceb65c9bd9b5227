//! Published results for everyone: the designated demonstrative conferences (示范性会议), a
//! conference's results across its editions, and its badge.

pub mod api;
pub mod badge;
pub mod pages;
pub mod routes;
pub mod service;
