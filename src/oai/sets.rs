//! The repository's sets: `journal` with a subset per journal (`journal:<slug>`), and
//! `proceedings` with a subset per venue whose volume is published (`proceedings:<venue>`).

use super::model::SetInfo;

/// The journals' top set.
pub const JOURNAL: &str = "journal";
/// The proceedings' top set.
pub const PROCEEDINGS: &str = "proceedings";

/// The top sets and then `subsets` (each in its top set), as ListSets shows them.
pub fn all(subsets: Vec<SetInfo>) -> Vec<SetInfo> {
    let mut out = vec![
        SetInfo {
            spec: JOURNAL.into(),
            name_zh: "期刊论文".into(),
            name_en: "Journal articles".into(),
        },
        SetInfo {
            spec: PROCEEDINGS.into(),
            name_zh: "会议论文集".into(),
            name_en: "Conference proceedings".into(),
        },
    ];
    out.extend(subsets);
    out
}

/// A set's one name (the protocol has one `setName`): English, with the Chinese name after it
/// where the two differ.
pub fn name(s: &SetInfo) -> String {
    match (s.name_en.trim(), s.name_zh.trim()) {
        ("", zh) => zh.to_string(),
        (en, "") => en.to_string(),
        (en, zh) if en == zh => en.to_string(),
        (en, zh) => format!("{en} ({zh})"),
    }
}

/// Whether `spec` names a set of this repository's kind (`journal`, `proceedings`, or one of
/// their subsets): anything else can only be an empty list.
pub fn is_known(spec: &str) -> bool {
    let top = spec.split(':').next().unwrap_or_default();
    top == JOURNAL || top == PROCEEDINGS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_in_both_languages() {
        let s = |zh: &str, en: &str| SetInfo {
            spec: "journal:x".into(),
            name_zh: zh.into(),
            name_en: en.into(),
        };
        assert_eq!(name(&s("演示学报", "Demo Journal")), "Demo Journal (演示学报)");
        assert_eq!(name(&s("演示学报", "")), "演示学报");
        assert_eq!(name(&s("", "Demo Journal")), "Demo Journal");
        assert!(is_known("journal:issn-2049-3630") && is_known("proceedings") && !is_known("books"));
    }
}
