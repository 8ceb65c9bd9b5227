//! RIS, the tagged format reference managers import (pure): `TY  - JOUR` or `TY  - CPAPER`,
//! one tag per line (`XX  - value`, CRLF), `AU` once per author as `Family, Given`, ending with
//! `ER  - `.

use super::{Kind, Work};

/// The record.
pub fn record(w: &Work) -> String {
    let mut lines: Vec<(&str, String)> = vec![(
        "TY",
        match w.kind {
            Kind::JournalArticle => "JOUR",
            Kind::ConferencePaper => "CPAPER",
        }
        .into(),
    )];
    for p in &w.authors {
        let (family, given) = p.parts(w.chinese);
        let name = match (family.trim(), given.trim()) {
            (f, "") => f.to_string(),
            ("", g) => g.to_string(),
            (f, g) => format!("{f}, {g}"),
        };
        if !name.is_empty() {
            lines.push(("AU", name));
        }
    }
    lines.push(("TI", w.title().into()));
    lines.push(("T2", w.container().into()));
    if w.kind == Kind::ConferencePaper && w.event() != w.container() {
        lines.push(("C3", w.event().into()));
    }
    lines.push(("PY", w.year.to_string()));
    if let Some(d) = w.date {
        lines.push(("DA", d.format("%Y/%m/%d").to_string()));
    }
    let start = if w.first_page.is_empty() {
        &w.article_number
    } else {
        &w.first_page
    };
    for (tag, value) in [
        ("VL", &w.volume),
        ("IS", &w.issue),
        ("SP", start),
        ("EP", &w.last_page),
        ("T3", &w.series),
        ("PB", &w.publisher),
        ("CY", &w.place),
        ("SN", &w.isbn),
        ("DO", &w.doi),
        ("UR", &w.url),
        ("AB", &w.abstract_text),
        ("LA", &w.language),
    ] {
        lines.push((tag, value.clone()));
    }
    lines.extend(w.issn.iter().map(|i| ("SN", i.clone())));
    lines.extend(w.keywords.iter().map(|k| ("KW", k.clone())));
    let mut out = String::new();
    for (tag, value) in lines {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if !value.is_empty() {
            out.push_str(&format!("{tag}  - {value}\r\n"));
        }
    }
    out.push_str("ER  - \r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::citation::samples::{chinese_article, english_paper};

    fn tags(ris: &str) -> Vec<(String, String)> {
        ris.split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| {
                assert_eq!(&l[2..6], "  - ", "a line is TAG, two spaces, a hyphen, a space: {l:?}");
                (l[..2].to_string(), l[6..].to_string())
            })
            .collect()
    }

    #[test]
    fn an_article_is_a_jour_record_with_one_line_per_author_and_keyword() {
        let t = tags(&record(&chinese_article()));
        assert_eq!(t.first(), Some(&("TY".into(), "JOUR".into())));
        assert_eq!(t.last(), Some(&("ER".into(), String::new())));
        let all = |tag: &str| t.iter().filter(|(k, _)| k == tag).map(|(_, v)| v.as_str()).collect::<Vec<_>>();
        assert_eq!(all("AU"), ["李, 华", "王, 伟", "Smith, John Paul", "张, 三"]);
        assert_eq!(all("KW"), ["同行评议", "公平"]);
        assert_eq!(all("SP"), ["101"]);
        assert_eq!(all("EP"), ["108"]);
        assert_eq!(all("DA"), ["2027/03/15"]);
        assert_eq!(all("DO"), ["10.12345/j.2027.12.3.001"]);
        assert_eq!(all("T2"), ["示范科学学报"]);
    }

    #[test]
    fn a_paper_is_a_cpaper_record_and_an_article_number_is_its_start() {
        let t = tags(&record(&english_paper()));
        assert_eq!(t[0], ("TY".into(), "CPAPER".into()));
        assert!(t.contains(&("T2".into(), "Proceedings of the 2026 Annual Conference".into())));
        assert!(t.contains(&("C3".into(), "2026 Annual Conference".into())));
        assert!(t.contains(&("SN".into(), "978-7-111-11111-1".into())));
        let w = Work {
            first_page: String::new(),
            last_page: String::new(),
            article_number: "e1002".into(),
            ..chinese_article()
        };
        let t = tags(&record(&w));
        assert!(t.contains(&("SP".into(), "e1002".into())) && !t.iter().any(|(k, _)| k == "EP"));
    }
}
