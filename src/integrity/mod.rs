//! Research integrity (科研诚信): the text of every paper and manuscript, an overlap index over
//! the whole installation, and the flags each venue's chairs and each journal's editors read
//! about their own side; and misconduct cases (`cases`), run by each society's integrity
//! committee.

pub mod api;
pub mod cases;
pub mod compare;
pub mod demo;
pub mod extract;
pub mod fingerprint;
pub mod jobs;
pub mod model;
pub mod pages;
pub mod passages;
pub mod queue;
pub mod rescan;
pub mod routes;
pub mod rules;
pub mod service;
pub mod side;
pub mod store;
pub mod view;
