//! What an expert panel round shares, whatever it judges: the phases a round moves through,
//! conflicts the experts declare, objections during public notice (公示) and the audit log.
//! A catalogue edition judges journals; an evaluation round judges conferences. A round is
//! named by its kind and id, and what it judges is its subject; each round's own code checks
//! that a subject belongs to it.

pub mod audit;
pub mod conflicts;
pub mod members;
pub mod objections;
pub mod phases;

use crate::error::{AppError, AppResult};

/// The longest reason (for a nomination, conflict, objection or decision), in characters.
pub const MAX_REASON: usize = 2000;

/// Checks a written reason: required, at most [`MAX_REASON`] characters, printable.
pub fn reason(text: &str) -> AppResult<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AppError::field("reason", "validation.reason_required"));
    }
    if t.chars().count() > MAX_REASON {
        return Err(AppError::field("reason", "validation.too_long"));
    }
    crate::text::require("reason", t, true)?;
    Ok(t.to_string())
}

crate::text_enum! {
    /// Which kind of round a panel row belongs to.
    pub enum RoundKind {
        /// A tiered catalogue's edition; subjects are journals.
        Catalogue = "catalogue",
        /// A conference quality evaluation round; subjects are conferences.
        Evaluation = "evaluation",
    }
}

/// One round: its kind and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Kind.
    pub kind: RoundKind,
    /// The id within the kind's own table.
    pub id: i64,
}

impl Round {
    /// A catalogue edition.
    pub fn catalogue(edition_id: i64) -> Round {
        Round {
            kind: RoundKind::Catalogue,
            id: edition_id,
        }
    }

    /// An evaluation round.
    pub fn evaluation(round_id: i64) -> Round {
        Round {
            kind: RoundKind::Evaluation,
            id: round_id,
        }
    }
}
