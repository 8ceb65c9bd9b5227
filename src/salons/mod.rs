//! Salons (新观点新学说学术沙龙) and young scientists' forums: the salon rules, applications
//! and balance, minutes, the annual plan, and forums' speech contests. They reuse venues,
//! registration and programmes rather than keep their own copies.

pub mod api;
pub mod balance;
pub mod contest;
pub mod demo;
pub mod forum_topics;
pub mod minutes;
pub mod model;
pub mod pages;
pub mod plan;
pub mod routes;
pub mod rules;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
