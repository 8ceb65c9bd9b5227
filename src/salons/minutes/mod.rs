//! Salon minutes (纪要): after a salon its chairs, lead scientists or rapporteurs write the
//! introduction, the main viewpoints and the dissenting views (verbatim, named or anonymous as
//! each speaker chose); each speaker reviews only their own statements before a deadline; the
//! published minutes have a page, JSON, a PDF, a place in site search, and a society's yearly
//! volume.

pub mod api;
pub mod demo;
pub mod forms;
pub mod mails;
pub mod model;
pub mod pages;
pub mod pdf;
pub mod policy;
pub mod reminders;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
pub mod volume;
