//! E-mail addresses.

use serde::Serialize;

/// A normalised (trimmed, lower-case) e-mail address that is plain visible ASCII, so no
/// look-alike letters from other scripts (Cyrillic `а` for Latin `a`) and no invisible or
/// control characters; internationalised domains are accepted in their `xn--` form, which
/// shows what they are. The domain has a dot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// The address `text` holds, trimmed and lower-cased, if it is acceptable.
    pub fn parse(text: &str) -> Option<Email> {
        let e = text.trim().to_lowercase();
        let ok = e.len() <= 254
            && e.bytes().all(|b| b.is_ascii_graphic())
            && email_address::EmailAddress::is_valid(&e)
            && e.rsplit('@').next().is_some_and(|domain| domain.contains('.'));
        ok.then_some(Email(e))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}
