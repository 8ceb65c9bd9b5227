//! Personal agendas: starred sessions and talks of a published programme, private iCal feeds,
//! and the anonymous star counts organisers and the scheduler read.

pub mod routes;
