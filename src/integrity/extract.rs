//! The text of an uploaded PDF, read by poppler's `pdftotext` in a child process with limits on
//! time, memory, pages and output, so that a hostile or broken file costs a refusal, never the
//! server. A file without extractable text (a scan) is recorded as such.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Limits of one extraction.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time before the child is killed.
    pub time: Duration,
    /// Address space of the child, in bytes.
    pub memory: u64,
    /// Pages read from the start of the file.
    pub pages: u32,
    /// Text kept, in bytes; the rest is cut.
    pub output: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(60),
            memory: 1 << 30,
            pages: 300,
            output: 4 << 20,
        }
    }
}

/// A text with fewer letters than this is no text: a scanned paper yields page numbers at most.
pub const MIN_LETTERS: usize = 200;

/// What reading a PDF gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extracted {
    /// The text, tidied (form feeds as blank lines, no control characters).
    Text(String),
    /// The file holds no text layer worth the name (a scan, or images of pages).
    NoText,
    /// The reader refused or broke on the file; the reason in English, for operators.
    Failed(String),
    /// `pdftotext` is not installed on this server.
    Unavailable,
}

/// Reads `pdf` with the `pdftotext` found on `PATH` (or at `program`).
pub async fn pdf(program: &str, pdf: Vec<u8>, limits: Limits) -> Extracted {
    // The shell sets the address-space limit, then becomes the reader: no unsafe code here.
    let mut cmd = tokio::process::Command::new("/bin/sh");
    cmd.arg("-c")
        .arg("ulimit -v \"$1\" && shift && exec \"$@\"")
        .arg("sh")
        .arg((limits.memory / 1024).to_string())
        .arg(program)
        .args(["-q", "-enc", "UTF-8", "-eol", "unix", "-f", "1", "-l"])
        .arg(limits.pages.to_string())
        .args(["-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return Extracted::Failed(format!("could not start pdftotext: {e}")),
    };
    let mut stdin = child.stdin.take().expect("piped");
    let mut stdout = child.stdout.take().expect("piped");
    let cap = limits.output;
    let run = async move {
        // Feed and read at once: a large file would otherwise fill both pipes and stall.
        let feed = async move {
            // The child may stop reading early (a broken file); that is its answer, not ours.
            let _ = stdin.write_all(&pdf).await;
            drop(stdin);
        };
        let read = async move {
            let mut out = Vec::new();
            let mut limited = (&mut stdout).take(cap as u64);
            let r = limited.read_to_end(&mut out).await;
            // Drain the rest so the child can finish writing and exit.
            let _ = tokio::io::copy(&mut stdout, &mut tokio::io::sink()).await;
            r.map(|_| out)
        };
        let ((), out) = tokio::join!(feed, read);
        let status = child.wait().await;
        (out, status)
    };
    match tokio::time::timeout(limits.time, run).await {
        Err(_) => Extracted::Failed(format!("pdftotext took longer than {} s", limits.time.as_secs())),
        Ok((Err(e), _) | (_, Err(e))) => Extracted::Failed(format!("reading pdftotext failed: {e}")),
        Ok((Ok(out), Ok(status))) if !status.success() => {
            if out.is_empty() && status.code() == Some(127) {
                // The shell found no such program.
                Extracted::Unavailable
            } else if out.is_empty() {
                Extracted::Failed(match status.code() {
                    Some(c) => format!("pdftotext could not read the file (exit {c})"),
                    None => "pdftotext was stopped (memory limit or signal)".into(),
                })
            } else {
                judge(&out)
            }
        }
        Ok((Ok(out), Ok(_))) => judge(&out),
    }
}

/// The tidied text of `raw`, or [`Extracted::NoText`] when it has too few letters.
pub fn judge(raw: &[u8]) -> Extracted {
    let text = tidy(&String::from_utf8_lossy(raw));
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        Extracted::NoText
    } else {
        Extracted::Text(text)
    }
}

/// Form feeds become blank lines, other control and invisible characters go, runs of blank
/// lines shrink to one, and trailing spaces are cut.
pub fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank = 0;
    for line in raw.replace('\u{c}', "\n\n").lines() {
        let line: String = line.chars().filter(|&c| crate::text::allowed(c, false) || c == '\t').collect();
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidying_keeps_paragraphs_and_drops_controls() {
        assert_eq!(tidy("a\u{7}b  \n\n\n\nc\u{c}d\u{202e}e"), "ab\n\nc\n\nde");
    }

    #[test]
    fn a_page_of_numbers_is_no_text() {
        assert_eq!(judge(b"1\n\x0c2\n\x0c3"), Extracted::NoText);
        let words = "word ".repeat(60);
        assert!(matches!(judge(words.as_bytes()), Extracted::Text(_)));
    }

    #[tokio::test]
    async fn a_missing_reader_is_reported_as_such() {
        let got = pdf("/nonexistent/pdftotext", b"%PDF-1.4".to_vec(), Limits::default()).await;
        assert_eq!(got, Extracted::Unavailable);
    }
}
