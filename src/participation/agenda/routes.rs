//! Agenda routes.

use crate::web::register::Routes;

/// Mounts the agenda's API operations and pages.
pub fn routes(_r: &mut Routes) {}
