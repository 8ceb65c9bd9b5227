//! Misconduct cases (诚信案件): reports to a society's research integrity committee, the case
//! file each becomes (steps, hearing of the accused, ruling, appeal), and the sanctions a ruling
//! imposes across the society's venues and journals.

pub mod api;
pub mod appoint;
pub mod demo;
pub mod evidence;
pub mod model;
pub mod pages;
pub mod routes;
pub mod sanctions;
pub mod service;
pub mod steps;
pub mod store;
pub mod validate;
