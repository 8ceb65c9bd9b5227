//! Organiser exports: metadata as CSV or XLSX, and every current PDF as a zip that is streamed
//! while it is written (files are read one at a time; nothing is held whole in memory).

use bytes::Bytes;
use std::io::Write;

use super::model::Submission;
use super::service::VenueData;
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Column names of the metadata exports.
pub const HEADERS: [&str; 15] = [
    "number",
    "status",
    "track",
    "title_zh",
    "title_en",
    "keywords",
    "topics",
    "authors",
    "emails",
    "affiliations",
    "corresponding",
    "version",
    "pdf_pages",
    "submitted_at_utc",
    "updated_at_utc",
];

/// One row per submission, in the order of `HEADERS`.
pub fn rows(conn: &mut AnyConnection, data: &VenueData, items: &[Submission]) -> AppResult<Vec<Vec<String>>> {
    items
        .iter()
        .map(|s| {
            let authors = store::authors_of(conn, s.id)?;
            let topics = store::topics_of(conn, s.id)?;
            let topic_names: Vec<String> = topics
                .iter()
                .filter_map(|t| data.topics.iter().find(|x| x.id == *t))
                .map(|t| t.name_en.clone())
                .collect();
            let track = data
                .tracks
                .iter()
                .find(|t| Some(t.id) == s.track_id)
                .map(|t| t.slug.clone())
                .unwrap_or_default();
            let pages = match s.pdf_file_id {
                Some(fid) => crate::files::model::get(conn, fid)?
                    .page_count
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                None => String::new(),
            };
            let names = authors
                .iter()
                .map(|a| match (a.name_zh.is_empty(), a.name_latin.is_empty()) {
                    (false, false) => format!("{} ({})", a.name_zh, a.name_latin),
                    (true, _) => a.name_latin.clone(),
                    (false, true) => a.name_zh.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ");
            Ok(vec![
                s.number.to_string(),
                s.status.to_string(),
                track,
                s.title_zh.clone(),
                s.title_en.clone(),
                s.keywords.clone(),
                topic_names.join("; "),
                names,
                authors.iter().map(|a| a.email.clone()).collect::<Vec<_>>().join("; "),
                authors.iter().map(|a| a.affiliation.clone()).collect::<Vec<_>>().join("; "),
                authors
                    .iter()
                    .find(|a| a.is_corresponding)
                    .map(|a| a.email.clone())
                    .unwrap_or_default(),
                s.version.to_string(),
                pages,
                s.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
                s.updated_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            ])
        })
        .collect()
}

/// CSV of submission rows.
pub fn csv(rows: &[Vec<String>]) -> AppResult<Vec<u8>> {
    crate::web::sheets::csv(&HEADERS, rows)
}

/// XLSX of submission rows.
pub fn xlsx(rows: &[Vec<String>]) -> AppResult<Vec<u8>> {
    crate::web::sheets::xlsx("submissions", &HEADERS, rows)
}

/// Writes into a channel in 64 KiB chunks; the response body reads the other end.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        // The client went away: stop writing.
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "download cancelled"))
    }
}

/// Streams a zip of the given files (`name`, storage hash) as the response body.
pub fn zip_stream(
    store: crate::files::FileStore,
    files: Vec<(String, String)>,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let err_tx = tx.clone();
    tokio::task::spawn_blocking(move || {
        let run = || -> std::io::Result<()> {
            let mut zip = zip::ZipWriter::new_stream(ChannelWriter { tx, buf: Vec::new() });
            // PDFs are compressed already; storing them keeps the export fast.
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
                .large_file(true);
            for (name, sha) in files {
                zip.start_file(name, options).map_err(std::io::Error::other)?;
                let mut f = std::fs::File::open(store.path_of(&sha))?;
                std::io::copy(&mut f, &mut zip)?;
            }
            let mut inner = zip.finish().map_err(std::io::Error::other)?.into_inner();
            inner.flush()
        };
        if let Err(e) = run() {
            tracing::warn!(error = %e, "zip export stopped");
            let _ = err_tx.blocking_send(Err(e));
        }
    });
    futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) })
}
