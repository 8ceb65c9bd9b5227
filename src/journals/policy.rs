//! Who may change the journals register: the rules live in `guard::register`.

pub use crate::guard::register::{may_manage, require_manage};
