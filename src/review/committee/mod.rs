//! Programme committees: chairs invite reviewers and area chairs by e-mail; invitees accept
//! (with an account) or decline (without one), optionally suggesting someone else.

pub mod api;
pub mod model;
pub mod pages;
pub mod service;
pub mod store;
pub mod validate;
