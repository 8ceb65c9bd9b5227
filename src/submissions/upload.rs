//! Reading a multipart submission form: text fields in memory (small, bounded), files streamed
//! to temporary storage with their size limits, checked before anything is saved.

use actix_multipart::Multipart;
use actix_session::Session;
use futures_util::TryStreamExt;
use std::collections::HashMap;

use crate::auth::extract::AuthVia;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::files::pdf::{self, PdfError, PdfInfo};
use crate::files::{FileStore, Incoming, UploadError};
use crate::web::page::SESSION_CSRF;

const MAX_TEXT_FIELD: usize = 64 * 1024;
const MAX_FIELDS: usize = 1000;

/// A received file with its name.
pub struct ReceivedFile {
    /// The bytes, in temporary storage.
    pub incoming: Incoming,
    /// The name on the uploader's computer.
    pub name: String,
}

/// A parsed multipart form.
#[derive(Default)]
pub struct Upload {
    /// Text fields; repeated names keep every value.
    pub fields: HashMap<String, Vec<String>>,
    /// The paper (`pdf` field).
    pub pdf: Option<ReceivedFile>,
    /// The supplementary material (`supplement` field).
    pub supplement: Option<ReceivedFile>,
    /// Evidence for an evaluation self-report (`evidence` field).
    pub evidence: Option<ReceivedFile>,
    /// Other files, by part name (`file`, `image`): galleys, copyedited texts, covers.
    pub other: std::collections::BTreeMap<String, ReceivedFile>,
}

impl Upload {
    /// First value of a text field, or "".
    pub fn get(&self, name: &str) -> String {
        self.fields.get(name).and_then(|v| v.first()).cloned().unwrap_or_default()
    }

    /// Every value of a repeated field.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    /// A digest of what was sent (fields in name order, the files' hashes), leaving out the
    /// CSRF token and the form's one-time key, which differ between two sends of one form.
    pub fn fingerprint(&self) -> String {
        let mut names: Vec<&String> = self.fields.keys().filter(|n| *n != "csrf" && *n != "once").collect();
        names.sort();
        let mut parts: Vec<&[u8]> = Vec::new();
        for name in names {
            parts.push(name.as_bytes());
            for v in &self.fields[name] {
                parts.push(v.as_bytes());
            }
        }
        for (label, file) in [("pdf", &self.pdf), ("supplement", &self.supplement), ("evidence", &self.evidence)] {
            if let Some(f) = file {
                parts.push(label.as_bytes());
                parts.push(f.incoming.sha256.as_bytes());
            }
        }
        for (label, f) in &self.other {
            parts.push(label.as_bytes());
            parts.push(f.incoming.sha256.as_bytes());
        }
        crate::web::idempotency::fingerprint(parts)
    }
}

fn too_large(field: &str) -> AppError {
    AppError::field(field, "validation.file_too_large")
}

/// A form that could not be read completely: the error, and the text fields read before it
/// (so that the page can show the user what they typed).
pub struct ReadFailure {
    /// What went wrong.
    pub error: AppError,
    /// Fields read before the problem.
    pub partial: Upload,
}

/// Reads the whole form; files over their limit are refused as soon as they pass it.
pub async fn read(payload: Multipart, store: &FileStore, pdf_limit: u64, supp_limit: u64) -> Result<Upload, ReadFailure> {
    let mut up = Upload::default();
    match read_into(payload, store, pdf_limit, supp_limit, &mut up).await {
        Ok(()) => Ok(up),
        Err(error) => Err(ReadFailure { error, partial: up }),
    }
}

async fn read_into(mut payload: Multipart, store: &FileStore, pdf_limit: u64, supp_limit: u64, up: &mut Upload) -> Result<(), AppError> {
    let mut count = 0;
    while let Some(mut field) = payload
        .try_next()
        .await
        .map_err(|e| AppError::BadRequest(format!("malformed upload: {e}")))?
    {
        count += 1;
        if count > MAX_FIELDS {
            return Err(AppError::BadRequest("too many form fields".into()));
        }
        let name = field.name().unwrap_or_default().to_string();
        let filename = field.content_disposition().and_then(|cd| cd.get_filename()).map(str::to_string);
        match (name.as_str(), filename) {
            ("pdf" | "supplement" | "source" | "evidence" | "file" | "image", Some(filename)) => {
                let limit = if name == "pdf" { pdf_limit } else { supp_limit };
                match store.receive(&mut field, limit).await {
                    Ok(incoming) => {
                        let f = ReceivedFile { incoming, name: filename };
                        match name.as_str() {
                            "pdf" => up.pdf = Some(f),
                            "evidence" => up.evidence = Some(f),
                            "file" | "image" => {
                                up.other.insert(name.clone(), f);
                            }
                            _ => up.supplement = Some(f),
                        }
                    }
                    // No file chosen: browsers send an empty part.
                    Err(UploadError::Empty) => {}
                    Err(UploadError::TooLarge { .. }) => return Err(too_large(&name)),
                    Err(UploadError::Interrupted(e)) => {
                        return Err(AppError::BadRequest(format!("upload interrupted: {e}")));
                    }
                    Err(UploadError::Io(e)) => {
                        return Err(AppError::caused("storage", e));
                    }
                }
            }
            _ => {
                let mut value = Vec::new();
                while let Some(chunk) = field
                    .try_next()
                    .await
                    .map_err(|e| AppError::BadRequest(format!("malformed upload: {e}")))?
                {
                    if value.len() + chunk.len() > MAX_TEXT_FIELD {
                        return Err(AppError::field(&name, "validation.too_long"));
                    }
                    value.extend_from_slice(&chunk);
                }
                let text = String::from_utf8(value).map_err(|_| AppError::BadRequest(format!("field {name} is not UTF-8 text")))?;
                up.fields.entry(name).or_default().push(text);
            }
        }
    }
    Ok(())
}

/// Checks the paper: a real PDF within the resource limits and the page limit (pages counted in
/// the page tree), from which the reviewers' anonymised copy can be made. Runs on the
/// blocking pool.
pub async fn check_pdf(file: &ReceivedFile, page_limit: Option<i32>, limits: pdf::Limits) -> Result<PdfInfo, AppError> {
    let path = file.incoming.tmp_path.clone();
    // A check holds the parsed file and its anonymised copy in memory: at a deadline surge,
    // hundreds at once would only share the cores and multiply the memory, so they queue.
    let _slot = pdf_checks().acquire().await.map_err(|e| AppError::caused("PDF check queue", e))?;
    let info = actix_web::web::block(move || pdf::check_upload(&path, &limits))
        .await
        .map_err(|e| AppError::caused("PDF check", e))?;
    let mut f = FieldErrors::new();
    match info {
        Err(PdfError::NotPdf) => {
            f.insert("pdf".into(), "validation.not_pdf".into());
        }
        Err(PdfError::Encrypted) => {
            f.insert("pdf".into(), "validation.pdf_encrypted".into());
        }
        Err(PdfError::Damaged(_)) => {
            f.insert("pdf".into(), "validation.pdf_damaged".into());
        }
        Err(PdfError::TooExpanded { .. }) => {
            f.insert("pdf".into(), "validation.pdf_too_expanded".into());
        }
        Err(PdfError::TooComplex(_)) => {
            f.insert("pdf".into(), "validation.pdf_too_complex".into());
        }
        Err(PdfError::NotAnonymisable(_)) => {
            f.insert("pdf".into(), "validation.pdf_not_anonymisable".into());
        }
        Ok(info) => {
            if page_limit.is_some_and(|l| info.pages as i32 > l) {
                f.insert("pdf".into(), "validation.too_many_pages".into());
            } else {
                return Ok(info);
            }
        }
    }
    Err(AppError::Validation { fields: f })
}

/// PDF checks running at once in this process: two per core.
fn pdf_checks() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()) * 2))
}

/// Checks supplementary material: a ZIP archive or a PDF.
pub fn check_supplement(file: &ReceivedFile) -> Result<&'static str, AppError> {
    use std::io::Read;
    let mut head = [0u8; 5];
    let n = std::fs::File::open(&file.incoming.tmp_path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| AppError::caused("reading the supplement", e))?;
    match &head[..n] {
        [b'P', b'K', 3, 4, ..] => Ok("application/zip"),
        b"%PDF-" => Ok("application/pdf"),
        _ => Err(AppError::field("supplement", "validation.supplement_type")),
    }
}

/// Rows of author fields the submission form offers.
pub const FORM_AUTHOR_ROWS: usize = 10;

/// The submission metadata of a form: a `metadata` JSON part (API clients) or the HTML form's
/// fields (`author{i}_email`, `topic`, `q{id}`...).
pub fn to_input(up: &Upload) -> Result<super::validate::SubmissionInput, AppError> {
    use super::validate::{AuthorInput, SubmissionInput};
    if let Some(meta) = up.fields.get("metadata").and_then(|v| v.first()) {
        return serde_json::from_str(meta).map_err(|e| AppError::BadRequest(format!("malformed metadata JSON: {e}")));
    }
    let mut authors = Vec::new();
    for i in 0..FORM_AUTHOR_ROWS {
        let g = |f: &str| up.get(&format!("author{i}_{f}"));
        authors.push(AuthorInput {
            name_zh: g("name_zh"),
            name_latin: g("name_latin"),
            email: g("email"),
            affiliation: g("affiliation"),
            country: g("country"),
            orcid: g("orcid"),
        });
    }
    let answers = up
        .fields
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix('q')
                .filter(|id| id.parse::<i64>().is_ok())
                .map(|id| (id.to_string(), v.first().cloned().unwrap_or_default()))
        })
        .collect();
    Ok(SubmissionInput {
        title_zh: up.get("title_zh"),
        title_en: up.get("title_en"),
        abstract_text: up.get("abstract_text"),
        keywords: up.get("keywords"),
        track: up.get("track"),
        topics: up.all("topic").iter().filter_map(|t| t.parse().ok()).collect(),
        authors,
        corresponding: up.get("corresponding").parse().unwrap_or(usize::MAX),
        presenter: up.get("presenter").parse().unwrap_or(usize::MAX),
        answers,
        conflicts: up.all("conflict").iter().filter_map(|t| t.parse().ok()).collect(),
        related_submissions: up.get("related_submissions"),
    })
}

/// Session-cookie callers must prove the form came from our pages.
pub fn check_csrf(session: &Session, via: AuthVia, up: &Upload) -> AppResult<()> {
    if via == AuthVia::Token {
        return Ok(());
    }
    let expected = session.get::<String>(SESSION_CSRF).ok().flatten().unwrap_or_default();
    if expected.is_empty() || up.get("csrf") != expected {
        Err(AppError::Csrf)
    } else {
        Ok(())
    }
}

/// The claim of a page form's one-time key (`once`): the same form posted twice (a double
/// click, a resend after a lost answer) makes one item. `None` without a usable key.
pub fn form_claim(up: &Upload, user_id: i64, scope: String) -> Option<crate::web::idempotency::Claim> {
    let once = up.get("once");
    (!once.is_empty())
        .then(|| crate::web::idempotency::parse_key(&once).ok())
        .flatten()
        .map(|key| crate::web::idempotency::Claim {
            user_id,
            key: format!("form:{key}"),
            scope,
            fingerprint: up.fingerprint(),
        })
}

/// Whether a form read only in part came from this session (its token matches): only then are
/// its fields shown back to the user.
pub fn from_this_session(session: &Session, partial: &Upload) -> bool {
    let expected = session.get::<String>(SESSION_CSRF).ok().flatten().unwrap_or_default();
    !expected.is_empty() && partial.get("csrf") == expected
}
