//! The programme in the formats other software reads: c3voc schedule JSON, frab XML,
//! iCalendar, and CSV/XLSX timetables. All read a [`Snapshot`] and are pure.

pub mod atom;
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

/// Escapes text for XML content and attribute values; drops characters XML 1.0 cannot carry.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(super::xml_text("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }
}
