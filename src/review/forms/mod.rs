//! Review forms: per-venue fields (scores with scales and labels, confidence, text), which of
//! them authors see, and a default form.

pub mod api;
pub mod model;
pub mod pages;
pub mod store;
