//! Whether a country as typed means mainland China (pure). Authors' and profiles' countries are
//! free text ("CN", "中国", "China", "P. R. China"); registrations hold ISO codes. 境外
//! (outside the mainland) includes Hong Kong, Macao and Taiwan, as in Chinese statistics.

/// `Some(true)` for mainland China, `Some(false)` for anywhere else, `None` when nothing is
/// given (such people count as unknown, not as international).
pub fn mainland(country: &str) -> Option<bool> {
    let c: String = country
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',' | '\'' | '’' | '(' | ')' | '（' | '）'))
        .flat_map(char::to_lowercase)
        .collect();
    if c.is_empty() {
        return None;
    }
    Some(matches!(
        c.as_str(),
        "cn" | "chn"
            | "china"
            | "prc"
            | "prchina"
            | "peoplesrepublicofchina"
            | "mainlandchina"
            | "中国"
            | "中國"
            | "中华人民共和国"
            | "中國大陸"
            | "中国大陆"
            | "中国内地"
    ))
}

#[cfg(test)]
mod tests {
    use super::mainland;

    #[test]
    fn the_ways_of_writing_china_are_recognised_and_regions_outside_the_mainland_are_not() {
        for c in [
            "CN",
            "cn",
            " 中国 ",
            "China",
            "P. R. China",
            "People's Republic of China",
            "中华人民共和国",
        ] {
            assert_eq!(mainland(c), Some(true), "{c}");
        }
        for c in ["HK", "Hong Kong", "TW", "中国香港", "Italy", "GB", "United Kingdom"] {
            assert_eq!(mainland(c), Some(false), "{c}");
        }
        assert_eq!(mainland("  "), None);
    }
}
