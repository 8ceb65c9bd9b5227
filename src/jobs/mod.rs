//! Durable job queue in the database: mail, indexing and reminders are jobs, enqueued in the
//! same transaction as the change that causes them.

pub mod backoff;
pub mod changes;
pub mod model;
pub mod pages;
pub mod routes;
pub mod store;
pub mod typed;
pub mod worker;
pub mod workers;

pub use store::enqueue;
pub use worker::{Registry, Worker};
