//! How to cite a journal article in GB/T 7714-2015 (pure): `作者. 题名[J]. 刊名, 年, 卷(期):
//! 页码. DOI:….` Chinese entries name Chinese authors in characters and end a long list with
//! "等"; English entries write Latin names as FAMILY and initials (`SHAH N B`) and end with
//! "et al.", as the standard's examples do. `[J/OL]` is not used: the DOI is the locator.

/// One author: Chinese family and given names, Latin family and given names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Name {
    /// Family name in characters.
    pub family_zh: String,
    /// Given name in characters.
    pub given_zh: String,
    /// Family name in Latin script.
    pub family_en: String,
    /// Given name in Latin script.
    pub given_en: String,
}

/// What the citation is made of.
#[derive(Debug, Clone, Default)]
pub struct Cited {
    /// Whether the entry is Chinese (the article's language).
    pub chinese: bool,
    /// Authors in order.
    pub authors: Vec<Name>,
    /// Title in the entry's language.
    pub title: String,
    /// Journal name in the entry's language.
    pub journal: String,
    /// Year.
    pub year: i32,
    /// Volume.
    pub volume: i32,
    /// Issue number.
    pub issue: i32,
    /// "12-20", an article number, or "".
    pub pages: String,
    /// DOI.
    pub doi: Option<String>,
}

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

fn name(n: &Name, chinese: bool) -> String {
    let han = format!("{}{}", n.family_zh, n.given_zh);
    if (chinese && !han.is_empty()) || n.family_en.is_empty() {
        han
    } else {
        latin(&n.family_en, &n.given_en)
    }
}

/// The GB/T 7714-2015 reference of the article.
pub fn gbt7714(c: &Cited) -> String {
    let names: Vec<String> = c.authors.iter().map(|n| name(n, c.chinese)).filter(|n| !n.is_empty()).collect();
    let mut who = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        who.push_str(if c.chinese { ", 等" } else { ", et al" });
    }
    let mut s = String::new();
    if !who.is_empty() {
        s.push_str(&who);
        s.push_str(". ");
    }
    s.push_str(&format!("{}[J]. {}, {}, {}({})", c.title, c.journal, c.year, c.volume, c.issue));
    if !c.pages.is_empty() {
        s.push_str(&format!(": {}", c.pages));
    }
    s.push('.');
    if let Some(d) = &c.doi {
        s.push_str(&format!(" DOI:{d}."));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(fz: &str, gz: &str, fe: &str, ge: &str) -> Name {
        Name {
            family_zh: fz.into(),
            given_zh: gz.into(),
            family_en: fe.into(),
            given_en: ge.into(),
        }
    }

    #[test]
    fn a_chinese_article_names_authors_in_characters_and_ends_a_long_list_with_deng() {
        let c = Cited {
            chinese: true,
            authors: vec![
                n("李", "华", "Li", "Hua"),
                n("王", "伟", "Wang", "Wei"),
                n("", "", "Smith", "John Paul"),
                n("张", "三", "", ""),
            ],
            title: "同行评议的公平性".into(),
            journal: "示范科学学报".into(),
            year: 2027,
            volume: 12,
            issue: 3,
            pages: "101-108".into(),
            doi: Some("10.12345/j.2027.12.3.001".into()),
        };
        assert_eq!(
            gbt7714(&c),
            "李华, 王伟, SMITH J P, 等. 同行评议的公平性[J]. 示范科学学报, 2027, 12(3): 101-108. DOI:10.12345/j.2027.12.3.001."
        );
    }

    #[test]
    fn an_english_article_writes_family_names_and_initials_and_et_al() {
        let c = Cited {
            chinese: false,
            authors: vec![n("李", "华", "Li", "Hua")],
            title: "Fairness in peer review".into(),
            journal: "Journal of Demonstration Science".into(),
            year: 2027,
            volume: 1,
            issue: 1,
            pages: "e1002".into(),
            doi: None,
        };
        assert_eq!(
            gbt7714(&c),
            "LI H. Fairness in peer review[J]. Journal of Demonstration Science, 2027, 1(1): e1002."
        );
        let many = Cited {
            authors: vec![n("", "", "Shah", "Nihar B."); 4],
            pages: String::new(),
            ..c
        };
        assert!(
            gbt7714(&many).starts_with("SHAH N B, SHAH N B, SHAH N B, et al. Fairness"),
            "{}",
            gbt7714(&many)
        );
        assert!(gbt7714(&many).ends_with("1(1)."));
    }
}
