//! Family and given names from names written whole (pure), for conference authors, who give
//! one name in characters and one in Latin script. Chinese names put the family name first;
//! the two-character family names (复姓) in `COMPOUND` are recognised, and a transliterated
//! foreign name (`约翰·史密斯`) has its family name last. A Latin name is split at a comma
//! (`Li, Hua`), else at a word written in capitals (`LI Hua`, `Hua LI`), else by order: family
//! name first for authors who also have a name in characters (as Chinese authors write their
//! names in pinyin), last for everyone else (`Maria Rossi`).

use super::Person;

/// Two-character family names.
const COMPOUND: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯", "轩辕", "端木", "独孤",
    "南宫", "西门", "百里", "呼延", "万俟", "闻人", "赫连", "澹台", "公冶", "宗政", "濮阳", "太叔", "申屠", "钟离", "拓跋", "司空",
];

/// (family, given) of a name in characters.
pub fn split_zh(name: &str) -> (String, String) {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((given, family)) = name.rsplit_once(['·', '•', '・']) {
        return (family.to_string(), given.to_string());
    }
    let count = name.chars().count();
    if count <= 1 {
        return (name, String::new());
    }
    let take = if count > 2 && COMPOUND.iter().any(|c| name.starts_with(c)) {
        2
    } else {
        1
    };
    let family: String = name.chars().take(take).collect();
    let given: String = name.chars().skip(take).collect();
    (family, given)
}

/// `LI` → `Li` (a family name written in capitals to mark it).
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
}

fn all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && word.chars().all(|c| !c.is_lowercase())
}

/// (family, given) of a name in Latin script; `family_first` says the order when nothing in
/// the name marks the family name.
pub fn split_latin(name: &str, family_first: bool) -> (String, String) {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((family, given)) = name.split_once(',') {
        return (family.trim().to_string(), given.trim().to_string());
    }
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 2 {
        return (name, String::new());
    }
    let caps: Vec<bool> = words.iter().map(|w| all_caps(w)).collect();
    if caps.iter().filter(|c| **c).count() == 1 {
        let i = caps.iter().position(|c| *c).unwrap_or(0);
        let given: Vec<&str> = words.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, w)| *w).collect();
        return (capitalised(words[i]), given.join(" "));
    }
    if family_first {
        (words[0].to_string(), words[1..].join(" "))
    } else {
        (words[words.len() - 1].to_string(), words[..words.len() - 1].join(" "))
    }
}

/// A person from a name in characters and a name in Latin script, either possibly empty.
pub fn person(name_zh: &str, name_latin: &str) -> Person {
    let (family_zh, given_zh) = split_zh(name_zh);
    let (family_en, given_en) = split_latin(name_latin, !family_zh.is_empty());
    Person {
        family_zh,
        given_zh,
        family_en,
        given_en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_split_after_the_family_name_compound_ones_included() {
        assert_eq!(split_zh("李华"), ("李".into(), "华".into()));
        assert_eq!(split_zh("王小明"), ("王".into(), "小明".into()));
        assert_eq!(split_zh("欧阳修"), ("欧阳".into(), "修".into()));
        assert_eq!(split_zh("司马相如"), ("司马".into(), "相如".into()));
        // Two characters are a family name and a given name, even when they could be a 复姓.
        assert_eq!(split_zh("司马"), ("司".into(), "马".into()));
        assert_eq!(split_zh("约翰·史密斯"), ("史密斯".into(), "约翰".into()));
        assert_eq!(split_zh(""), (String::new(), String::new()));
    }

    #[test]
    fn latin_names_split_at_a_comma_a_capitalised_word_or_by_order() {
        assert_eq!(split_latin("Li, Hua", false), ("Li".into(), "Hua".into()));
        assert_eq!(split_latin("Hua LI", false), ("Li".into(), "Hua".into()));
        assert_eq!(split_latin("LI Hua", false), ("Li".into(), "Hua".into()));
        assert_eq!(split_latin("Li Hua", true), ("Li".into(), "Hua".into()));
        assert_eq!(split_latin("Maria  Rossi", false), ("Rossi".into(), "Maria".into()));
        assert_eq!(split_latin("John Paul Smith", false), ("Smith".into(), "John Paul".into()));
        assert_eq!(split_latin("Plato", false), ("Plato".into(), String::new()));
    }

    #[test]
    fn a_person_with_a_chinese_name_writes_pinyin_family_name_first() {
        assert_eq!(
            person("李华", "Li Hua"),
            crate::formats::citation::samples::p("李", "华", "Li", "Hua")
        );
        assert_eq!(
            person("", "Maria Rossi"),
            crate::formats::citation::samples::p("", "", "Rossi", "Maria")
        );
    }
}
