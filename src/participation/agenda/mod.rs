//! Personal agendas: starred sessions and talks of a published programme, private iCal feeds,
//! and the anonymous star counts organisers and the scheduler read.

pub mod api;
pub mod counts;
pub mod demo;
pub mod feed;
pub mod marks;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
