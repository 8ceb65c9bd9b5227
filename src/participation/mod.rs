//! Participation: registration (forms with capacity, categories, questions and approval;
//! waiting lists; invitations), personal agendas, check-in and feedback.

pub mod agenda;
pub mod checkin;
pub mod feedback;
pub mod qr;
pub mod registration;
pub mod routes;
