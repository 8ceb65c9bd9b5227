//! Salons (新观点新学说学术沙龙) and young scientists' forums: the salon rules, applications
//! and balance, minutes, the annual plan, and forums' speech contests. They reuse venues,
//! registration and programmes rather than keep their own copies.

pub mod contest;
pub mod routes;
