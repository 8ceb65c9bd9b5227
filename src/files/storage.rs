//! Local content-addressed storage. Uploads never sit whole in memory: chunks go straight to a
//! temporary file in the same file system, which is renamed into place once the database row
//! that refers to it commits.

use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

/// Why an upload was refused.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// More bytes than allowed.
    #[error("file larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// Nothing was sent.
    #[error("empty file")]
    Empty,
    /// The client went away or the body was malformed.
    #[error("upload interrupted: {0}")]
    Interrupted(String),
    /// Local disk trouble.
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
}

/// A received upload waiting in the temporary folder.
#[derive(Debug)]
pub struct Incoming {
    /// Where the bytes are now.
    pub tmp_path: PathBuf,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

impl Drop for Incoming {
    fn drop(&mut self) {
        // Whatever was not stored is removed: refused or failed uploads leave nothing behind.
        let _ = std::fs::remove_file(&self.tmp_path);
    }
}

/// The file store rooted in `<data dir>/files`.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

impl FileStore {
    /// Store under `data_dir`.
    pub fn new(data_dir: &Path) -> FileStore {
        FileStore {
            root: data_dir.join("files"),
        }
    }

    fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// Where the content with this hash lives.
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(sha256)
    }

    /// Streams `body` to a temporary file, hashing it and stopping as soon as it exceeds `limit`.
    pub async fn receive<S, E>(&self, mut body: S, limit: u64) -> Result<Incoming, UploadError>
    where
        S: Stream<Item = Result<bytes::Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        tokio::fs::create_dir_all(self.tmp_dir()).await?;
        let tmp_path = self.tmp_dir().join(crate::auth::tokens::random_hex(16));
        let mut file = tokio::fs::File::create(&tmp_path).await?;
        // Created now so that every early return below removes the partial file.
        let mut incoming = Incoming {
            tmp_path,
            sha256: String::new(),
            size: 0,
        };
        let mut hasher = Sha256::new();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| UploadError::Interrupted(e.to_string()))?;
            incoming.size += chunk.len() as u64;
            if incoming.size > limit {
                return Err(UploadError::TooLarge { limit });
            }
            hasher.update(&chunk);
            file.write_all(&chunk).await?;
        }
        file.flush().await?;
        file.sync_all().await?;
        if incoming.size == 0 {
            return Err(UploadError::Empty);
        }
        incoming.sha256 = hex::encode(hasher.finalize());
        Ok(incoming)
    }

    /// Moves the upload to its permanent place. Same content already stored: nothing to do.
    pub fn keep(&self, incoming: &Incoming) -> std::io::Result<()> {
        let dest = self.path_of(&incoming.sha256);
        if dest.exists() {
            return Ok(());
        }
        std::fs::create_dir_all(dest.parent().expect("has parent"))?;
        std::fs::rename(&incoming.tmp_path, &dest)
    }

    /// Writes bytes already in memory (demo data, tests); returns their hash.
    pub fn put_bytes(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = hex::encode(Sha256::digest(bytes));
        let dest = self.path_of(&sha);
        if !dest.exists() {
            std::fs::create_dir_all(dest.parent().expect("has parent"))?;
            let tmp = dest.with_extension("part");
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(tmp, &dest)?;
        }
        Ok(sha)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::stream;

    fn chunks(parts: Vec<&'static [u8]>) -> impl Stream<Item = Result<bytes::Bytes, std::io::Error>> + Unpin {
        stream::iter(parts.into_iter().map(|p| Ok(bytes::Bytes::from_static(p))))
    }

    #[tokio::test]
    async fn stores_by_hash_and_dedups() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path());
        let a = store.receive(chunks(vec![b"hello ", b"world"]), 100).await.unwrap();
        assert_eq!(a.size, 11);
        assert_eq!(a.sha256, "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        store.keep(&a).unwrap();
        assert_eq!(std::fs::read(store.path_of(&a.sha256)).unwrap(), b"hello world");
        let b = store.receive(chunks(vec![b"hello world"]), 100).await.unwrap();
        store.keep(&b).unwrap();
        drop((a, b));
        assert_eq!(std::fs::read_dir(store.tmp_dir()).unwrap().count(), 0, "no temporary files left");
    }

    #[tokio::test]
    async fn refuses_oversized_and_empty_uploads_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path());
        let err = store.receive(chunks(vec![b"0123456789", b"x"]), 10).await.unwrap_err();
        assert!(matches!(err, UploadError::TooLarge { limit: 10 }));
        let err = store.receive(chunks(vec![]), 10).await.unwrap_err();
        assert!(matches!(err, UploadError::Empty));
        assert_eq!(std::fs::read_dir(store.tmp_dir()).unwrap().count(), 0);
    }
}
