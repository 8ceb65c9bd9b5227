//! Programmes: rooms, sessions and slots of a venue's draft, its warnings, named releases
//! with changelogs and speaker mails, the public programme pages and the exports.

pub mod api;
pub mod availability;
pub mod changelog;
pub mod display;
pub mod draft;
pub mod exports;
pub mod grid;
pub mod model;
pub mod pages;
pub mod proposals;
pub mod public;
pub mod public_pages;
pub mod release;
pub mod routes;
pub mod salon_agenda;
pub mod scheduler;
pub mod service;
pub mod snapshot;
pub mod store;
pub mod validate;
pub mod view;
pub mod warnings;
