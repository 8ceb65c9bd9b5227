//! Uploads: streamed to a temporary file while hashed and size-checked, validated, then stored
//! under their SHA-256 (content-addressed) in the data folder or an S3-compatible bucket.

pub mod backup;
pub mod bucket;
pub mod copies;
pub mod download;
pub mod model;
pub mod pdf;
pub mod sniff;
pub mod storage;
pub mod sweep;

pub use storage::{FileStore, Incoming, LocalCopy, UploadError, storage_error};
