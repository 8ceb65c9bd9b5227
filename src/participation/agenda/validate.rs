//! The agenda API's input: which kind of item a star is on, parsed into [`ItemKind`].

use serde::Deserialize;

use super::model::ItemKind;
use crate::error::{AppError, AppResult};

/// A star on a session or talk (the item's GUID is in the address).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct AgendaStarInput {
    /// `session` or `talk`.
    #[serde(default)]
    pub kind: String,
}

/// The kind named by the input; an unknown one is an error on `kind`.
pub fn kind(input: &AgendaStarInput) -> AppResult<ItemKind> {
    ItemKind::parse(input.kind.trim()).ok_or_else(|| AppError::field("kind", "agenda.kind_invalid"))
}

/// A GUID as the programme makes them (a UUID); anything else cannot be an item.
pub fn guid(text: &str) -> AppResult<String> {
    uuid::Uuid::parse_str(text.trim())
        .map(|u| u.to_string())
        .map_err(|_| AppError::field("guid", "agenda.not_in_programme"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_guids_are_parsed() {
        let input = |k: &str| AgendaStarInput { kind: k.into() };
        assert_eq!(kind(&input("talk")).unwrap(), ItemKind::Talk);
        assert_eq!(kind(&input(" session ")).unwrap(), ItemKind::Session);
        assert!(matches!(kind(&input("paper")), Err(AppError::Validation { fields }) if fields.contains_key("kind")));
        assert!(guid("not-a-guid").is_err());
        assert_eq!(
            guid("6BA7B810-9DAD-11D1-80B4-00C04FD430C8").unwrap(),
            "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
        );
    }
}
