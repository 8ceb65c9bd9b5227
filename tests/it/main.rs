//! Integration tests: the real app over HTTP on a loopback port, on SQLite or (with
//! XUEHUI_TEST_DATABASE_URL) PostgreSQL.

mod accounts;
mod affinity;
mod api_errors;
mod assignment;
mod authorization;
mod backup;
mod bids;
mod browser;
mod catalogue;
mod cli;
mod committee;
mod conflicts;
mod crash;
mod csrf;
mod decisions;
mod discussion;
mod expertise;
mod health;
mod idempotency;
mod jobs;
mod journals;
mod languages;
mod mail_smtp;
mod openapi;
mod outage;
mod responses;
mod reviews;
mod schema;
mod search;
mod search_outage;
mod security;
mod submissions;
mod support;
mod tokens;
mod venues;
