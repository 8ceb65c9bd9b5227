//! The programme in the formats other software reads: c3voc schedule JSON, frab XML,
//! iCalendar, and CSV/XLSX timetables. All read a [`Snapshot`] and are pure.

pub mod c3voc;
pub mod events;
pub mod frab;
pub mod ical;
pub mod sheet;

use chrono::{DateTime, Utc};

/// Where the programme lives and in which language it is written.
#[derive(Debug, Clone)]
pub struct Site {
    /// The service's base address, without a trailing slash.
    pub base_url: String,
    /// Language of titles and names (`zh-CN` or `en`).
    pub lang: String,
    /// The time stamped on the document (the release's publication, so output is stable).
    pub generated_at: DateTime<Utc>,
}

impl Site {
    /// Whether the reader reads Chinese.
    pub fn zh(&self) -> bool {
        self.lang.starts_with("zh")
    }

    /// `zh` or `en` by the site language, falling back to the other when empty.
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        let (a, b) = if self.zh() { (zh, en) } else { (en, zh) };
        if a.trim().is_empty() { b } else { a }
    }
}
