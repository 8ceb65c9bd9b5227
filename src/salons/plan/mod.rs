//! A society's annual salon plan (学术沙龙年度计划): themes, lead scientists and dates published in
//! advance, and the themes anyone may propose, which the society accepts into the plan or
//! declines with a reason.

pub mod api;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
