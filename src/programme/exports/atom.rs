//! The changes of a programme as an Atom feed (RFC 4287): one entry per release, newest first,
//! so attendees and apps learn when the programme moves.

use std::fmt::Write;

use chrono_tz::Tz;

use super::xml_text as esc;
use crate::programme::release::ReleaseSummary;
use crate::venues::model::Venue;
use crate::web::i18n::{Lang, t};

/// The feed of `venue`'s releases.
pub fn feed(venue: &Venue, releases: &[ReleaseSummary], lang: Lang, tz: Tz, base: &str) -> String {
    let title = if lang == Lang::ZhCn && !venue.title_zh.is_empty() || venue.title_en.is_empty() {
        &venue.title_zh
    } else {
        &venue.title_en
    };
    let page = format!("{base}/venues/{}/programme/changes", venue.slug);
    let updated = releases.first().map(|r| r.published_at.to_rfc3339()).unwrap_or_default();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(x, "  <title>{} · {}</title>", esc(title), esc(&t(lang, "programme.changes_title")));
    let _ = writeln!(x, "  <id>{}</id>", esc(&page));
    let _ = writeln!(x, "  <link rel=\"alternate\" href=\"{}\"/>", esc(&page));
    let _ = writeln!(x, "  <link rel=\"self\" href=\"{}.atom\"/>", esc(&page));
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    x.push_str("  <author><name>xuehui</name></author>\n");
    for r in releases {
        let shown = crate::programme::display::release(r, lang, tz);
        let mut text = String::new();
        if let Some(c) = shown["comment"].as_str().filter(|c| !c.is_empty()) {
            text.push_str(c);
            text.push_str("\n\n");
        }
        for c in shown["changes"].as_array().into_iter().flatten() {
            let kinds: Vec<&str> = c["kinds"].as_array().into_iter().flatten().filter_map(|k| k.as_str()).collect();
            let _ = writeln!(
                text,
                "{} ({}): {}",
                c["title"].as_str().unwrap_or(""),
                kinds.join(", "),
                c["after"]
                    .as_str()
                    .filter(|a| !a.is_empty())
                    .unwrap_or(c["before"].as_str().unwrap_or(""))
            );
        }
        let _ = writeln!(x, "  <entry>\n    <title>{}</title>", esc(&r.name));
        let _ = writeln!(x, "    <id>{}#release-{}</id>", esc(&page), r.number);
        let _ = writeln!(x, "    <link href=\"{}#release-{}\"/>", esc(&page), r.number);
        let _ = writeln!(x, "    <updated>{}</updated>", r.published_at.to_rfc3339());
        let _ = writeln!(x, "    <content type=\"text\">{}</content>\n  </entry>", esc(text.trim_end()));
    }
    x.push_str("</feed>\n");
    x
}
