//! Content-addressed storage. Uploads never sit whole in memory: chunks go straight to a
//! temporary file in the staging folder, named after its hash once complete and checked, then
//! stored (renamed into the local folder, or uploaded to the bucket) before the database row
//! that refers to it commits. A failed transaction leaves an unreferenced stored file, which the
//! sweep (`files::sweep`) removes once it is old.

use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::io::AsyncWriteExt;

use super::bucket::Bucket;

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
        // Whatever was not stored is removed: refused or failed uploads leave nothing behind
        // (a stored one was moved away already).
        let _ = std::fs::remove_file(&self.tmp_path);
    }
}

/// The name a complete temporary file gets: its hash first, so the sweep can tell which stored
/// file it is, then a random part, so concurrent uploads of the same content do not collide.
fn staged_name(sha256: &str) -> String {
    format!("{sha256}-{}", crate::auth::tokens::random_hex(8))
}

/// The hash a temporary file's name starts with, if it is a complete one.
pub fn staged_sha(name: &str) -> Option<&str> {
    let (sha, rest) = name.split_once('-')?;
    (is_sha256(sha) && !rest.is_empty() && !rest.ends_with(".part")).then_some(sha)
}

/// Whether `s` looks like a hex SHA-256 (the name of a stored file).
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The answer for a file-store failure: a missing stored file is a bug (its row exists), any
/// other failure an outage of the store (503 with `Retry-After`; nothing was saved).
pub fn storage_error(e: std::io::Error) -> crate::error::AppError {
    if e.kind() == std::io::ErrorKind::NotFound {
        crate::error::AppError::caused("stored file missing", e)
    } else {
        crate::error::AppError::Unavailable(format!("file storage: {e}"))
    }
}

/// The file store: uploads are staged in `<data dir>/files/tmp` while they are received and
/// checked, then stored in the local folder `<data dir>/files` (the default) or in an
/// S3-compatible bucket (`XUEHUI_S3_BUCKET`, for several processes), always under their hash.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
    bucket: Option<Arc<Bucket>>,
}

/// A stored file as a path on this machine, for code that reads files (PDF checks, zips,
/// typesetting): the stored file itself in the local folder, else a downloaded copy that is
/// removed when this value is dropped.
#[derive(Debug)]
pub struct LocalCopy {
    path: PathBuf,
    temporary: bool,
}

impl std::ops::Deref for LocalCopy {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for LocalCopy {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl Drop for LocalCopy {
    fn drop(&mut self) {
        if self.temporary {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl FileStore {
    /// Store in the local folder under `data_dir`.
    pub fn new(data_dir: &Path) -> FileStore {
        FileStore {
            root: data_dir.join("files"),
            bucket: None,
        }
    }

    /// The store the settings ask for: the bucket when `XUEHUI_S3_BUCKET` is set, else the
    /// local folder.
    pub fn from_config(config: &crate::config::Config) -> anyhow::Result<FileStore> {
        let mut store = FileStore::new(&config.data_dir);
        if let Some(s3) = &config.s3 {
            store.bucket = Some(Arc::new(Bucket::open(s3)?));
        }
        Ok(store)
    }

    /// The bucket, when files are kept in one.
    pub fn bucket(&self) -> Option<&Bucket> {
        self.bucket.as_deref()
    }

    /// `<data dir>/files`: the local folder of stored files, and the parent of the staging folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of uploads not yet stored.
    pub fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// Where the content with this hash lives in the local folder.
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        self.root.join(&sha256[..2]).join(sha256)
    }

    /// A temporary copy-to-be of `sha256` in the staging folder (removed on drop, or by the
    /// sweep if a crash leaves it).
    fn new_download(&self, sha256: &str) -> std::io::Result<LocalCopy> {
        std::fs::create_dir_all(self.tmp_dir())?;
        Ok(LocalCopy {
            path: self
                .tmp_dir()
                .join(format!("{}.{}.part", &sha256[..8], crate::auth::tokens::random_hex(8))),
            temporary: true,
        })
    }

    /// Streams `body` to a temporary file, hashing it and stopping as soon as it exceeds `limit`.
    pub async fn receive<S, E>(&self, mut body: S, limit: u64) -> Result<Incoming, UploadError>
    where
        S: Stream<Item = Result<bytes::Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        tokio::fs::create_dir_all(self.tmp_dir()).await?;
        let tmp_path = self.tmp_dir().join(format!("{}.part", crate::auth::tokens::random_hex(16)));
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
        let named = self.tmp_dir().join(staged_name(&incoming.sha256));
        tokio::fs::rename(&incoming.tmp_path, &named).await?;
        incoming.tmp_path = named;
        Ok(incoming)
    }

    /// Writes bytes made here (a reviewers' copy) to a staged file, to store like an upload.
    pub fn stage_bytes(&self, bytes: &[u8]) -> std::io::Result<Incoming> {
        std::fs::create_dir_all(self.tmp_dir())?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let incoming = Incoming {
            tmp_path: self.tmp_dir().join(staged_name(&sha256)),
            sha256,
            size: bytes.len() as u64,
        };
        let mut file = std::fs::File::create(&incoming.tmp_path)?;
        std::io::Write::write_all(&mut file, bytes)?;
        file.sync_all()?;
        Ok(incoming)
    }

    /// Stages what `write` writes (a file made here, possibly large): streamed to a temporary
    /// file while hashed, never held in memory; stored like an upload.
    pub fn stage_written<T, E: From<std::io::Error>>(
        &self,
        write: impl FnOnce(&mut dyn std::io::Write) -> Result<T, E>,
    ) -> Result<(Incoming, T), E> {
        struct Hashing {
            file: std::io::BufWriter<std::fs::File>,
            hash: Sha256,
            size: u64,
        }
        impl std::io::Write for Hashing {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                let n = self.file.write(buf)?;
                self.hash.update(&buf[..n]);
                self.size += n as u64;
                Ok(n)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                self.file.flush()
            }
        }
        std::fs::create_dir_all(self.tmp_dir())?;
        let part = self.tmp_dir().join(format!("{}.part", crate::auth::tokens::random_hex(12)));
        let mut incoming = Incoming {
            tmp_path: part.clone(),
            sha256: String::new(),
            size: 0,
        };
        let mut w = Hashing {
            file: std::io::BufWriter::new(std::fs::File::create(&part)?),
            hash: Sha256::new(),
            size: 0,
        };
        let value = write(&mut w)?;
        let file = w.file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        incoming.sha256 = hex::encode(w.hash.finalize());
        incoming.size = w.size;
        let named = self.tmp_dir().join(staged_name(&incoming.sha256));
        std::fs::rename(&part, &named)?;
        incoming.tmp_path = named;
        Ok((incoming, value))
    }

    /// Moves a staged file into the local folder. Same content already stored: the rename
    /// replaces it with identical bytes (and a fresh age, which keeps a sweep from taking it).
    fn publish_local(&self, tmp_path: &Path, sha256: &str) -> std::io::Result<()> {
        let dest = self.path_of(sha256);
        std::fs::create_dir_all(dest.parent().expect("has parent"))?;
        match std::fs::rename(tmp_path, &dest) {
            // A sweep already stored this very file from the staging folder.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && dest.exists() => Ok(()),
            other => other,
        }
    }

    /// Stores a staged upload, before the row that refers to it commits: a committed row
    /// always has its file, and a transaction that fails leaves an orphan the sweep removes.
    pub async fn persist(&self, incoming: &Incoming) -> std::io::Result<()> {
        match &self.bucket {
            None => self.publish_local(&incoming.tmp_path, &incoming.sha256),
            Some(bucket) => bucket.put_file(&incoming.tmp_path, &incoming.sha256).await,
        }
    }

    /// [`FileStore::persist`] for synchronous callers.
    pub fn persist_blocking(&self, incoming: &Incoming) -> std::io::Result<()> {
        self.store_staged_blocking(&incoming.tmp_path, &incoming.sha256)
    }

    /// Stores the staged file at `tmp_path` whose content is `sha256` (the sweep's way).
    pub fn store_staged_blocking(&self, tmp_path: &Path, sha256: &str) -> std::io::Result<()> {
        match &self.bucket {
            None => self.publish_local(tmp_path, sha256),
            Some(bucket) => {
                bucket.put_file_blocking(tmp_path, sha256)?;
                let _ = std::fs::remove_file(tmp_path);
                Ok(())
            }
        }
    }

    /// Writes bytes already in memory (demo data, tests); returns their hash.
    pub fn put_bytes(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = hex::encode(Sha256::digest(bytes));
        if let Some(bucket) = &self.bucket {
            bucket.put_bytes_blocking(bytes, &sha)?;
            return Ok(sha);
        }
        let dest = self.path_of(&sha);
        if !dest.exists() {
            std::fs::create_dir_all(dest.parent().expect("has parent"))?;
            let tmp = dest.with_extension("part");
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(tmp, &dest)?;
        }
        Ok(sha)
    }

    /// Whether the content `sha256` is stored.
    pub async fn exists(&self, sha256: &str) -> std::io::Result<bool> {
        match &self.bucket {
            None => Ok(self.path_of(sha256).exists()),
            Some(bucket) => Ok(bucket.modified(sha256).await?.is_some()),
        }
    }

    /// [`FileStore::exists`] for synchronous callers.
    pub fn exists_blocking(&self, sha256: &str) -> std::io::Result<bool> {
        match &self.bucket {
            None => Ok(self.path_of(sha256).exists()),
            Some(bucket) => Ok(bucket.modified_blocking(sha256)?.is_some()),
        }
    }

    /// The content `sha256` as a file on this machine (see [`LocalCopy`]); `NotFound` if it is
    /// not stored.
    pub async fn local_copy(&self, sha256: &str) -> std::io::Result<LocalCopy> {
        match &self.bucket {
            None => self.local_stored(sha256),
            Some(bucket) => {
                let copy = self.new_download(sha256)?;
                bucket.download(sha256, &copy.path).await?;
                Ok(copy)
            }
        }
    }

    /// [`FileStore::local_copy`] for synchronous callers.
    pub fn local_copy_blocking(&self, sha256: &str) -> std::io::Result<LocalCopy> {
        match &self.bucket {
            None => self.local_stored(sha256),
            Some(bucket) => {
                let copy = self.new_download(sha256)?;
                bucket.download_blocking(sha256, &copy.path)?;
                Ok(copy)
            }
        }
    }

    fn local_stored(&self, sha256: &str) -> std::io::Result<LocalCopy> {
        let path = self.path_of(sha256);
        if !path.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("stored file {sha256} is missing"),
            ));
        }
        Ok(LocalCopy { path, temporary: false })
    }

    /// Every stored content hash (in no particular order).
    pub fn stored_blocking(&self) -> std::io::Result<Vec<String>> {
        if let Some(bucket) = &self.bucket {
            return Ok(bucket.list_blocking()?.into_iter().map(|(sha, _)| sha).collect());
        }
        let mut found = Vec::new();
        let Ok(shards) = std::fs::read_dir(&self.root) else {
            return Ok(found);
        };
        for shard in shards {
            let shard = shard?.path();
            if shard == self.tmp_dir() || !shard.is_dir() {
                continue;
            }
            for entry in std::fs::read_dir(&shard)? {
                let name = entry?.file_name().to_string_lossy().to_string();
                if is_sha256(&name) {
                    found.push(name);
                }
            }
        }
        Ok(found)
    }

    /// The whole content `sha256` (small files: tests and checks).
    pub fn read_blocking(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(&*self.local_copy_blocking(sha256)?)
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
        assert_eq!(
            staged_sha(a.tmp_path.file_name().unwrap().to_str().unwrap()),
            Some(a.sha256.as_str())
        );
        store.persist_blocking(&a).unwrap();
        assert_eq!(std::fs::read(store.path_of(&a.sha256)).unwrap(), b"hello world");
        let b = store.receive(chunks(vec![b"hello world"]), 100).await.unwrap();
        store.persist_blocking(&b).unwrap();
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

    #[tokio::test]
    async fn an_upload_that_is_never_published_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path());
        let a = store.receive(chunks(vec![b"never committed"]), 100).await.unwrap();
        let sha = a.sha256.clone();
        drop(a);
        assert!(!store.path_of(&sha).exists());
        assert_eq!(std::fs::read_dir(store.tmp_dir()).unwrap().count(), 0);
    }

    #[test]
    fn tells_staged_names_from_partial_ones() {
        let sha = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!(staged_sha(&format!("{sha}-0a1b")), Some(sha));
        assert_eq!(staged_sha(&format!("{sha}-0a1b.part")), None);
        assert_eq!(staged_sha("0a1b2c.part"), None);
        assert_eq!(staged_sha(&format!("{}-x", &sha[..63])), None);
        assert!(!is_sha256(&sha.to_uppercase()));
    }
}
