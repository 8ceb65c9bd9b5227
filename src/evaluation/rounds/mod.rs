//! Evaluation rounds (评估轮次): a society's round of conference evaluation on one final
//! indicator system version, moving through applications → metrics frozen → expert scoring →
//! proposal → public notice → published results, with the conferences taking part.

pub mod api;
pub mod in_round;
pub mod model;
pub mod pages;
pub mod panel;
pub mod routes;
pub mod service;
pub mod snapshot;
pub mod store;
pub mod validate;
pub mod view;
