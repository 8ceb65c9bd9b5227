//! Registration routes.

use crate::web::register::Routes;

/// Mounts registration's API operations and pages.
pub fn routes(_r: &mut Routes) {}
