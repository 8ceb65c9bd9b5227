//! Registration: forms of a venue, track or session, registrations with capacity and a
//! waiting list, invitations, the organisers' list and exports.

pub mod routes;
