//! Check-in input: a code as printed or scanned, the optional session, and a helper's address.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};

/// A code to check in (from the QR code or typed from the badge).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CheckinInput {
    /// The registration's check-in code (16 letters and digits; spaces and dashes are ignored).
    #[serde(default)]
    pub code: String,
    /// A session's GUID of the latest programme release, to check in to that session; empty or
    /// absent for the event itself (once per day).
    #[serde(default)]
    pub session: Option<String>,
}

/// A person to make a check-in helper, by the address of their account.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CheckinHelperInput {
    /// Their account's e-mail address.
    #[serde(default)]
    pub email: String,
}

/// The code in its stored form (16 upper-case hex digits), from what a person typed or a
/// scanner read; anything else is an error on `code`.
pub fn code(text: &str) -> AppResult<String> {
    let c: String = text
        .chars()
        .filter(|ch| !ch.is_whitespace() && *ch != '-')
        .map(|ch| ch.to_ascii_uppercase())
        .collect();
    if c.is_empty() {
        return Err(AppError::field("code", "checkin.code_missing"));
    }
    if c.len() != 16 || !c.chars().all(|ch| ch.is_ascii_hexdigit()) {
        return Err(AppError::field("code", "checkin.code_format"));
    }
    Ok(c)
}

/// The session asked for: `None` for the event, else a GUID (an error on `session` otherwise).
pub fn session(text: Option<&str>) -> AppResult<Option<String>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => uuid::Uuid::parse_str(t)
            .map(|u| Some(u.to_string()))
            .map_err(|_| AppError::field("session", "checkin.unknown_session")),
    }
}

/// A helper's address, well formed.
pub fn helper(input: &CheckinHelperInput) -> AppResult<String> {
    crate::values::Email::parse(input.email.trim())
        .map(|e| e.as_str().to_string())
        .ok_or_else(|| AppError::field("email", "checkin.helper_email"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_printed_or_typed() {
        assert_eq!(code(" 0a1b-2c3d 4e5f-6071 ").unwrap(), "0A1B2C3D4E5F6071");
        for bad in ["", "  ", "0A1B2C3D", "0A1B2C3D4E5F607Z", "0A1B2C3D4E5F60711"] {
            assert!(code(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn a_session_is_a_guid_or_nothing() {
        assert_eq!(session(None).unwrap(), None);
        assert_eq!(session(Some(" ")).unwrap(), None);
        assert!(session(Some("room-1")).is_err());
        assert!(session(Some("6ba7b810-9dad-11d1-80b4-00c04fd430c8")).unwrap().is_some());
    }
}
