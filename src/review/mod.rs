//! Peer review: programme committees (invitations), and the reviewer-assignment solver.
//! Conflicts, bids, reviews, discussion and decisions build on these.

pub mod affinity;
pub mod assign;
pub mod assign_command;
pub mod assignment;
pub mod bids;
pub mod committee;
pub mod conflicts;
pub mod expertise;
pub mod matcher_files;
pub mod settings;
