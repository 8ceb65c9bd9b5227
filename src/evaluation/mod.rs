//! Conference quality evaluation (学术会议质量评估) and demonstrative conferences (示范性会议).
//!
//! Built so far: the pure core — the default indicator system ([`defaults`]), turning figures
//! into scores ([`normalise`]), weighted totals, dimensions, grades and ranks ([`aggregate`]),
//! rank intervals under perturbed weights with the committee's what-if ([`robustness`]), and
//! the platform metrics computed from a conference's own records ([`metrics`]), and indicator
//! systems kept in versions ([`systems`]).
//! Rounds, computed metrics, expert ballots, notice and reports build on these (see
//! `docs/ARCHITECTURE.md`, "Conference quality evaluation").

pub mod aggregate;
pub mod ballots;
pub mod defaults;
pub mod demo;
pub mod metrics;
pub mod normalise;
pub mod notice;
pub mod published;
pub mod report;
pub mod results;
pub mod robustness;
pub mod rounds;
pub mod routes;
pub mod self_report;
pub mod systems;
