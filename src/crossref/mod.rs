//! Deposits with Crossref through the job queue: the office or the chairs ask for one, the XML
//! is generated then and kept with the deposit, a job sends it with the configured account
//! (`XUEHUI_CROSSREF_LOGIN`), and another asks Crossref for the result until it is known. Each
//! deposit's state and Crossref's own words are shown where it was asked for.

pub mod client;
pub mod jobs;
pub mod model;
pub mod result;
pub mod service;
pub mod store;
