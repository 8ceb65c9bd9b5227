//! URL names (venues, tracks, catalogue editions, subject fields).

use serde::Serialize;

/// A URL name: 2–60 lower-case ASCII letters, digits and inner hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// The slug `text` spells, if it is one (no trimming or case folding: callers decide).
    pub fn parse(text: &str) -> Option<Slug> {
        let ok = (2..=60).contains(&text.len())
            && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !text.starts_with('-')
            && !text.ends_with('-');
        ok.then(|| Slug(text.to_string()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Slug;

    #[test]
    fn only_lower_case_letters_digits_and_inner_hyphens_make_a_slug() {
        for (text, ok) in [
            ("annual-2026", true),
            ("ai", true),
            ("a", false),
            ("Annual", false),
            ("annual 2026", false),
            ("-annual", false),
            ("annual-", false),
            ("年会", false),
            ("annual_2026", false),
            (&"x".repeat(60), true),
            (&"x".repeat(61), false),
        ] {
            assert_eq!(Slug::parse(text).is_some(), ok, "{text:?}");
        }
        assert_eq!(Slug::parse("ysf-2026").unwrap().to_string(), "ysf-2026");
    }
}
