//! Registration: forms of a venue, track or session, registrations with capacity and a
//! waiting list, invitations, the organisers' list and exports.

pub mod api;
pub mod demo;
pub mod export;
pub mod figures;
pub mod forms;
pub mod mails;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
pub mod window;
