//! Check-in and attendance: helpers named by the chairs scan participants' QR codes (or take
//! the code by hand) at the event once a day or at a session; chairs see attendance per day and
//! per session; registrants and chairs print badges.

pub mod api;
pub mod demo;
pub mod figures;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
