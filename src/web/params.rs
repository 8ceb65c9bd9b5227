//! Query parameters typed as text, checked with errors that name the parameter.

use crate::error::FieldErrors;

/// Parses an optional number within `min..=max`; empty means None, anything else records `key`
/// against `name` in `f`.
pub fn number<T: std::str::FromStr + PartialOrd>(
    v: &Option<String>,
    name: &str,
    min: T,
    max: T,
    key: &str,
    f: &mut FieldErrors,
) -> Option<T> {
    let raw = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    match raw.parse::<T>() {
        Ok(n) if n >= min && n <= max => Some(n),
        _ => {
            f.insert(name.into(), key.into());
            None
        }
    }
}
