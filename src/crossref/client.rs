//! Talking to Crossref's deposit system (`/servlet/deposit` and `/servlet/submissionDownload`
//! under the configured URL). A failure to reach it, or a 5xx or 429, is an `Err` the job
//! queue retries; Crossref's own refusals are answers.

use std::time::Duration;

use http_client::multipart::{Form, Part};

use super::result;
use crate::config::CrossrefConfig;

/// What the deposit servlet said.
#[derive(Debug, Clone, PartialEq)]
pub enum Sent {
    /// Received for processing; the page's text.
    Received(String),
    /// Refused (wrong login, malformed upload, …); the reason as Crossref gave it.
    Refused(String),
}

fn client() -> Result<http_client::Client, String> {
    http_client::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(120))
        .build()
        .map_err(|e| format!("HTTP client: {e}"))
}

/// Why a request did not get an answer, without the credentials it carried.
fn unreachable(cfg: &CrossrefConfig, e: http_client::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    format!("{kind}: {} ({})", cfg.url, e.without_url())
}

/// Sends one deposit file (`doMDUpload`).
pub async fn submit(cfg: &CrossrefConfig, batch_id: &str, xml: String) -> Result<Sent, String> {
    let file = Part::text(xml)
        .file_name(format!("{batch_id}.xml"))
        .mime_str("application/xml")
        .map_err(|e| e.to_string())?;
    let form = Form::new()
        .text("operation", "doMDUpload")
        .text("login_id", cfg.login.clone())
        .text("login_passwd", cfg.password.expose().to_string())
        .part("fname", file);
    let res = client()?
        .post(format!("{}/servlet/deposit", cfg.url))
        .multipart(form)
        .send()
        .await
        .map_err(|e| unreachable(cfg, e))?;
    let status = res.status();
    let page = res.text().await.map_err(|e| unreachable(cfg, e))?;
    let text = result::plain(&page, 1000);
    if status.is_server_error() || status.as_u16() == 429 {
        return Err(format!("Crossref answered {status}: {text}"));
    }
    Ok(if status.is_success() && result::received(&page) {
        Sent::Received(text)
    } else {
        Sent::Refused(format!("{status}: {text}"))
    })
}

/// The submission log of batch `batch_id` (`type=result`), as Crossref wrote it.
pub async fn log(cfg: &CrossrefConfig, batch_id: &str) -> Result<String, String> {
    // A form post keeps the password out of URLs and logs.
    let res = client()?
        .post(format!("{}/servlet/submissionDownload", cfg.url))
        .form(&[
            ("usr", cfg.login.as_str()),
            ("pwd", cfg.password.expose()),
            ("doi_batch_id", batch_id),
            ("type", "result"),
        ])
        .send()
        .await
        .map_err(|e| unreachable(cfg, e))?;
    let status = res.status();
    let body = res.text().await.map_err(|e| unreachable(cfg, e))?;
    if !status.is_success() {
        return Err(format!("Crossref answered {status}: {}", result::plain(&body, 500)));
    }
    Ok(body)
}
