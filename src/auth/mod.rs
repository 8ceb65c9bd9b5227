//! Accounts, passwords, sessions, API tokens, e-mail links, roles and login rate limiting.

pub mod api;
pub mod api_tokens;
pub mod email_tokens;
pub mod extract;
pub mod model;
pub mod orcid;
pub mod pages;
pub mod password;
pub mod rate_limit;
pub mod roles;
pub mod routes;
pub mod service;
pub mod sessions;
pub mod store;
pub mod tokens;
pub mod validate;

pub use extract::{CurrentUser, MaybeUser, SiteAdmin};
pub use model::User;
