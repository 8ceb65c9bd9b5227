//! xuehui (学会): academic conference and journal management for learned societies.

pub mod auth;
pub mod catalogue;
pub mod cluster;
pub mod config;
pub mod crossref;
pub mod db;
pub mod demo;
pub mod error;
pub mod evaluation;
pub mod files;
pub mod finals;
pub mod formats;
pub mod guard;
pub mod integrity;
pub mod jobs;
pub mod journals;
pub mod mail;
pub mod oai;
pub mod panel;
pub mod participation;
pub mod proceedings;
pub mod programme;
pub mod reports;
pub mod review;
pub mod salons;
pub mod search;
pub mod server;
pub mod societies;
pub mod submissions;
pub mod text;
pub mod values;
pub mod venues;
pub mod web;

pub use web::AppState;
