//! An English reference in the ACM Reference Format (pure): `Hua Li and Jane Doe. 2027.
//! Title. Journal 12, 3 (2027), 101–108. https://doi.org/…` and `… In Proceedings … (Series,
//! Vol. 1). Publisher, Place, 3–5. …`. English titles and names are used where the work has
//! them, whatever the entry's language.

use super::{Kind, Person, Work, or};

fn name(p: &Person) -> String {
    if p.has_latin() {
        format!("{} {}", p.given_en, p.family_en).trim().to_string()
    } else {
        p.han()
    }
}

/// `A`, `A and B`, `A, B, and C`.
fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// The reference.
pub fn reference(w: &Work) -> String {
    let names: Vec<String> = w.authors.iter().map(name).filter(|n| !n.is_empty()).collect();
    let mut s = String::new();
    if !names.is_empty() {
        s.push_str(&format!("{}. ", list(&names)));
    }
    s.push_str(&format!("{}. {}. ", w.year, or(&w.title_en, &w.title_zh)));
    let pages = w.pages("–");
    match w.kind {
        Kind::JournalArticle => {
            s.push_str(or(&w.container_en, &w.container_zh));
            match (w.volume.is_empty(), w.issue.is_empty()) {
                (false, false) => s.push_str(&format!(" {}, {}", w.volume, w.issue)),
                (false, true) => s.push_str(&format!(" {}", w.volume)),
                (true, false) => s.push_str(&format!(" {}", w.issue)),
                (true, true) => {}
            }
            s.push_str(&format!(" ({})", w.year));
            if !pages.is_empty() {
                s.push_str(&format!(", {pages}"));
            }
            s.push('.');
        }
        Kind::ConferencePaper => {
            s.push_str(&format!("In {}", or(&w.container_en, &w.container_zh)));
            let series: Vec<String> = [
                w.series.clone(),
                if w.volume.is_empty() {
                    String::new()
                } else {
                    format!("Vol. {}", w.volume)
                },
            ]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect();
            if !series.is_empty() {
                s.push_str(&format!(" ({})", series.join(", ")));
            }
            s.push('.');
            let imprint: Vec<&str> = [w.publisher.as_str(), w.place.as_str(), pages.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect();
            if !imprint.is_empty() {
                s.push_str(&format!(" {}.", imprint.join(", ")));
            }
        }
    }
    if !w.doi.is_empty() {
        s.push_str(&format!(" https://doi.org/{}", w.doi));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::citation::samples::{chinese_article, english_paper};

    #[test]
    fn an_article_names_everyone_given_name_first_with_volume_issue_and_pages() {
        assert_eq!(
            reference(&chinese_article()),
            "Hua Li, Wei Wang, John Paul Smith, and 张三. 2027. Fairness in peer review. Journal of Demonstration Science 12, 3 (2027), 101–108. https://doi.org/10.12345/j.2027.12.3.001"
        );
    }

    #[test]
    fn a_paper_cites_its_proceedings_series_publisher_and_pages() {
        assert_eq!(
            reference(&english_paper()),
            "Hua Li and Jane Doe. 2026. A Study of Peer Review. In Proceedings of the 2026 Annual Conference (Demo Series, Vol. 1). Demo Press, Beijing, 3–5. https://doi.org/10.12345/annual.2026"
        );
    }
}
