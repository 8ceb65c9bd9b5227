//! OAI-PMH 2.0 at `/oai`: the repository of published journal articles and proceedings papers
//! that libraries, indexes and aggregators harvest. Records are kept in `oai_records` by a job
//! when an item changes (`records`), so a harvest reads one table by keyset; requests, tokens
//! and responses are pure (`request`, `token`, `respond`). Top level because it reads journals
//! and proceedings alike; they never import it (they send `jobs::changes` notices).

pub mod endpoint;
pub mod errors;
pub mod model;
pub mod records;
pub mod request;
pub mod respond;
pub mod routes;
pub mod sets;
pub mod store;
pub mod token;

/// Dublin Core's prefix.
pub const OAI_DC: &str = "oai_dc";
/// JATS's prefix.
pub const JATS: &str = "jats";
/// Records per page of a list.
pub const PAGE: i64 = 100;
