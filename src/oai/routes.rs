//! The OAI-PMH endpoint's routes.

use crate::web::register::Routes;

/// Mounts `/oai`, GET and POST.
pub fn routes(r: &mut Routes) {
    r.get("/oai", super::endpoint::get);
    r.post("/oai", super::endpoint::post);
}
