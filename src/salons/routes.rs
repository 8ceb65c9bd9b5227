//! Salons and forums: every route of the area, registered once (see `web::register`), one
//! capability after the other.

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    super::contest::routes::routes(r);
}
