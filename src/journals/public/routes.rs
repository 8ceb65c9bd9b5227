//! The public journal site's routes.

use crate::web::register::Routes;

/// Mounts the public site's pages.
pub fn routes(r: &mut Routes) {
    r.get("/j/{slug}", super::pages::home);
    r.get("/j/{slug}/archive", super::pages::archive);
    r.get("/j/{slug}/issues/{volume}/{number}", super::pages::issue);
    r.get("/j/{slug}/issues/{volume}/{number}/cover", super::pages::cover);
    r.get("/j/{slug}/articles/{id}", super::pages::article);
    r.get("/j/{slug}/articles/{id}/galleys/{galley}", super::pages::galley);
    r.get("/j/{slug}/articles/{id}/cite.{format}", super::pages::cite);
    r.get("/j/{slug}/articles/{id}/jats.xml", super::pages::jats);
}
