//! The S3-compatible backend of the file store: the same content-addressed keys as the local
//! folder (`<prefix>/<aa>/<sha256>`), in a bucket that every process of a cluster reaches.
//!
//! Calls run on a small runtime of their own, so that synchronous code (demo data, the sweep in
//! a database closure) and the web server's single-threaded runtimes can use one client.

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt, stream::BoxStream};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Key;
use object_store::signer::Signer;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sha2::{Digest, Sha256};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::io::AsyncWriteExt;

use crate::config::S3Config;

/// Uploads larger than this go up in parts (S3's multipart upload) as they are read.
const PART_BYTES: usize = 8 * 1024 * 1024;

/// One bucket (and key prefix) holding the stored files.
#[derive(Debug)]
pub struct Bucket {
    store: Arc<AmazonS3>,
    prefix: String,
    presign: Option<Duration>,
    runtime: Runtime,
}

/// The runtime the client's calls run on; shut down without waiting when the store goes, which
/// may happen inside another runtime (tests drop their state there).
#[derive(Debug)]
struct Runtime(Option<tokio::runtime::Runtime>);

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

fn io_error(e: object_store::Error) -> std::io::Error {
    std::io::Error::from(e)
}

impl Bucket {
    /// Connects (lazily: nothing is sent until the first call) to the bucket `config` names.
    pub fn open(config: &S3Config) -> anyhow::Result<Bucket> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.access_key_id)
            .with_secret_access_key(config.secret_access_key.expose())
            .with_virtual_hosted_style_request(!config.path_style)
            // A store that is down fails a request in seconds, not after the default three
            // minutes of retries; a slow part of a large upload still has a minute.
            .with_retry(object_store::RetryConfig {
                backoff: object_store::BackoffConfig::default(),
                max_retries: 3,
                retry_timeout: Duration::from_secs(20),
            })
            .with_client_options(
                object_store::ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(5))
                    .with_timeout(Duration::from_secs(60)),
            );
        if let Some(endpoint) = &config.endpoint {
            builder = builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
        }
        let store = builder
            .build()
            .map_err(|e| anyhow::anyhow!("the S3 settings (XUEHUI_S3_*) are invalid: {e}"))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("xuehui-s3")
            .enable_all()
            .build()?;
        Ok(Bucket {
            store: Arc::new(store),
            prefix: config.prefix.clone(),
            presign: config.presigned_downloads.then(|| Duration::from_secs(config.presign_secs)),
            runtime: Runtime(Some(runtime)),
        })
    }

    fn key(&self, sha256: &str) -> Key {
        let name = format!("{}/{sha256}", &sha256[..2]);
        if self.prefix.is_empty() {
            Key::from(name)
        } else {
            Key::from(format!("{}/{name}", self.prefix))
        }
    }

    fn handle(&self) -> &tokio::runtime::Handle {
        self.runtime.0.as_ref().expect("runtime lives as long as the bucket").handle()
    }

    /// Runs `work` on the bucket's runtime and waits for it from any async context.
    async fn run<T: Send + 'static>(&self, work: impl Future<Output = std::io::Result<T>> + Send + 'static) -> std::io::Result<T> {
        self.handle().spawn(work).await.map_err(std::io::Error::other)?
    }

    /// Runs `work` on the bucket's runtime, blocking this thread until it is done.
    fn run_blocking<T: Send + 'static>(&self, work: impl Future<Output = std::io::Result<T>> + Send + 'static) -> std::io::Result<T> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.handle().spawn(async move {
            let _ = tx.send(work.await);
        });
        rx.recv().map_err(std::io::Error::other)?
    }

    fn put_file_work(&self, file: PathBuf, sha256: &str) -> impl Future<Output = std::io::Result<()>> + Send + 'static {
        let (store, key) = (self.store.clone() as Arc<dyn ObjectStore>, self.key(sha256));
        async move {
            let mut source = tokio::fs::File::open(&file).await?;
            let mut sink = object_store::buffered::BufWriter::with_capacity(store, key, PART_BYTES);
            if let Err(e) = tokio::io::copy(&mut source, &mut sink).await {
                let _ = sink.abort().await;
                return Err(e);
            }
            sink.shutdown().await
        }
    }

    /// Uploads the file at `file` as the content `sha256`.
    pub async fn put_file(&self, file: &Path, sha256: &str) -> std::io::Result<()> {
        self.run(self.put_file_work(file.to_path_buf(), sha256)).await
    }

    /// [`Bucket::put_file`] for synchronous callers.
    pub fn put_file_blocking(&self, file: &Path, sha256: &str) -> std::io::Result<()> {
        self.run_blocking(self.put_file_work(file.to_path_buf(), sha256))
    }

    /// Stores `bytes` (known to hash to `sha256`) unless that content is there already.
    pub fn put_bytes_blocking(&self, bytes: &[u8], sha256: &str) -> std::io::Result<()> {
        let (store, key) = (self.store.clone(), self.key(sha256));
        let payload = PutPayload::from(bytes.to_vec());
        self.run_blocking(async move {
            match store.head(&key).await {
                Ok(_) => Ok(()),
                Err(object_store::Error::NotFound { .. }) => store.put(&key, payload).await.map(|_| ()).map_err(io_error),
                Err(e) => Err(io_error(e)),
            }
        })
    }

    fn modified_work(&self, sha256: &str) -> impl Future<Output = std::io::Result<Option<SystemTime>>> + Send + 'static {
        let (store, key) = (self.store.clone(), self.key(sha256));
        async move {
            match store.head(&key).await {
                Ok(meta) => Ok(Some(meta.last_modified.into())),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(io_error(e)),
            }
        }
    }

    /// When the content `sha256` was last written, or `None` if it is not stored.
    pub async fn modified(&self, sha256: &str) -> std::io::Result<Option<SystemTime>> {
        self.run(self.modified_work(sha256)).await
    }

    /// [`Bucket::modified`] for synchronous callers.
    pub fn modified_blocking(&self, sha256: &str) -> std::io::Result<Option<SystemTime>> {
        self.run_blocking(self.modified_work(sha256))
    }

    fn download_work(&self, sha256: &str, dest: PathBuf) -> impl Future<Output = std::io::Result<()>> + Send + 'static {
        let (store, key, sha) = (self.store.clone(), self.key(sha256), sha256.to_string());
        async move {
            let mut body = store.get(&key).await.map_err(io_error)?.into_stream();
            let mut file = tokio::fs::File::create(&dest).await?;
            let mut hash = Sha256::new();
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(io_error)?;
                hash.update(&chunk);
                file.write_all(&chunk).await?;
            }
            file.flush().await?;
            // Content-addressed: what comes back must hash to its name.
            if hex::encode(hash.finalize()) != sha {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("stored object {sha} does not match its hash"),
                ));
            }
            Ok(())
        }
    }

    /// Downloads the content `sha256` into the file `dest`, checking its hash.
    pub async fn download(&self, sha256: &str, dest: &Path) -> std::io::Result<()> {
        self.run(self.download_work(sha256, dest.to_path_buf())).await
    }

    /// [`Bucket::download`] for synchronous callers.
    pub fn download_blocking(&self, sha256: &str, dest: &Path) -> std::io::Result<()> {
        self.run_blocking(self.download_work(sha256, dest.to_path_buf()))
    }

    /// The content `sha256` as a stream of chunks, with its size, for a download answer.
    pub async fn stream(&self, sha256: &str) -> std::io::Result<(u64, BoxStream<'static, std::io::Result<Bytes>>)> {
        let (store, key) = (self.store.clone(), self.key(sha256));
        let (size, body) = self
            .run(async move {
                let got = store.get(&key).await.map_err(io_error)?;
                Ok((got.meta.size, got.into_stream()))
            })
            .await?;
        // The body is read on the bucket's runtime too: its connection lives there.
        let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
        self.handle().spawn(async move {
            let mut body = body;
            while let Some(chunk) = body.next().await {
                if tx.send(chunk.map_err(io_error)).await.is_err() {
                    break; // the client went away
                }
            }
        });
        Ok((size, tokio_stream_of(rx)))
    }

    /// A short-lived URL from which a client downloads `sha256` directly, when the settings ask
    /// for presigned downloads.
    pub async fn presigned(&self, sha256: &str) -> std::io::Result<Option<String>> {
        let Some(ttl) = self.presign else {
            return Ok(None);
        };
        let (store, key) = (self.store.clone(), self.key(sha256));
        self.run(async move {
            let url = store.signed_url(http::Method::GET, &key, ttl).await.map_err(io_error)?;
            Ok(Some(url.to_string()))
        })
        .await
    }

    /// Whether the bucket answers: a lookup of a key that is never stored, within `limit`.
    pub async fn health(&self, limit: Duration) -> Result<(), String> {
        let never_stored = "0".repeat(64);
        match tokio::time::timeout(limit, self.modified(&never_stored)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err(format!("no answer within {} s", limit.as_secs())),
        }
    }

    /// Every stored content hash with when it was written (keys that are not hashes are skipped).
    pub fn list_blocking(&self) -> std::io::Result<Vec<(String, SystemTime)>> {
        let store = self.store.clone();
        let prefix = (!self.prefix.is_empty()).then(|| Key::from(self.prefix.as_str()));
        self.run_blocking(async move {
            let found: Vec<_> = store.list(prefix.as_ref()).try_collect().await.map_err(io_error)?;
            Ok(found
                .into_iter()
                .filter_map(|meta| {
                    let name = meta.location.filename()?.to_string();
                    super::storage::is_sha256(&name).then(|| (name, meta.last_modified.into()))
                })
                .collect())
        })
    }

    /// Removes the content `sha256` (nothing happens if it is not there).
    pub fn delete_blocking(&self, sha256: &str) -> std::io::Result<()> {
        let (store, key) = (self.store.clone(), self.key(sha256));
        self.run_blocking(async move {
            match store.delete(&key).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(io_error(e)),
            }
        })
    }
}

/// A receiver as a stream (tokio-stream is not a dependency for this one use).
fn tokio_stream_of(rx: tokio::sync::mpsc::Receiver<std::io::Result<Bytes>>) -> BoxStream<'static, std::io::Result<Bytes>> {
    futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) }).boxed()
}
