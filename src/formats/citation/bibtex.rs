//! BibTeX (pure): `@article` for journal articles, `@inproceedings` for conference papers, with
//! names as `Family, Given` in the entry's script, titles braced so their case is kept, and
//! biblatex's `langid` so Chinese entries are typeset by Chinese rules.

use super::{Kind, Person, Work};

/// Escapes the characters BibTeX gives a meaning.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '{' | '}' | '\\' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

fn name(p: &Person, chinese: bool) -> String {
    let (family, given) = p.parts(chinese);
    match (family.trim(), given.trim()) {
        (f, "") => format!("{{{}}}", escape(f)),
        ("", g) => format!("{{{}}}", escape(g)),
        (f, g) => format!("{}, {}", escape(f), escape(g)),
    }
}

/// The entry, with citation key `key`.
pub fn entry(w: &Work, key: &str) -> String {
    let authors: Vec<String> = w.authors.iter().map(|p| name(p, w.chinese)).filter(|n| n != "{}").collect();
    let mut fields: Vec<(&str, String)> = vec![("author", authors.join(" and ")), ("title", format!("{{{}}}", escape(w.title())))];
    let (kind, container) = match w.kind {
        Kind::JournalArticle => ("article", "journal"),
        Kind::ConferencePaper => ("inproceedings", "booktitle"),
    };
    fields.push((container, escape(w.container())));
    if w.kind == Kind::ConferencePaper && !w.event().is_empty() && w.event() != w.container() {
        fields.push(("eventtitle", escape(w.event())));
    }
    fields.push(("year", w.year.to_string()));
    if let Some(d) = w.date {
        fields.push(("date", d.format("%Y-%m-%d").to_string()));
    }
    let pages = match (w.first_page.as_str(), w.last_page.as_str()) {
        ("", _) => String::new(),
        (f, "") => f.to_string(),
        (f, l) if f == l => f.to_string(),
        (f, l) => format!("{f}--{l}"),
    };
    for (field, value) in [
        ("volume", &w.volume),
        ("number", &w.issue),
        ("pages", &pages),
        ("eid", &w.article_number),
        ("series", &w.series),
        ("publisher", &w.publisher),
        ("address", &w.place),
        ("isbn", &w.isbn),
        ("doi", &w.doi),
        ("url", &w.url),
        ("abstract", &w.abstract_text),
    ] {
        if !value.is_empty() {
            fields.push((field, escape(value)));
        }
    }
    if let Some(issn) = w.issn.first() {
        fields.push(("issn", escape(issn)));
    }
    if !w.keywords.is_empty() {
        fields.push(("keywords", escape(&w.keywords.join(", "))));
    }
    match w.language.as_str() {
        "zh" => fields.push(("langid", "chinese".into())),
        "en" => fields.push(("langid", "english".into())),
        _ => {}
    }
    let body: Vec<String> = fields
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("  {k} = {{{v}}}"))
        .collect();
    format!("@{kind}{{{key},\n{}\n}}\n", body.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::citation::samples::{chinese_article, english_paper};

    /// The entry read back by hayagriva's BibLaTeX parser (the one typst uses).
    fn parsed(bib: &str) -> hayagriva::Library {
        hayagriva::io::from_biblatex_str(bib).unwrap_or_else(|e| panic!("{e:?}\n{bib}"))
    }

    #[test]
    fn an_article_reads_back_with_its_authors_title_journal_and_pages() {
        let w = chinese_article();
        let bib = entry(&w, "li2027fairness");
        assert!(bib.starts_with("@article{li2027fairness,\n"), "{bib}");
        assert!(bib.contains("  pages = {101--108}"), "{bib}");
        let lib = parsed(&bib);
        let e = lib.get("li2027fairness").expect("the entry");
        assert_eq!(e.title().map(|t| t.value.to_str()), Some("同行评议的公平性".into()));
        let authors = e.authors().expect("authors");
        assert_eq!(authors.len(), 4);
        assert_eq!((authors[0].name.as_str(), authors[0].given_name.as_deref()), ("李", Some("华")));
        assert_eq!(
            (authors[2].name.as_str(), authors[2].given_name.as_deref()),
            ("Smith", Some("John Paul"))
        );
        let journal = e.parents().first().and_then(|p| p.title()).map(|t| t.value.to_str());
        assert_eq!(journal, Some("示范科学学报".into()));
        assert_eq!(e.doi(), Some("10.12345/j.2027.12.3.001"));
    }

    #[test]
    fn a_paper_is_inproceedings_and_special_characters_are_escaped() {
        let mut w = english_paper();
        w.title_en = "Costs & benefits of 100% open_review {now}".into();
        let bib = entry(&w, "li2026costs");
        assert!(bib.starts_with("@inproceedings{li2026costs,"), "{bib}");
        assert!(bib.contains(r"Costs \& benefits of 100\% open\_review \{now\}"), "{bib}");
        let lib = parsed(&bib);
        let e = lib.get("li2026costs").expect("the entry");
        assert_eq!(
            e.title().map(|t| t.value.to_str()),
            Some("Costs & benefits of 100% open_review {now}".into())
        );
        let authors = e.authors().expect("authors");
        assert_eq!((authors[1].name.as_str(), authors[1].given_name.as_deref()), ("Doe", Some("Jane")));
    }
}
