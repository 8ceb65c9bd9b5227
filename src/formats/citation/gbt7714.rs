//! GB/T 7714-2015, the Chinese national standard for references (pure):
//! `作者. 题名[J]. 刊名, 年, 卷(期): 页码. DOI:….` for journal articles and
//! `作者. 题名[C]//论文集名: 卷. 出版地: 出版者, 年: 页码. DOI:….` for conference papers. Chinese
//! entries name Chinese authors in characters and end a list of more than three with "等";
//! English entries write Latin names as FAMILY and initials (`SHAH N B`) and end with "et al",
//! as the standard's examples do. `[J/OL]` is not used: the DOI is the locator.

use super::{Kind, Person, Work};

/// `SHAH N B` from family `Shah` and given `Nihar B.`.
fn latin(family: &str, given: &str) -> String {
    let initials: Vec<String> = given
        .split(|c: char| c.is_whitespace() || c == '-' || c == '.')
        .filter_map(|p| p.chars().next())
        .map(|c| c.to_uppercase().to_string())
        .collect();
    let mut s = family.to_uppercase();
    if !initials.is_empty() {
        s.push(' ');
        s.push_str(&initials.join(" "));
    }
    s
}

fn name(p: &Person, chinese: bool) -> String {
    let han = p.han();
    if (chinese && !han.is_empty()) || !p.has_latin() {
        han
    } else {
        latin(&p.family_en, &p.given_en)
    }
}

/// The GB/T 7714-2015 reference of the work.
pub fn reference(w: &Work) -> String {
    let names: Vec<String> = w.authors.iter().map(|p| name(p, w.chinese)).filter(|n| !n.is_empty()).collect();
    let mut who = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        who.push_str(if w.chinese { ", 等" } else { ", et al" });
    }
    let mut s = String::new();
    if !who.is_empty() {
        s.push_str(&who);
        s.push_str(". ");
    }
    let pages = w.pages("-");
    match w.kind {
        Kind::JournalArticle => {
            s.push_str(&format!("{}[J]. {}, {}", w.title(), w.container(), w.year));
            match (w.volume.is_empty(), w.issue.is_empty()) {
                (false, false) => s.push_str(&format!(", {}({})", w.volume, w.issue)),
                (false, true) => s.push_str(&format!(", {}", w.volume)),
                (true, false) => s.push_str(&format!("({})", w.issue)),
                (true, true) => {}
            }
            if !pages.is_empty() {
                s.push_str(&format!(": {pages}"));
            }
        }
        Kind::ConferencePaper => {
            s.push_str(&format!("{}[C]//{}", w.title(), w.container()));
            if !w.volume.is_empty() {
                s.push_str(&format!(": {}", w.volume));
            }
            s.push_str(". ");
            match (w.place.is_empty(), w.publisher.is_empty()) {
                (false, false) => s.push_str(&format!("{}: {}, ", w.place, w.publisher)),
                (true, false) => s.push_str(&format!("{}, ", w.publisher)),
                (false, true) => s.push_str(&format!("{}, ", w.place)),
                (true, true) => {}
            }
            s.push_str(&w.year.to_string());
            if !pages.is_empty() {
                s.push_str(&format!(": {pages}"));
            }
        }
    }
    s.push('.');
    if !w.doi.is_empty() {
        s.push_str(&format!(" DOI:{}.", w.doi));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::citation::samples::{chinese_article, english_paper, p};

    #[test]
    fn a_chinese_article_names_authors_in_characters_and_ends_a_long_list_with_deng() {
        assert_eq!(
            reference(&chinese_article()),
            "李华, 王伟, SMITH J P, 等. 同行评议的公平性[J]. 示范科学学报, 2027, 12(3): 101-108. DOI:10.12345/j.2027.12.3.001."
        );
    }

    #[test]
    fn an_english_article_writes_family_names_and_initials_and_et_al() {
        let w = Work {
            chinese: false,
            authors: vec![p("李", "华", "Li", "Hua")],
            first_page: String::new(),
            last_page: String::new(),
            article_number: "e1002".into(),
            volume: "1".into(),
            issue: "1".into(),
            doi: String::new(),
            ..chinese_article()
        };
        assert_eq!(
            reference(&w),
            "LI H. Fairness in peer review[J]. Journal of Demonstration Science, 2027, 1(1): e1002."
        );
        let many = Work {
            authors: vec![p("", "", "Shah", "Nihar B."); 4],
            article_number: String::new(),
            ..w
        };
        let r = reference(&many);
        assert!(r.starts_with("SHAH N B, SHAH N B, SHAH N B, et al. Fairness"), "{r}");
        assert!(r.ends_with("1(1)."), "{r}");
    }

    #[test]
    fn a_conference_paper_cites_its_proceedings_with_place_publisher_and_pages() {
        let w = english_paper();
        assert_eq!(
            reference(&w),
            "LI H, DOE J. A Study of Peer Review[C]//Proceedings of the 2026 Annual Conference: 1. Beijing: Demo Press, 2026: 3-5. DOI:10.12345/annual.2026."
        );
        let zh = Work {
            chinese: true,
            title_zh: "同行评议研究".into(),
            authors: vec![p("李", "华", "Li", "Hua"); 4],
            volume: String::new(),
            place: "北京".into(),
            publisher: String::new(),
            first_page: String::new(),
            last_page: String::new(),
            doi: String::new(),
            ..w
        };
        // Before there are proceedings: the conference, its place and year.
        assert_eq!(
            reference(&zh),
            "李华, 李华, 李华, 等. 同行评议研究[C]//2026 年学术年会论文集. 北京, 2026."
        );
    }
}
