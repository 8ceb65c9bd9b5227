//! The `doi_batch` of a conference's proceedings (pure): `event_metadata` (name, place,
//! dates), `proceedings_metadata` (title, publisher, date, ISBN, the volume's DOI) and one
//! `conference_paper` per paper, in the order the schema requires.

use std::io;

use chrono::Datelike;
use quick_xml::events::BytesText;

use super::parts::{batch, item, online};
use super::{Head, Proceedings};
use crate::formats::xml::{W, document, text};

fn event(w: &mut W, p: &Proceedings) -> io::Result<()> {
    w.create_element("event_metadata").write_inner_content(|w| {
        text(w, "conference_name", &p.conference_name)?;
        if !p.location.trim().is_empty() {
            text(w, "conference_location", &p.location)?;
        }
        if let (Some(s), Some(e)) = (p.starts, p.ends.or(p.starts)) {
            let shown = if s == e {
                s.format("%Y-%m-%d").to_string()
            } else {
                format!("{}/{}", s.format("%Y-%m-%d"), e.format("%Y-%m-%d"))
            };
            let (sd, sm, sy) = (format!("{:02}", s.day()), format!("{:02}", s.month()), s.year().to_string());
            let (ed, em, ey) = (format!("{:02}", e.day()), format!("{:02}", e.month()), e.year().to_string());
            w.create_element("conference_date")
                .with_attributes([
                    ("start_day", sd.as_str()),
                    ("start_month", sm.as_str()),
                    ("start_year", sy.as_str()),
                    ("end_day", ed.as_str()),
                    ("end_month", em.as_str()),
                    ("end_year", ey.as_str()),
                ])
                .write_text_content(BytesText::new(&shown))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn volume(w: &mut W, p: &Proceedings) -> io::Result<()> {
    let mut el = w.create_element("proceedings_metadata");
    if !p.language.is_empty() {
        el = el.with_attribute(("language", p.language.as_str()));
    }
    el.write_inner_content(|w| {
        text(w, "proceedings_title", &p.title)?;
        w.create_element("publisher").write_inner_content(|w| {
            text(w, "publisher_name", &p.publisher)?;
            if !p.publisher_place.trim().is_empty() {
                text(w, "publisher_place", &p.publisher_place)?;
            }
            Ok(())
        })?;
        online(w, p.published)?;
        if p.isbn.is_empty() {
            w.create_element("noisbn")
                .with_attribute(("reason", "simple_series"))
                .write_empty()?;
        } else {
            w.create_element("isbn")
                .with_attribute(("media_type", "print"))
                .write_text_content(BytesText::new(&p.isbn))?;
        }
        w.create_element("doi_data").write_inner_content(|w| {
            text(w, "doi", &p.doi)?;
            text(w, "resource", &p.url)
        })?;
        Ok(())
    })?;
    Ok(())
}

/// The deposit of the proceedings `p` and their papers.
pub fn deposit(h: &Head, p: &Proceedings) -> io::Result<String> {
    document(None, |w| {
        batch(w, h, |w| {
            w.create_element("conference").write_inner_content(|w| {
                event(w, p)?;
                volume(w, p)?;
                for paper in &p.papers {
                    item(w, "conference_paper", paper, true)?;
                }
                Ok(())
            })?;
            Ok(())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn papers_name_their_authors_before_their_titles() {
        let (head, issue) = crate::formats::crossref::journal::tests::sample();
        let p = Proceedings {
            conference_name: "2026 学术年会 & Annual Meeting".into(),
            location: "Beijing".into(),
            starts: NaiveDate::from_ymd_opt(2026, 10, 12),
            ends: NaiveDate::from_ymd_opt(2026, 10, 14),
            title: "Proceedings of the 2026 Annual Meeting".into(),
            publisher: "Science Press".into(),
            published: NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(),
            doi: "10.12345/annual.2026".into(),
            url: "https://example.org/venues/annual-2026/proceedings".into(),
            papers: issue.articles.clone(),
            ..Default::default()
        };
        let xml = deposit(&head, &p).unwrap();
        assert!(xml.contains("2026 学术年会 &amp; Annual Meeting"), "{xml}");
        assert!(
            xml.contains(r#"<conference_date start_day="12" start_month="10" start_year="2026" end_day="14" end_month="10" end_year="2026">2026-10-12/2026-10-14</conference_date>"#),
            "{xml}"
        );
        assert!(xml.contains(r#"<noisbn reason="simple_series"/>"#), "{xml}");
        let paper = &xml[xml.find("<conference_paper ").unwrap()..xml.find("</conference_paper>").unwrap()];
        assert!(paper.find("<contributors>").unwrap() < paper.find("<titles>").unwrap(), "{paper}");
        assert!(xml.find("<event_metadata>").unwrap() < xml.find("<proceedings_metadata>").unwrap());
    }
}
