//! Organiser exports: metadata as CSV or XLSX, and every current PDF as a zip that is streamed
//! while it is written (files are read one at a time; nothing is held whole in memory).

use bytes::Bytes;
use std::collections::HashMap;
use std::io::Write;

use super::model::Submission;
use super::service::VenueData;
use super::store;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::web::bilingual::pick;
use crate::web::i18n::Lang;

/// Columns of the metadata exports, as message keys under `[export]` (headers are in the
/// reader's language).
pub const COLUMNS: [&str; 18] = [
    "number",
    "status",
    "decision",
    "reviews_done",
    "mean_score",
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

/// Columns written as numbers in XLSX (positions in `COLUMNS`).
const NUMBER_COLUMNS: [usize; 5] = [0, 3, 4, 14, 15];

/// What the review has said of a paper so far, for the chairs' exports.
#[derive(Debug, Clone, Default)]
pub struct ReviewSummary {
    /// Submitted reviews that count.
    pub done: usize,
    /// Mean overall score.
    pub mean: Option<f64>,
    /// The decision label in Chinese and English.
    pub decision: Option<(String, String)>,
}

/// The headers in `lang`.
pub fn headers(lang: Lang) -> Vec<String> {
    COLUMNS.iter().map(|c| crate::web::i18n::t(lang, &format!("export.{c}"))).collect()
}

/// One row per submission, in the order of `COLUMNS`, with names and states in `lang`.
pub fn rows(
    conn: &mut AnyConnection,
    data: &VenueData,
    items: &[Submission],
    reviews: &HashMap<i64, ReviewSummary>,
    lang: Lang,
) -> AppResult<Vec<Vec<String>>> {
    items
        .iter()
        .map(|s| {
            let authors = store::authors_of(conn, s.id)?;
            let topics = store::topics_of(conn, s.id)?;
            let topic_names: Vec<String> = topics
                .iter()
                .filter_map(|t| data.topics.iter().find(|x| x.id == *t))
                .map(|t| pick(&t.name_zh, &t.name_en, lang).to_string())
                .collect();
            let track = data
                .tracks
                .iter()
                .find(|t| Some(t.id) == s.track_id)
                .map(|t| pick(&t.name_zh, &t.name_en, lang).to_string())
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
            let review = reviews.get(&s.id).cloned().unwrap_or_default();
            Ok(vec![
                s.number.to_string(),
                crate::web::i18n::t(lang, &format!("submissions.status_{}", s.status)),
                review.decision.map(|(zh, en)| pick(&zh, &en, lang).to_string()).unwrap_or_default(),
                review.done.to_string(),
                review.mean.map(|m| crate::web::numbers::format(m, 2)).unwrap_or_default(),
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
pub fn csv(rows: &[Vec<String>], lang: Lang) -> AppResult<Vec<u8>> {
    let headers = headers(lang);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    crate::web::sheets::csv(&headers, rows)
}

/// XLSX of submission rows; counts and scores are numbers.
pub fn xlsx(rows: &[Vec<String>], lang: Lang) -> AppResult<Vec<u8>> {
    let headers = headers(lang);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    crate::web::sheets::xlsx_typed("submissions", &headers, rows, &NUMBER_COLUMNS)
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
                let copy = store.local_copy_blocking(&sha)?;
                let mut f = std::fs::File::open(&*copy)?;
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
