//! Catalogue API: public editions and entries; nominations; the panel's ballot and votes; the
//! committee's rules, phases, panel, indicators, proposal, overrides and audit log.
//!
//! One file per resource; every handler is re-exported here, so routes name them as `api::x`.

mod audit;
mod ballots;
mod editions;
mod exports;
mod indicators;
mod nominations;
mod objections;
mod panel;
mod proposal;
mod proposals;

pub use audit::*;
pub use ballots::*;
pub use editions::*;
pub use exports::*;
pub use indicators::*;
pub use nominations::*;
pub use objections::*;
pub use panel::*;
pub use proposal::*;
pub use proposals::*;
