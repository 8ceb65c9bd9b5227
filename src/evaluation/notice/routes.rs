//! Notice routes.

use crate::web::register::Routes;

/// Mounts the objections' API operations and forms.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{list, file, decide});
    r.post("/evaluation/{slug}/objections", super::pages::file);
    r.post("/evaluation/{slug}/objections/{id}/decision", super::pages::decide);
}
