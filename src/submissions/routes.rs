//! Submissions and their files: every route of the area, registered once (see `web::register`).

use crate::web::register::Routes;

/// Mounts the area's API operations and pages.
pub fn routes(r: &mut Routes) {
    crate::api!(r, super::api::{create, for_venue, get, update, withdraw, mine, awaiting, confirm_authorship, public_paper, set_pdf_public});
    r.get("/venues/{slug}/submit", super::pages::new_form);
    r.post("/venues/{slug}/submit", super::pages::create);
    r.get("/venues/{slug}/submissions", super::pages::table);
    r.get("/venues/{slug}/submissions.csv", super::pages::export_csv);
    r.get("/venues/{slug}/submissions.xlsx", super::pages::export_xlsx);
    r.get("/venues/{slug}/submissions.zip", super::pages::export_zip);
    r.get("/venues/{slug}/papers/{number}", super::pages::public_paper);
    r.get("/venues/{slug}/papers/{number}/paper.pdf", super::pages::public_pdf);
    r.get("/venues/{slug}/papers/{number}/cite.{format}", super::pages::public_cite);
    r.get("/submissions/{id}", super::pages::show);
    r.get("/submissions/{id}/edit", super::pages::edit_form);
    r.post("/submissions/{id}/edit", super::pages::update);
    r.post("/submissions/{id}/withdraw", super::pages::withdraw);
    r.post("/submissions/{id}/authorship", super::pages::confirm_authorship);
    r.post("/submissions/{id}/extension", super::pages::extension);
    r.post("/submissions/{id}/public-pdf", super::pages::set_pdf_public);
    r.get("/submissions/{id}/files/{file_id}", super::pages::download);
    r.get("/dashboard", super::pages::dashboard);
}
