//! DOIs of a journal's articles: a registrant prefix (`10.12345`) and a pattern such as
//! `{prefix}/{journal}.{year}.{volume}.{issue}.{seq:03}`, checked when the editors save it and
//! filled in when an article is scheduled. Pure: no I/O.
//!
//! The rendered DOI must be one Crossref accepts (its schema's `doi_t`: `10.` and 4 to 9
//! digits, `/`, then 1 to 200 characters); the suffix is kept to the characters Crossref
//! recommends (letters, digits and `-._;()/`), so it needs no escaping in a URL.

/// The pattern a journal gets until its editors change it.
pub const DEFAULT_PATTERN: &str = "{prefix}/{journal}.{year}.{volume}.{issue}.{seq:03}";

/// Longest DOI suffix Crossref takes.
const MAX_SUFFIX: usize = 200;

/// What a DOI is made from, for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoiParts<'a> {
    /// Registrant prefix, `10.NNNN`.
    pub prefix: &'a str,
    /// The journal's URL name.
    pub journal: &'a str,
    /// Year of the issue.
    pub year: i32,
    /// Volume.
    pub volume: i32,
    /// Issue number within the volume.
    pub issue: i32,
    /// The article's place in the issue, from 1.
    pub seq: i32,
    /// The article's id: unique even across issues.
    pub article: i64,
}

/// Why a prefix or pattern is refused (each is a message key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoiError {
    /// Not `10.` followed by 4 to 9 digits.
    Prefix,
    /// Does not start with `{prefix}/`.
    Start,
    /// A `{...}` that is not a known placeholder, or is left open.
    Placeholder,
    /// Neither `{seq}` nor `{article}`: two articles would get the same DOI.
    NotUnique,
    /// A character Crossref does not recommend in a DOI suffix.
    Character,
    /// The suffix would be longer than Crossref takes.
    TooLong,
}

impl DoiError {
    /// The message key.
    pub fn key(self) -> &'static str {
        match self {
            DoiError::Prefix => "journal_setup.doi_prefix_invalid",
            DoiError::Start => "journal_setup.doi_pattern_start",
            DoiError::Placeholder => "journal_setup.doi_pattern_placeholder",
            DoiError::NotUnique => "journal_setup.doi_pattern_unique",
            DoiError::Character => "journal_setup.doi_pattern_character",
            DoiError::TooLong => "journal_setup.doi_too_long",
        }
    }
}

/// Whether `prefix` is a DOI registrant prefix: `10.` followed by 4 to 9 digits.
pub fn check_prefix(prefix: &str) -> Result<(), DoiError> {
    let digits = prefix.strip_prefix("10.").ok_or(DoiError::Prefix)?;
    if (4..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(DoiError::Prefix)
    }
}

fn suffix_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._;()/".contains(c)
}

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    /// A placeholder name and its zero-padding width.
    Field(&'a str, usize),
}

const FIELDS: [&str; 7] = ["prefix", "journal", "year", "volume", "issue", "seq", "article"];

fn pieces(pattern: &str) -> Result<Vec<Piece<'_>>, DoiError> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            if rest[..open].contains('}') {
                return Err(DoiError::Placeholder);
            }
            out.push(Piece::Text(&rest[..open]));
        }
        let close = rest[open..].find('}').ok_or(DoiError::Placeholder)? + open;
        let inner = &rest[open + 1..close];
        let (name, width) = match inner.split_once(':') {
            Some((n, w)) => {
                // `{seq:3}` and `{seq:03}` both pad to three digits.
                let width = match w.len() {
                    1 | 2 if w.bytes().all(|b| b.is_ascii_digit()) => w.parse::<usize>().unwrap_or(0),
                    _ => 0,
                };
                if !(1..=9).contains(&width) {
                    return Err(DoiError::Placeholder);
                }
                (n, width)
            }
            None => (inner, 0),
        };
        if !FIELDS.contains(&name) || (width > 0 && matches!(name, "prefix" | "journal")) {
            return Err(DoiError::Placeholder);
        }
        out.push(Piece::Field(name, width));
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(DoiError::Placeholder);
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// Checks a pattern: it starts with `{prefix}/`, names only known placeholders, makes every
/// article's DOI different (`{seq}` or `{article}`) and uses only recommended characters.
pub fn check_pattern(pattern: &str) -> Result<(), DoiError> {
    let Some(after) = pattern.strip_prefix("{prefix}/") else {
        return Err(DoiError::Start);
    };
    let ps = pieces(after)?;
    if ps.iter().any(|p| matches!(p, Piece::Field("prefix", _))) {
        return Err(DoiError::Placeholder);
    }
    if !ps.iter().any(|p| matches!(p, Piece::Field("seq" | "article", _))) {
        return Err(DoiError::NotUnique);
    }
    if ps.iter().any(|p| matches!(p, Piece::Text(t) if !t.chars().all(suffix_char))) {
        return Err(DoiError::Character);
    }
    if ps.is_empty() {
        return Err(DoiError::NotUnique);
    }
    Ok(())
}

/// The DOI of one article. The journal's URL name is used as written (lower-case letters,
/// digits and dashes); numbers are padded to the width a placeholder asks for.
pub fn render(pattern: &str, parts: &DoiParts) -> Result<String, DoiError> {
    check_prefix(parts.prefix)?;
    check_pattern(pattern)?;
    let after = &pattern["{prefix}/".len()..];
    let mut suffix = String::new();
    for p in pieces(after)? {
        match p {
            Piece::Text(t) => suffix.push_str(t),
            Piece::Field(name, width) => {
                let text = match name {
                    "journal" => parts.journal.to_string(),
                    "year" => parts.year.to_string(),
                    "volume" => parts.volume.to_string(),
                    "issue" => parts.issue.to_string(),
                    "seq" => parts.seq.to_string(),
                    "article" => parts.article.to_string(),
                    _ => return Err(DoiError::Placeholder),
                };
                suffix.push_str(&format!("{text:0>width$}"));
            }
        }
    }
    if !suffix.chars().all(suffix_char) {
        return Err(DoiError::Character);
    }
    if suffix.is_empty() || suffix.chars().count() > MAX_SUFFIX {
        return Err(DoiError::TooLong);
    }
    Ok(format!("{}/{}", parts.prefix, suffix))
}

/// An example DOI for the set-up page, from the journal's name and the current year.
pub fn example(pattern: &str, prefix: &str, journal: &str, year: i32) -> Option<String> {
    render(
        pattern,
        &DoiParts {
            prefix,
            journal,
            year,
            volume: 12,
            issue: 3,
            seq: 7,
            article: 1234,
        },
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(prefix: &str) -> DoiParts<'_> {
        DoiParts {
            prefix,
            journal: "jcs",
            year: 2027,
            volume: 12,
            issue: 3,
            seq: 7,
            article: 1234,
        }
    }

    #[test]
    fn prefixes_are_ten_dot_four_to_nine_digits() {
        for (p, ok) in [
            ("10.1234", true),
            ("10.123456789", true),
            ("10.123", false),
            ("10.1234567890", false),
            ("10.12a4", false),
            ("11.1234", false),
            ("10.1234/", false),
            ("", false),
        ] {
            assert_eq!(check_prefix(p).is_ok(), ok, "{p}");
        }
    }

    #[test]
    fn the_default_pattern_fills_and_pads() {
        assert_eq!(render(DEFAULT_PATTERN, &parts("10.12345")).unwrap(), "10.12345/jcs.2027.12.3.007");
        assert_eq!(
            render("{prefix}/{journal}-{article}", &parts("10.12345")).unwrap(),
            "10.12345/jcs-1234"
        );
        assert_eq!(
            render("{prefix}/j.{year}({issue}){seq:4}", &parts("10.12345")).unwrap(),
            "10.12345/j.2027(3)0007"
        );
    }

    #[test]
    fn bad_patterns_say_why() {
        for (pattern, err) in [
            ("{journal}.{seq}", DoiError::Start),
            ("10.1234/{seq}", DoiError::Start),
            ("{prefix}/{journal}.{year}", DoiError::NotUnique),
            ("{prefix}/{journal}.{page}", DoiError::Placeholder),
            ("{prefix}/{journal}.{seq", DoiError::Placeholder),
            ("{prefix}/{journal}}.{seq}", DoiError::Placeholder),
            ("{prefix}/{journal:3}.{seq}", DoiError::Placeholder),
            ("{prefix}/{seq:x}", DoiError::Placeholder),
            ("{prefix}/{seq:0}", DoiError::Placeholder),
            ("{prefix}/{seq:10}", DoiError::Placeholder),
            ("{prefix}/{seq:003}", DoiError::Placeholder),
            ("{prefix}/{prefix}{seq}", DoiError::Placeholder),
            ("{prefix}/a b.{seq}", DoiError::Character),
            ("{prefix}/文章.{seq}", DoiError::Character),
            ("{prefix}/a?{seq}", DoiError::Character),
        ] {
            assert_eq!(check_pattern(pattern), Err(err), "{pattern}");
        }
        assert_eq!(check_pattern(DEFAULT_PATTERN), Ok(()));
    }

    #[test]
    fn a_rendered_doi_fits_crossref() {
        let long = format!("{{prefix}}/{}{{seq}}", "a".repeat(200));
        assert_eq!(render(&long, &parts("10.12345")), Err(DoiError::TooLong));
        assert_eq!(render(DEFAULT_PATTERN, &parts("10.12")), Err(DoiError::Prefix));
        let doi = render(DEFAULT_PATTERN, &parts("10.123456789")).unwrap();
        let (prefix, suffix) = doi.split_once('/').unwrap();
        assert!(check_prefix(prefix).is_ok() && (1..=200).contains(&suffix.len()));
    }
}
