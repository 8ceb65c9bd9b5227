//! The four-step bid scale.

use serde::{Deserialize, Serialize};

/// How much a member wants to review a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bid {
    /// Would love to review it.
    Eager,
    /// Happy to.
    Willing,
    /// If nobody else can.
    InAPinch,
    /// Please not.
    NotWilling,
}

impl Bid {
    /// Every value, most eager first.
    pub const ALL: [Bid; 4] = [Bid::Eager, Bid::Willing, Bid::InAPinch, Bid::NotWilling];

    /// Stored number: 2, 1, -1, -2.
    pub fn value(self) -> i32 {
        match self {
            Bid::Eager => 2,
            Bid::Willing => 1,
            Bid::InAPinch => -1,
            Bid::NotWilling => -2,
        }
    }

    /// From the stored number.
    pub fn from_value(v: i32) -> Option<Bid> {
        Bid::ALL.into_iter().find(|b| b.value() == v)
    }

    /// The code used in forms and the API.
    pub fn code(self) -> &'static str {
        match self {
            Bid::Eager => "eager",
            Bid::Willing => "willing",
            Bid::InAPinch => "in_a_pinch",
            Bid::NotWilling => "not_willing",
        }
    }

    /// From a form or API code; empty or `none` means no bid; anything else is a field error.
    pub fn parse(code: &str) -> Result<Option<Bid>, crate::error::AppError> {
        match code.trim() {
            "" | "none" => Ok(None),
            c => Bid::ALL
                .into_iter()
                .find(|b| b.code() == c)
                .map(Some)
                .ok_or_else(|| crate::error::AppError::field("bid", "validation.bid_invalid")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_values_round_trip() {
        for b in Bid::ALL {
            assert_eq!(Bid::parse(b.code()).unwrap(), Some(b));
            assert_eq!(Bid::from_value(b.value()), Some(b));
        }
        assert_eq!(Bid::parse("none").unwrap(), None);
        assert!(Bid::parse("maybe").is_err());
    }
}
