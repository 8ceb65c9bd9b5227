//! Who may do what with a venue: the rules live in `guard::venue`.

pub use crate::guard::venue::{may_create, may_manage, may_see, require_manage, visible};
