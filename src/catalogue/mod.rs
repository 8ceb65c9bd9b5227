//! Journal tiered catalogues (分级目录): yearly editions per field with their rules, nominations,
//! indicator data, an expert panel voting in secret, aggregation into tiers with committee
//! overrides, public notice with objections, and published catalogues; every step is audited.

pub mod api;
pub mod audit;
pub mod ballot;
pub mod demo;
pub mod diff;
pub mod entries;
pub mod indicators;
pub mod model;
pub mod nominations;
pub mod objections;
pub mod pages;
pub mod panel;
pub mod phases;
pub mod platform;
pub mod policy;
pub mod proposal;
pub mod proposals;
pub mod published;
pub mod reminders;
pub mod routes;
pub mod service;
pub mod store;
pub mod tiers;
pub mod validate;
pub mod view;
pub mod votes;
