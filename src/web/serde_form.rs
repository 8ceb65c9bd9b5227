//! Deserialising numbers that come as text from HTML forms and as numbers from JSON.

use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrText {
    Num(i64),
    Text(String),
}

/// An optional whole number: JSON number or null, or form text (empty means none).
pub fn opt_i32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    match Option::<NumOrText>::deserialize(d)? {
        None => Ok(None),
        Some(NumOrText::Num(n)) => i32::try_from(n).map(Some).map_err(serde::de::Error::custom),
        Some(NumOrText::Text(t)) if t.trim().is_empty() => Ok(None),
        Some(NumOrText::Text(t)) => t
            .trim()
            .parse::<i32>()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("`{t}` is not a whole number"))),
    }
}
