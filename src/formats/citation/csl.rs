//! CSL-JSON, the input format of Citation Style Language processors (Zotero, Mendeley,
//! pandoc) (pure): an array holding one item, `article-journal` or `paper-conference`, with
//! the names in the entry's script and empty variables left out.

use serde_json::{Map, Value, json};

use super::{Kind, Work};

/// The items (a JSON array with the one work), pretty-printed.
pub fn items(w: &Work, id: &str) -> String {
    let mut item = Map::new();
    let mut put = |k: &str, v: Value| {
        let empty = matches!(&v, Value::String(s) if s.is_empty()) || matches!(&v, Value::Array(a) if a.is_empty());
        if !empty {
            item.insert(k.to_string(), v);
        }
    };
    put("id", json!(id));
    put(
        "type",
        json!(match w.kind {
            Kind::JournalArticle => "article-journal",
            Kind::ConferencePaper => "paper-conference",
        }),
    );
    put("title", json!(w.title()));
    put("container-title", json!(w.container()));
    if w.kind == Kind::ConferencePaper {
        put("event-title", json!(w.event()));
        put("event-place", json!(w.place));
    }
    let authors: Vec<Value> = w
        .authors
        .iter()
        .filter_map(|p| {
            let (family, given) = p.parts(w.chinese);
            match (family.trim(), given.trim()) {
                ("", "") => None,
                (f, "") => Some(json!({ "literal": f })),
                ("", g) => Some(json!({ "literal": g })),
                (f, g) => Some(json!({ "family": f, "given": g })),
            }
        })
        .collect();
    put("author", Value::Array(authors));
    put("issued", json!({ "date-parts": [w.date_parts()] }));
    put("volume", json!(w.volume));
    put("issue", json!(w.issue));
    put("page", json!(w.pages("-")));
    put("number", json!(w.article_number));
    put("collection-title", json!(w.series));
    put("publisher", json!(w.publisher));
    put("publisher-place", json!(w.place));
    put("ISSN", json!(w.issn.join(", ")));
    put("ISBN", json!(w.isbn));
    put("DOI", json!(w.doi));
    put("URL", json!(w.url));
    put("abstract", json!(w.abstract_text));
    put("keyword", json!(w.keywords.join(", ")));
    put("language", json!(w.language));
    serde_json::to_string_pretty(&Value::Array(vec![Value::Object(item)])).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::citation::samples::{chinese_article, english_paper};

    #[test]
    fn an_article_is_an_article_journal_item_with_names_dates_and_pages() {
        let v: Value = serde_json::from_str(&items(&chinese_article(), "li2027fairness")).unwrap();
        let item = &v[0];
        assert_eq!(item["type"], "article-journal");
        assert_eq!(item["author"][0], json!({"family": "李", "given": "华"}));
        assert_eq!(item["author"][2], json!({"family": "Smith", "given": "John Paul"}));
        assert_eq!(item["issued"], json!({"date-parts": [[2027, 3, 15]]}));
        assert_eq!(item["page"], "101-108");
        assert_eq!(item["container-title"], "示范科学学报");
        assert!(item.get("event-title").is_none() && item.get("ISBN").is_none());
    }

    #[test]
    fn a_paper_is_a_paper_conference_item_with_its_event() {
        let v: Value = serde_json::from_str(&items(&english_paper(), "li2026study")).unwrap();
        let item = &v[0];
        assert_eq!(item["type"], "paper-conference");
        assert_eq!(item["event-title"], "2026 Annual Conference");
        assert_eq!(item["issued"], json!({"date-parts": [[2026]]}));
        assert_eq!(item["author"][1], json!({"family": "Doe", "given": "Jane"}));
    }
}
