//! Conference evaluation routes.

use crate::web::register::Routes;

/// Mounts the evaluation area's API operations and pages.
pub fn routes(r: &mut Routes) {
    super::published::routes::routes(r);
    super::systems::routes::routes(r);
    super::rounds::routes::routes(r);
    super::self_report::routes::routes(r);
    super::ballots::routes::routes(r);
    super::results::routes::routes(r);
    super::notice::routes::routes(r);
    super::report::routes::routes(r);
}
