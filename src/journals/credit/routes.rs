//! Reviewer credit routes.

use crate::web::register::Routes;

/// Mounts the credit page, certificates and API.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{credit});
    r.get("/me/reviews", super::pages::list);
    r.get("/me/reviews/{journal}/certificate.pdf", super::pages::certificate);
    r.get("/review/{token}/certificate.pdf", super::pages::by_token);
}
