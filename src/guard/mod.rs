//! Authorization, in one shape for every area: `policy` holds the rules as pure functions of
//! facts (is author, is conflicted, role, assignment), `paper` and `venue` load those facts
//! inside the action's own transaction and answer 404 where the user has no business;
//! `edition` does the same for catalogue committees and expert panels, `register` for those
//! who keep the journals register, `journal` for a journal's editorial office, `checkin` for a venue's check-in desk (chairs and helpers), `salon` for a salon's lead
//! scientists and chairs, `society` for a society's staff, `contest` for contest judges. The areas' own `policy` modules re-export from here.
//! Handlers never decide access themselves; they ask here.

pub mod checkin;
pub mod contest;
pub mod edition;
pub mod evaluation;
pub mod journal;
pub mod paper;
pub mod policy;
pub mod register;
pub mod salon;
pub mod society;
pub mod venue;

pub use paper::{PaperAccess, committee_paper, paper, paper_for};
pub use policy::{PaperAction, Relation};
pub use venue::{Chair, as_chair, chair};
