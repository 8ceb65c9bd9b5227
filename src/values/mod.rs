//! Values that recur across areas, parsed once into types that can only hold a valid value
//! (parse, don't validate): URL names and e-mail addresses. ISSNs live in
//! `journals::identifiers`, deadlines in `venues::deadline`. Pure, no I/O.

mod email;
mod slug;

pub use email::Email;
pub use slug::Slug;
