//! Peer review: programme committees, conflicts, bids, affinity, the reviewer-assignment
//! solver, review forms, the review phase, reviews, discussion and decisions.

pub mod affinity;
pub mod assign;
pub mod assign_command;
pub mod assignment;
pub mod bids;
pub mod committee;
pub mod conflicts;
pub mod decisions;
pub mod discussion;
pub mod expertise;
pub mod forms;
pub mod matcher_files;
pub mod phases;
pub mod responses;
pub mod reviews;
pub mod routes;
pub mod settings;
