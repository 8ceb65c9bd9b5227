//! Uploads: streamed to a temporary file while hashed and size-checked, validated, then stored
//! under their SHA-256 (content-addressed) in the data folder.

pub mod copies;
pub mod model;
pub mod pdf;
pub mod sniff;
pub mod storage;
pub mod sweep;

pub use storage::{FileStore, Incoming, UploadError};
